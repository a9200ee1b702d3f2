import { describe, expect, it } from 'vitest';
import { type Estimate, estimate } from '../../src/clock/estimate.js';
import type { Sample } from '../../src/clock/sample.js';
import { atFloor, nextSendTime } from '../../src/clock/schedule.js';
import { mulberry32 } from '../helpers/random.js';

const EPS = 1e-6;
const RTT = 0.02;

/** A Date-header exchange sent at runner time t1 over a symmetric path. */
function exchange(skew: number, t1: number, rtt = RTT): Sample {
  const servedAt = t1 + rtt / 2;
  return {
    source: 'date-header',
    exchange: 'HEAD /api/v2/tokens/me',
    host: 'api.mypurecloud.com',
    status: 200,
    sentAt: t1,
    receivedAt: t1 + rtt,
    serverTime: Math.floor(servedAt - skew),
    resolution: 1,
  };
}

const width = (e: Estimate): number => e.hi - e.lo;

describe('timed Date-header sampling', () => {
  const cases = Array.from({ length: 40 }, (_, k) => k + 1);

  it.each(cases)(
    'halves the interval per exchange and reaches the floor (seed %d)',
    (seed) => {
      const rand = mulberry32(seed);
      const skew = (rand() - 0.5) * 200;
      let now = 1.7e9 + rand() * 1e7;
      const samples = [exchange(skew, now)];
      let current = estimate(samples)!;
      expect(width(current)).toBeCloseTo(1 + RTT, 6);

      let timed = 0;
      while (!atFloor(current)) {
        timed++;
        expect(timed).toBeLessThanOrEqual(9);
        now = samples[samples.length - 1].receivedAt + rand() * 0.05;
        const send = nextSendTime(current, now, current.bestRttMs / 1000);
        expect(send).toBeGreaterThanOrEqual(now + 0.005 - EPS);
        expect(send).toBeLessThan(now + 0.005 + 1 + EPS);
        samples.push(exchange(skew, send));
        const next = estimate(samples)!;
        expect(next.lo).toBeLessThanOrEqual(skew + EPS);
        expect(next.hi).toBeGreaterThanOrEqual(skew - EPS);
        expect(next.consistent).toBe(true);
        expect(width(next)).toBeLessThanOrEqual(width(current) / 2 + RTT + 0.002 + EPS);
        current = next;
      }
      // Each timed exchange gives width' = width/2 + rtt/2, so width_n = rtt + 1/2^n:
      // the floor of rtt + 2 ms takes nine timed exchanges after the first one.
      expect(timed).toBe(9);
      expect(width(current)).toBeLessThanOrEqual(RTT + 0.002 + EPS);
      expect(Math.abs(current.skew - skew)).toBeLessThanOrEqual(RTT / 2 + 0.001 + EPS);
    },
  );

  it('does far better than the same number of random exchanges', () => {
    const rand = mulberry32(1234);
    let timedErrors = 0;
    let randomErrors = 0;
    for (let trial = 0; trial < 50; trial++) {
      const skew = (rand() - 0.5) * 20;
      const start = 1.7e9 + rand() * 1e7;
      const timed = [exchange(skew, start)];
      for (let k = 0; k < 8; k++) {
        const now = timed[timed.length - 1].receivedAt + 0.01;
        const e = estimate(timed)!;
        timed.push(exchange(skew, nextSendTime(e, now, e.bestRttMs / 1000)));
      }
      const random = Array.from({ length: 9 }, (_, k) =>
        exchange(skew, start + k * 1.3 + rand()),
      );
      timedErrors += Math.abs(estimate(timed)!.skew - skew);
      randomErrors += Math.abs(estimate(random)!.skew - skew);
    }
    expect(timedErrors / 50).toBeLessThan(0.012);
    expect(randomErrors / 50).toBeGreaterThan(3 * (timedErrors / 50));
  });
});

describe('nextSendTime', () => {
  const at = (skew: number, lo = skew - 0.5, hi = skew + 0.5): Estimate => ({
    skew,
    bound: (hi - lo) / 2,
    lo,
    hi,
    source: 'date-header',
    considered: 1,
    agreeing: 1,
    consistent: true,
    bestRttMs: 20,
  });

  it.each([
    // skew, now, rtt, lead, expected send time: k + skew − rtt/2 for the first k far enough
    [0, 100, 0.02, 0.005, 100.99],
    [0, 100.9, 0.02, 0.005, 100.99],
    [0, 100.986, 0.02, 0.005, 101.99],
    [2.25, 100, 0.02, 0.005, 100.24],
    [-3.4, 100, 0.1, 0.005, 100.55],
    [0.5, 100.49, 0, 0.005, 100.5],
    [0.5, 100.49, 0, 0.02, 101.5],
    [0.5, 100.49, 0, 0, 100.5],
  ])(
    'aims skew %d from now %d with rtt %d, lead %d, at %d',
    (skew, now, rtt, lead, send) => {
      expect(nextSendTime(at(skew), now, rtt, lead)).toBeCloseTo(send, 9);
    },
  );

  it('makes the server tick over as the request arrives, if the skew is the midpoint', () => {
    const rand = mulberry32(5);
    for (let trial = 0; trial < 200; trial++) {
      const skew = (rand() - 0.5) * 100;
      const rtt = rand() * 0.3;
      const now = 1000 + rand() * 100;
      const send = nextSendTime(at(skew), now, rtt);
      const serverAtArrival = send + rtt / 2 - skew;
      expect(serverAtArrival).toBeCloseTo(Math.round(serverAtArrival), 9);
      expect(send).toBeGreaterThanOrEqual(now + 0.005 - 1e-9);
      expect(send).toBeLessThan(now + 1.005);
    }
  });
});

describe('atFloor', () => {
  it.each([
    // bound (s), best rtt (ms), at floor?
    [0.5, 20, false],
    [0.012, 20, false],
    [0.011, 20, true],
    [0.01, 20, true],
    [0.0015, 1, true],
    [0.0016, 1, false],
    [0, 0, true],
  ])('bound %d with best rtt %d ms is at the floor: %s', (bound, bestRttMs, expected) => {
    const e: Estimate = {
      skew: 1,
      bound,
      lo: 1 - bound,
      hi: 1 + bound,
      source: 'date-header',
      considered: 3,
      agreeing: 3,
      consistent: true,
      bestRttMs,
    };
    expect(atFloor(e)).toBe(expected);
  });
});
