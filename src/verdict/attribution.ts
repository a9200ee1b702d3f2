/**
 * Whose clock is wrong. The runner-vs-Genesys skew alone cannot say; a third clock
 * settles it. With R = runner − reference and G = runner − Genesys, Genesys is off from
 * the reference by R − G. Each is judged against the medium threshold with the same
 * surely/possibly rule as the verdict, so the measurement's width never picks a culprit.
 */
import type { Interval } from '../clock/sample.js';
import type { Thresholds } from '../settings/settings.js';
import { type Comparison, compare, duration } from './skew.js';

export type Culprit = 'runner' | 'server' | 'both' | 'none' | 'unknown';

export interface Offset {
  /** Midpoint and half-width, seconds; positive means ahead of the reference. */
  seconds: number;
  bound: number;
  lo: number;
  hi: number;
  status: Comparison;
}

export interface Attribution {
  culprit: Culprit;
  /** The runner's clock against the reference; unset when no reference answered. */
  runner?: Offset;
  /** Genesys' clock against the reference. */
  server?: Offset;
  /** The size at which a clock counts as off: the medium threshold. */
  thresholdSeconds: number;
  /** One sentence a person can act on. */
  summary: string;
}

const offsetOf = (i: Interval, threshold: number): Offset => ({
  seconds: (i.lo + i.hi) / 2,
  bound: (i.hi - i.lo) / 2,
  lo: i.lo,
  hi: i.hi,
  status: compare(i.lo, i.hi, threshold),
});

/** Whether `a` is further from the reference than `b` for every value both allow. */
function surelyLarger(a: Offset, b: Offset): boolean {
  const nearest = a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(Math.abs(a.lo), Math.abs(a.hi));
  return nearest > Math.max(Math.abs(b.lo), Math.abs(b.hi));
}

/** "45.0 s ahead of X (± 2 ms)", "within 13 ms of X": one clock against the reference. */
function against(o: Offset, reference: string): string {
  if (Math.abs(o.seconds) <= o.bound)
    return `within ${duration(o.bound)} of ${reference}`;
  const way = o.seconds > 0 ? 'ahead of' : 'behind';
  return `${duration(o.seconds)} ${way} ${reference} (± ${duration(o.bound)})`;
}

export function attribute(
  genesys: Interval,
  reference: Interval,
  thresholds: Thresholds,
  referenceName = 'the reference',
): Attribution {
  const t = thresholds.medium;
  const runner = offsetOf(reference, t);
  const server = offsetOf(
    { lo: reference.lo - genesys.hi, hi: reference.hi - genesys.lo },
    t,
  );
  const apart = compare(genesys.lo, genesys.hi, t);

  const facts = `The runner is ${against(runner, referenceName)} and Genesys Cloud is ${against(server, 'it')}`;
  let culprit: Culprit;
  let summary: string;
  if (runner.status === 'over' && server.status === 'over') {
    if (apart === 'under') {
      // Two clocks agreeing against one: the reference is the odd one out.
      culprit = 'unknown';
      summary = `${facts}. The runner and Genesys agree with each other, so ${referenceName} itself is the likely odd one out; no culprit is named.`;
    } else {
      culprit = 'both';
      summary = `${facts}: both clocks are off.`;
    }
  } else if (runner.status === 'over') {
    culprit = 'runner';
    summary = `${facts}: the runner's clock is the one off.${server.status === 'possibly' ? ' Genesys may be off a little too.' : ''}`;
  } else if (server.status === 'over') {
    culprit = 'server';
    summary = `${facts}: Genesys Cloud's clock is the one off.${runner.status === 'possibly' ? ' The runner may be off a little too.' : ''}`;
  } else if (runner.status === 'under' && server.status === 'under') {
    if (apart === 'over') {
      // Neither is over on its own: name the one surely further off, if there is one.
      const gap = `together they are surely ${duration(t)} or more apart`;
      if (surelyLarger(runner, server)) {
        culprit = 'runner';
        summary = `${facts}: each is off by less than ${duration(t)}, but ${gap}, and most of the gap is the runner's.`;
      } else if (surelyLarger(server, runner)) {
        culprit = 'server';
        summary = `${facts}: each is off by less than ${duration(t)}, but ${gap}, and most of the gap is Genesys Cloud's.`;
      } else {
        culprit = 'both';
        summary = `${facts}: each is off by less than ${duration(t)}, in opposite directions, and ${gap}.`;
      }
    } else {
      culprit = 'none';
      summary = `${facts}: all three clocks agree within ${duration(t)}.`;
    }
  } else {
    culprit = 'unknown';
    summary = `${facts}: the intervals straddle ${duration(t)}, so which clock is off cannot be told without a tighter measurement.`;
  }
  return { culprit, runner, server, thresholdSeconds: t, summary };
}

/** A reference was asked for but none answered: nobody can be blamed. */
export function unattributed(why: string, thresholds: Thresholds): Attribution {
  return {
    culprit: 'unknown',
    thresholdSeconds: thresholds.medium,
    summary: `No reference clock answered (${why}), so whose clock is off cannot be told.`,
  };
}
