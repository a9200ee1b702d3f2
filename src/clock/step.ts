/** Noticing a wall-clock step: the system clock moving apart from the monotonic one. */
import type { Clock } from './clock.js';

/**
 * NTP slews at most 500 ppm, which moves the wall clock 5 ms in a 10 s run; anything
 * beyond this in one run was a step.
 */
export const STEP_SECONDS = 0.05;

export interface StepWatch {
  /** Compares the two clocks now; call it after every exchange. */
  look(): void;
  /** The largest move seen (wall − monotonic, s), when it exceeds STEP_SECONDS. */
  step(): number | undefined;
}

/**
 * Samples are timed on the monotonic clock anchored once, so a step cannot bend them;
 * still, a stepped clock during the run is worth saying, because whatever else on the
 * runner reads the wall clock saw it. Looking after each exchange also catches a step
 * that was stepped back before the end.
 */
export function watchSteps(clock: Clock): StepWatch {
  const offset0 = clock.wall() - clock.now();
  let largest = 0;
  const look = () => {
    const moved = clock.wall() - clock.now() - offset0;
    if (Math.abs(moved) > Math.abs(largest)) largest = moved;
  };
  return {
    look,
    step: () => {
      look();
      return Math.abs(largest) > STEP_SECONDS ? largest : undefined;
    },
  };
}
