/** Combines samples into one estimate of the skew with a bound that holds. */
import {
  type Interval,
  type Sample,
  type SampleSource,
  rttMs,
  sampleInterval,
} from './sample.js';

export interface Estimate {
  /**
   * Runner − server, seconds: the midpoint of the region the samples agree on, which
   * always lies inside [lo, hi].
   */
  skew: number;
  /** Farthest distance from `skew` to an end of [lo, hi], seconds. */
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
  /** The samples left out of the majority when `consistent` is false, e.g. 'HEAD /x at host'. */
  disagreeing?: string[];
  /** Likely reasons for the disagreement, in words (empty when consistent). */
  causes?: string[];
}

/**
 * Intersects the intervals of the finest kind of sample present: sub-second readings
 * when there are any, whole-second ones (`Date` headers) otherwise (coarser readings cannot narrow a
 * millisecond interval, and a proxy's stale `Date` could only disturb it). Readings a live
 * clock cannot give (`repeatedReadings`) are set aside first and make the result
 * inconsistent.
 */
export function estimate(samples: Sample[]): Estimate | undefined {
  if (samples.length === 0) return undefined;
  const repeated = repeatedReadings(samples);
  const live = samples.filter((s) => !repeated.includes(s));
  const fine = live.filter((s) => s.resolution < 1);
  const chosen = fine.length > 0 ? fine : live.length > 0 ? live : samples;
  const intervals = chosen.map(sampleInterval);
  const bestRttMs = Math.min(...chosen.map(rttMs));
  const base = { source: chosen[0].source, considered: chosen.length, bestRttMs };
  const replayed = repeated.length > 0 && chosen !== samples;
  const replayCause = `${repeated.length} answer(s) repeated a server time already given at another moment: a cache replaying one answer (set aside)`;

  // Consistent: the intersection is guaranteed. Its ends come from the legs with the
  // least delay, so the quickest exchanges already decide where its midpoint lies.
  const common = intersect(intervals);
  if (common) {
    return {
      ...base,
      skew: (common.lo + common.hi) / 2,
      bound: (common.hi - common.lo) / 2,
      ...common,
      agreeing: chosen.length,
      consistent: !replayed,
      disagreeing: replayed ? repeated.map((s) => `${s.exchange} at ${s.host}`) : [],
      causes: replayed ? [replayCause] : [],
    };
  }

  // Inconsistent: keep the majority, widened to the hull of its members. The point is
  // the middle of the region they all share (their intersection, again set by their
  // quickest legs); among equal majorities the one with the quickest exchange wins.
  const best = marzullo(intervals, chosen.map(rttMs));
  const members = chosen.filter((_, k) => best.members.includes(k));
  const skew = (best.region.lo + best.region.hi) / 2;
  const outliers = chosen.filter((_, k) => !best.members.includes(k));
  // Without a true majority nothing says which side is right: the bound spans them all.
  const majority = best.count * 2 > chosen.length;
  const span = majority
    ? best.hull
    : {
        lo: Math.min(...intervals.map((i) => i.lo)),
        hi: Math.max(...intervals.map((i) => i.hi)),
      };
  return {
    ...base,
    skew,
    bound: Math.max(skew - span.lo, span.hi - skew),
    ...span,
    agreeing: best.count,
    consistent: false,
    disagreeing: [...outliers, ...(replayed ? repeated : [])].map(
      (s) => `${s.exchange} at ${s.host}`,
    ),
    causes: [
      ...likelyCauses(members, outliers),
      ...(majority
        ? []
        : [
            `no reading is shared by more than half the samples (${best.count} of ${chosen.length}), so the bound spans all of them`,
          ]),
      ...(replayed ? [replayCause] : []),
    ],
  };
}

/**
 * Sub-second readings that a live clock cannot have given: the same server time in
 * answers to exchanges that did not overlap. All of them are set aside, the first too,
 * since nothing tells which moment the reading belongs to.
 */
export function repeatedReadings(samples: Sample[]): Sample[] {
  const fine = samples.filter((s) => s.resolution < 1);
  return fine.filter((a) =>
    fine.some(
      (b) =>
        b !== a &&
        Math.abs(b.serverTime - a.serverTime) < a.resolution / 2 &&
        (b.sentAt > a.receivedAt || a.sentAt > b.receivedAt),
    ),
  );
}

