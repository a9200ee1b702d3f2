import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type Claims, inspectToken } from '../../src/token/claims.js';
import { CLAIM_ROUNDING_SECONDS, lifecycle } from '../../src/token/lifecycle.js';

const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );

/** An unsigned-looking JWT built by hand, so claims can take any JSON value. */
const handJwt = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }) =>
  `${b64url(header)}.${b64url(payload)}.${b64url('signature')}`;

const KEY = new TextEncoder().encode('a-test-key-of-at-least-32-bytes!!');

describe('inspectToken: opaque tokens', () => {
  const genesysLike = Buffer.alloc(64, 0xa7).toString('base64url');

  it('sees an 86-character Genesys token as opaque', () => {
    expect(genesysLike).toHaveLength(86);
    expect(inspectToken(genesysLike)).toEqual({
      format: 'opaque',
      claims: {},
      notes: [],
    });
  });

  it.each([
    [''],
    ['abc.def'],
    ['a.b.c'],
    ['not.a.jwt.at.all'],
    [`${b64url('not json')}.${b64url({ iat: 1 })}.sig`],
    [`${b64url({ alg: 'HS256' })}.${b64url('[1,2]')}.sig`],
    [`${b64url({ alg: 'HS256' })}.${b64url('"text"')}.sig`],
  ])('treats %j as opaque', (token) => {
    expect(inspectToken(token)).toEqual({ format: 'opaque', claims: {}, notes: [] });
  });
});

