import { describe, expect, it } from 'vitest';
import type { Risk } from '../../src/settings/settings.js';
import { type Lifecycle, lifecycle } from '../../src/token/lifecycle.js';
import {
  type Acceptance,
  FIX_CLOCK,
  judge,
  riskAtLeast,
} from '../../src/verdict/verdict.js';
import { estimateOf } from '../helpers/fixtures.js';

const THRESHOLDS = { medium: 5, high: 30, critical: 60 };

/** A fresh token judged a second after issue, with the skew interval given. */
function life(
  lo: number,
  hi: number,
  fields: {
    expiresIn?: number;
    claims?: (issueServer: number) => object;
    now?: number;
  } = {},
): Lifecycle {
  const requestedAt = 1_700_000_000;
  const receivedAt = requestedAt + 0.1;
  const mid = (lo + hi) / 2;
  const issueServer = (requestedAt + receivedAt) / 2 - mid;
  return lifecycle({
    expiresIn: fields.expiresIn ?? 86399,
    requestedAt,
    receivedAt,
    claims: fields.claims?.(issueServer) ?? {},
    skew: { lo, hi, mid },
    now: fields.now ?? receivedAt + 1,
  });
}

describe('judge: risk from the skew interval', () => {
  it.each<[number, number, Risk, string | undefined]>([
    [-0.01, 0.01, 'low', undefined],
    [0.99, 1.01, 'low', undefined],
    [4.9, 4.99, 'low', undefined],
    [4.99, 5.01, 'low', 'medium'],
    [3, 7, 'low', 'medium'],
    [5, 5.02, 'medium', undefined],
    [12, 12.02, 'medium', undefined],
    [29.9, 30.1, 'medium', 'high'],
    [30, 30.02, 'high', undefined],
    [45, 45.01, 'high', undefined],
    [59, 61, 'high', 'critical'],
    [60, 60.01, 'critical', undefined],
    [3600, 3600.5, 'critical', undefined],
    [2, 65, 'low', 'medium'],
    [-0.5, 100, 'low', 'medium'],
    [10, 70, 'medium', 'high'],
  ])('[%d, %d] is %s (possibly %s)', (lo, hi, risk, possibly) => {
    for (const [a, b] of [
      [lo, hi],
      [-hi, -lo],
    ]) {
      const verdict = judge({ estimate: estimateOf(a, b), thresholds: THRESHOLDS });
      expect(verdict.risk).toBe(risk);
      expect(verdict.headline.startsWith(`${risk.toUpperCase()}: `)).toBe(true);
      if (possibly) {
        expect(verdict.headline.endsWith(`; possibly ${possibly}.`)).toBe(true);
        expect(
          verdict.reasons.some((r) =>
            r.startsWith(`The skew is possibly at or over the ${possibly} threshold`),
          ),
        ).toBe(true);
      } else {
        expect(verdict.headline).not.toContain('possibly');
        expect(verdict.reasons.join(' ')).not.toContain('possibly at or over');
      }
    }
  });

  it.each<[number, number, string]>([
    [45, 45.01, 'the runner is 45.0 s ahead of Genesys Cloud'],
    [-45.01, -45, 'the runner is 45.0 s behind Genesys Cloud'],
  ])('describes [%d, %d] with its direction', (lo, hi, words) => {
    const verdict = judge({ estimate: estimateOf(lo, hi), thresholds: THRESHOLDS });
    expect(verdict.headline).toBe(`HIGH: ${words} (± 5 ms).`);
    expect(verdict.reasons[0]).toBe(
      `Measured: ${words} (± 5 ms), from 8 /api/v2/date readings.`,
    );
  });

  it.each<[number, number, string[], string[]]>([
    [0.1, 0.2, ['under', 'under', 'under', 'under', 'under'], []],
    [2, 2.01, ['over', 'under', 'under', 'under', 'under'], ['0']],
    [35, 35.01, ['over', 'over', 'over', 'under', 'under'], ['0', '10', '30']],
    [
      -400,
      -399,
      ['over', 'over', 'over', 'over', 'over'],
      ['0', '10', '30', '60', '300'],
    ],
    [25, 35, ['over', 'over', 'possibly', 'under', 'under'], ['0', '10']],
  ])('finds which tolerances [%d, %d] breaks', (lo, hi, statuses, broken) => {
    const verdict = judge({ estimate: estimateOf(lo, hi), thresholds: THRESHOLDS });
    expect(verdict.tolerances.map((t) => t.status)).toEqual(statuses);
    expect(
      verdict.tolerances.filter((t) => t.status === 'over').map((t) => String(t.seconds)),
    ).toEqual(broken);
  });

  it.each<[number, number, boolean]>([
    [0, 0.01, false],
    [4, 4.01, false],
    [5, 5.01, true],
    [-80, -79, true],
  ])('advises fixing the clock for [%d, %d]: %s', (lo, hi, fix) => {
    const verdict = judge({ estimate: estimateOf(lo, hi), thresholds: THRESHOLDS });
    const advice = verdict.advice.join(' ');
    expect(advice.includes(FIX_CLOCK[0])).toBe(fix);
    expect(advice.includes('Nothing to do')).toBe(!fix);
  });

  it('follows custom thresholds', () => {
    const thresholds = { medium: 1, high: 2, critical: 3 };
    expect(judge({ estimate: estimateOf(2.5, 2.6), thresholds }).risk).toBe('high');
    expect(judge({ estimate: estimateOf(-3.1, -3), thresholds }).risk).toBe('critical');
  });

  it('says when the samples contradict each other', () => {
    const estimate = estimateOf(9.98, 10.02, {
      consistent: false,
      agreeing: 3,
      considered: 4,
    });
    const verdict = judge({ estimate, thresholds: THRESHOLDS });
    expect(verdict.risk).toBe('medium');
    expect(verdict.reasons.some((r) => r.startsWith('Only 3 of 4 samples agree'))).toBe(
      true,
    );
  });

  it('reports a wall-clock step without changing the risk', () => {
    const verdict = judge({
      estimate: estimateOf(-0.01, 0.01),
      thresholds: THRESHOLDS,
      clockStepSeconds: 2.5,
    });
    expect(verdict.risk).toBe('low');
    expect(
      verdict.reasons.some((r) =>
        r.startsWith("The runner's wall clock was stepped by 2.50 s during the run"),
      ),
    ).toBe(true);
  });
});

