import { describe, expect, it } from 'vitest';
import {
  estimate,
  intersect,
  marzullo,
  repeatedReadings,
} from '../../src/clock/estimate.js';
import type { Interval, Sample, SampleSource } from '../../src/clock/sample.js';
import { mulberry32 } from '../helpers/random.js';

/** Floating-point slack for sums of epoch seconds (an ulp at 1.7e9 is 2.4e-7 s). */
const EPS = 1e-6;

interface Exchange {
  /** Runner time the request left, and the one-way delays out and back (s). */
  t1: number;
  out: number;
  back: number;
}

/**
 * The sample a server with clock `runner − skew` returns: it reads its clock when the
 * request arrives and writes the reading truncated (or rounded) to `resolution`.
 */
function synthesise(
  skew: number,
  { t1, out, back }: Exchange,
  source: SampleSource,
  resolution: number,
  round = false,
): Sample {
  const stampedAt = t1 + out;
  const trueServer = stampedAt - skew;
  const steps = trueServer / resolution;
  const serverTime = (round ? Math.round(steps) : Math.floor(steps)) * resolution;
  return {
    source,
    exchange: source === 'date-endpoint' ? 'GET /api/v2/date' : 'HEAD /api/v2/tokens/me',
    host: 'api.mypurecloud.com',
    status: 200,
    sentAt: t1,
    receivedAt: stampedAt + back,
    serverTime,
    resolution,
  };
}

function randomExchange(rand: () => number): Exchange {
  const asymmetric = rand() < 0.5;
  const out = asymmetric ? rand() * 0.3 : rand() * 0.05;
  const back = asymmetric ? rand() * 0.01 : rand() * 0.05;
  return rand() < 0.5
    ? { t1: 1.6e9 + rand() * 2e8, out, back }
    : { t1: 1.6e9 + rand() * 2e8, out: back, back: out };
}

describe('estimate: the interval always holds the true skew', () => {
  const kinds: [SampleSource, number, boolean][] = [
    ['date-header', 1, false],
    ['date-endpoint', 0.001, false],
    ['date-endpoint', 0.001, true],
  ];

  it.each(kinds)(
    'for random %s samples of resolution %d (rounded: %s)',
    (source, q, round) => {
      const rand = mulberry32(0x5eed + q * 1000 + (round ? 7 : 0));
      for (let trial = 0; trial < 500; trial++) {
        const skew = (rand() - 0.5) * 600;
        const n = 1 + Math.floor(rand() * 12);
        const samples = Array.from({ length: n }, () =>
          synthesise(skew, randomExchange(rand), source, q, round),
        );
        const e = estimate(samples)!;
        expect(e.lo).toBeLessThanOrEqual(skew + EPS);
        expect(e.hi).toBeGreaterThanOrEqual(skew - EPS);
        expect(e.skew).toBeCloseTo((e.lo + e.hi) / 2, 9);
        expect(e.bound).toBeCloseTo((e.hi - e.lo) / 2, 9);
        expect(Math.abs(e.skew - skew)).toBeLessThanOrEqual(e.bound + EPS);
        expect(e.consistent).toBe(true);
        expect(e.considered).toBe(n);
        expect(e.agreeing).toBe(n);
        expect(e.source).toBe(source);
      }
    },
  );

  it('for random mixes of both sources, resting on the millisecond ones', () => {
    const rand = mulberry32(42);
    for (let trial = 0; trial < 300; trial++) {
      const skew = (rand() - 0.5) * 7200;
      const headers = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
        synthesise(skew, randomExchange(rand), 'date-header', 1),
      );
      const endpoints = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
        synthesise(skew, randomExchange(rand), 'date-endpoint', 0.001),
      );
      const mixed = [...headers, ...endpoints].sort(() => rand() - 0.5);
      const e = estimate(mixed)!;
      expect(e.lo).toBeLessThanOrEqual(skew + EPS);
      expect(e.hi).toBeGreaterThanOrEqual(skew - EPS);
      expect(e.source).toBe('date-endpoint');
      expect(e.considered).toBe(endpoints.length);
      expect(e).toEqual(estimate(endpoints));
    }
  });

  it('narrows to about the best round trip with millisecond readings', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 100; trial++) {
      const skew = (rand() - 0.5) * 10;
      const samples = Array.from({ length: 8 }, () =>
        synthesise(
          skew,
          { t1: 1.7e9 + rand() * 1e6, out: 0.01, back: 0.01 },
          'date-endpoint',
          0.001,
        ),
      );
      const e = estimate(samples)!;
      expect(e.hi - e.lo).toBeLessThanOrEqual(0.02 + 0.002 + EPS);
      expect(e.bestRttMs).toBeCloseTo(20, 3);
    }
  });
});

