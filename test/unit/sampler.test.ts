import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/clock.js';
import { estimate } from '../../src/clock/estimate.js';
import type { Sample } from '../../src/clock/sample.js';
import { type Probe, type Taken, collect } from '../../src/clock/sampler.js';
import { watchSteps } from '../../src/clock/step.js';
import { mulberry32 } from '../helpers/random.js';

const EPS = 1e-6;
const EPOCH = 1_780_000_000;

interface World {
  skew: number;
  /** One-way delays (s): runner to server, and back; plus uniform jitter on each. */
  out: number;
  back: number;
  jitter?: number;
  form?: 'milliseconds' | 'seconds' | 'missing';
  rand?: () => number;
}

/**
 * A simulated runner and server on one virtual timeline: sleeping and the network only
 * move the clock forward, so a whole sampling run takes microseconds.
 */
function simulate(w: World, start = EPOCH + 0.37) {
  let t = start;
  let wallShift = 0;
  const rand = w.rand ?? (() => 0);
  const clock: Clock = {
    now: () => t,
    wall: () => t + wallShift,
    monotonic: () => t - EPOCH,
    sleep: async (s) => {
      t += Math.max(0, s);
    },
  };
  const read = (server: number, probe: Probe, label: string, host: string) => {
    const at = { sentAt: 0, receivedAt: 0 };
    const samples: Omit<Sample, 'sentAt' | 'receivedAt'>[] = [
      {
        source: 'date-header',
        exchange: label,
        host,
        status: 200,
        serverTime: Math.floor(server),
        resolution: 1,
      },
    ];
    let status = 200;
    if (probe === 'endpoint') {
      if (w.form === 'missing') status = 404;
      else
        samples.push({
          source: 'date-endpoint',
          exchange: label,
          host,
          status,
          serverTime:
            w.form === 'seconds' ? Math.floor(server) : Math.floor(server * 1000) / 1000,
          resolution: w.form === 'seconds' ? 1 : 0.001,
        });
    }
    return { at, samples, status };
  };
  const exchange = (probe: Probe, label: string, host = 'api.test'): Taken => {
    const sentAt = t;
    t += w.out + rand() * (w.jitter ?? 0);
    const r = read(t - w.skew, probe, label, host);
    t += w.back + rand() * (w.jitter ?? 0);
    return {
      status: r.status,
      samples: r.samples.map((s) => ({ ...s, status: r.status, sentAt, receivedAt: t })),
    };
  };
  return {
    clock,
    take: async (probe: Probe) =>
      exchange(
        probe,
        probe === 'endpoint' ? 'GET /api/v2/date' : 'HEAD /api/v2/tokens/me',
      ),
    token: () => exchange('header', 'POST /oauth/token', 'login.test').samples,
    stepWall: (by: number) => (wallShift += by),
  };
}

async function run(w: World, exchanges = 8, seconds = 30) {
  const sim = simulate(w);
  const initial = sim.token();
  const result = await collect({
    clock: sim.clock,
    initial,
    take: sim.take,
    exchanges,
    deadline: sim.clock.monotonic() + seconds,
  });
  return { sim, initial, result, e: estimate([...initial, ...result.samples])! };
}

describe('collect: the bound always holds', () => {
  it.each(['milliseconds', 'seconds', 'missing'] as const)(
    'for random skews, round trips and asymmetric paths (/api/v2/date %s)',
    async (form) => {
      const rand = mulberry32(form.length * 977);
      for (let trial = 0; trial < 200; trial++) {
        const rtt = 0.002 + rand() * 0.3;
        const share = rand() < 0.5 ? 0.5 : rand();
        const skew = (rand() - 0.5) * 700;
        const { e } = await run({
          skew,
          out: rtt * share,
          back: rtt * (1 - share),
          jitter: rand() * 0.03,
          form,
          rand,
        });
        expect(e.lo).toBeLessThanOrEqual(skew + EPS);
        expect(e.hi).toBeGreaterThanOrEqual(skew - EPS);
        expect(Math.abs(e.skew - skew)).toBeLessThanOrEqual(e.bound + EPS);
        expect(e.consistent).toBe(true);
      }
    },
  );
});