describe('judge: the token window', () => {
  it.each<[string, number, number, number, string]>([
    [
      'for the runner, ahead by 90 s, of a 60 s token',
      90,
      90.01,
      60,
      "the runner's clock",
    ],
    ['for the runner, ahead by 10 s, of a 5 s token', 10, 10.01, 5, "the runner's clock"],
  ])('is critical when the token is expired %s', (_name, lo, hi, expiresIn, who) => {
    const lifecycle = life(lo, hi, { expiresIn });
    expect(lifecycle.expiredForClient).toBe(true);
    const verdict = judge({
      estimate: estimateOf(lo, hi),
      thresholds: THRESHOLDS,
      lifecycle,
    });
    expect(verdict.risk).toBe('critical');
    expect(
      verdict.headline.startsWith('CRITICAL: the token is expired on arrival; '),
    ).toBe(true);
    expect(
      verdict.reasons.some((r) =>
        r.startsWith(`The token is already expired for ${who}`),
      ),
    ).toBe(true);
    expect(verdict.advice.some((a) => a.includes('monotonic timer'))).toBe(true);
  });

  it('is critical when the server already sees the token expired', () => {
    const lifecycle = life(0, 0.01, { expiresIn: 60, now: 1_700_000_000 + 61 });
    const verdict = judge({
      estimate: estimateOf(0, 0.01),
      thresholds: THRESHOLDS,
      lifecycle,
    });
    expect(verdict.risk).toBe('critical');
    expect(
      verdict.reasons.some((r) =>
        r.startsWith('The token is already expired for the server'),
      ),
    ).toBe(true);
  });

  it.each<[number]>([[3600], [7200], [10800]])(
    'blames the issuer for claims %d s ahead while the clocks agree',
    (ahead) => {
      const lifecycle = life(-0.01, 0.01, {
        claims: (issue) => ({ iat: issue + ahead, nbf: issue + ahead }),
      });
      const verdict = judge({
        estimate: estimateOf(-0.01, 0.01),
        thresholds: THRESHOLDS,
        lifecycle,
      });
      expect(verdict.risk).toBe('critical');
      expect(verdict.headline.startsWith('CRITICAL: the token is not valid yet; ')).toBe(
        true,
      );
      const reason = verdict.reasons.find((r) =>
        r.startsWith('The token is not valid yet'),
      );
      expect(reason).toContain('while the clocks agree');
      expect(reason).toContain(
        'by whole hours, the mark of a local-time or daylight-saving conversion bug',
      );
      expect(reason).toContain('the runner is not the cause');
      expect(verdict.advice.some((a) => a.startsWith('Report the claim times'))).toBe(
        true,
      );
    },
  );

  it('does not blame the issuer for honest claims the runner sees early', () => {
    // The runner is 2 to 5 s behind: an iat stamped at issue lies ahead of its clock.
    const lifecycle = life(-5, -2, { claims: (issue) => ({ iat: issue }) });
    const verdict = judge({
      estimate: estimateOf(-5, -2),
      thresholds: THRESHOLDS,
      lifecycle,
    });
    const reason = verdict.reasons.find((r) =>
      r.startsWith('The token is not valid yet'),
    );
    expect(verdict.risk).toBe('critical');
    expect(reason).toMatch(
      /^The token is not valid yet: its nbf\/iat lies [\d.]+ s in the future\.$/,
    );
    expect(verdict.advice.some((a) => a.startsWith('Report the claim times'))).toBe(
      false,
    );
  });

  it('does not speak of whole hours for claims 20 minutes ahead', () => {
    const lifecycle = life(-0.01, 0.01, { claims: (issue) => ({ iat: issue + 1200 }) });
    const verdict = judge({
      estimate: estimateOf(-0.01, 0.01),
      thresholds: THRESHOLDS,
      lifecycle,
    });
    const reason = verdict.reasons.find((r) =>
      r.startsWith('The token is not valid yet'),
    )!;
    expect(verdict.risk).toBe('critical');
    expect(reason).toContain('lies 19 min 59 s in the future, while the clocks agree');
    expect(reason).not.toContain('whole hours');
  });

  it('blames the issuer without clearing a runner that is off too', () => {
    const lifecycle = life(-100.01, -100, { claims: (issue) => ({ iat: issue + 3600 }) });
    const verdict = judge({
      estimate: estimateOf(-100.01, -100),
      thresholds: THRESHOLDS,
      lifecycle,
    });
    const reason = verdict.reasons.find((r) =>
      r.startsWith('The token is not valid yet'),
    )!;
    expect(verdict.risk).toBe('critical');
    expect(reason).toContain(
      'The issuer stamped the claims ahead of its own clock by whole hours',
    );
    expect(reason).not.toContain('clocks agree');
    expect(reason).not.toContain('the runner is not the cause');
  });

  it.each<[number, string]>([
    [0.766, "The token's iat sits 766 ms after the server's clock at issue"],
    [-0.4, "The token's iat sits 400 ms before the server's clock at issue"],
    [-300, 'The issuer backdates iat behind its own clock by 300.0 s'],
  ])(
    'explains an iat %d s off the server clock without raising the risk',
    (off, start) => {
      const lifecycle = life(-0.01, 0.01, { claims: (issue) => ({ iat: issue + off }) });
      expect(lifecycle.notYetValidForServerSeconds).toBe(0);
      expect(lifecycle.notYetValidForClientSeconds).toBe(0);
      const verdict = judge({
        estimate: estimateOf(-0.01, 0.01),
        thresholds: THRESHOLDS,
        lifecycle,
      });
      expect(verdict.risk).toBe('low');
      expect(verdict.reasons.some((r) => r.startsWith(start))).toBe(true);
    },
  );
});

