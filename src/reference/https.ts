/**
 * Another HTTPS host's `Date` header as a reference clock, for networks that block UDP.
 * The same timed sampling and estimator as the Genesys samples, so a one-second header
 * still narrows to about half a round trip.
 */
import type { Clock } from '../clock/clock.js';
import { type Estimate, estimate } from '../clock/estimate.js';
import type { Sample } from '../clock/sample.js';
import { atFloor, nextSendTime } from '../clock/schedule.js';
import type { Send } from '../genesys/http.js';
import { readingsOf } from '../genesys/samples.js';

export interface HttpsReference {
  url: string;
  host: string;
  estimate?: Estimate;
  samples: Sample[];
  problems: string[];
}

export interface HttpsReferenceOptions {
  send: Send;
  clock: Clock;
  /** Monotonic time by which the sampling must be over. */
  deadline: number;
  exchanges?: number;
}

export async function sampleHttpsReference(
  url: string,
  o: HttpsReferenceOptions,
): Promise<HttpsReference> {
  const { clock } = o;
  const host = new URL(url).host;
  const result: HttpsReference = { url, host, samples: [], problems: [] };
  const exchanges = o.exchanges ?? 7;
  const rtts: number[] = [];

  for (let i = 0; i < exchanges; i++) {
    const current = estimate(result.samples);
    if (current) {
      if (atFloor(current)) break;
      // Aim the exchange so the host's second ticks over while it is served.
      const rtt = [...rtts].sort((a, b) => a - b)[Math.floor(rtts.length / 2)];
      const wait = nextSendTime(current, clock.now(), rtt) - clock.now();
      if (clock.monotonic() + wait + rtt + 1 > o.deadline) break;
      await clock.sleep(wait);
    }
    const left = o.deadline - clock.monotonic();
    if (left < 1) break;
    try {
      const ex = await o.send({ method: 'HEAD', url, timeoutSeconds: Math.min(5, left) });
      const readings = readingsOf(ex);
      result.samples.push(...readings.samples);
      result.problems.push(...readings.ignored.map((x) => `${host}: ${x}`));
      rtts.push(ex.receivedAt - ex.sentAt);
      if (readings.samples.length === 0) break;
    } catch (error) {
      result.problems.push(error instanceof Error ? error.message : String(error));
      break;
    }
  }
  result.estimate = estimate(result.samples);
  if (!result.estimate && result.problems.length === 0)
    result.problems.push(
      `${host}: not asked, the time budget (timeout-seconds) was spent`,
    );
  return result;
}
