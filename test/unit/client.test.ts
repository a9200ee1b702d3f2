/** Retries of the token request, driven by a scripted sender and a clock that only counts. */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/clock.js';
import { createClient } from '../../src/genesys/client.js';
import { type Exchange, type HttpRequest, NetworkError } from '../../src/genesys/http.js';

type Step =
  { status: number; headers?: Record<string, string>; body?: string } | 'network';

const TOKEN_BODY = JSON.stringify({ access_token: 'x'.repeat(86), expires_in: 86399 });

/** A clock whose sleeps advance time at once and are written down. */
function fakeClock(): Clock & { slept: number[] } {
  let t = 1000;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    wall: () => t,
    monotonic: () => t,
    sleep: async (s) => {
      slept.push(s);
      t += s;
    },
  };
}

function scripted(steps: Step[], clock: Clock, deadlineIn = 30) {
  const sent: HttpRequest[] = [];
  const client = createClient({
    loginUrl: 'https://login.example.test',
    apiUrl: 'https://api.example.test',
    clientId: 'id',
    clientSecret: 'secret',
    clock,
    deadline: clock.monotonic() + deadlineIn,
    send: async (req): Promise<Exchange> => {
      sent.push(req);
      const step = steps[Math.min(sent.length - 1, steps.length - 1)];
      if (step === 'network')
        throw new NetworkError('login.example.test', 'connection reset');
      return {
        method: req.method,
        url: new URL(req.url),
        status: step.status,
        headers: step.headers ?? {},
        body: step.body ?? (step.status === 200 ? TOKEN_BODY : ''),
        sentAt: clock.now(),
        receivedAt: clock.now(),
      };
    },
  });
  return { client, sent };
}

describe('token request retries', () => {
  it('retries 5xx with jittered, growing backoff, then succeeds', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted(
      [{ status: 503 }, { status: 502 }, { status: 200 }],
      clock,
    );
    const grant = await client.requestToken();
    expect(grant.expiresIn).toBe(86399);
    expect(sent).toHaveLength(3);
    expect(clock.slept).toHaveLength(2);
    expect(clock.slept[0]).toBeGreaterThanOrEqual(0.25);
    expect(clock.slept[0]).toBeLessThanOrEqual(0.75);
    expect(clock.slept[1]).toBeGreaterThanOrEqual(0.5);
    expect(clock.slept[1]).toBeLessThanOrEqual(1.5);
  });

  it('honours Retry-After exactly', async () => {
    const clock = fakeClock();
    const { client } = scripted(
      [{ status: 429, headers: { 'retry-after': '3' } }, { status: 200 }],
      clock,
    );
    await client.requestToken();
    expect(clock.slept).toEqual([3]);
  });

  it.each<[string, Record<string, string>, (slept: number) => boolean]>([
    // An HTTP date counts from the answer's own Date, whatever the runner's clock says.
    [
      'an HTTP date 5 s after the Date header',
      {
        'retry-after': 'Thu, 03 Dec 2026 16:06:11 GMT',
        date: 'Thu, 03 Dec 2026 16:06:06 GMT',
      },
      (slept) => slept === 5,
    ],
    // Unusable values fall back to the jittered backoff, never to an instant retry.
    ['an empty value', { 'retry-after': '' }, (slept) => slept >= 0.25 && slept <= 0.75],
    [
      'a negative number',
      { 'retry-after': '-30' },
      (slept) => slept >= 0.25 && slept <= 0.75,
    ],
  ])('reads Retry-After given as %s', async (_name, headers, ok) => {
    const clock = fakeClock();
    const { client } = scripted([{ status: 429, headers }, { status: 200 }], clock);
    await client.requestToken();
    expect(clock.slept).toHaveLength(1);
    expect(ok(clock.slept[0])).toBe(true);
  });

  it('gives up at once on a Retry-After past the cap, and says so', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted(
      [
        {
          status: 429,
          headers: { 'retry-after': '200' },
          body: '{"error":"too_many_requests"}',
        },
      ],
      clock,
    );
    await expect(client.requestToken()).rejects.toThrow(
      /answered 429 too_many_requests; rate limited \(Retry-After 200 s, longer than this run waits\)/,
    );
    expect(sent).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('does not retry what is not transient', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted(
      [{ status: 401, body: '{"error":"invalid_client"}' }],
      clock,
    );
    await expect(client.requestToken()).rejects.toThrow(/401 invalid_client/);
    expect(sent).toHaveLength(1);
  });

  it('retries network errors, then rethrows the last one', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted(['network'], clock);
    await expect(client.requestToken()).rejects.toThrow(
      'login.example.test: connection reset',
    );
    expect(sent).toHaveLength(3);
  });

  it('never backs off past the deadline', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted(
      [{ status: 429, headers: { 'retry-after': '10' } }, { status: 200 }],
      clock,
      8,
    );
    await expect(client.requestToken()).rejects.toThrow(/429/);
    expect(sent).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('gives each request no more time than the run has left', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted([{ status: 200 }], clock, 6);
    await client.requestToken();
    // 6 s left, 2 s kept back for revocation.
    expect(sent[0].timeoutSeconds).toBe(4);
  });

  it('sends the client-credentials grant with a Basic header', async () => {
    const clock = fakeClock();
    const { client, sent } = scripted([{ status: 200 }], clock);
    await client.requestToken();
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://login.example.test/oauth/token',
      body: 'grant_type=client_credentials',
      headers: {
        authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
  });
});
