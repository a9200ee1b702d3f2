/**
 * Whose clock is wrong, end to end: the built action against the Genesys emulator and a
 * loopback SNTP server, each on its own clock. The runner here is this machine's real
 * clock, so "the runner is wrong" is played by giving Genesys and the reference the same
 * offset: both then see the runner off by that much.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { type SntpEmulator, startSntpEmulator } from '../src/emulator/sntp.js';
import { emulatorInputs, runAction } from './helpers/action.js';

let emu: Emulator;
let sntp: SntpEmulator;
let reference: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ latencyMs: 20 });
  sntp = await startSntpEmulator({ delayMs: 4 });
  reference = await startEmulator({ latencyMs: 10 });
});
afterAll(async () => {
  await Promise.all([emu.close(), sntp.close(), reference.close()]);
});

const inputs = () => ({ ...emulatorInputs(emu), 'ntp-servers': sntp.address });
/** Number of an output, and the interval it states with its bound. */
const holds = (
  outputs: Record<string, string>,
  name: string,
  bound: string,
  truth: number,
) => Math.abs(Number(outputs[name]) - truth) <= Number(outputs[bound]) + 0.001;

describe('three clocks: the culprit, the reference outputs and the advice', () => {
  it.each([
    {
      name: 'runner wrong',
      genesys: 45,
      reference: 45,
      culprit: 'runner',
      risk: 'high',
      status: 1,
      headline: "the runner's clock is the one off",
      advice: "The runner's clock is off: fix its time sync (NTP)",
      row: /\*\*runner \+4[45]\.\d{3} s ± \d+ ms\*\* · Genesys [+−]0\.0\d\d s ± \d+ ms · reference 0 s \(127\.0\.0\.1:\d+\): the runner is out of step/,
    },
    {
      name: 'server wrong',
      genesys: 45,
      reference: 0,
      culprit: 'server',
      risk: 'high',
      status: 1,
      headline: "Genesys Cloud's clock is the one off",
      advice:
        "Genesys Cloud's clock is off, not the runner's: open a Genesys Cloud support ticket",
      row: /runner [+−]0\.0\d\d s ± \d+ ms · \*\*Genesys −4[45]\.\d{3} s ± \d+ ms\*\* · reference 0 s .*: Genesys Cloud is out of step/,
    },
    {
      // Runner 20 s ahead of true time, Genesys 25 s behind it: 45 s apart.
      name: 'both wrong',
      genesys: 45,
      reference: 20,
      culprit: 'both',
      risk: 'high',
      status: 1,
      headline: 'both clocks are off',
      advice: 'support ticket',
      row: /\*\*runner \+(19|20)\.\d{3} s ± \d+ ms\*\* · \*\*Genesys −2[45]\.\d{3} s ± \d+ ms\*\*.*: both are out of step/,
    },
    {
      name: 'all agree',
      genesys: 0,
      reference: 0,
      culprit: 'none',
      risk: 'low',
      status: 0,
      headline: '',
      advice: 'Nothing to do',
      row: /: all three agree/,
    },
  ])('$name', async (c) => {
    emu.options.skewSeconds = c.genesys;
    sntp.options = { delayMs: 4, skewSeconds: c.reference };
    const run = await runAction(inputs());

    expect(run.status).toBe(c.status);
    expect(run.outputs.culprit).toBe(c.culprit);
    expect(run.outputs.risk).toBe(c.risk);
    // The reference interval holds the runner's true offset against the SNTP server.
    expect(
      holds(
        run.outputs,
        'reference-skew-seconds',
        'reference-bound-seconds',
        c.reference,
      ),
    ).toBe(true);
    expect(Number(run.outputs['reference-bound-seconds'])).toBeLessThan(0.05);
    expect(run.report?.attribution.culprit).toBe(c.culprit);
    expect(run.report?.attribution.serverSeconds).toBeCloseTo(c.reference - c.genesys, 1);
    expect(run.report?.reference.sources[0]).toMatchObject({
      kind: 'sntp',
      status: 'ok',
    });
    if (c.headline) expect(run.report?.headline).toContain(c.headline);
    expect(run.report?.advice.join(' ')).toContain(c.advice);
    if (c.culprit === 'server') {
      expect(run.report?.advice.join(' ')).toContain('Nothing on the runner helps');
      expect(run.report?.advice.join(' ')).not.toContain('timedatectl');
    }
    expect(run.summary).toMatch(c.row);
    expect(run.stdout).toContain('::group::Reference clock');
  });
});

