/** Reading the server's clock out of a Genesys answer. */
import type { Sample } from '../clock/sample.js';
import { parseHttpDate, parseIsoDate, sampleInterval } from '../clock/sample.js';
import type { Exchange } from './http.js';

export interface Readings {
  samples: Sample[];
  /** Why a reading present in the answer was not used, in words. */
  ignored: string[];
}

/**
 * Every answer's `Date` header is a sample; a 200 from /api/v2/date adds a finer one.
 * An answer served from a cache was not made for this request, so its clock readings
 * say nothing about when the request was served and are set aside.
 */
export function readingsOf(exchange: Exchange): Readings {
  const label = `${exchange.method} ${exchange.url.pathname}`;
  const cached = cacheMark(exchange);
  if (cached)
    return { samples: [], ignored: [`${label}: answer came from a cache (${cached})`] };

  const base = {
    exchange: label,
    host: exchange.url.host,
    status: exchange.status,
    sentAt: exchange.sentAt,
    receivedAt: exchange.receivedAt,
  };
  const samples: Sample[] = [];
  const ignored: string[] = [];
  const header = exchange.headers['date'];
  const headerTime = parseHttpDate(header);
  if (headerTime !== undefined) {
    samples.push({
      ...base,
      source: 'date-header',
      serverTime: headerTime,
      resolution: 1,
    });
  } else {
    ignored.push(`${label}: ${header ? 'unreadable' : 'no'} Date header`);
  }

  if (exchange.url.pathname.endsWith('/api/v2/date') && exchange.status === 200) {
    const reading = parseIsoDate(parseJson(exchange.body)?.currentDate);
    const fine: Sample | undefined = reading && {
      ...base,
      source: 'date-endpoint',
      serverTime: reading.time,
      resolution: reading.resolution,
    };
    // Both were stamped while this request was served, so their intervals must meet;
    // a body that misses its own Date header is stale (a cache no header admits to).
    const stamp = samples[0] && sampleInterval(samples[0]);
    const own = fine && sampleInterval(fine);
    if (own && stamp && (own.lo > stamp.hi || own.hi < stamp.lo)) {
      ignored.push(
        `${label}: body's currentDate is ${(fine.serverTime - headerTime!).toFixed(1)} s from ` +
          'its own Date header, so it was not made for this request (a stale cache?)',
      );
    } else if (fine) {
      samples.push(fine);
    } else {
      ignored.push(`${label}: body is not {"currentDate": ISO-8601}`);
    }
  }
  return { samples, ignored };
}

function cacheMark(exchange: Exchange): string | undefined {
  const age = exchange.headers['age'];
  if (age !== undefined && age.trim() !== '0')
    return `Age: ${/^\d{1,10}$/.test(age.trim()) ? age.trim() : '(not a number)'}`;
  // CDNs name a cache hit in different headers (CloudFront, Fastly, Cloudflare, nginx).
  // Besides hits, stale and revalidated answers are served from the cache too
  // (CloudFront's RefreshHit; Cloudflare and nginx STALE, UPDATING, REVALIDATED), and
  // the standard Cache-Status header's hit.
  const marks = [
    'x-cache',
    'cf-cache-status',
    'x-cache-status',
    'x-proxy-cache',
    'cache-status',
  ];
  for (const name of marks) {
    const value = exchange.headers[name] ?? '';
    if (/hit|stale|updating|revalidated/i.test(value))
      return `${name}: ${/^[\w .-]{1,40}$/.test(value) ? value : '(cached)'}`;
  }
  return undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