const header = (sentAt: number, receivedAt: number, serverTime: number): Sample => ({
  source: 'date-header',
  exchange: 'HEAD /api/v2/tokens/me',
  host: 'api.mypurecloud.com',
  status: 200,
  sentAt,
  receivedAt,
  serverTime,
  resolution: 1,
});
const endpoint = (sentAt: number, receivedAt: number, serverTime: number): Sample => ({
  ...header(sentAt, receivedAt, serverTime),
  source: 'date-endpoint',
  exchange: 'GET /api/v2/date',
  resolution: 0.001,
});

describe('estimate on fixed samples', () => {
  it('returns undefined for no samples', () => {
    expect(estimate([])).toBeUndefined();
  });

  it.each([
    [
      'two Date headers',
      [header(100, 100.1, 90), header(100.5, 100.6, 90)],
      { lo: 9.5, hi: 10.1, source: 'date-header', considered: 2, bestRttMs: 100 },
    ],
    [
      'a Date header and a millisecond reading',
      [header(100, 100.1, 90), endpoint(200, 200.04, 190.02)],
      { lo: 9.979, hi: 10.021, source: 'date-endpoint', considered: 1, bestRttMs: 40 },
    ],
    [
      'millisecond readings in any order, best rtt from the chosen kind',
      [
        endpoint(200, 200.04, 190.02),
        header(100, 100.005, 90),
        endpoint(300, 300.01, 290.005),
      ],
      { lo: 9.994, hi: 10.006, source: 'date-endpoint', considered: 2, bestRttMs: 10 },
    ],
    [
      'sub-second readings of mixed precision together',
      [
        endpoint(200, 200.04, 190.02),
        { ...endpoint(300, 300.01, 290.005), resolution: 0.000001 },
      ],
      {
        lo: 9.994999,
        hi: 10.005001,
        source: 'date-endpoint',
        considered: 2,
        bestRttMs: 10,
      },
    ],
  ] as const)('intersects %s', (_name, samples, expected) => {
    const e = estimate([...samples])!;
    expect(e.lo).toBeCloseTo(expected.lo, 6);
    expect(e.hi).toBeCloseTo(expected.hi, 6);
    expect(e.skew).toBeCloseTo((expected.lo + expected.hi) / 2, 6);
    expect(e.bound).toBeCloseTo((expected.hi - expected.lo) / 2, 6);
    expect(e.source).toBe(expected.source);
    expect(e.considered).toBe(expected.considered);
    expect(e.agreeing).toBe(expected.considered);
    expect(e.consistent).toBe(true);
    expect(e.bestRttMs).toBeCloseTo(expected.bestRttMs, 3);
  });

  it('reports conflicting samples as inconsistent and keeps the majority', () => {
    // Three readings put the skew near 10 s, one (a stale cached answer) near 40 s.
    const samples = [
      endpoint(100, 100.02, 90.01),
      endpoint(110, 110.02, 100.005),
      endpoint(120, 120.02, 110.015),
      endpoint(130, 130.02, 90.512),
    ];
    const e = estimate(samples)!;
    expect(e.consistent).toBe(false);
    expect(e.considered).toBe(4);
    expect(e.agreeing).toBe(3);
    // The majority region is [9.994, 10.006]; the answer is the hull of its members.
    expect(e.lo).toBeCloseTo(9.984, 6);
    expect(e.hi).toBeCloseTo(10.016, 6);
    expect(e.lo).toBeLessThanOrEqual(9.994);
    expect(e.hi).toBeGreaterThanOrEqual(10.006);
    expect(e.hi).toBeLessThan(39);
  });
});

