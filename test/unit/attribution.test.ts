/** Whose clock is off, from the runner-vs-Genesys and runner-vs-reference intervals. */
import { describe, expect, it } from 'vitest';
import { attribute, unattributed } from '../../src/verdict/attribution.js';
import { FIX_CLOCK, judge } from '../../src/verdict/verdict.js';
import { estimateOf } from '../helpers/fixtures.js';

const T = { medium: 5, high: 30, critical: 60 };
const i = (lo: number, hi: number) => ({ lo, hi });

describe('attribute', () => {
  it.each([
    // Both Genesys and the reference see the runner 45 s ahead.
    {
      name: 'runner wrong',
      g: i(44.99, 45.01),
      r: i(44.995, 45.005),
      culprit: 'runner',
      words: /the runner's clock is the one off/,
    },
    // The runner agrees with the reference; Genesys is 45 s behind both.
    {
      name: 'server wrong',
      g: i(44.99, 45.01),
      r: i(-0.005, 0.005),
      culprit: 'server',
      words: /Genesys Cloud is 45.0 s behind it/,
    },
    // Runner +20 s and Genesys −25 s against the reference.
    {
      name: 'both wrong',
      g: i(44.99, 45.01),
      r: i(19.99, 20.01),
      culprit: 'both',
      words: /both clocks are off/,
    },
    {
      name: 'all agree',
      g: i(-0.1, 0.1),
      r: i(0.1, 0.2),
      culprit: 'none',
      words: /all three clocks agree within 5.00 s/,
    },
    // Each off by 4 s, in opposite directions: 8 s apart, though neither reaches 5 s.
    {
      name: 'both a little, opposite ways',
      g: i(7.9, 8.1),
      r: i(3.9, 4.1),
      culprit: 'both',
      words: /opposite directions/,
    },
    // Runner 4.9 s ahead of the reference, Genesys 0.2 s behind it: 5.1 s apart, and
    // nearly all of it is the runner's. Genesys is not blamed for its 0.2 s.
    {
      name: 'under the threshold each, the runner surely further off',
      g: i(5.09, 5.11),
      r: i(4.89, 4.91),
      culprit: 'runner',
      words: /most of the gap is the runner's/,
    },
    // The mirror case: the runner is 0.2 s off, Genesys 4.9 s.
    {
      name: 'under the threshold each, Genesys surely further off',
      g: i(5.09, 5.11),
      r: i(0.19, 0.21),
      culprit: 'server',
      words: /most of the gap is Genesys Cloud's/,
    },
    // Runner and Genesys agree; only the reference is 30 s away from both.
    {
      name: 'the reference is the odd one out',
      g: i(-0.01, 0.01),
      r: i(30, 30.01),
      culprit: 'unknown',
      words: /likely odd one out/,
    },
    // The reference interval straddles the threshold: a maybe decides nothing.
    {
      name: 'straddling',
      g: i(-0.5, 0.5),
      r: i(3, 7),
      culprit: 'unknown',
      words: /straddle 5.00 s/,
    },
    {
      name: 'runner surely, Genesys maybe',
      g: i(4, 7),
      r: i(10, 10.1),
      culprit: 'runner',
      words: /Genesys may be off a little too/,
    },
    // A wide reference cannot clear the runner, but Genesys is surely 35 s or more off.
    {
      name: 'a wide reference still convicts Genesys',
      g: i(44.99, 45.01),
      r: i(-10, 10),
      culprit: 'server',
      words: /The runner may be off a little too/,
    },
  ])('$name: $culprit', ({ g, r, culprit, words }) => {
    const a = attribute(g, r, T, 'time.example');
    expect(a.culprit).toBe(culprit);
    expect(a.summary).toMatch(words);
    // Genesys against the reference is R − G, and its bound adds both bounds.
    expect(a.server!.lo).toBeCloseTo(r.lo - g.hi, 9);
    expect(a.server!.hi).toBeCloseTo(r.hi - g.lo, 9);
    expect(a.runner!.seconds).toBeCloseTo((r.lo + r.hi) / 2, 9);
    expect(a.thresholdSeconds).toBe(5);
  });

  it('names the reference and the sizes in the sentence', () => {
    const a = attribute(i(44.99, 45.01), i(44.995, 45.005), T, '127.0.0.1:5123');
    expect(a.summary).toBe(
      "The runner is 45.0 s ahead of 127.0.0.1:5123 (± 5 ms) and Genesys Cloud is within 15 ms of it: the runner's clock is the one off.",
    );
  });

  it('with no answering reference, nobody is blamed', () => {
    const a = unattributed('127.0.0.1:5123: no answer', T);
    expect(a.culprit).toBe('unknown');
    expect(a.runner).toBeUndefined();
    expect(a.server).toBeUndefined();
    expect(a.summary).toContain(
      'No reference clock answered (127.0.0.1:5123: no answer)',
    );
  });
});

describe('the advice follows the culprit', () => {
  const g = i(44.99, 45.01);
  const judged = (r: { lo: number; hi: number }, runnerFix?: string) =>
    judge({
      estimate: estimateOf(g.lo, g.hi),
      thresholds: T,
      attribution: attribute(g, r, T),
      runnerFix,
    });

  it('runner: fix NTP on the runner, with this runner’s command', () => {
    const v = judged(i(44.995, 45.005), 'sudo chronyc makestep');
    expect(v.risk).toBe('high');
    expect(v.headline).toMatch(/; the runner's clock is the one off\.$/);
    expect(v.advice).toHaveLength(1);
    expect(v.advice[0]).toContain("The runner's clock is off: fix its time sync (NTP)");
    expect(v.advice[0]).toContain(FIX_CLOCK[0]);
    expect(v.advice[0]).toContain('On this runner: `sudo chronyc makestep`.');
  });

  it('server: a Genesys support ticket, and nothing on the runner', () => {
    const v = judged(i(-0.005, 0.005));
    expect(v.risk).toBe('high');
    expect(v.headline).toMatch(/Genesys Cloud's clock is the one off\.$/);
    expect(v.advice).toHaveLength(1);
    expect(v.advice[0]).toMatch(
      /support ticket .*correlation ids.*Nothing on the runner helps/,
    );
    expect(v.advice.join()).not.toContain('timedatectl');
  });

  it('both: both pieces of advice', () => {
    const v = judged(i(19.99, 20.01));
    expect(v.advice.map((a) => a.slice(0, 30))).toEqual([
      "The runner's clock is off: fix",
      "Genesys Cloud's clock is off, ",
    ]);
  });

  it('unknown: the general advice, and the risk unchanged', () => {
    // A reference so wide that neither clock can be convicted.
    const v = judged(i(0, 45));
    expect(v.headline).not.toContain('one off');
    expect(v.advice).toHaveLength(1);
    expect(v.advice[0]).toContain(
      'Fix the clock that is off. A runner clock is the usual suspect',
    );
    expect(v.reasons.join()).toContain('cannot be told without a tighter measurement');
    const plain = judge({ estimate: estimateOf(g.lo, g.hi), thresholds: T });
    expect(v.risk).toBe(plain.risk);
  });
});
