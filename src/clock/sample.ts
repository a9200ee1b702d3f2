/** One timed exchange, and the interval it guarantees for the skew. */

export type SampleSource = 'date-endpoint' | 'date-header';

export interface Sample {
  source: SampleSource;
  /** Which request produced it, e.g. 'GET /api/v2/date'. */
  exchange: string;
  host: string;
  status: number;
  /** Runner time (s) just before the request left and when the response headers arrived. */
  sentAt: number;
  receivedAt: number;
  /** The server's clock reading written into the response (s). */
  serverTime: number;
  /** Resolution of that reading (s): 1 for a Date header, 0.001 for milliseconds. */
  resolution: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

export const rttMs = (s: Sample): number => (s.receivedAt - s.sentAt) * 1000;

/**
 * The server read its clock somewhere between sentAt and receivedAt. A Date header
 * truncates to the second, so the true server time lies in [S, S + 1). A sub-second
 * value may be truncated or rounded, so it is allowed a full step either way. Nothing
 * but non-negative one-way delays is assumed, so the interval always holds.
 */
export function sampleInterval(s: Sample): Interval {
  const truncated = s.source === 'date-header';
  return {
    lo: s.sentAt - s.serverTime - s.resolution,
    hi: s.receivedAt - s.serverTime + (truncated ? 0 : s.resolution),
  };
}

/** Parses an HTTP Date header (IMF-fixdate and the obsolete forms Date.parse knows). */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (!value || !/\d{1,2}:\d{2}:\d{2}/.test(value) || !/GMT|UTC|[+-]\d{4}/i.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * Parses an ISO-8601 timestamp as /api/v2/date sends it: with or without fractional
 * seconds (point or comma), `T` or a space, `Z` or an offset (`+01:00`, `+0100`, `+01`).
 * Returns the time and the resolution its digits carry (a millisecond at the finest);
 * anything else (no zone, fields out of range) is undefined, so the caller falls back
 * to `Date` headers.
 */
export function parseIsoDate(
  value: unknown,
): { time: number; resolution: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,12}))?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/i.exec(
      value.trim(),
    );
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 60 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  )
    return undefined;
  const digits = match[7]?.length ?? 0;
  const fraction = digits > 0 ? Number(`0.${match[7]}`) : 0;
  const sign = match[9] === '-' ? -1 : 1;
  // A leap second (:60) reads as the first instant of the next minute.
  const local = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const offset = sign * (offsetHours * 3600 + offsetMinutes * 60);
  // Digits past the millisecond are not trusted: a server that keeps milliseconds may
  // still print six or nine digits, padded with zeros.
  return { time: local - offset + fraction, resolution: Math.max(10 ** -digits, 0.001) };
}
