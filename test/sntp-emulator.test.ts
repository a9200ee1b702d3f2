/** The loopback SNTP server and the real UDP client against each other, and its flags. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock/clock.js';
import { querySntp } from '../src/clock/sntp.js';
import { udpSocket } from '../src/clock/udp.js';
import { type SntpEmulator, startSntpEmulator } from '../src/emulator/sntp.js';
import { parseAllArgs, parseEmulatorArgs } from '../src/emulator/run.js';

let sntp: SntpEmulator;
beforeAll(async () => {
  sntp = await startSntpEmulator();
});
afterAll(() => sntp.close());

const ask = (exchanges = 2) => {
  const clock = systemClock();
  return querySntp(
    { host: sntp.host, port: sntp.port },
    {
      clock,
      socket: udpSocket,
      deadline: clock.monotonic() + 10,
      exchanges,
      spacingSeconds: 0.05,
    },
  );
};

describe('over loopback UDP', () => {
  it.each([
    { skew: 0, delayMs: 0 },
    { skew: -326.5, delayMs: 30 },
    { skew: 3600, delayMs: 10 },
  ])(
    'skew $skew s, delay $delayMs ms: the interval holds the truth',
    async ({ skew, delayMs }) => {
      sntp.options = { skewSeconds: skew, delayMs };
      const r = await ask();
      expect(r.status).toBe('ok');
      expect(r.answered).toBe(2);
      const b = r.best!;
      expect(b.lo).toBeLessThanOrEqual(skew + 0.001);
      expect(b.hi).toBeGreaterThanOrEqual(skew - 0.001);
      expect(b.delay).toBeGreaterThanOrEqual(delayMs / 1000 - 0.002);
      expect(b.delay).toBeLessThan(delayMs / 1000 + 0.05);
      expect(b.stratum).toBe(2);
    },
  );

  it.each([
    ['client-mode', 'invalid', /mode 3/],
    ['stratum-16', 'invalid', /stratum 16/],
    ['kiss', 'kiss', /kiss-of-death RATE/],
  ] as const)('%s', async (behaviour, status, problem) => {
    sntp.options = { behaviour };
    const r = await ask();
    expect(r.status).toBe(status);
    expect(r.problems.join()).toMatch(problem);
  });

  it('a spoiled first answer, then good ones: the good one is kept', async () => {
    sntp.options = { behaviour: 'malformed', times: 1, skewSeconds: 5 };
    sntp.requests = 0;
    const r = await ask(3);
    expect(r.status).toBe('ok');
    expect(r.answered).toBe(2);
    expect(Math.abs(r.best!.skew - 5)).toBeLessThanOrEqual(r.best!.bound + 0.001);
  });

  it('a port where nothing listens is refused or silent, never a crash', async () => {
    const clock = systemClock();
    const r = await querySntp(
      { host: '127.0.0.1', port: 9 },
      {
        clock,
        socket: udpSocket,
        deadline: clock.monotonic() + 5,
        replyTimeoutSeconds: 0.3,
      },
    );
    expect(['error', 'silent']).toContain(r.status);
    expect(r.best).toBeUndefined();
  });
});

describe('emulator flags', () => {
  it('--sntp starts a reference beside the Genesys emulator', () => {
    expect(
      parseAllArgs([
        '--skew',
        '45',
        '--sntp',
        '--sntp-skew',
        '-20',
        '--sntp-delay-ms',
        '8',
      ]),
    ).toEqual({
      genesys: { skewSeconds: 45 },
      sntp: { skewSeconds: -20, delayMs: 8 },
    });
    expect(
      parseAllArgs(['--sntp', '--sntp-behaviour', 'kiss', '--sntp-kiss-code', 'DENY'])
        .sntp,
    ).toEqual({
      skewSeconds: 0,
      behaviour: 'kiss',
      kissCode: 'DENY',
    });
    expect(parseAllArgs([]).sntp).toBeUndefined();
    expect(parseEmulatorArgs(['--sntp', '--skew', '1'])).toEqual({ skewSeconds: 1 });
  });

  it.each([
    [['--sntp-skew', '5'], /--sntp-skew needs --sntp/],
    [['--sntp', '--sntp-behaviour', 'rude'], /one of normal, silent/],
    [['--sntp', '--sntp-delay-ms', '-1'], /cannot be negative/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseAllArgs(argv)).toThrow(message);
  });
});