describe('estimate: readings no live clock gives', () => {
  it('sets aside a reading repeated at another moment, the original too', () => {
    // A cache replays the first answer 20 s later; the other two are live.
    const samples = [
      endpoint(100, 100.02, 90.01),
      endpoint(110, 110.02, 100.005),
      endpoint(112, 112.02, 102.01),
      endpoint(120, 120.02, 90.01),
    ];
    expect(repeatedReadings(samples)).toEqual([samples[0], samples[3]]);
    const e = estimate(samples)!;
    expect(e.considered).toBe(2);
    expect(e.consistent).toBe(false);
    expect(e.lo).toBeCloseTo(9.994, 6);
    expect(e.hi).toBeCloseTo(10.011, 6);
    expect(e.causes!.join(' ')).toMatch(
      /2 answer\(s\) repeated a server time .* a cache replaying one answer/,
    );
  });

  it('keeps equal readings of exchanges that overlapped in time', () => {
    const samples = [endpoint(100, 100.05, 90.02), endpoint(100.01, 100.06, 90.02)];
    expect(repeatedReadings(samples)).toEqual([]);
    expect(estimate(samples)!.consistent).toBe(true);
  });

  it('spans every interval when no reading has a true majority', () => {
    // Two say 10 s, two say 40 s: nothing tells which pair is right.
    const samples = [
      endpoint(100, 100.02, 90.01),
      endpoint(110, 110.02, 100.012),
      endpoint(120, 120.02, 80.005),
      endpoint(130, 130.02, 90.008),
    ];
    const e = estimate(samples)!;
    expect(e.agreeing).toBe(2);
    expect(e.lo).toBeLessThanOrEqual(10);
    expect(e.hi).toBeGreaterThanOrEqual(40);
    expect(e.causes!.join(' ')).toMatch(
      /no reading is shared by more than half the samples \(2 of 4\)/,
    );
  });
});

describe('intersect', () => {
  it.each<[Interval[], Interval | undefined]>([
    [[{ lo: 0, hi: 1 }], { lo: 0, hi: 1 }],
    [
      [
        { lo: 0, hi: 1 },
        { lo: 0.5, hi: 2 },
      ],
      { lo: 0.5, hi: 1 },
    ],
    [
      [
        { lo: -3, hi: 5 },
        { lo: -1, hi: 2 },
        { lo: 0, hi: 4 },
      ],
      { lo: 0, hi: 2 },
    ],
    [
      [
        { lo: 0, hi: 1 },
        { lo: 1, hi: 2 },
      ],
      { lo: 1, hi: 1 },
    ],
    [
      [
        { lo: 0, hi: 1 },
        { lo: 1.001, hi: 2 },
      ],
      undefined,
    ],
    [
      [
        { lo: -2, hi: -1 },
        { lo: 1, hi: 2 },
        { lo: -5, hi: 5 },
      ],
      undefined,
    ],
  ])('intersects %j to %j', (intervals, expected) => {
    expect(intersect(intervals)).toEqual(expected);
  });
});

describe('marzullo', () => {
  it.each<[string, Interval[], Interval, Interval, number]>([
    ['a single interval', [{ lo: 1, hi: 2 }], { lo: 1, hi: 2 }, { lo: 1, hi: 2 }, 1],
    [
      'overlapping intervals',
      [
        { lo: 0, hi: 3 },
        { lo: 1, hi: 4 },
        { lo: 2, hi: 5 },
      ],
      { lo: 2, hi: 3 },
      { lo: 0, hi: 5 },
      3,
    ],
    [
      'an outlier left of a majority',
      [
        { lo: -10, hi: -9 },
        { lo: 0, hi: 2 },
        { lo: 1, hi: 3 },
      ],
      { lo: 1, hi: 2 },
      { lo: 0, hi: 3 },
      2,
    ],
    [
      'an outlier right of a majority',
      [
        { lo: 0, hi: 2 },
        { lo: 50, hi: 51 },
        { lo: 1, hi: 3 },
        { lo: 1.5, hi: 2.5 },
      ],
      { lo: 1.5, hi: 2 },
      { lo: 0, hi: 3 },
      3,
    ],
    [
      'intervals that only touch',
      [
        { lo: 0, hi: 1 },
        { lo: 1, hi: 2 },
      ],
      { lo: 1, hi: 1 },
      { lo: 0, hi: 2 },
      2,
    ],
    [
      'two disjoint pairs, keeping the first',
      [
        { lo: 0, hi: 2 },
        { lo: 1, hi: 3 },
        { lo: 10, hi: 12 },
        { lo: 11, hi: 13 },
      ],
      { lo: 1, hi: 2 },
      { lo: 0, hi: 3 },
      2,
    ],
  ])('finds the majority of %s', (_name, intervals, region, hull, count) => {
    expect(marzullo(intervals)).toMatchObject({ region, hull, count });
  });

  it('always returns a region inside every member, for random interval sets', () => {
    const rand = mulberry32(99);
    for (let trial = 0; trial < 500; trial++) {
      const intervals = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => {
        const lo = rand() * 10;
        return { lo, hi: lo + rand() * 3 };
      });
      const { region, hull, count } = marzullo(intervals);
      const containing = intervals.filter((i) => i.lo <= region.lo && i.hi >= region.hi);
      expect(region.lo).toBeLessThanOrEqual(region.hi);
      expect(containing.length).toBe(count);
      // No point lies in more intervals than the count.
      for (const i of intervals) {
        const depth = intervals.filter((j) => j.lo <= i.lo && j.hi >= i.lo).length;
        expect(depth).toBeLessThanOrEqual(count);
      }
      expect(hull.lo).toBeLessThanOrEqual(region.lo);
      expect(hull.hi).toBeGreaterThanOrEqual(region.hi);
      if (intersect(intervals)) expect(count).toBe(intervals.length);
    }
  });
});