/**
 * Words for why samples disagree, read from how the outliers differ from the majority:
 * another host, a server clock that lags (a stale or cached answer) or leads, or a
 * change partway through the run (a clock stepped on one side).
 */
export function likelyCauses(members: Sample[], outliers: Sample[]): string[] {
  if (outliers.length === 0) return [];
  const causes: string[] = [];
  const hosts = new Set(members.map((s) => s.host));
  if (outliers.some((s) => !hosts.has(s.host))) {
    causes.push(
      `the hosts disagree (${[...new Set(outliers.map((s) => s.host))].join(', ')} against ${[...hosts].join(', ')}): their servers' clocks differ`,
    );
  }
  const agreed = intersect(members.map(sampleInterval)) ?? {
    lo: Math.min(...members.map((s) => sampleInterval(s).lo)),
    hi: Math.max(...members.map((s) => sampleInterval(s).hi)),
  };
  const above = outliers.filter((s) => sampleInterval(s).lo > agreed.hi);
  const below = outliers.filter((s) => sampleInterval(s).hi < agreed.lo);
  if (above.length > 0)
    causes.push(
      `${above.length} answer(s) carried a server time older than the others: a stale Date (a proxy or CDN that refreshes it lazily) or an answer replayed from a cache`,
    );
  if (below.length > 0)
    causes.push(
      `${below.length} answer(s) carried a server time ahead of the others: load-balanced servers whose clocks differ`,
    );
  const firstOutlier = Math.min(...outliers.map((s) => s.sentAt));
  const lastMember = Math.max(...members.map((s) => s.sentAt));
  const lastOutlier = Math.max(...outliers.map((s) => s.sentAt));
  const firstMember = Math.min(...members.map((s) => s.sentAt));
  if (outliers.length >= 2 && (firstOutlier > lastMember || lastOutlier < firstMember)) {
    causes.push(
      "the disagreement starts at one moment of the run: a clock was stepped (the server's, or the runner's before the run anchored its time)",
    );
  }
  return causes;
}

/**
 * Widens an estimate by an uncertainty of the runner's own clock (its anchor to the
 * system's wall clock), so the bound still holds for the system clock.
 */
export function widen(e: Estimate, seconds: number): Estimate {
  if (!(seconds > 0)) return e;
  return { ...e, lo: e.lo - seconds, hi: e.hi + seconds, bound: e.bound + seconds };
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
 * Among equally large majorities, the one holding the quickest exchange wins (`rtts`,
 * one per interval); without them, the first.
 */
export function marzullo(
  intervals: Interval[],
  rtts: number[] = [],
): {
  region: Interval;
  hull: Interval;
  count: number;
  /** Indexes of the intervals that overlap the region. */
  members: number[];
} {
  // An inside-out interval claims nothing; it would also unbalance the sweep below.
  const edges = intervals.flatMap((i) =>
    i.lo > i.hi
      ? []
      : [
          { at: i.lo, step: 1 },
          { at: i.hi, step: -1 },
        ],
  );
  // At equal positions, openings before closings so touching intervals count as overlapping.
  edges.sort((a, b) => a.at - b.at || b.step - a.step);
  let depth = 0;
  let count = 0;
  let regions: Interval[] = [];
  for (let k = 0; k < edges.length; k++) {
    depth += edges[k].step;
    if (edges[k].step !== 1 || depth < count) continue;
    const region = { lo: edges[k].at, hi: edges[k + 1].at };
    if (depth > count) regions = [];
    count = depth;
    regions.push(region);
  }
  const membersOf = (region: Interval) =>
    intervals.flatMap((i, k) =>
      i.lo <= i.hi && i.lo <= region.hi && i.hi >= region.lo ? [k] : [],
    );
  const quickest = (region: Interval) =>
    Math.min(...membersOf(region).map((k) => rtts[k] ?? Infinity));
  const region = regions.reduce((a, b) => (quickest(b) < quickest(a) ? b : a));
  const members = membersOf(region);
  const hull = {
    lo: Math.min(...members.map((k) => intervals[k].lo)),
    hi: Math.max(...members.map((k) => intervals[k].hi)),
  };
  return { region, hull, count, members };
}