describe('a reference that cannot be used', () => {
  it('silence: culprit unknown, empty reference outputs, the general advice, no long wait', async () => {
    emu.options.skewSeconds = 45;
    sntp.options = { behaviour: 'silent' };
    const before = sntp.requests;
    const run = await runAction(inputs());

    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('high');
    expect(run.outputs.culprit).toBe('unknown');
    expect(run.outputs['reference-skew-seconds']).toBe('');
    expect(run.outputs['reference-bound-seconds']).toBe('');
    expect(run.report?.reference.sources[0].status).toBe('silent');
    expect(run.stdout).toMatch(
      /::warning::SNTP 127\.0\.0\.1:\d+: no answer to 2 request\(s\)/,
    );
    expect(run.report?.notes.join()).toMatch(/UDP port \d+ is probably blocked/);
    expect(run.report?.reasons.join()).toContain('No reference clock answered');
    expect(run.report?.advice.join()).toContain('Fix the clock that is off.');
    expect(run.summary).toMatch(
      /reference \(127\.0\.0\.1:\d+\) did not answer: cannot tell/,
    );
    // Two quiet tries, then it gave up.
    expect(sntp.requests - before).toBe(2);
  });

  it('kiss-of-death: the code reported and the server not asked again', async () => {
    emu.options.skewSeconds = 45;
    sntp.options = { behaviour: 'kiss', kissCode: 'RATE' };
    const before = sntp.requests;
    const run = await runAction(inputs());

    expect(run.outputs.culprit).toBe('unknown');
    expect(run.outputs.risk).toBe('high');
    expect(run.outputs['reference-skew-seconds']).toBe('');
    expect(run.report?.reference.sources[0]).toMatchObject({
      status: 'kiss',
      detail: 'kiss-of-death RATE',
    });
    expect(run.report?.notes.join()).toContain('asks to be queried less often');
    expect(run.report?.advice.join()).toContain('Fix the clock that is off.');
    expect(sntp.requests - before).toBe(1);
  });

  it.each([
    ['malformed', /not an NTP packet/],
    ['wrong-origin', /origin timestamp does not echo/],
    ['unsynchronised', /unsynchronised/],
    ['zero-transmit', /zero transmit timestamp/],
  ] as const)(
    'a %s reply is refused and the culprit stays unknown',
    async (behaviour, note) => {
      emu.options.skewSeconds = 45;
      sntp.options = { behaviour, skewSeconds: 0 };
      const run = await runAction(inputs());
      expect(run.outputs.culprit).toBe('unknown');
      expect(run.outputs['reference-skew-seconds']).toBe('');
      expect(run.report?.notes.join()).toMatch(note);
    },
  );

  it('a working HTTPS reference decides when the SNTP server is silent', async () => {
    emu.options.skewSeconds = 45;
    sntp.options = { behaviour: 'silent' };
    reference.options.skewSeconds = 0;
    const run = await runAction({
      ...inputs(),
      'reference-urls': `${reference.apiUrl}/`,
      'timeout-seconds': '40',
    });
    expect(run.outputs.culprit).toBe('server');
    expect(
      holds(run.outputs, 'reference-skew-seconds', 'reference-bound-seconds', 0),
    ).toBe(true);
    // Timed Date headers, not one second: the bisection works here too.
    expect(Number(run.outputs['reference-bound-seconds'])).toBeLessThan(0.3);
    const sources = run.report?.reference.sources;
    expect(sources.map((s: { status: string }) => s.status)).toEqual(['silent', 'ok']);
    expect(sources[1].detail).toMatch(/Date headers, best round trip/);
  });
});

describe('without a reference', () => {
  it('culprit unknown, no reference outputs, no reference rows; the runner sync row stays', async () => {
    emu.options.skewSeconds = 0;
    const run = await runAction(emulatorInputs(emu));
    expect(run.status).toBe(0);
    expect(run.outputs.culprit).toBe('unknown');
    expect(run.outputs['reference-skew-seconds']).toBe('');
    expect(run.report?.reference).toBeUndefined();
    expect(run.summary).not.toContain('Clocks (against the reference)');
    expect(run.summary).toMatch(
      /\| Runner time sync \| .*fix( on the host \(a container shares its clock\))?: `[^`]+`/,
    );
    expect(run.report?.runnerClock.sync.platform).toBe(process.platform);
  });

  it('an invalid ntp-servers entry is named before any request', async () => {
    const count = emu.requests.length;
    const run = await runAction({
      ...emulatorInputs(emu),
      'ntp-servers': 'udp://time.windows.com',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Input 'ntp-servers' has 'udp://time.windows.com'");
    expect(emu.requests.length).toBe(count);
  });
});
