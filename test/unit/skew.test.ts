import { describe, expect, it } from 'vitest';
import {
  type Comparison,
  TOLERANCES,
  compare,
  describeSkew,
  duration,
  plusMinus,
  rounded,
  skewInWords,
  toleranceStatus,
} from '../../src/verdict/skew.js';

describe('compare', () => {
  it.each<[number, number, number, Comparison]>([
    [6, 7, 5, 'over'],
    [5, 5.01, 5, 'over'],
    [4.99, 5.01, 5, 'possibly'],
    [3, 7, 5, 'possibly'],
    [2, 65, 30, 'possibly'],
    [1, 4.99, 5, 'under'],
    [-0.5, 0.5, 5, 'under'],
    [-1, 100, 30, 'possibly'],
    [-100, 100, 30, 'possibly'],
    [-0.01, 0.01, 0.001, 'possibly'],
    [0, 0, 0, 'over'],
    [0.2, 0.3, 0, 'over'],
  ])('[%d, %d] against %d is %s', (lo, hi, threshold, expected) => {
    expect(compare(lo, hi, threshold)).toBe(expected);
    // Negative skews are judged by their size, exactly as positive ones.
    expect(compare(-hi, -lo, threshold)).toBe(expected);
  });
});

describe('toleranceStatus', () => {
  const tol = (seconds: number) => TOLERANCES.find((t) => t.seconds === seconds)!;

  it('lists the documented tolerances from strictest to most lenient', () => {
    expect(TOLERANCES.map((t) => t.seconds)).toEqual([0, 10, 30, 60, 300]);
    for (const t of TOLERANCES) expect(t.who.length).toBeGreaterThan(10);
  });

  it.each<[number, number, number, Comparison]>([
    // A zero-leeway validator fails reliably only from a whole second on.
    [0.2, 0.3, 0, 'under'],
    [0.99, 0.999, 0, 'under'],
    [0.9, 1.1, 0, 'possibly'],
    [1, 1.01, 0, 'over'],
    [-1.5, -1.2, 0, 'over'],
    [9, 9.5, 10, 'under'],
    [9.9, 10.1, 10, 'possibly'],
    [10.001, 10.01, 10, 'over'],
    [29, 31, 30, 'possibly'],
    [-61, -60.5, 60, 'over'],
    [250, 299, 300, 'under'],
    [-310, -301, 300, 'over'],
  ])('[%d, %d] against the %d s tolerance is %s', (lo, hi, seconds, expected) => {
    expect(toleranceStatus(lo, hi, tol(seconds))).toBe(expected);
  });

  // A validator with 30 s of leeway accepts a skew of exactly 30 s.
  it.each<[number]>([[10], [30], [60], [300]])(
    'treats a skew of exactly %d s as within that tolerance',
    (seconds) => {
      expect(toleranceStatus(seconds, seconds, tol(seconds))).toBe('under');
    },
  );
});

describe('duration', () => {
  it.each([
    [0, '0 ms'],
    [0.0004, '0 ms'],
    [0.005, '5 ms'],
    [0.45, '450 ms'],
    [-0.45, '450 ms'],
    [1, '1.00 s'],
    [2.345, '2.35 s'],
    [12.34, '12.3 s'],
    [-45, '45.0 s'],
    [599.94, '599.9 s'],
    [600, '10 min 0 s'],
    [754.6, '12 min 35 s'],
    [3600, '60 min 0 s'],
    [7200, '2 h 0 min'],
    [7500, '2 h 5 min'],
    [-90000, '25 h 0 min'],
    [172800, '2.0 days'],
    [450 * 86400, '450.0 days'],
  ])('writes %d s as %j', (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });
});

describe('describeSkew', () => {
  it.each<[number, number, string]>([
    [45, 0.005, 'the runner is 45.0 s ahead of Genesys Cloud (± 5 ms)'],
    [-45, 0.005, 'the runner is 45.0 s behind Genesys Cloud (± 5 ms)'],
    [0.25, 0.01, 'the runner is 250 ms ahead of Genesys Cloud (± 10 ms)'],
    [-3, 0.51, 'the runner is 3.00 s behind Genesys Cloud (± 510 ms)'],
    // A sub-millisecond bound is printed up to the next millisecond, never down.
    [1.2, 0.0002, 'the runner is 1.20 s ahead of Genesys Cloud (± 1 ms)'],
    [
      0.003,
      0.005,
      'the runner and Genesys Cloud agree to within the measurement (± 5 ms)',
    ],
    [
      -0.01,
      0.01,
      'the runner and Genesys Cloud agree to within the measurement (± 10 ms)',
    ],
  ])('describes skew %d ± %d', (skew, bound, text) => {
    expect(describeSkew(skew - bound, skew + bound, skew)).toBe(text);
  });

  it('prints the same bound as the outputs, rounded outward from the rounded point', () => {
    // Point 45.0004 prints as 45.000, so the interval's top end is 12.4 ms away.
    const r = rounded(44.988, 45.0124, 45.0004);
    expect(r).toEqual({
      seconds: 45,
      boundSeconds: 0.013,
      lowSeconds: 44.988,
      highSeconds: 45.013,
    });
    expect(describeSkew(44.988, 45.0124, 45.0004)).toBe(
      'the runner is 45.0 s ahead of Genesys Cloud (± 13 ms)',
    );
    expect(plusMinus(44.988, 45.0124, 45.0004)).toBe('+45.000 s ± 0.013 s');
  });
});

describe('skewInWords', () => {
  it.each<[number, number, string]>([
    [45, 0.023, 'runner ahead by 45.0 s, give or take 23 ms'],
    [-0.25, 0.01, 'runner behind by 250 ms, give or take 10 ms'],
    [0.001, 0.013, 'no difference the measurement can see (within 13 ms)'],
  ])('%d ± %d reads "%s"', (seconds, bound, text) => {
    expect(skewInWords(seconds, bound)).toBe(text);
  });
});
