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

/** "the runner is 45.0 s ahead of Genesys Cloud (± 5 ms)". */
export function describeSkew(skew: number, bound: number): string {
  const size = duration(skew);
  const side =
    Math.abs(skew) <= bound
      ? `the runner and Genesys Cloud agree to within the measurement (${size} apart)`
      : `the runner is ${size} ${skew > 0 ? 'ahead of' : 'behind'} Genesys Cloud`;
  return `${side} (± ${duration(bound)})`;
}
