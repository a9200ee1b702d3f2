import { describe, it, expect, afterEach } from 'vitest';
import { Agent, request as httpRequest } from 'node:http';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startEmulator } from '../src/emulator/genesys.js';
import type { Emulator, EmulatorOptions } from '../src/emulator/genesys.js';
import { parseEmulatorArgs } from '../src/emulator/run.js';

const running: Emulator[] = [];

async function emulator(options?: EmulatorOptions): Promise<Emulator> {
  const emu = await startEmulator(options);
  running.push(emu);
  return emu;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

function requestToken(
  emu: Emulator,
  init: { authorization?: string; contentType?: string; body?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': init.contentType ?? 'application/x-www-form-urlencoded',
  };
  const authorization = init.authorization ?? basic('demo-client', 'demo-secret');
  if (authorization) headers.Authorization = authorization;
  return fetch(`${emu.loginUrl}/oauth/token`, {
    method: 'POST',
    headers,
    body: init.body ?? 'grant_type=client_credentials',
  });
}

async function token(emu: Emulator): Promise<string> {
  const res = await requestToken(emu);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

function api(
  emu: Emulator,
  path: string,
  bearer?: string,
  method = 'GET',
): Promise<Response> {
  const headers: Record<string, string> = bearer
    ? { Authorization: `Bearer ${bearer}` }
    : {};
  return fetch(`${emu.apiUrl}${path}`, { method, headers });
}

describe('login host', () => {
  it('issues an opaque bearer token', async () => {
    const emu = await emulator();
    const res = await requestToken(emu);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(emu.issuedTokens).toEqual([body.access_token]);
  });

  const failures: {
    name: string;
    options?: EmulatorOptions;
    init: Parameters<typeof requestToken>[1];
    status: number;
    error: string;
  }[] = [
    {
      name: 'wrong secret',
      init: { authorization: basic('demo-client', 'nope') },
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'unknown client',
      init: { authorization: basic('who', 'demo-secret') },
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'garbled Basic header',
      init: { authorization: 'Basic ***' },
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'client without the grant',
      options: { clients: [{ id: 'ui', secret: 's', grant: 'none' }] },
      init: { authorization: basic('ui', 's') },
      status: 400,
      error: 'unauthorized_client',
    },
    {
      name: 'wrong grant type',
      init: { body: 'grant_type=password' },
      status: 400,
      error: 'unsupported_grant_type',
    },
    {
      name: 'JSON body',
      init: { contentType: 'application/json', body: '{}' },
      status: 400,
      error: 'invalid_request',
    },
  ];

  it.each(failures)('refuses: $name', async ({ options, init, status, error }) => {
    const emu = await emulator(options);
    const res = await requestToken(emu, init);
    expect(res.status).toBe(status);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe(error);
    expect(body.error_description).toEqual(expect.any(String));
    expect(body.description).toEqual(expect.any(String));
    expect(emu.issuedTokens).toEqual([]);
  });

  it('answers 404 on unknown paths', async () => {
    const emu = await emulator();
    const res = await fetch(`${emu.loginUrl}/oauth/authorize`);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});

describe('clock', () => {
  const skews = [45, -30, 0, 3600];

  it.each(skews)('Date header and /api/v2/date follow skew %d s', async (skew) => {
    const emu = await emulator({ skewSeconds: skew });
    const bearer = await token(emu);
    const before = Date.now();
    const res = await api(emu, '/api/v2/date', bearer);
    const after = Date.now();
    const { currentDate } = (await res.json()) as { currentDate: string };
    const header = Date.parse(res.headers.get('date') ?? '');
    // The header is truncated to whole seconds, so it may trail by up to one second.
    expect(header).toBeGreaterThanOrEqual(before - skew * 1000 - 1500);
    expect(header).toBeLessThanOrEqual(after - skew * 1000 + 1);
    const body = Date.parse(currentDate);
    expect(body).toBeGreaterThanOrEqual(before - skew * 1000);
    expect(body).toBeLessThanOrEqual(after - skew * 1000);
    expect(Math.floor(body / 1000) * 1000).toBe(header);
  });

  it('applies a skew changed between runs', async () => {
    const emu = await emulator();
    const bearer = await token(emu);
    emu.options.skewSeconds = 120;
    const res = await api(emu, '/api/v2/date', bearer);
    const { currentDate } = (await res.json()) as { currentDate: string };
    expect(Date.now() - Date.parse(currentDate)).toBeGreaterThan(119_000);
  });

  const forms: [EmulatorOptions['dateEndpoint'], RegExp][] = [
    ['milliseconds', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/],
    ['seconds', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/],
    ['offset', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+01:00$/],
  ];

  it.each(forms)('/api/v2/date in %s form', async (dateEndpoint, shape) => {
    const emu = await emulator({ dateEndpoint });
    const res = await api(emu, '/api/v2/date', await token(emu));
    expect(res.status).toBe(200);
    const { currentDate } = (await res.json()) as { currentDate: string };
    expect(currentDate).toMatch(shape);
    expect(Math.abs(Date.parse(currentDate) - Date.now())).toBeLessThan(1500);
  });

  it('answers 404 in the API error shape when the date endpoint is missing', async () => {
    const emu = await emulator({ dateEndpoint: 'missing' });
    const res = await api(emu, '/api/v2/date', await token(emu));
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'not.found', status: 404 });
    expect(body.contextId).toBe(res.headers.get('inin-correlation-id'));
  });

  it('can leave the Date header out entirely', async () => {
    const emu = await emulator({ dateHeader: false });
    const res = await api(emu, '/api/v2/date', await token(emu));
    expect(res.headers.get('date')).toBeNull();
    await res.arrayBuffer();
  });
});

describe('API host', () => {
  it('answers HEAD tokens/me with 200 or 401 and no body', async () => {
    const emu = await emulator();
    const bearer = await token(emu);
    const ok = await api(emu, '/api/v2/tokens/me', bearer, 'HEAD');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    const refused = await api(emu, '/api/v2/tokens/me', 'not-a-token', 'HEAD');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('');
  });

  it('returns TokenInfo on GET tokens/me', async () => {
    const emu = await emulator();
    const res = await api(emu, '/api/v2/tokens/me', await token(emu));
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      organization: { id: expect.any(String), name: expect.any(String) },
      homeOrganization: { id: expect.any(String) },
      authorizedScope: [],
      OAuthClient: { id: 'demo-client' },
    });
  });

  const refusals: [string, string | undefined, string][] = [
    ['no token', undefined, 'authentication.required'],
    ['unknown token', 'made-up', 'bad.credentials'],
  ];

  it.each(refusals)('refuses %s', async (_name, bearer, code) => {
    const emu = await emulator();
    const res = await api(emu, '/api/v2/date', bearer);
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code, status: 401, message: expect.any(String) });
    expect(body.contextId).toBe(res.headers.get('inin-correlation-id'));
  });

  it('revokes the token on DELETE tokens/me', async () => {
    const emu = await emulator();
    const bearer = await token(emu);
    const res = await api(emu, '/api/v2/tokens/me', bearer, 'DELETE');
    expect([200, 204]).toContain(res.status);
    expect(emu.revokedTokens).toEqual([bearer]);
    const after = await api(emu, '/api/v2/date', bearer);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('credentials.expired');
  });

  it('refuses the first calls with each fresh token', async () => {
    const emu = await emulator({ rejectFirstApiCalls: 2 });
    for (const bearer of [await token(emu), await token(emu)]) {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await api(emu, '/api/v2/date', bearer);
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      expect(statuses).toEqual([401, 401, 200]);
    }
  });

  it('expires a token early after rejectAfterSeconds', async () => {
    const emu = await emulator({ rejectAfterSeconds: 0.3 });
    const bearer = await token(emu);
    const early = await api(emu, '/api/v2/date', bearer);
    expect(early.status).toBe(200);
    await early.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await api(emu, '/api/v2/date', bearer);
    expect(late.status).toBe(401);
    expect(((await late.json()) as { code: string }).code).toBe('credentials.expired');
  });

  it('expires a token whose lifetime has passed on the emulator clock', async () => {
    const emu = await emulator({ tokenLifetimeSeconds: 300 });
    const bearer = await token(emu);
    emu.options.skewSeconds = -301;
    const res = await api(emu, '/api/v2/date', bearer);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('credentials.expired');
  });

  it('sends rate limit counters', async () => {
    const emu = await emulator();
    const res = await api(emu, '/api/v2/date', await token(emu));
    await res.arrayBuffer();
    expect(res.headers.get('inin-ratelimit-allowed')).toBe('300');
    expect(Number(res.headers.get('inin-ratelimit-count'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('answers 404 in the API error shape on unknown paths', async () => {
    const emu = await emulator();
    const res = await api(emu, '/api/v2/users/me', await token(emu));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not.found', status: 404 });
  });
});

describe('JWT tokens', () => {
  it('stamps float claims as planned', async () => {
    const emu = await emulator({
      tokenFormat: 'jwt',
      tokenLifetimeSeconds: 600,
      jwtClaims: { iat: 0.766, nbf: -5 },
    });
    const before = Date.now() / 1000;
    const bearer = await token(emu);
    const after = Date.now() / 1000;
    expect(decodeProtectedHeader(bearer)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(bearer);
    expect(Number.isInteger(claims.iat)).toBe(false);
    expect(claims.iat).toBeGreaterThanOrEqual(before + 0.766);
    expect(claims.iat).toBeLessThanOrEqual(after + 0.766);
    expect((claims.nbf ?? 0) - (claims.iat ?? 0)).toBeCloseTo(-5.766, 6);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeCloseTo(599.234, 6);
    const res = await api(emu, '/api/v2/tokens/me', bearer, 'HEAD');
    expect(res.status).toBe(200);
  });

  it('omits claims planned as null and follows skew', async () => {
    const emu = await emulator({
      tokenFormat: 'jwt',
      skewSeconds: 45,
      jwtClaims: { exp: null },
    });
    const claims = decodeJwt(await token(emu));
    expect(claims.exp).toBeUndefined();
    expect(claims.nbf).toBeUndefined();
    expect(Date.now() / 1000 - (claims.iat ?? 0)).toBeCloseTo(45, 0);
  });
});

describe('rate limiting', () => {
  const cases: {
    host: 'login' | 'api';
    retryAfterSeconds?: number;
    field: 'error' | 'code';
    value: string;
  }[] = [
    { host: 'login', retryAfterSeconds: 2, field: 'error', value: 'too_many_requests' },
    {
      host: 'api',
      retryAfterSeconds: 3,
      field: 'code',
      value: 'too.many.requests.retry.after',
    },
    { host: 'api', field: 'code', value: 'too.many.requests' },
  ];

  it.each(cases)(
    '429 on the $host host (Retry-After $retryAfterSeconds)',
    async ({ host, retryAfterSeconds, field, value }) => {
      const emu = await emulator({ rateLimit: { requests: 1, retryAfterSeconds } });
      const first =
        host === 'login' ? await requestToken(emu) : await api(emu, '/api/v2/date');
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe(
        retryAfterSeconds === undefined ? null : String(retryAfterSeconds),
      );
      const body = (await first.json()) as Record<string, unknown>;
      expect(body[field]).toBe(value);
      // Only the first request was throttled.
      expect((await requestToken(emu)).status).toBe(200);
    },
  );
});

describe('every response', () => {
  it('carries a correlation id and is recorded', async () => {
    const emu = await emulator();
    const bearer = await token(emu);
    const responses = [
      await api(emu, '/api/v2/date', bearer),
      await api(emu, '/api/v2/date'),
      await requestToken(emu, { authorization: basic('x', 'y') }),
      await api(emu, '/nowhere', bearer),
    ];
    const ids = new Set<string>();
    for (const res of responses) {
      await res.arrayBuffer();
      const id = res.headers.get('inin-correlation-id') ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(responses.length);
    expect(emu.requests.map((r) => [r.host, r.method, r.path, r.status])).toEqual([
      ['login', 'POST', '/oauth/token', 200],
      ['api', 'GET', '/api/v2/date', 200],
      ['api', 'GET', '/api/v2/date', 401],
      ['login', 'POST', '/oauth/token', 401],
      ['api', 'GET', '/nowhere', 404],
    ]);
  });

  it('is delayed by the configured latency, split by asymmetry', async () => {
    const emu = await emulator({ latencyMs: 200, asymmetry: 0.75 });
    const bearer = await token(emu);
    const sent = Date.now();
    const res = await api(emu, '/api/v2/date', bearer);
    const received = Date.now();
    await res.arrayBuffer();
    expect(received - sent).toBeGreaterThanOrEqual(195);
    expect(received - sent).toBeLessThan(1000);
    // The clock is read after the inbound share (150 ms), before the outbound one (50 ms).
    const served = emu.requests[emu.requests.length - 1].at;
    expect(served - sent).toBeGreaterThanOrEqual(145);
    expect(received - served).toBeGreaterThanOrEqual(45);
  });

  it('keeps one connection alive across requests', async () => {
    const emu = await emulator();
    const bearer = await token(emu);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      reused.push(
        await headReusingSocket(agent, `${emu.apiUrl}/api/v2/tokens/me`, bearer),
      );
    }
    agent.destroy();
    expect(reused).toEqual([false, true, true]);
  });
});

/** Sends HEAD through the given agent and tells whether it rode an existing socket. */
function headReusingSocket(agent: Agent, url: string, bearer: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'HEAD', agent, headers: { Authorization: `Bearer ${bearer}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(req.reusedSocket));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('parseEmulatorArgs', () => {
  const cases: [string[], EmulatorOptions][] = [
    [[], {}],
    [['--skew', '45'], { skewSeconds: 45 }],
    [['--skew', '-30'], { skewSeconds: -30 }],
    [['--skew=-2.5', '--latency-ms', '40'], { skewSeconds: -2.5, latencyMs: 40 }],
    [['--no-date-endpoint', '--jwt'], { dateEndpoint: 'missing', tokenFormat: 'jwt' }],
    [['--lifetime', '300'], { tokenLifetimeSeconds: 300 }],
  ];

  it.each(cases)('parses %j', (argv, expected) => {
    expect(parseEmulatorArgs(argv)).toEqual(expected);
  });

  it.each([['--skew', 'soon'], ['--latency-ms', '-1'], ['--lifetime', '0'], ['--bogus']])(
    'rejects %j',
    (...argv) => {
      expect(() => parseEmulatorArgs(argv)).toThrow();
    },
  );
});