describe('judge: whether the API accepts the token', () => {
  const rejected = (fields: Partial<Acceptance>): Acceptance => ({
    accepted: false,
    clearedRejections: 0,
    persistent: true,
    checkStatus: 401,
    checkCode: 'credentials.expired',
    ...fields,
  });

  it.each<[string, Partial<Acceptance>, string]>([
    [
      'a code and an age',
      { lastCode: 'credentials.expired', rejectedAfterSeconds: 2 },
      'The API rejects the fresh token (credentials.expired after 2.00 s), also on a retry',
    ],
    ['no code', {}, 'The API rejects the fresh token (401), also on a retry'],
    [
      'an empty code',
      { lastCode: '' },
      'The API rejects the fresh token (401), also on a retry',
    ],
  ])('is critical on a persistent rejection with %s', (_name, fields, start) => {
    const verdict = judge({
      estimate: estimateOf(-0.01, 0.01),
      thresholds: THRESHOLDS,
      acceptance: rejected(fields),
    });
    expect(verdict.risk).toBe('critical');
    expect(
      verdict.headline.startsWith('CRITICAL: the API rejects the fresh token; '),
    ).toBe(true);
    const reason = verdict.reasons.find((r) => r.startsWith(start));
    expect(reason).toContain('The clocks are not the cause');
    expect(verdict.advice.some((a) => a.startsWith('Check the OAuth client'))).toBe(true);
  });

  it('does not clear the clocks of a persistent rejection when the skew is large', () => {
    const verdict = judge({
      estimate: estimateOf(40, 40.01),
      thresholds: THRESHOLDS,
      acceptance: rejected({ lastCode: 'bad.credentials' }),
    });
    expect(verdict.risk).toBe('critical');
    expect(verdict.reasons.join(' ')).not.toContain('The clocks are not the cause');
  });

  it.each<[number, number, Risk, string]>([
    [0.005, 0.015, 'low', 'A skew of 10 ms cannot explain that'],
    [1, 1.01, 'low', 'A skew of 1.00 s cannot explain that'],
    [10, 10.01, 'medium', 'The skew may play a part'],
    [-45, -44.99, 'high', 'The skew may play a part'],
  ])('does not escalate a cleared rejection at [%d, %d]', (lo, hi, risk, words) => {
    const verdict = judge({
      estimate: estimateOf(lo, hi),
      thresholds: THRESHOLDS,
      acceptance: {
        accepted: true,
        clearedRejections: 2,
        persistent: false,
        checkStatus: 200,
        checkCode: '',
      },
    });
    expect(verdict.risk).toBe(risk);
    const reason = verdict.reasons.find((r) =>
      r.startsWith('The API rejected the fresh token 2 time(s) and then accepted it.'),
    );
    expect(reason).toContain(words);
    expect(verdict.advice.some((a) => a.startsWith('Retry a 401 once'))).toBe(true);
  });

  it('says nothing of rejections when the token was always accepted', () => {
    const verdict = judge({
      estimate: estimateOf(-0.01, 0.01),
      thresholds: THRESHOLDS,
      acceptance: {
        accepted: true,
        clearedRejections: 0,
        persistent: false,
        checkStatus: 200,
        checkCode: '',
      },
    });
    expect(verdict.risk).toBe('low');
    expect(verdict.reasons.join(' ')).not.toContain('reject');
    expect(verdict.advice).toEqual([
      'Nothing to do: the clocks agree well enough for Genesys Cloud.',
    ]);
  });
});

