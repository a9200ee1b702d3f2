/** Takes samples until more would not narrow the bound, or a budget runs out. */
import type { Clock } from './clock.js';
import { estimate } from './estimate.js';
import type { Sample } from './sample.js';
import { atFloor, nextSendTime } from './schedule.js';

/** 'endpoint' asks /api/v2/date; 'header' makes the cheapest call whose Date header counts. */
export type Probe = 'endpoint' | 'header';

export interface Taken {
  /** HTTP status of the answer. */
  status: number;
  /** The clock readings it carried (none when it came from a cache). */
  samples: Sample[];
  /** Set when sampling must end at once, in words (a rate limit, say). */
  stop?: string;
}

export interface SamplerInput {
  clock: Clock;
  /** Readings gathered before sampling began, such as the token answer's Date header. */
  initial: Sample[];
  /** Makes one exchange; may throw, which costs the exchange but not the run. */
  take: (probe: Probe) => Promise<Taken>;
  /** Most exchanges to make. */
  exchanges: number;
  /** Monotonic time (s) by which the last exchange must be back. */
  deadline: number;
}

const MAX_FAILURES_IN_A_ROW = 2;

export type StopReason = 'floor' | 'settled' | 'exchanges' | 'time' | 'stopped';

export interface Sampling {
  /** New readings, in the order they came. */
  samples: Sample[];
  exchanges: number;
  /** The probe in use at the end: 'header' once /api/v2/date gave no fine reading. */
  probe: Probe;
  stopped: StopReason;
  /** Why the probe changed, why sampling stopped early, and failed exchanges, in words. */
  notes: string[];
}

/** Millisecond readings taken before asking whether more would still help. */
const MIN_FINE_SAMPLES = 4;
/** Over its last two exchanges the interval narrowed by less than this: settled (s). */
const SETTLED_SECONDS = 0.001;

/**
 * Millisecond readings go back to back until the interval stops narrowing. Without
 * them only whole-second `Date` headers remain, and each further exchange is timed so
 * that the server's second ticks over while it is served (see schedule.ts): its answer
 * then halves what is left of the one-second uncertainty. Sampling stops at the floor set
 * by the best round trip, when the exchanges are spent, or when time is short.
 */
export async function collect(input: SamplerInput): Promise<Sampling> {
  const { clock, take } = input;
  const all = [...input.initial];
  const out: Sampling = {
    samples: [],
    exchanges: 0,
    probe: 'endpoint',
    stopped: 'exchanges',
    notes: [],
  };
  const widths: number[] = [];
  const done = (stopped: StopReason) => ({ ...out, stopped });
  let failures = 0;

  for (;;) {
    if (out.exchanges >= input.exchanges) return done('exchanges');
    if (clock.monotonic() >= input.deadline) return done('time');

    if (out.probe === 'header') {
      const coarse = all.filter((s) => s.resolution >= 1);
      const current = estimate(coarse);
      if (current && atFloor(current)) return done('floor');
      if (current) {
        const rtt = typicalRtt(out.samples.length > 0 ? out.samples : coarse);
        const wait = Math.max(0, nextSendTime(current, clock.now(), rtt) - clock.now());
        if (clock.monotonic() + wait + 2 * rtt > input.deadline) {
          out.notes.push(
            'Timed sampling stopped early: the time budget is nearly spent.',
          );
          return done('time');
        }
        await clock.sleep(wait);
      }
    } else if (settled(widths)) {
      return done('settled');
    }

    out.exchanges += 1;
    let taken: Taken;
    try {
      taken = await take(out.probe);
      failures = 0;
    } catch (error) {
      out.notes.push(
        `A sample failed: ${error instanceof Error ? error.message : error}`,
      );
      // Two failures in a row: the host is down or unreachable, more tries only wait.
      failures += 1;
      if (failures >= MAX_FAILURES_IN_A_ROW) {
        out.notes.push('Sampling stopped after two failed exchanges in a row.');
        return done('stopped');
      }
      continue;
    }
    all.push(...taken.samples);
    out.samples.push(...taken.samples);
    if (taken.stop) {
      out.notes.push(taken.stop);
      return done('stopped');
    }

    if (out.probe === 'endpoint') {
      const fine = all.filter((s) => s.source === 'date-endpoint' && s.resolution < 1);
      const e = estimate(fine);
      if (e && fine.length > widths.length) widths.push(e.hi - e.lo);
      // A rejected token or a passing server error says nothing about the endpoint itself.
      const answered = taken.status === 200 || taken.status === 404;
      if (fine.length === 0 && answered) {
        out.probe = 'header';
        out.notes.push(
          taken.status === 404
            ? '/api/v2/date is not available (404); timing Date headers instead.'
            : '/api/v2/date gave no millisecond reading; timing Date headers instead.',
        );
      }
    }
  }
}

/** Enough millisecond readings, and the last two exchanges no longer narrowed it. */
function settled(widths: number[]): boolean {
  const n = widths.length;
  return n >= MIN_FINE_SAMPLES && widths[n - 3] - widths[n - 1] < SETTLED_SECONDS;
}

/** Median round trip of the latest exchanges (s), to aim the next one. */
function typicalRtt(samples: Sample[]): number {
  const rtts = samples
    .slice(-5)
    .map((s) => s.receivedAt - s.sentAt)
    .sort((a, b) => a - b);
  return rtts.length ? rtts[Math.floor(rtts.length / 2)] : 0.05;
}