describe('collect with Date headers only', () => {
  it('halves the one-second part of the width with every timed exchange', async () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 100; trial++) {
      const rtt = 0.005 + rand() * 0.2;
      const share = [0.5, 0.75, 0.25][trial % 3];
      const skew = (rand() - 0.5) * 100;
      const { initial, result } = await run(
        { skew, out: rtt * share, back: rtt * (1 - share), form: 'missing' },
        9,
      );
      // The token answer and the 404 from /api/v2/date are untimed; then each is timed.
      const all = [...initial, ...result.samples];
      const excess = (n: number) => {
        const e = estimate(all.slice(0, n))!;
        return e.hi - e.lo - rtt;
      };
      expect(result.probe).toBe('header');
      for (let n = 3; n <= all.length; n++) {
        expect(excess(n)).toBeLessThanOrEqual(excess(n - 1) / 2 + EPS);
      }
    }
  });

  it('reaches the floor of half the best round trip plus 70 ms within 8 exchanges', async () => {
    for (const rtt of [0.002, 0.02, 0.1, 0.3]) {
      for (const share of [0.5, 0.75]) {
        const { e, result } = await run(
          { skew: -1.2, out: rtt * share, back: rtt * (1 - share), form: 'missing' },
          7,
        );
        expect(result.exchanges + 1).toBeLessThanOrEqual(8);
        expect(e.bound).toBeLessThanOrEqual(rtt / 2 + 0.07);
        expect(Math.abs(e.skew + 1.2)).toBeLessThanOrEqual(e.bound + EPS);
      }
    }
  });

  it('beats Date headers taken at random moments', async () => {
    const rand = mulberry32(5);
    let timed = 0;
    let random = 0;
    for (let trial = 0; trial < 50; trial++) {
      const skew = (rand() - 0.5) * 20;
      const w = { skew, out: 0.01, back: 0.01, form: 'missing' as const };
      const { e } = await run(w);
      timed += Math.abs(e.skew - skew);
      const sim = simulate(w, EPOCH + rand());
      const samples = sim.token();
      for (let k = 0; k < 8; k++) {
        await sim.clock.sleep(rand());
        samples.push(...(await sim.take('header')).samples);
      }
      random += Math.abs(estimate(samples)!.skew - skew);
    }
    expect(timed / 50).toBeLessThan(0.006);
    expect(random).toBeGreaterThan(5 * timed);
  });

  it('stops at the floor before the exchanges are spent', async () => {
    const { result, e } = await run(
      { skew: 3.25, out: 0.01, back: 0.01, form: 'missing' },
      30,
    );
    expect(result.stopped).toBe('floor');
    expect(result.exchanges).toBeLessThan(30);
    expect(e.hi - e.lo).toBeLessThanOrEqual(e.bestRttMs / 1000 + 0.002 + EPS);
  });

  it('stops when the time budget would be overrun by the next wait', async () => {
    const { result, sim } = await run(
      { skew: 0.5, out: 0.02, back: 0.02, form: 'missing' },
      8,
      2.5,
    );
    expect(result.stopped).toBe('time');
    expect(result.exchanges).toBeLessThan(8);
    expect(sim.clock.monotonic()).toBeLessThanOrEqual(0.37 + 2.5);
    expect(result.notes.join(' ')).toMatch(/time budget/);
  });

  it('times Date headers when /api/v2/date answers whole seconds only', async () => {
    const { result, e } = await run({
      skew: 7.4,
      out: 0.02,
      back: 0.02,
      form: 'seconds',
    });
    expect(result.probe).toBe('header');
    expect(result.notes[0]).toMatch(/no millisecond reading; timing Date headers/);
    expect(e.source).toBe('date-header');
    expect(e.bound).toBeLessThan(0.04);
  });
});

describe('collect with /api/v2/date in milliseconds', () => {
  it('goes back to back and stops once the interval no longer narrows', async () => {
    const { result, e, sim } = await run({ skew: -42.5, out: 0.01, back: 0.01 });
    expect(result.stopped).toBe('settled');
    expect(result.exchanges).toBe(4);
    expect(result.probe).toBe('endpoint');
    expect(e.source).toBe('date-endpoint');
    expect(e.bound).toBeLessThanOrEqual(0.011 + EPS);
    // No waiting: four round trips of 20 ms after the token's.
    expect(sim.clock.monotonic()).toBeCloseTo(0.37 + 5 * 0.02, 6);
  });

  it('keeps sampling while jitter still narrows the interval, up to the budget', async () => {
    const rand = mulberry32(3);
    const { result } = await run({ skew: 1, out: 0.01, back: 0.01, jitter: 0.05, rand });
    expect(result.exchanges).toBeGreaterThanOrEqual(4);
    expect(result.exchanges).toBeLessThanOrEqual(8);
  });

  it('counts a failed exchange and goes on with the others', async () => {
    const sim = simulate({ skew: 2, out: 0.01, back: 0.01 });
    let calls = 0;
    const result = await collect({
      clock: sim.clock,
      initial: sim.token(),
      take: async (probe) => {
        if (++calls === 2) throw new Error('connection reset');
        return sim.take(probe);
      },
      exchanges: 5,
      deadline: 30,
    });
    expect(result.exchanges).toBe(5);
    expect(result.notes).toEqual(['A sample failed: connection reset']);
    expect(result.samples.filter((s) => s.source === 'date-endpoint')).toHaveLength(4);
  });

  it('stops at once when an answer says so (a rate limit)', async () => {
    const sim = simulate({ skew: 2, out: 0.01, back: 0.01 });
    const result = await collect({
      clock: sim.clock,
      initial: [],
      take: async () => ({ status: 429, samples: [], stop: 'rate-limited' }),
      exchanges: 8,
      deadline: 30,
    });
    expect(result).toMatchObject({
      stopped: 'stopped',
      exchanges: 1,
      notes: ['rate-limited'],
    });
  });

  it('never makes more exchanges than it is given', async () => {
    for (const exchanges of [0, 1, 2, 3]) {
      const { result } = await run(
        { skew: 0, out: 0.01, back: 0.01, form: 'missing' },
        exchanges,
      );
      expect(result.exchanges).toBe(exchanges);
    }
  });
});

describe('watchSteps', () => {
  it('reports a step of the wall clock, also one stepped back before the end', async () => {
    const sim = simulate({ skew: 0, out: 0.01, back: 0.01 });
    const watch = watchSteps(sim.clock);
    watch.look();
    sim.stepWall(2.5);
    watch.look();
    sim.stepWall(-2.5);
    expect(watch.step()).toBeCloseTo(2.5, 9);
  });

  it('ignores slewing within the allowance, and samples are unaffected by steps', async () => {
    const sim = simulate({ skew: 4, out: 0.01, back: 0.01 });
    const watch = watchSteps(sim.clock);
    sim.stepWall(0.004);
    watch.look();
    expect(watch.step()).toBeUndefined();
    sim.stepWall(-30);
    const samples = (await sim.take('endpoint')).samples;
    expect(watch.step()).toBeCloseTo(-29.996, 6);
    expect(estimate(samples)!.skew).toBeCloseTo(4, 2);
  });
});
