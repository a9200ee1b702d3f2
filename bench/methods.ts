/**
 * The four ways of reading the skew that the benchmark sets side by side, each against
 * an emulator whose clock is the machine's minus a known offset.
 */
import { decodeJwt } from 'jose';
import { type CheckDeps, runCheck } from '../src/check.js';
import { estimate } from '../src/clock/estimate.js';
import { parseHttpDate } from '../src/clock/sample.js';
import type { Sample } from '../src/clock/sample.js';
import { DEFAULT_CLIENT, type Emulator } from '../src/emulator/genesys.js';
import { createSender } from '../src/genesys/http.js';
import { DEFAULTS, readSettings } from '../src/settings/settings.js';
import { systemClock } from '../src/clock/clock.js';

export type Method =
  'this estimator' | 'now − iat' | 'single Date (AWS-style)' | 'random-moment Date';

export interface Outcome {
  method: Method;
  /** Runner − server (s), and the interval it claims, when it claims one. */
  skew: number;
  lo?: number;
  hi?: number;
  /** Requests made to the emulator. */
  exchanges: number;
  seconds: number;
  error?: string;
  /** This estimator: best round trip, and the bound from its first 8 clock exchanges. */
  bestRttMs?: number;
  boundAt8?: number;
}

/** The bound the samples of the first `n` exchanges give (exchanges told apart by sentAt). */
function boundAfter(samples: Sample[], n: number): number | undefined {
  const starts = [...new Set(samples.map((s) => s.sentAt))].sort((a, b) => a - b);
  const cut = starts[n - 1] ?? Infinity;
  return estimate(samples.filter((s) => s.sentAt <= cut))?.bound;
}

const silent: CheckDeps['log'] = {
  group: (_name, fn) => fn(),
  info: () => {},
  debug: () => {},
  warning: () => {},
};

/** The action's own check (token, samples, token check, revocation), in process. */
export async function thisEstimator(emu: Emulator): Promise<Outcome> {
  const clock = systemClock();
  const http = createSender(clock);
  const inputs: Record<string, string> = {
    'client-id': DEFAULT_CLIENT.id,
    'client-secret': DEFAULT_CLIENT.secret,
    'login-url': emu.loginUrl,
    'api-url': emu.apiUrl,
  };
  const settings = readSettings((name) => inputs[name] ?? DEFAULTS[name], {});
  const before = emu.requests.length;
  const started = clock.monotonic();
  try {
    const m = await runCheck(settings, {
      clock,
      send: http.send,
      log: silent,
      onSecret: () => {},
    });
    const seconds = clock.monotonic() - started;
    const exchanges = emu.requests.length - before;
    if (!m.estimate)
      return { method: 'this estimator', skew: NaN, exchanges, seconds, error: m.error };
    return {
      method: 'this estimator',
      skew: m.estimate.skew,
      lo: m.estimate.lo,
      hi: m.estimate.hi,
      exchanges,
      seconds,
      error: m.error,
      bestRttMs: m.estimate.bestRttMs,
      boundAt8: boundAfter(
        m.samples.map((r) => r.sample),
        8,
      ),
    };
  } finally {
    await http.close();
  }
}

/**
 * The script the action replaces: the runner's clock when the token arrives minus the
 * token's whole-second iat. This is its best case: the subtraction is made at once.
 */
export async function nowMinusIat(emu: Emulator): Promise<Outcome> {
  const clock = systemClock();
  const http = createSender(clock);
  const started = clock.monotonic();
  try {
    const ex = await http.send({
      method: 'POST',
      url: `${emu.loginUrl}/oauth/token`,
      headers: {
        authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
      timeoutSeconds: 10,
    });
    const now = clock.now();
    const iat = Number(decodeJwt(JSON.parse(ex.body).access_token).iat);
    return {
      method: 'now − iat',
      skew: now - iat,
      exchanges: 1,
      seconds: clock.monotonic() - started,
    };
  } finally {
    await http.close();
  }
}

/**
 * What the AWS SDK does: one response's Date header against the runner's clock when the
 * answer arrives, with no round-trip correction.
 */
export async function singleDate(emu: Emulator): Promise<Outcome> {
  const clock = systemClock();
  const http = createSender(clock);
  const started = clock.monotonic();
  try {
    const ex = await http.send({
      method: 'HEAD',
      url: `${emu.apiUrl}/api/v2/tokens/me`,
      timeoutSeconds: 10,
    });
    const server = parseHttpDate(ex.headers['date'])!;
    return {
      method: 'single Date (AWS-style)',
      skew: ex.receivedAt - server,
      exchanges: 1,
      seconds: clock.monotonic() - started,
    };
  } finally {
    await http.close();
  }
}

/**
 * Date headers taken at random moments, as many as the estimator used, combined by the
 * same interval intersection: the bound holds, but it shrinks slowly without timing.
 */
export async function randomMoments(
  emu: Emulator,
  exchanges: number,
  random: () => number,
): Promise<Outcome> {
  const clock = systemClock();
  const http = createSender(clock);
  const started = clock.monotonic();
  const samples: Sample[] = [];
  try {
    for (let k = 0; k < exchanges; k++) {
      await clock.sleep(random());
      const ex = await http.send({
        method: 'HEAD',
        url: `${emu.apiUrl}/api/v2/tokens/me`,
        timeoutSeconds: 10,
      });
      const server = parseHttpDate(ex.headers['date']);
      if (server === undefined) continue;
      samples.push({
        source: 'date-header',
        exchange: 'HEAD /api/v2/tokens/me',
        host: ex.url.host,
        status: ex.status,
        sentAt: ex.sentAt,
        receivedAt: ex.receivedAt,
        serverTime: server,
        resolution: 1,
      });
    }
    const e = estimate(samples)!;
    return {
      method: 'random-moment Date',
      skew: e.skew,
      lo: e.lo,
      hi: e.hi,
      exchanges,
      seconds: clock.monotonic() - started,
    };
  } finally {
    await http.close();
  }
}