describe('estimate on conflicting sets: Marzullo, widened, with likely causes', () => {
  const at = (
    sentAt: number,
    serverTime: number,
    fields: Partial<Sample> = {},
  ): Sample => ({
    source: 'date-endpoint',
    exchange: 'GET /api/v2/date',
    host: 'api.test',
    status: 200,
    sentAt,
    receivedAt: sentAt + 0.02,
    serverTime,
    resolution: 0.001,
    ...fields,
  });

  it('names a stale answer whose server time lags the others', () => {
    const samples = [at(100, 90.01), at(101, 91.01), at(102, 92.01), at(103, 91.2)];
    const e = estimate(samples)!;
    expect(e).toMatchObject({ consistent: false, agreeing: 3, considered: 4 });
    expect(e.lo).toBeLessThanOrEqual(9.99);
    expect(e.hi).toBeGreaterThanOrEqual(10.01);
    expect(e.disagreeing).toEqual(['GET /api/v2/date at api.test']);
    expect(e.causes!.join(' ')).toMatch(/older than the others: a stale Date/);
  });

  it('names servers whose clocks lead, and hosts that disagree', () => {
    const samples = [
      at(100, 90.01),
      at(101, 91.01),
      at(102, 92.01),
      at(103, 95.01, { host: 'other.test' }),
    ];
    const causes = estimate(samples)!.causes!.join(' ');
    expect(causes).toMatch(/ahead of the others: load-balanced servers/);
    expect(causes).toMatch(/hosts disagree \(other\.test against api\.test\)/);
  });

  it('names a step when the disagreement starts at one moment of the run', () => {
    const samples = [
      at(100, 90.01),
      at(101, 91.01),
      at(102, 92.01),
      at(103, 88.01),
      at(104, 89.01),
    ];
    const e = estimate(samples)!;
    expect(e.agreeing).toBe(3);
    expect(e.causes!.join(' ')).toMatch(/a clock was stepped/);
  });

  it('takes the point from the region the agreeing samples share, inside the widened interval', () => {
    // Two slow exchanges and two quick ones agree; one outlier disagrees with all.
    const samples = [
      at(100, 90.05, { receivedAt: 100.3 }),
      at(110, 100.2, { receivedAt: 110.3 }),
      at(120, 110.004, { receivedAt: 120.01 }),
      at(130, 120.005, { receivedAt: 130.01 }),
      at(140, 100),
    ];
    const e = estimate(samples)!;
    expect(e.consistent).toBe(false);
    expect(e.agreeing).toBe(4);
    expect(e.skew).toBeGreaterThanOrEqual(e.lo);
    expect(e.skew).toBeLessThanOrEqual(e.hi);
    // The quick pair pins the shared region to [9.995, 10.006]; the hull is much wider.
    expect(e.skew).toBeCloseTo(10.0005, 6);
    expect(e.lo).toBeCloseTo(9.799, 6);
    expect(e.hi).toBeCloseTo(10.251, 6);
    expect(e.bound).toBeCloseTo(Math.max(e.skew - e.lo, e.hi - e.skew), 9);
  });

  it('among equal majorities keeps the one with the quickest exchange', () => {
    const r = marzullo(
      [
        { lo: 0, hi: 1 },
        { lo: 0.5, hi: 1.5 },
        { lo: 5, hi: 6 },
        { lo: 5.5, hi: 6.5 },
      ],
      [300, 300, 300, 10],
    );
    expect(r.region).toEqual({ lo: 5.5, hi: 6 });
    expect(r.members).toEqual([2, 3]);
  });
});
