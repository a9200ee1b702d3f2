/** The reference clocks measured in one run, and the one interval they give together. */
import { intersect, marzullo } from '../clock/estimate.js';
import type { Interval } from '../clock/sample.js';
import type { SntpResult } from '../clock/sntp.js';
import type { HttpsReference } from './https.js';

export interface ReferenceSource {
  kind: 'sntp' | 'https';
  /** host:port for SNTP, the host for HTTPS. */
  name: string;
  status: 'ok' | 'silent' | 'kiss' | 'invalid' | 'error';
  /** Runner − this reference, seconds, when it answered usably. */
  interval?: Interval & { skew: number; bound: number };
  /** What it was in a few words: "stratum 2, delay 12.1 ms", "kiss-of-death RATE". */
  detail: string;
  problems: string[];
}

export interface Reference {
  sources: ReferenceSource[];
  /** Runner − reference from every source that answered, when any did. */
  interval?: Interval & { skew: number; bound: number };
  /** How many sources answered, and how many of those agree with the interval. */
  answered: number;
  agreeing: number;
  consistent: boolean;
  /** The reference in words, for sentences: "127.0.0.1:5123" or "3 reference clocks". */
  name: string;
}

export function fromSntp(r: SntpResult): ReferenceSource {
  const b = r.best;
  const detail = b
    ? `stratum ${b.stratum}, delay ${(b.delay * 1000).toFixed(1)} ms, ${r.answered} of ${r.sent} answered`
    : r.status === 'kiss'
      ? `kiss-of-death ${r.kissCode}`
      : r.status === 'silent' && r.sent > 0
        ? `no answer to ${r.sent} request(s) (UDP blocked?)`
        : (r.problems.at(-1)?.replace(`${r.server}: `, '') ?? r.status);
  return {
    kind: 'sntp',
    name: r.server,
    status: r.status,
    interval: b && { lo: b.lo, hi: b.hi, skew: b.skew, bound: b.bound },
    detail,
    problems: r.problems,
  };
}

export function fromHttps(r: HttpsReference): ReferenceSource {
  const e = r.estimate;
  return {
    kind: 'https',
    name: r.host,
    status: e ? 'ok' : 'error',
    interval: e && { lo: e.lo, hi: e.hi, skew: e.skew, bound: e.bound },
    detail: e
      ? `${e.considered} Date headers, best round trip ${e.bestRttMs.toFixed(1)} ms`
      : (r.problems.at(-1) ?? 'no usable Date header'),
    problems: r.problems,
  };
}

/**
 * Every reference describes the same true time, so their intervals intersect; when they
 * do not, the majority region (Marzullo, as for the Genesys samples) is kept, widened to
 * its members' hull, and the disagreement is reported.
 */
export function combine(sources: ReferenceSource[]): Reference {
  const answered = sources.filter((s) => s.interval);
  const intervals = answered.map((s) => s.interval!);
  const named = answered.length > 0 ? answered : sources;
  const name = named.length === 1 ? named[0].name : `${named.length} reference clocks`;
  if (intervals.length === 0)
    return { sources, answered: 0, agreeing: 0, consistent: true, name };
  let range = intersect(intervals);
  let agreeing = intervals.length;
  if (!range) {
    const best = marzullo(intervals);
    range = best.hull;
    agreeing = best.count;
  }
  return {
    sources,
    interval: {
      ...range,
      skew: (range.lo + range.hi) / 2,
      bound: (range.hi - range.lo) / 2,
    },
    answered: intervals.length,
    agreeing,
    consistent: agreeing === intervals.length,
    name,
  };
}
