import { describe, expect, it } from 'vitest';
import {
  type Sample,
  parseHttpDate,
  parseIsoDate,
  rttMs,
  sampleInterval,
} from '../../src/clock/sample.js';

function sample(fields: Partial<Sample>): Sample {
  return {
    source: 'date-header',
    exchange: 'GET /api/v2/date',
    host: 'api.mypurecloud.com',
    status: 200,
    sentAt: 1000,
    receivedAt: 1000.04,
    serverTime: 995,
    resolution: 1,
    ...fields,
  };
}

describe('sampleInterval', () => {
  it.each([
    // t1, t4, S: interval [t1 − S − 1, t4 − S]
    [1000, 1000.04, 995, 4, 5.04],
    [1000.5, 1000.52, 1000, -0.5, 0.52],
    [2000, 2000.2, 2010, -11, -9.8],
    [1700000000.25, 1700000000.3, 1699999990, 9.25, 10.3],
  ])(
    'a Date header sent at %d and received at %d reading %d gives [%d, %d]',
    (t1, t4, s, lo, hi) => {
      const interval = sampleInterval(
        sample({ sentAt: t1, receivedAt: t4, serverTime: s }),
      );
      expect(interval.lo).toBeCloseTo(lo, 6);
      expect(interval.hi).toBeCloseTo(hi, 6);
    },
  );

  it.each([
    // t1, t4, S, q: interval [t1 − S − q, t4 − S + q]
    [1000, 1000.02, 999.99, 0.001, 0.009, 0.031],
    [1000, 1000.02, 1000.5, 0.001, -0.501, -0.479],
    [1000, 1000.001, 1000, 0.000001, -0.000001, 0.001001],
  ])(
    'a millisecond reading (t1 %d, t4 %d, S %d, q %d) gives [%d, %d]',
    (t1, t4, s, q, lo, hi) => {
      const interval = sampleInterval(
        sample({
          source: 'date-endpoint',
          sentAt: t1,
          receivedAt: t4,
          serverTime: s,
          resolution: q,
        }),
      );
      expect(interval.lo).toBeCloseTo(lo, 6);
      expect(interval.hi).toBeCloseTo(hi, 6);
    },
  );

  it('holds the true skew for a Date header stamped late in its second', () => {
    // True skew 2.3 s; the server reads 997.999 at runner time 1000.299 and truncates.
    const interval = sampleInterval(
      sample({ sentAt: 1000.289, receivedAt: 1000.309, serverTime: 997 }),
    );
    expect(interval.lo).toBeLessThanOrEqual(2.3);
    expect(interval.hi).toBeGreaterThanOrEqual(2.3);
    expect(interval.hi - interval.lo).toBeCloseTo(1.02, 9);
  });

  it.each([
    [1000, 1000.02, 20],
    [5, 5.5, 500],
    [7, 7, 0],
  ])('measures the round trip from %d to %d as %d ms', (t1, t4, ms) => {
    expect(rttMs(sample({ sentAt: t1, receivedAt: t4 }))).toBeCloseTo(ms, 6);
  });
});

describe('parseHttpDate', () => {
  it.each([
    ['Thu, 03 Dec 2026 16:06:06 GMT', Date.UTC(2026, 11, 3, 16, 6, 6) / 1000],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 784111777],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 784111777],
    ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['Thu, 03 Dec 2026 17:06:06 +0100', Date.UTC(2026, 11, 3, 16, 6, 6) / 1000],
  ])('parses %j', (value, seconds) => {
    expect(parseHttpDate(value)).toBe(seconds);
  });

  it.each([
    [undefined],
    [''],
    ['garbage'],
    ['Thu, 03 Dec 2026'],
    ['Thu, 03 Dec 2026 16:06:06'],
    ['Thu, 99 Foo 2026 16:06:06 GMT'],
    ['16:06:06 GMT'],
  ])('returns undefined for %j', (value) => {
    expect(parseHttpDate(value)).toBeUndefined();
  });
});

describe('parseIsoDate', () => {
  const base = Date.UTC(2026, 11, 3, 16, 6, 6) / 1000;

  it.each([
    ['2026-12-03T16:06:06.658Z', base + 0.658, 0.001],
    ['2026-12-03T16:06:06Z', base, 1],
    ['2026-12-03T16:06:06.5Z', base + 0.5, 0.1],
    // Past the millisecond, digits are kept but not trusted: padding is common.
    ['2026-12-03T16:06:06.658123Z', base + 0.658123, 0.001],
    ['2026-12-03T16:06:06.658000Z', base + 0.658, 0.001],
    ['2026-12-03T16:06:06.658123456Z', base + 0.658123456, 0.001],
    ['2026-12-03T17:06:06.658+01:00', base + 0.658, 0.001],
    ['2026-12-03T17:06:06+0100', base, 1],
    ['2026-12-03T11:36:06.000-04:30', base, 0.001],
    ['  2026-12-03T16:06:06.658Z  ', base + 0.658, 0.001],
    ['1970-01-01T00:00:00.001Z', 0.001, 0.001],
    ['2026-12-03 16:06:06.658Z', base + 0.658, 0.001],
    ['2026-12-03t16:06:06,658z', base + 0.658, 0.001],
    ['2026-12-03T17:06:06.658+01', base + 0.658, 0.001],
    ['2026-12-03T16:06:06.658+00:00', base + 0.658, 0.001],
  ])('parses %j', (value, time, resolution) => {
    const parsed = parseIsoDate(value);
    expect(parsed).toBeDefined();
    expect(parsed!.time).toBeCloseTo(time, 6);
    expect(parsed!.resolution).toBeCloseTo(resolution, 12);
  });

  it('keeps sub-millisecond digits that Date.parse would drop', () => {
    const micro = parseIsoDate('2026-12-03T16:06:06.000900Z')!;
    const milli = parseIsoDate('2026-12-03T16:06:06.000Z')!;
    expect(micro.time - milli.time).toBeCloseTo(0.0009, 7);
  });

  it.each([
    ['garbage'],
    [''],
    ['2026-12-03'],
    ['2026-02-30T16:06:06Z'],
    ['2026-12-03T16:06:06+25:00'],
    ['2026-12-03T16:06:06'],
    ['2026-12-03T16:06:06.Z'],
    ['2026-13-45T16:06:06Z'],
    ['Thu, 03 Dec 2026 16:06:06 GMT'],
    [1796313966658],
    [null],
    [undefined],
    [{ currentDate: '2026-12-03T16:06:06Z' }],
  ])('returns undefined for %j', (value) => {
    expect(parseIsoDate(value)).toBeUndefined();
  });
});