describe('inspectToken: JWTs', () => {
  it('reads the claims of a JWT signed with jose', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(1_700_000_000)
      .setNotBefore(1_700_000_000)
      .setExpirationTime(1_700_086_399)
      .sign(KEY);
    expect(inspectToken(token)).toEqual({
      format: 'jwt',
      claims: { iat: 1_700_000_000, nbf: 1_700_000_000, exp: 1_700_086_399 },
      notes: [],
    });
  });

  it('keeps fractional claims as they are', async () => {
    const token = await new SignJWT({ iat: 1_700_000_000.766, exp: 1_700_086_399.766 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(KEY);
    const shape = inspectToken(token);
    expect(shape.format).toBe('jwt');
    expect(shape.claims).toEqual({ iat: 1_700_000_000.766, exp: 1_700_086_399.766 });
    expect(shape.notes).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Claims, string[]]>([
    [
      'a token without iat',
      { nbf: 1_700_000_000, exp: 1_700_003_600 },
      { nbf: 1_700_000_000, exp: 1_700_003_600 },
      [
        "The token carries no 'iat' (issued-at) claim: a token-policy fact, not an error. " +
          "The lifecycle uses 'nbf' and 'exp'.",
      ],
    ],
    [
      'a token with only exp',
      { exp: 1_700_003_600 },
      { exp: 1_700_003_600 },
      [
        "The token carries no 'iat' (issued-at) claim: a token-policy fact, not an error. " +
          "The lifecycle uses 'exp'.",
      ],
    ],
    [
      'a token without exp',
      { iat: 1_700_000_000 },
      { iat: 1_700_000_000 },
      ["The token carries no 'exp' claim; its lifetime comes from expires_in."],
    ],
    [
      'string claims',
      { iat: '1700000000', nbf: null, exp: 1_700_003_600 },
      { exp: 1_700_003_600 },
      [
        "The token's 'iat' claim is not a number (string); it was ignored.",
        "The token's 'nbf' claim is not a number (object); it was ignored.",
        "The token carries no 'iat' (issued-at) claim: a token-policy fact, not an error. " +
          "The lifecycle uses 'exp'.",
      ],
    ],
    [
      'millisecond claims',
      { iat: 1_700_000_000_123, exp: 1_700_003_600_123 },
      { iat: 1_700_000_000.123, exp: 1_700_003_600.123 },
      [
        "The token's 'iat' claim is in milliseconds, not seconds as RFC 7519 requires; " +
          'it was read as milliseconds, but strict validators will misread it.',
        "The token's 'exp' claim is in milliseconds, not seconds as RFC 7519 requires; " +
          'it was read as milliseconds, but strict validators will misread it.',
      ],
    ],
    [
      'no time claims at all',
      { sub: 'client' },
      {},
      [
        "The token carries no 'iat' (issued-at) claim: a token-policy fact, not an error. " +
          "The lifecycle uses 'exp'.",
        "The token carries no 'exp' claim; its lifetime comes from expires_in.",
      ],
    ],
  ])('reads %s', (_name, payload, claims, notes) => {
    const shape = inspectToken(handJwt(payload));
    expect(shape.format).toBe('jwt');
    expect(shape.claims).toEqual(claims);
    expect(shape.notes).toEqual(notes);
  });
});

describe('lifecycle: opaque tokens', () => {
  const requestedAt = 1_700_000_000;
  const receivedAt = requestedAt + 0.2;
  const issued = requestedAt + 0.1;

  it.each<[number, number, number]>([
    // expiresIn, seconds since issue, skew: server remaining = expiresIn − elapsed,
    // client remaining = server remaining − skew
    [86399, 10, 0],
    [86399, 10, 2],
    [86399, 10, -2],
    [3600, 600, 45],
    [300, 1, -120],
  ])('a %d s token %d s after issue with skew %d', (expiresIn, elapsed, skew) => {
    const result = lifecycle({
      expiresIn,
      requestedAt,
      receivedAt,
      claims: {},
      skew: { lo: skew - 0.01, hi: skew + 0.01, mid: skew },
      now: issued + elapsed,
    });
    expect(result.lifetimeSeconds).toBe(expiresIn);
    expect(result.serverRemainingSeconds).toBeCloseTo(expiresIn - elapsed, 6);
    expect(result.clientRemainingSeconds).toBeCloseTo(expiresIn - elapsed - skew, 6);
    expect(result.issuedAt).toBeCloseTo(issued - skew, 6);
    expect(result.expiresAt).toBeCloseTo(issued - skew + expiresIn, 6);
    expect(result.notBefore).toBeUndefined();
    expect(result.iatOffsetSeconds).toBeUndefined();
    expect(result.expiredForServer).toBe(false);
    expect(result.expiredForClient).toBe(false);
    expect(result.notYetValidForServerSeconds).toBe(0);
    expect(result.notYetValidForClientSeconds).toBe(0);
  });

  it.each<[string, number, number, number, boolean, boolean]>([
    // name, expiresIn, skew, elapsed, expired for server, expired for client
    ['skew +90 and lifetime 60', 60, 90, 1, false, true],
    ['skew +59 and lifetime 60', 60, 59, 0.5, false, false],
    ['skew −90 and lifetime 60', 60, -90, 1, false, false],
    ['a token past its lifetime', 60, 0, 61, true, true],
    ['a token past its lifetime, runner behind', 60, -90, 61, true, false],
  ])('judges expiry with %s', (_name, expiresIn, skew, elapsed, server, client) => {
    const result = lifecycle({
      expiresIn,
      requestedAt,
      receivedAt,
      claims: {},
      skew: { lo: skew - 0.005, hi: skew + 0.005, mid: skew },
      now: issued + elapsed,
    });
    expect(result.expiredForServer).toBe(server);
    expect(result.expiredForClient).toBe(client);
    expect(result.clientRemainingSeconds).toBeCloseTo(expiresIn - elapsed - skew, 6);
  });
});

describe('lifecycle: JWT claims', () => {
  const requestedAt = 1_700_000_000;
  const receivedAt = requestedAt + 0.2;
  const issued = requestedAt + 0.1;

  /** The token judged one second after issue, claims relative to the server's clock. */
  function judged(
    skew: number,
    claims: (issueServer: number) => Claims,
    expiresIn = 3600,
  ) {
    return lifecycle({
      expiresIn,
      requestedAt,
      receivedAt,
      claims: claims(issued - skew),
      skew: { lo: skew - 0.01, hi: skew + 0.01, mid: skew },
      now: issued + 1,
    });
  }

  it.each<[number]>([[0], [5], [-5]])(
    'sees iat and nbf one hour ahead as not yet valid for about 3600 s (skew %d)',
    (skew) => {
      const result = judged(skew, (t) => ({
        iat: t + 3600,
        nbf: t + 3600,
        exp: t + 7200,
      }));
      expect(result.notYetValidForServerSeconds).toBeGreaterThan(3597);
      expect(result.notYetValidForServerSeconds).toBeLessThanOrEqual(3600);
      expect(result.notYetValidForClientSeconds).toBeCloseTo(3599 - skew, 1);
      expect(result.iatOffsetSeconds).toBeCloseTo(3600, 6);
      expect(result.lifetimeSeconds).toBeCloseTo(3600, 6);
      expect(result.expiredForServer).toBe(false);
    },
  );

  it.each<[number, number]>([
    [0.766, 0],
    [0.766, 0.5],
    [-0.2, 0],
    [1, 0],
  ])('does not call an iat %d s ahead not yet valid (skew %d)', (ahead, skew) => {
    const result = judged(skew, (t) => ({ iat: t + ahead, exp: t + ahead + 3600 }));
    expect(result.notYetValidForServerSeconds).toBe(0);
    expect(result.notYetValidForClientSeconds).toBe(0);
    expect(result.iatOffsetSeconds).toBeCloseTo(ahead, 6);
    expect(result.notBefore).toBeCloseTo(issued - skew + ahead, 6);
  });

  it('allows one second of claim rounding before a token is not yet valid', () => {
    expect(CLAIM_ROUNDING_SECONDS).toBe(1);
    const result = judged(0, (t) => ({ iat: t + 2.5 }));
    expect(result.notYetValidForServerSeconds).toBeCloseTo(1.5 - 0.01, 5);
    expect(result.notYetValidForClientSeconds).toBeCloseTo(1.5, 5);
  });

  it.each<[string, (t: number) => Claims, number]>([
    ['exp − iat', (t) => ({ iat: t, exp: t + 600 }), 600],
    ['exp − nbf without iat', (t) => ({ nbf: t - 30, exp: t + 570 }), 600],
    ['expires_in without exp', (t) => ({ iat: t }), 3600],
    ['expires_in with exp alone', (t) => ({ exp: t + 600 }), 3600],
  ])('takes the lifetime from %s', (_name, claims, lifetime) => {
    expect(judged(0, claims).lifetimeSeconds).toBeCloseTo(lifetime, 6);
  });

  it.each<[number, number, number]>([
    // skew, exp after issue, expected client remaining one second after issue
    [0, 600, 599],
    [30, 600, 569],
    [-30, 600, 629],
  ])('measures the remaining time to exp with skew %d', (skew, exp, remaining) => {
    const result = judged(skew, (t) => ({ iat: t, exp: t + exp }));
    expect(result.expiresAt).toBeCloseTo(issued - skew + exp, 6);
    expect(result.serverRemainingSeconds).toBeCloseTo(exp - 1, 6);
    expect(result.clientRemainingSeconds).toBeCloseTo(remaining, 6);
  });

  it('sees an exp already past on the runner clock as expired for the client', () => {
    const result = judged(120, (t) => ({ iat: t, exp: t + 60 }));
    expect(result.expiredForClient).toBe(true);
    expect(result.expiredForServer).toBe(false);
    expect(result.clientRemainingSeconds).toBeCloseTo(-61, 6);
  });
});

/**
 * A skew interval that reaches across an edge: the token is called expired or not yet
 * valid only when that holds for every skew in the interval (and for the latest moment
 * the answer can have been issued), so the measurement's own error never raises the risk.
 */
describe('lifecycle: a skew interval across an edge', () => {
  const requestedAt = 1_700_000_000;
  const receivedAt = requestedAt + 0.2;

  const judge = (lo: number, hi: number, fields: { claims?: Claims; now: number }) =>
    lifecycle({
      expiresIn: 60,
      requestedAt,
      receivedAt,
      claims: fields.claims ?? {},
      skew: { lo, hi, mid: (lo + hi) / 2 },
      now: fields.now,
    });

  // A 60 s token judged 10 s after its answer: for the runner's clock it expires when
  // the skew passes 50 s (issued at the answer) or 49.9 s (issued when requested).
  it.each<[number, number, boolean]>([
    [48, 49.9, false],
    [49, 51, false],
    [49.95, 50.5, false],
    [50.05, 52, true],
  ])(
    'an opaque token with skew %d … %d s: expired for the runner %s',
    (lo, hi, expired) => {
      const result = judge(lo, hi, { now: receivedAt + 10 });
      expect(result.expiredForClient).toBe(expired);
      // The server counts expires_in on its own clock: 50 s left whatever the skew.
      expect(result.expiredForServer).toBe(false);
    },
  );

  it('reports the midpoint as past expiry while the interval still allows a valid token', () => {
    const result = judge(49, 51, { now: receivedAt + 10 });
    expect(result.clientRemainingSeconds).toBeCloseTo(-0.1, 6);
    expect(result.expiredForClient).toBe(false);
  });

  // exp 5 s before the runner's now: the server sees it expired unless it runs 5 s behind.
  it.each<[number, number, boolean]>([
    [3, 4.9, true],
    [4, 6, false],
    [5.1, 7, false],
  ])(
    'an exp 5 s past with skew %d … %d s: expired for the server %s',
    (lo, hi, expired) => {
      const exp = receivedAt + 100;
      const result = judge(lo, hi, { claims: { iat: exp - 60, exp }, now: exp + 5 });
      expect(result.expiredForServer).toBe(expired);
      // The runner compares exp with its own clock, which the skew does not move.
      expect(result.expiredForClient).toBe(true);
    },
  );

  // nbf equal to the runner's now: by the server's clock it lies `skew` seconds ahead,
  // and only what the whole interval puts beyond the 1 s rounding allowance counts.
  it.each<[number, number, number]>([
    [-2, 4, 0],
    [0.5, 3, 0],
    [0.9, 1.1, 0],
    [1.5, 3, 1.5],
    [2, 2.5, 2],
  ])(
    "an nbf at the runner's now with skew %d … %d s: %d s not yet valid",
    (lo, hi, wait) => {
      const now = receivedAt + 1;
      const result = judge(lo, hi, { claims: { nbf: now, exp: now + 3600 }, now });
      expect(result.notYetValidForServerSeconds).toBeCloseTo(wait, 9);
      expect(result.notYetValidForClientSeconds).toBe(0);
      expect(result.expiredForServer).toBe(false);
      expect(result.expiredForClient).toBe(false);
    },
  );
});
