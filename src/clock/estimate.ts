/** Combines samples into one estimate of the skew with a bound that holds. */
import {
  type Interval,
  type Sample,
  type SampleSource,
  rttMs,
  sampleInterval,
} from './sample.js';

export interface Estimate {
  /** Runner − server, seconds: the midpoint of the interval. */
  skew: number;
  /** Half-width of the interval, seconds. */
  bound: number;
  lo: number;
  hi: number;
  /** The kind of server reading the estimate rests on. */
  source: SampleSource;
  /** Samples of that kind, and how many of them agree with the result. */
  considered: number;
  agreeing: number;
  /** False when the intervals had no common point (see `marzullo`). */
  consistent: boolean;
  bestRttMs: number;
}

/**
 * Intersects the intervals of the finest kind of sample present: sub-second readings
 * when there are any, whole-second ones (`Date` headers) otherwise (coarser readings cannot narrow a
 * millisecond interval, and a proxy's stale `Date` could only disturb it).
 */
export function estimate(samples: Sample[]): Estimate | undefined {
  if (samples.length === 0) return undefined;
  const fine = samples.filter((s) => s.resolution < 1);
  const chosen = fine.length > 0 ? fine : samples;
  const intervals = chosen.map(sampleInterval);

  let range = intersect(intervals);
  let agreeing = chosen.length;
  if (!range) {
    const best = marzullo(intervals);
    range = best.hull;
    agreeing = best.count;
  }
  return {
    skew: (range.lo + range.hi) / 2,
    bound: (range.hi - range.lo) / 2,
    lo: range.lo,
    hi: range.hi,
    source: chosen[0].source,
    considered: chosen.length,
    agreeing,
    consistent: agreeing === chosen.length,
    bestRttMs: Math.min(...chosen.map(rttMs)),
  };
}

export function intersect(intervals: Interval[]): Interval | undefined {
  const lo = Math.max(...intervals.map((i) => i.lo));
  const hi = Math.min(...intervals.map((i) => i.hi));
  return lo <= hi ? { lo, hi } : undefined;
}

/**
 * Marzullo's algorithm: the region that the most intervals share. When intervals
 * disagree, no single point is guaranteed any more, so the answer is widened to the hull
 * of the intervals in that majority: every one of them stays honest about its own range.
 */
export function marzullo(intervals: Interval[]): {
  region: Interval;
  hull: Interval;
  count: number;
} {
  const edges = intervals.flatMap((i) => [
    { at: i.lo, step: 1 },
    { at: i.hi, step: -1 },
  ]);
  // At equal positions, openings before closings so touching intervals count as overlapping.
  edges.sort((a, b) => a.at - b.at || b.step - a.step);
  let depth = 0;
  let count = 0;
  let region: Interval = { lo: intervals[0].lo, hi: intervals[0].hi };
  for (let k = 0; k < edges.length; k++) {
    depth += edges[k].step;
    if (edges[k].step === 1 && depth > count) {
      count = depth;
      region = { lo: edges[k].at, hi: edges[k + 1].at };
    }
  }
  const members = intervals.filter((i) => i.lo <= region.hi && i.hi >= region.lo);
  const hull = {
    lo: Math.min(...members.map((i) => i.lo)),
    hi: Math.max(...members.map((i) => i.hi)),
  };
  return { region, hull, count };
}
