/**
 * What the runner's own time service says about its clock, best effort: whether a sync
 * daemon runs and calls the clock synchronised, and the one command that fixes it here.
 * Every command is optional; a missing tool or a refusal is a finding, never a failure.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}
/** Runs a program without a shell; rejects when it cannot be started at all. */
export type RunCommand = (
  file: string,
  args: string[],
  timeoutMs: number,
) => Promise<CommandResult>;

export interface SyncState {
  platform: string;
  /** The time service found: chrony, systemd-timesyncd, w32time, network time. */
  service?: string;
  /** Whether that service calls the clock synchronised; unset when it could not be told. */
  synchronized?: boolean;
  /** Its own view of the system clock against its source, seconds, positive = ahead. */
  offsetSeconds?: number;
  source?: string;
  /** What was found, in words, one line per command. */
  findings: string[];
  /** The one command that fixes the clock on this platform. */
  fix: string;
  /** No init system here, as in most containers: the fix belongs on the host. */
  container?: boolean;
}

const TIMEOUT_MS = 2000;

export const runCommand: RunCommand = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        windowsHide: true,
        maxBuffer: 64 * 1024,
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string') return reject(error); // ENOENT and the like
        resolve({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
  });

export async function readSyncState(
  platform: string,
  run: RunCommand = runCommand,
  timeoutMs = TIMEOUT_MS,
): Promise<SyncState> {
  // The commands of a platform run side by side, so this bounds the whole reading.
  const limitMs = Math.min(TIMEOUT_MS, timeoutMs);
  const tryRun = async (file: string, args: string[]) => {
    try {
      return await run(file, args, limitMs);
    } catch {
      return undefined;
    }
  };
  if (platform === 'linux') return linux(tryRun);
  if (platform === 'win32') return windows(tryRun);
  if (platform === 'darwin') return macos(tryRun);
  return {
    platform,
    findings: [`No time-service check is known for ${platform}.`],
    fix: 'Enable the operating system’s network time synchronisation.',
  };
}

type TryRun = (file: string, args: string[]) => Promise<CommandResult | undefined>;

async function linux(tryRun: TryRun): Promise<SyncState> {
  const state: SyncState = { platform: 'linux', findings: [], fix: '' };
  const [timedatectl, chronyc] = await Promise.all([
    tryRun('timedatectl', ['show']),
    tryRun('chronyc', ['tracking']),
  ]);

  let ntpEnabled: boolean | undefined;
  if (timedatectl?.code === 0) {
    const fields = keyValues(timedatectl.stdout, '=');
    ntpEnabled = yes(fields.NTP);
    const synced = yes(fields.NTPSynchronized);
    if (synced !== undefined) state.synchronized = synced;
    state.findings.push(
      `timedatectl: network time ${ntpEnabled === undefined ? 'unknown' : ntpEnabled ? 'on' : 'off'}, ` +
        `clock ${synced === undefined ? 'sync state unknown' : synced ? 'synchronised' : 'not synchronised'}.`,
    );
  } else {
    state.findings.push(
      timedatectl
        ? `timedatectl: ${firstLine(timedatectl.stderr || timedatectl.stdout) || `exit ${timedatectl.code}`} (no systemd here, as in most containers: the host's clock is the one that counts).`
        : 'timedatectl: not available.',
    );
    if (timedatectl) state.container = true;
  }

  if (chronyc?.code === 0) {
    const fields = keyValues(chronyc.stdout, ':');
    state.service = 'chrony';
    const leap = fields['Leap status'];
    if (leap) state.synchronized = !/not synchron/i.test(leap);
    const time = /([\d.]+) seconds (fast|slow)/.exec(fields['System time'] ?? '');
    if (time) state.offsetSeconds = Number(time[1]) * (time[2] === 'fast' ? 1 : -1);
    const ref = /\(([^)]*)\)/.exec(fields['Reference ID'] ?? '');
    if (ref?.[1]) state.source = ref[1];
    state.findings.push(
      `chronyc tracking: ${leap ? `leap status ${leap}` : 'running'}` +
        (state.source ? `, source ${state.source}` : '') +
        (time ? `, system clock ${time[1]} s ${time[2]} of NTP time` : '') +
        '.',
    );
    state.fix = 'sudo chronyc makestep';
  } else if (chronyc) {
    state.findings.push(
      `chronyc tracking: ${firstLine(chronyc.stderr || chronyc.stdout) || `exit ${chronyc.code}`}.`,
    );
  }
  if (state.service) state.container = undefined;
  if (!state.service && timedatectl?.code === 0) state.service = 'systemd-timesyncd';
  if (!state.fix)
    state.fix =
      state.service && ntpEnabled !== false
        ? 'sudo systemctl restart systemd-timesyncd'
        : 'sudo timedatectl set-ntp true';
  return state;
}

