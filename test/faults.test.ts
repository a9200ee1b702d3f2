/** Bad answers and broken networks: every failure clear, nothing leaked, no false alarm. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT,
  type EmulatorOptions,
  startEmulator,
} from '../src/emulator/genesys.js';
import { emulatorInputs, runAction, secretsOf } from './helpers/action.js';

/** A URL's host:port as a regular-expression source. */
const hostOf = (url: string) => new URL(url).host.replaceAll('.', '\\.');

const BASIC = Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString(
  'base64',
);

const apiError = (status: number, code: string) =>
  JSON.stringify({ message: 'refused', code, status, contextId: 'ctx-1' });

interface FaultCase {
  name: string;
  setup: EmulatorOptions;
  inputs?: Record<string, string>;
  /** Exit status and risk output expected. */
  status: number;
  risk: string;
  /** The one-line cause (the ::error:: or ::warning:: line), or a reason in the report. */
  says: RegExp;
  /** Strings planted in answers that must never be written anywhere. */
  planted?: string[];
  /** True when a token was issued and must have been revoked. */
  revokes?: boolean;
  /** True when the token came from a planted answer: a revocation must still be tried. */
  triesRevoke?: boolean;
}

const CASES: FaultCase[] = [
  {
    name: 'unknown client',
    setup: {},
    inputs: { 'client-id': 'nobody' },
    status: 1,
    risk: 'unknown',
    says: /could not measure .*LOGIN answered 401 invalid_client \(correlation id [\w-]+\); the client id or secret is wrong/,
  },
  {
    name: 'client without the client-credentials grant',
    setup: { clients: [{ id: 'demo-client', secret: 'demo-secret', grant: 'none' }] },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 400 unauthorized_client .*Client Credentials grant/,
  },
  {
    name: '403 missing.permissions from the API: measured, token not confirmed',
    setup: {
      faults: [
        {
          host: 'api',
          kind: 'status',
          status: 403,
          body: apiError(403, 'missing.permissions'),
        },
      ],
    },
    status: 0,
    risk: 'low',
    says: /token check answered 403 missing\.permissions/,
    revokes: false,
  },
  {
    name: '429 with Retry-After 1 on the login host, once: honoured, then fine',
    setup: { rateLimit: { requests: 1, retryAfterSeconds: 1 } },
    status: 0,
    risk: 'low',
    says: /agree/,
    revokes: true,
  },
  {
    name: '429 with a Retry-After past the cap: gives up and says so',
    setup: { rateLimit: { requests: 100, retryAfterSeconds: 200 } },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 429 too_many_requests .*Retry-After 200 s, longer than this run waits/,
  },
  {
    name: '429 without Retry-After, every time: backs off, then gives up',
    setup: { rateLimit: { requests: 100 } },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 429 too_many_requests .*rate limited, also after retries/,
  },
  {
    name: '503 twice from the login host: retried, then fine',
    setup: { faults: [{ host: 'login', kind: 'status', status: 503, times: 2 }] },
    status: 0,
    risk: 'low',
    says: /agree/,
    revokes: true,
  },
  {
    name: '503 always from the login host',
    setup: { faults: [{ host: 'login', kind: 'status', status: 503 }] },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 503 .*Genesys Cloud or a proxy failed/,
  },
  {
    name: 'an HTML error page instead of JSON',
    setup: { faults: [{ host: 'login', kind: 'html', status: 403 }] },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 403 html-page .*an HTML page came back instead of JSON/,
  },
  {
    name: 'a token answer that is not JSON',
    setup: { faults: [{ host: 'login', kind: 'invalid-json' }] },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 200 but the body is not JSON/,
  },
  {
    name: 'a token answer without access_token',
    setup: {
      faults: [
        {
          host: 'login',
          kind: 'body',
          body: '{"token_type":"bearer","expires_in":86399}',
        },
      ],
    },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 200 but the answer has no access_token/,
  },
  ...(['"abc"', '-5', '1e12'] as const).map((value) => ({
    name: `a token answer with expires_in ${value}: refused, and the token still revoked`,
    setup: {
      faults: [
        {
          host: 'login' as const,
          kind: 'body' as const,
          body: `{"access_token":"planted-token-${value.length}xyzxyz","expires_in":${value}}`,
        },
      ],
    },
    status: 1,
    risk: 'unknown',
    says: /LOGIN answered 200 but expires_in is .* not a lifetime in seconds/,
    planted: [`planted-token-${value.length}xyzxyz`],
    triesRevoke: true,
  })),
  {
    name: 'no Date header anywhere: milliseconds still measure',
    setup: { dateHeader: false },
    status: 0,
    risk: 'low',
    says: /from [4-8] \/api\/v2\/date readings/,
    revokes: true,
  },
  {
    name: 'garbage Date headers and no /api/v2/date: nothing to measure',
    setup: { dateEndpoint: 'missing', faults: [{ kind: 'garbage-date' }] },
    status: 1,
    risk: 'unknown',
    says: /No answer carried a readable clock/,
    revokes: true,
  },
  {
    name: '/api/v2/date in an unexpected form: falls back to Date headers',
    setup: { faults: [{ path: '/api/v2/date', kind: 'body', body: '{"date":"today"}' }] },
    status: 0,
    risk: 'low',
    says: /Date headers/,
    revokes: true,
  },
  {
    name: 'a body far larger than any answer: cut off, no crash',
    setup: { faults: [{ path: '/api/v2/date', kind: 'huge-body' }] },
    status: 0,
    risk: 'low',
    says: /Date headers/,
    revokes: true,
  },
  {
    name: 'a connection reset mid-body on the login host',
    setup: { faults: [{ host: 'login', kind: 'reset' }] },
    status: 1,
    risk: 'unknown',
    says: /LOGIN: (connection reset|connection closed unexpectedly)/,
  },
  {
    name: 'a login host that never answers',
    setup: { faults: [{ host: 'login', kind: 'stall' }] },
    inputs: { 'timeout-seconds': '6' },
    status: 1,
    risk: 'unknown',
    says: /LOGIN: no answer within \d+ s/,
  },
  {
    name: 'samples that start failing half way: the rest is reported with its bound',
    setup: { faults: [{ path: '/api/v2/date', kind: 'reset', after: 3 }] },
    status: 0,
    risk: 'low',
    says: /A sample failed/,
    revokes: true,
  },
  {
    name: '503 from /api/v2/date twice: those samples still count by their Date header',
    setup: { faults: [{ path: '/api/v2/date', kind: 'status', status: 503, times: 2 }] },
    status: 0,
    risk: 'low',
    says: /from [4-6] \/api\/v2\/date readings/,
    revokes: true,
  },
  {
    name: '429 on the samples: sampling stops early and says why',
    setup: {
      faults: [
        {
          path: '/api/v2/date',
          kind: 'status',
          status: 429,
          after: 2,
          headers: { 'Retry-After': '30' },
          body: apiError(429, 'too.many.requests.retry.after'),
        },
      ],
    },
    status: 0,
    risk: 'low',
    says: /rate-limited the samples \(429, Retry-After 30 s\); sampling stopped early/,
    revokes: true,
  },
  {
    name: 'a token answer sent a byte at a time: bounded by the request timeout',
    setup: { faults: [{ host: 'login', kind: 'trickle' }] },
    inputs: { 'timeout-seconds': '6' },
    status: 1,
    risk: 'unknown',
    says: /LOGIN: no answer within \d+ s/,
  },
  {
    name: 'a /api/v2/date answer sent a byte at a time: slow, still measured',
    setup: { faults: [{ path: '/api/v2/date', kind: 'trickle', times: 1 }] },
    status: 0,
    risk: 'low',
    says: /agree/,
    revokes: true,
  },
  {
    name: 'a JWT whose iat is not a number: the claim is set aside',
    setup: { tokenFormat: 'jwt', jwtPayload: { iat: 'yesterday' } },
    status: 0,
    risk: 'low',
    says: /The token's 'iat' claim is not a number \(string\); it was ignored/,
    revokes: true,
  },
  {
    name: 'a JWT with millisecond claims: read as milliseconds and reported',
    setup: {
      tokenFormat: 'jwt',
      jwtPayload: { iat: Date.now(), exp: Date.now() + 3_600_000 },
    },
    status: 0,
    risk: 'low',
    says: /The token's 'iat' claim is in milliseconds, not seconds/,
    revokes: true,
  },
  {
    name: 'a JWT without iat or exp: lifetime from expires_in',
    setup: { tokenFormat: 'jwt', jwtClaims: { iat: null, exp: null } },
    status: 0,
    risk: 'low',
    says: /no 'exp' claim; its lifetime comes from expires_in/,
    revokes: true,
  },
  {
    name: 'fail-on-error false: cannot measure, warns, does not fail',
    setup: {},
    inputs: { 'client-secret': 'not-the-secret', 'fail-on-error': 'false' },
    status: 0,
    risk: 'unknown',
    says: /::warning::genesys-clock-check: could not measure .*invalid_client.*not failing: fail-on-error is false/,
    planted: ['not-the-secret'],
  },
  {
    name: 'a login host that echoes the secret and the Basic header back',
    setup: {
      faults: [
        {
          host: 'login',
          kind: 'status',
          status: 401,
          body: JSON.stringify({
            error: DEFAULT_CLIENT.secret,
            error_description: BASIC,
          }),
          headers: { 'ININ-Correlation-Id': `Basic ${BASIC}`, 'Retry-After': BASIC },
        },
      ],
    },
    status: 1,
    risk: 'unknown',
    says: /Token request failed: LOGIN answered 401 \*\*\* \(correlation id \(not an id\)\)/,
  },
  {
    name: 'a token with a line break in it: refused before it is ever sent',
    setup: {
      faults: [
        {
          host: 'login',
          kind: 'body',
          body: '{"access_token":"planted-token-linebreak\\n","expires_in":86399}',
        },
      ],
    },
    status: 1,
    risk: 'unknown',
    says: /access_token holds spaces, line breaks or non-ASCII characters/,
    planted: ['planted-token-linebreak'],
  },
  {
    name: 'an API host that answers 200 with an HTML page: not Genesys, not accepted',
    setup: { faults: [{ host: 'api', method: 'GET', kind: 'html', status: 200 }] },
    status: 1,
    risk: 'unknown',
    says: /The API host \(.*\) answered GET \/api\/v2\/tokens\/me with 200 html-page, not as Genesys Cloud does: check 'api-url'/,
  },
  {
    name: 'a stale /api/v2/date body no cache header admits to: set aside, no false alarm',
    setup: {
      latencyMs: 10,
      faults: [
        {
          host: 'api',
          path: '/api/v2/date',
          kind: 'body',
          body: '{"currentDate":"2020-01-01T00:00:00.000Z"}',
        },
      ],
    },
    status: 0,
    risk: 'low',
    says: /currentDate is -\d+\.\d s from its own Date header, so it was not made for this request/,
    revokes: true,
  },
];

