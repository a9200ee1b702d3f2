/** Comparing a skew interval with thresholds, never letting its width raise the answer. */

export type Comparison = 'over' | 'possibly' | 'under';

/**
 * The skew is surely over a threshold only if the interval's point nearest zero is;
 * surely under only if its farthest point is; otherwise it is possibly over.
 */
export function compare(lo: number, hi: number, threshold: number): Comparison {
  const nearest = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
  const farthest = Math.max(Math.abs(lo), Math.abs(hi));
  if (nearest >= threshold) return 'over';
  if (farthest >= threshold) return 'possibly';
  return 'under';
}

export interface Tolerance {
  seconds: number;
  who: string;
}

/** Tolerances a skew meets in the wild, from strictest to most lenient. */
export const TOLERANCES: Tolerance[] = [
  {
    seconds: 0,
    who: 'JWT and SAML validators with no leeway (jose and many libraries by default)',
  },
  { seconds: 10, who: "FAPI's 10 s allowance for an iat in the future" },
  { seconds: 30, who: 'validators with 30 s of leeway (openid-client)' },
  { seconds: 60, who: 'GitHub App JWTs, whose iat is backdated 60 s' },
  { seconds: 300, who: 'the 5-minute allowance of Google, AWS SigV4, MSAL and Kerberos' },
];

/**
 * How a skew fares against one tolerance: a validator with T seconds of leeway accepts a
 * skew of exactly T and fails beyond it. Claims carry whole seconds, so a zero-leeway
 * validator reliably fails only once the skew reaches a full second.
 */
export function toleranceStatus(
  lo: number,
  hi: number,
  tolerance: Tolerance,
): Comparison {
  if (tolerance.seconds === 0) return compare(lo, hi, 1);
  const nearest = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
  const farthest = Math.max(Math.abs(lo), Math.abs(hi));
  if (nearest > tolerance.seconds) return 'over';
  if (farthest > tolerance.seconds) return 'possibly';
  return 'under';
}

/** "12.3 s", "450 ms", "2 h 5 min": a duration a person reads at a glance. */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 600) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 7200) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  if (whole < 172800)
    return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
  return `${(s / 86400).toFixed(1)} days`;
}

/** Up to the next millisecond; the tolerance keeps an exact millisecond where it is. */
export const roundUp = (x: number): number => Math.ceil(x * 1000 - 1e-6) / 1000;

/**
 * An interval to the millisecond, as every output prints it: the point rounded to
 * nearest, the bound and the ends rounded outward, so the printed point ± bound still
 * holds everything the interval does.
 */
export function rounded(lo: number, hi: number, point = (lo + hi) / 2) {
  const seconds = Math.round(point * 1000) / 1000;
  return {
    seconds,
    boundSeconds: roundUp(Math.max(seconds - lo, hi - seconds)),
    lowSeconds: -roundUp(-lo),
    highSeconds: roundUp(hi),
  };
}

/** "+45.000 s ± 0.023 s", from the same rounding as the outputs. */
export function plusMinus(lo: number, hi: number, point?: number): string {
  const r = rounded(lo, hi, point);
  return `${r.seconds >= 0 ? '+' : ''}${r.seconds.toFixed(3)} s ± ${r.boundSeconds.toFixed(3)} s`;
}

/**
 * "the runner is 45.0 s ahead of Genesys Cloud (± 5 ms)", or "the runner and Genesys
 * Cloud agree to within 12 ms" when the interval holds zero.
 */
export function describeSkew(lo: number, hi: number, point?: number): string {
  const r = rounded(lo, hi, point);
  const bound = duration(r.boundSeconds);
  if (Math.abs(r.seconds) <= r.boundSeconds)
    return `the runner and Genesys Cloud agree to within the measurement (± ${bound})`;
  const way = r.seconds > 0 ? 'ahead of' : 'behind';
  return `the runner is ${duration(r.seconds)} ${way} Genesys Cloud (± ${bound})`;
}

/** "runner ahead by 45.0 s, give or take 23 ms", from printed (rounded) values. */
export function skewInWords(seconds: number, boundSeconds: number): string {
  if (Math.abs(seconds) <= boundSeconds)
    return `no difference the measurement can see (within ${duration(boundSeconds)})`;
  const way = seconds > 0 ? 'ahead' : 'behind';
  return `runner ${way} by ${duration(seconds)}, give or take ${duration(boundSeconds)}`;
}