async function windows(tryRun: TryRun): Promise<SyncState> {
  const state: SyncState = {
    platform: 'win32',
    service: 'w32time',
    findings: [],
    fix: 'w32tm /resync /force',
  };
  const out = await tryRun('w32tm', ['/query', '/status']);
  if (!out) {
    state.findings.push('w32tm: not available.');
    return state;
  }
  const text = out.stdout + out.stderr;
  if (out.code !== 0) {
    // The Windows Time service is stopped (0x80070426) on many fresh images.
    if (/0x80070426|not been started/i.test(text)) {
      state.synchronized = false;
      state.fix = 'net start w32time && w32tm /resync /force';
    }
    state.findings.push(
      `w32tm /query /status: ${firstLine(text) || `exit ${out.code}`}.`,
    );
    return state;
  }
  const fields = keyValues(out.stdout, ':');
  const leap = fields['Leap Indicator'] ?? '';
  const source = fields['Source'] ?? '';
  if (source) state.source = source.replace(/,0x[0-9a-f]+$/i, '');
  const freeRunning = /Local CMOS Clock|Free-running/i.test(source);
  if (leap) state.synchronized = !leap.startsWith('3') && !freeRunning;
  state.findings.push(
    `w32tm: ${leap ? `leap indicator ${leap}` : 'running'}` +
      (source ? `, source ${source}` : '') +
      (fields['Last Successful Sync Time']
        ? `, last sync ${fields['Last Successful Sync Time']}`
        : '') +
      '.',
  );
  if (freeRunning)
    state.fix =
      'w32tm /config /manualpeerlist:time.windows.com /syncfromflags:manual /update && w32tm /resync /force';
  return state;
}

async function macos(tryRun: TryRun): Promise<SyncState> {
  const state: SyncState = {
    platform: 'darwin',
    service: 'network time',
    findings: [],
    fix: 'sudo sntp -sS time.apple.com',
  };
  const [using, server] = await Promise.all([
    tryRun('systemsetup', ['-getusingnetworktime']),
    tryRun('systemsetup', ['-getnetworktimeserver']),
  ]);
  const text = `${using?.stdout ?? ''}${using?.stderr ?? ''}`;
  if (!using) state.findings.push('systemsetup: not available.');
  else if (/administrator/i.test(text))
    state.findings.push(
      'systemsetup: needs administrator access, so the sync setting could not be read.',
    );
  else {
    const on = /Network Time:\s*On/i.test(text);
    if (!on) state.synchronized = false;
    state.findings.push(`systemsetup: ${firstLine(text)}.`);
    if (!on) state.fix = 'sudo systemsetup -setusingnetworktime on';
  }
  const source = /Network Time Server:\s*(\S+)/i.exec(server?.stdout ?? '');
  if (source) state.source = source[1];
  return state;
}

function keyValues(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const yes = (value: string | undefined): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;
const firstLine = (text: string): string =>
  text.trim().split(/\r?\n/)[0]?.slice(0, 160) ?? '';