describe('riskAtLeast', () => {
  it.each<[Risk, Risk, boolean]>([
    ['low', 'low', true],
    ['low', 'medium', false],
    ['medium', 'medium', true],
    ['high', 'medium', true],
    ['high', 'critical', false],
    ['critical', 'high', true],
  ])('%s is at least %s: %s', (risk, floor, expected) => {
    expect(riskAtLeast(risk, floor)).toBe(expected);
  });
});

describe('judge: whether more samples would settle a "possibly"', () => {
  it('says more samples would likely settle it when the bound is far above its floor', () => {
    // Date headers, 20 ms round trip, still ± 400 ms: the estimate sits 300 ms under 5 s.
    const v = judge({
      estimate: estimateOf(4.3, 5.1, { source: 'date-header', bestRttMs: 20 }),
      thresholds: THRESHOLDS,
    });
    expect(v.risk).toBe('low');
    const text = v.reasons.join(' ');
    expect(text).toMatch(/possibly at or over the medium threshold/);
    expect(text).toMatch(
      /More samples would likely settle it: the bound of ±400 ms can shrink to about ±11 ms/,
    );
  });

  it('says more samples would not settle it when the bound is at its floor', () => {
    const v = judge({
      estimate: estimateOf(4.995, 5.015, { bestRttMs: 20 }),
      thresholds: THRESHOLDS,
    });
    const text = v.reasons.join(' ');
    expect(text).toMatch(/More samples would not settle it/);
    expect(text).toMatch(/only a shorter round trip could/);
  });

  it('names the likely causes and the set-aside samples of an inconsistent measurement', () => {
    const v = judge({
      estimate: estimateOf(9.9, 10.1, {
        consistent: false,
        agreeing: 3,
        considered: 4,
        disagreeing: ['GET /api/v2/date at api.test'],
        causes: ['1 answer(s) carried a server time older than the others: a stale Date'],
      }),
      thresholds: THRESHOLDS,
    });
    const text = v.reasons.join(' ');
    expect(text).toMatch(
      /Only 3 of 4 samples agree.*likely cause: 1 answer\(s\) carried a server time older/,
    );
    expect(text).toMatch(/inconsistent/);
    expect(text).toMatch(/set aside: GET \/api\/v2\/date at api\.test/);
  });
});