describe('faults', () => {
  it.each(CASES)('$name', async (c) => {
    const emu = await startEmulator(c.setup);
    try {
      const run = await runAction({ ...emulatorInputs(emu), ...c.inputs });
      const login = new URL(emu.loginUrl).host;

      expect(run.outputs.risk).toBe(c.risk);
      expect(run.status).toBe(c.status);
      const r = run.report!;
      const text = [run.stdout, r.headline, ...r.reasons, ...r.notes].join('\n');
      expect(text.replaceAll(login, 'LOGIN')).toMatch(c.says);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      for (const secret of [...secretsOf(emu), ...(c.planted ?? [])]) {
        expect(run.written).not.toContain(secret);
      }
      // Every token the emulator issued was revoked (unless the API refused the call).
      if (c.revokes) {
        expect(emu.issuedTokens.length).toBeGreaterThan(0);
        expect(emu.revokedTokens).toEqual(emu.issuedTokens);
      }
      if (c.triesRevoke)
        expect(emu.requests.some((r) => r.method === 'DELETE')).toBe(true);
      if (c.risk === 'unknown') expect(run.summary).toMatch(/Could not measure|not run/);
    } finally {
      await emu.close();
    }
  });
});

describe('the network', () => {
  it.each([
    [
      'connection refused',
      'http://127.0.0.1:9',
      'connection refused \\(nothing listens there\\)',
    ],
    [
      'TLS to a plain HTTP server',
      'https://127.0.0.1:PORT',
      '(TLS handshake failed|network error)',
    ],
    ['DNS failure', 'https://no-such-host.invalid', '(host name not found|DNS)'],
  ])('%s: risk unknown with the host named', async (_name, url, reason) => {
    const emu = await startEmulator();
    try {
      const loginUrl = url.replace('PORT', new URL(emu.loginUrl).port);
      const run = await runAction({
        ...emulatorInputs(emu),
        'login-url': loginUrl,
        'timeout-seconds': '8',
      });
      expect(run.status).toBe(1);
      expect(run.outputs.risk).toBe('unknown');
      const host = hostOf(loginUrl);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::genesys-clock-check: could not measure .*${host}: ${reason}`,
          'm',
        ),
      );
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });

  it('an API host that cannot be reached fails the run, though the login host answered', async () => {
    const emu = await startEmulator();
    try {
      const run = await runAction({
        ...emulatorInputs(emu),
        'api-url': 'http://127.0.0.1:9',
      });
      expect(run.status).toBe(1);
      expect(run.outputs.risk).toBe('unknown');
      expect(run.stdout).toMatch(
        /^::error::genesys-clock-check: could not measure the clock\. The API host \(127\.0\.0\.1:9\) never answered, so the token could not be checked\. .*127\.0\.0\.1:9: connection refused/m,
      );
      // Two failed samples end the sampling; no failure is repeated eight times over.
      expect(
        run.report!.notes.filter((n: string) => n.startsWith('A sample failed')),
      ).toHaveLength(2);
      expect(emu.issuedTokens).toHaveLength(1);
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });

  it('a cancelled job stops asking, revokes its token and says it was cancelled', async () => {
    const emu = await startEmulator({ latencyMs: 200 });
    let signalledAt = 0;
    try {
      const run = await runAction(emulatorInputs(emu), {}, (child) => {
        const wait = setInterval(() => {
          if (emu.issuedTokens.length === 0) return;
          clearInterval(wait);
          signalledAt = performance.now();
          child.kill('SIGINT');
        }, 20);
      });
      expect(signalledAt).toBeGreaterThan(0);
      expect(run.status).toBe(1);
      expect(run.outputs.risk).toBe('unknown');
      expect(run.report!.error).toMatch(/cancelled/);
      expect(emu.issuedTokens).toHaveLength(1);
      expect(emu.revokedTokens).toEqual(emu.issuedTokens);
      // Without the cancel, eight samples and the token check at 200 ms take over 3 s.
      const requests = emu.requests.filter((r) => r.method !== 'DELETE').length;
      expect(requests).toBeLessThanOrEqual(3);
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });

  it('a cancel drops a reading that hangs, so the token is revoked at once', async () => {
    const emu = await startEmulator({
      faults: [{ host: 'api', method: 'GET', path: '/api/v2/date', kind: 'stall' }],
    });
    let signalledAt = 0;
    try {
      const run = await runAction(emulatorInputs(emu), {}, (child) => {
        const wait = setInterval(() => {
          if (!emu.requests.some((r) => r.path === '/api/v2/date')) return;
          clearInterval(wait);
          signalledAt = performance.now();
          child.kill('SIGINT');
        }, 20);
      });
      expect(signalledAt).toBeGreaterThan(0);
      expect(run.outputs.risk).toBe('unknown');
      expect(run.report!.error).toMatch(/cancelled/);
      expect(emu.revokedTokens).toEqual(emu.issuedTokens);
      expect(emu.issuedTokens).toHaveLength(1);
      // The hung request would otherwise hold the run for its 10 s timeout.
      expect(run.seconds).toBeLessThan(5);
    } finally {
      await emu.close();
    }
  });

  it('a fault on every request still finishes within timeout-seconds', async () => {
    const emu = await startEmulator({ faults: [{ kind: 'stall' }] });
    try {
      const run = await runAction({ ...emulatorInputs(emu), 'timeout-seconds': '5' });
      expect(run.status).toBe(1);
      expect(run.outputs.risk).toBe('unknown');
      // Node's start-up and the report writing come on top of the budget.
      expect(run.seconds).toBeLessThan(5 + 2);
      const login = hostOf(emu.loginUrl);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::genesys-clock-check: could not measure .*${login}: no answer within [1-5] s`,
          'm',
        ),
      );
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });

  it('an API that stalls after the token: bounded, unknown, the token still revoked', async () => {
    const emu = await startEmulator({
      faults: [
        { host: 'api', method: 'GET', kind: 'stall' },
        { host: 'api', method: 'HEAD', kind: 'stall' },
      ],
    });
    try {
      const run = await runAction({ ...emulatorInputs(emu), 'timeout-seconds': '8' });
      expect(run.seconds).toBeLessThan(8 + 2);
      // The token answer's Date header alone would measure, but the API never answered.
      expect(run.outputs.risk).toBe('unknown');
      expect(run.status).toBe(1);
      const api = hostOf(emu.apiUrl);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::genesys-clock-check: could not measure the clock\\. The API host \\(${api}\\) never answered`,
          'm',
        ),
      );
      expect(run.stdout).toMatch(
        new RegExp(`^::warning::A sample failed: ${api}: no answer within [1-8] s`, 'm'),
      );
      expect(emu.issuedTokens.length).toBeGreaterThan(0);
      expect(emu.revokedTokens).toEqual(emu.issuedTokens);
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });
});
