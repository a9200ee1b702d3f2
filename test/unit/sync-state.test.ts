/** The runner's time service, read through a fake command runner. */
import { describe, expect, it } from 'vitest';
import {
  type CommandResult,
  type RunCommand,
  readSyncState,
} from '../../src/clock/sync-state.js';

/** Answers by "file args"; an unknown command is not installed (rejects like ENOENT). */
function commands(table: Record<string, Partial<CommandResult>>): RunCommand {
  return async (file, args, timeoutMs) => {
    expect(timeoutMs).toBeLessThanOrEqual(2000);
    const hit = table[[file, ...args].join(' ')];
    if (!hit) throw Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });
    return { code: 0, stdout: '', stderr: '', ...hit };
  };
}

const CHRONY = `Reference ID    : A9FEA97B (169.254.169.123)
Stratum         : 4
System time     : 0.000012345 seconds fast of NTP time
Leap status     : Normal
`;

describe('linux', () => {
  it('chrony synchronised', async () => {
    const s = await readSyncState(
      'linux',
      commands({
        'timedatectl show': { stdout: 'Timezone=UTC\nNTP=yes\nNTPSynchronized=yes\n' },
        'chronyc tracking': { stdout: CHRONY },
      }),
    );
    expect(s).toMatchObject({
      service: 'chrony',
      synchronized: true,
      source: '169.254.169.123',
      fix: 'sudo chronyc makestep',
    });
    expect(s.offsetSeconds).toBeCloseTo(0.000012345, 12);
    expect(s.findings).toHaveLength(2);
  });

  it('chrony not synchronised, clock slow', async () => {
    const s = await readSyncState(
      'linux',
      commands({
        'chronyc tracking': {
          stdout: CHRONY.replace('Normal', 'Not synchronised').replace(
            '0.000012345 seconds fast',
            '12.5 seconds slow',
          ),
        },
      }),
    );
    expect(s.synchronized).toBe(false);
    expect(s.offsetSeconds).toBe(-12.5);
    expect(s.findings).toContain('timedatectl: not available.');
  });

  it('systemd-timesyncd with network time switched off', async () => {
    const s = await readSyncState(
      'linux',
      commands({ 'timedatectl show': { stdout: 'NTP=no\nNTPSynchronized=no\n' } }),
    );
    expect(s).toMatchObject({
      service: 'systemd-timesyncd',
      synchronized: false,
      fix: 'sudo timedatectl set-ntp true',
    });
    expect(s.findings[0]).toBe('timedatectl: network time off, clock not synchronised.');
  });

  it('a container without systemd: a finding, not a failure', async () => {
    const s = await readSyncState(
      'linux',
      commands({
        'timedatectl show': {
          code: 1,
          stderr:
            "System has not been booted with systemd as init system (PID 1). Can't operate.\n",
        },
      }),
    );
    expect(s.service).toBeUndefined();
    expect(s.synchronized).toBeUndefined();
    expect(s.findings[0]).toMatch(/not been booted with systemd.*host's clock/);
    expect(s.fix).toBe('sudo timedatectl set-ntp true');
    expect(s.container).toBe(true);
  });
});

describe('windows', () => {
  it('synchronised from time.windows.com', async () => {
    const s = await readSyncState(
      'win32',
      commands({
        'w32tm /query /status': {
          stdout:
            'Leap Indicator: 0(no warning)\r\nStratum: 4 (secondary reference - syncd by (S)NTP)\r\n' +
            'Last Successful Sync Time: 12/4/2026 4:01:02 AM\r\nSource: time.windows.com,0x9\r\n',
        },
      }),
    );
    expect(s).toMatchObject({
      service: 'w32time',
      synchronized: true,
      source: 'time.windows.com',
      fix: 'w32tm /resync /force',
    });
  });

  it('the time service is stopped', async () => {
    const s = await readSyncState(
      'win32',
      commands({
        'w32tm /query /status': {
          code: 2147943462,
          stdout:
            'The following error occurred: The service has not been started. (0x80070426)\r\n',
        },
      }),
    );
    expect(s.synchronized).toBe(false);
    expect(s.fix).toBe('net start w32time && w32tm /resync /force');
  });

  it('free-running on the local clock', async () => {
    const s = await readSyncState(
      'win32',
      commands({
        'w32tm /query /status': {
          stdout: 'Leap Indicator: 3(not synchronized)\r\nSource: Local CMOS Clock\r\n',
        },
      }),
    );
    expect(s.synchronized).toBe(false);
    expect(s.fix).toContain('/manualpeerlist:time.windows.com');
  });
});

describe('macOS', () => {
  it('network time on', async () => {
    const s = await readSyncState(
      'darwin',
      commands({
        'systemsetup -getusingnetworktime': { stdout: 'Network Time: On\n' },
        'systemsetup -getnetworktimeserver': {
          stdout: 'Network Time Server: time.apple.com\n',
        },
      }),
    );
    expect(s.synchronized).toBeUndefined();
    expect(s.source).toBe('time.apple.com');
    expect(s.fix).toBe('sudo sntp -sS time.apple.com');
  });

  it('network time off', async () => {
    const s = await readSyncState(
      'darwin',
      commands({ 'systemsetup -getusingnetworktime': { stdout: 'Network Time: Off\n' } }),
    );
    expect(s.synchronized).toBe(false);
    expect(s.fix).toBe('sudo systemsetup -setusingnetworktime on');
  });

  it('without administrator access', async () => {
    const s = await readSyncState(
      'darwin',
      commands({
        'systemsetup -getusingnetworktime': {
          code: 1,
          stderr: 'You need administrator access to run this tool... exiting!\n',
        },
      }),
    );
    expect(s.synchronized).toBeUndefined();
    expect(s.findings[0]).toMatch(/needs administrator access/);
  });
});

it('an unknown platform still gets advice', async () => {
  const s = await readSyncState('aix', commands({}));
  expect(s.findings[0]).toContain('aix');
  expect(s.fix).toBeTruthy();
});

describe('time limit', () => {
  it('gives each command no more than the time the run has left', async () => {
    const limits: number[] = [];
    const run: RunCommand = async (_file, _args, timeoutMs) => {
      limits.push(timeoutMs);
      return { code: 0, stdout: '', stderr: '' };
    };
    await readSyncState('linux', run, 350);
    expect(limits).toEqual([350, 350]);
    limits.length = 0;
    await readSyncState('linux', run, 60_000);
    expect(limits).toEqual([2000, 2000]);
  });
});