describe('judge: a skew interval across a token edge raises no risk', () => {
  // life() issues at 1_700_000_000 … 1_700_000_000.1 (runner time).
  const answer = 1_700_000_000.1;
  const expiring = { expiresIn: 60, now: answer + 10 };
  const nbfAtNow = {
    now: answer + 1,
    claims: () => ({ nbf: answer + 1, exp: answer + 3601 }),
  };

  it.each<[string, number, number, Parameters<typeof life>[2], Risk, RegExp | undefined]>(
    [
      // Expired for the runner only if the skew is past 50 s: the interval must be, whole.
      ['expiry within the interval', 49, 51, expiring, 'high', undefined],
      [
        'expiry before the interval',
        50.05,
        52,
        expiring,
        'critical',
        /^The token is already expired for the runner's clock/,
      ],
      // Not valid yet by the server's clock if the skew is over 1 s (the rounding allowance).
      ['an nbf the interval may put within rounding', 0.5, 3, nbfAtNow, 'low', undefined],
      [
        'an nbf the whole interval puts beyond rounding',
        1.5,
        3,
        nbfAtNow,
        'critical',
        /^The token is not valid yet: its nbf\/iat lies 1\.50 s in the future/,
      ],
    ],
  )('%s (skew %d … %d s)', (_name, lo, hi, fields, risk, reason) => {
    const verdict = judge({
      estimate: estimateOf(lo, hi),
      thresholds: THRESHOLDS,
      lifecycle: life(lo, hi, fields),
    });
    expect(verdict.risk).toBe(risk);
    const token = verdict.reasons.filter((r) =>
      /^The token is (already expired|not valid yet)/.test(r),
    );
    if (reason) {
      expect(token).toHaveLength(1);
      expect(token[0]).toMatch(reason);
    } else {
      expect(token).toEqual([]);
    }
  });
});
