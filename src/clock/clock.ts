/** The runner's clock, read the way a skew measurement needs it. */
import { performance } from 'node:perf_hooks';

export interface Clock {
  /** Runner wall time in seconds: one wall reading at start plus monotonic time since. */
  now(): number;
  /** The wall clock as the system reports it right now, in seconds (for step detection). */
  wall(): number;
  /** Monotonic seconds, for deadlines and waits that must not follow wall-clock steps. */
  monotonic(): number;
  sleep(seconds: number): Promise<void>;
  /** How far `now()` may sit from the system's wall clock at the anchor (s); 0 if unset. */
  anchorSeconds?: number;
}

/**
 * Anchors wall time once and advances it with the monotonic clock, so a step or slew of
 * the system clock during the run cannot bend the samples taken after it.
 */
export function systemClock(): Clock {
  const { wall0, mono0, uncertainty } = anchor(
    () => Date.now(),
    () => performance.now(),
  );
  return {
    now: () => wall0 / 1000 + (performance.now() - mono0) / 1000,
    wall: () => Date.now() / 1000,
    monotonic: () => performance.now() / 1000,
    sleep: (seconds) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000))),
    anchorSeconds: uncertainty / 1000,
  };
}

/** Ticks of Date.now() to wait for at most while looking for a tight anchor. */
const ANCHOR_TRIES = 20;
/** A bracket this narrow (ms) is good enough to stop looking. */
const ANCHOR_GOOD_MS = 0.02;
/** Longest search (ms of monotonic time), so a frozen or mocked Date cannot hold it. */
const ANCHOR_SPIN_MS = 30;

/**
 * Date.now() counts whole milliseconds, so read once it could sit a millisecond behind
 * the wall clock. Instead, wait for the instant it ticks over: the wall clock then
 * shows exactly the new value, and the monotonic clock brackets that instant between the
 * read before the previous call and the read after this one. The midpoint of the
 * narrowest bracket seen anchors the clock; half its width is the anchor's uncertainty
 * (a preempted read only widens the bracket, it cannot hide). All in milliseconds.
 */
export function anchor(
  wallMs: () => number,
  monoMs: () => number,
): { wall0: number; mono0: number; uncertainty: number } {
  // A plain read, the fallback: the wall clock lies somewhere in its millisecond.
  let best = { wall0: wallMs() + 0.5, mono0: monoMs(), uncertainty: 0.51 };
  let before = monoMs();
  let previous = wallMs();
  const started = before;
  for (let tries = 0; tries < ANCHOR_TRIES && before - started < ANCHOR_SPIN_MS;) {
    const m1 = monoMs();
    const reading = wallMs();
    const m2 = monoMs();
    if (reading !== previous) {
      tries += 1;
      const width = m2 - before;
      if (width / 2 < best.uncertainty) {
        best = { wall0: reading, mono0: (before + m2) / 2, uncertainty: width / 2 };
      }
      if (width <= ANCHOR_GOOD_MS) break;
    }
    before = m1;
    previous = reading;
  }
  return best;
}
