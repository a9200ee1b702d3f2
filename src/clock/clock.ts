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
}

/**
 * Anchors wall time once and advances it with the monotonic clock, so a step or slew of
 * the system clock during the run cannot bend the samples taken after it.
 */
export function systemClock(): Clock {
  const wall0 = Date.now() / 1000;
  const mono0 = performance.now() / 1000;
  return {
    now: () => wall0 + (performance.now() / 1000 - mono0),
    wall: () => Date.now() / 1000,
    monotonic: () => performance.now() / 1000,
    sleep: (seconds) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000))),
  };
}
