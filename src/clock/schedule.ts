/** When to send the next exchange so a one-second `Date` header tells the most. */
import type { Estimate } from './estimate.js';

/**
 * Returns the runner time at which to send the next request. The request is aimed so
 * that, if the skew were the interval's midpoint, the server's seconds counter would tick
 * over at the moment it serves the request (half a round trip after sending). Whichever
 * second it then reports rules out one half of the interval.
 *
 * With skew m, server time at runner time c is c − m; a tick at server second k happens
 * at runner time k + m, so the request leaves at k + m − rtt/2 for the first k that is
 * still at least `leadSeconds` away.
 */
export function nextSendTime(
  current: Estimate,
  now: number,
  rttSeconds: number,
  leadSeconds = 0.005,
): number {
  const offset = current.skew - rttSeconds / 2;
  const k = Math.ceil(now + leadSeconds - offset);
  return k + offset;
}

/**
 * True when another exchange cannot narrow the interval by much: its width is already
 * within a millisecond of the best round trip, which is the floor of any exchange.
 */
export function atFloor(current: Estimate): boolean {
  return current.bound * 2 <= current.bestRttMs / 1000 + 0.002;
}
