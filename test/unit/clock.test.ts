import { describe, expect, it } from 'vitest';
import { anchor, systemClock } from '../../src/clock/clock.js';

/** A wall clock in whole milliseconds over a monotonic one, with chosen stalls. */
function clocks(offsetMs: number, stallEvery: number, stallMs: number) {
  let t = 0.3;
  let calls = 0;
  const advance = () => {
    t += 0.0007;
    if (stallEvery > 0 && ++calls % stallEvery === 0) t += stallMs;
  };
  return {
    mono: () => (advance(), t),
    wall: () => (advance(), Math.floor(t + offsetMs)),
    truth: (mono: number) => mono + offsetMs,
  };
}

describe('anchor', () => {
  it.each([
    ['no stalls', 0, 0],
    ['a stall now and then', 7, 0.6],
    ['a stall on almost every read', 2, 0.05],
  ])('anchors within its stated uncertainty (%s)', (_name, every, ms) => {
    for (const offset of [5000.4567, 123.999, 77.0001]) {
      const c = clocks(offset, every, ms);
      const a = anchor(c.wall, c.mono);
      expect(Math.abs(a.wall0 - c.truth(a.mono0))).toBeLessThanOrEqual(
        a.uncertainty + 1e-9,
      );
      expect(a.uncertainty).toBeLessThan(0.51);
    }
  });

  it('is tight when reads are quick', () => {
    const c = clocks(5000.4567, 0, 0);
    expect(anchor(c.wall, c.mono).uncertainty).toBeLessThanOrEqual(0.01);
  });

  it('gives a system clock that agrees with Date.now() within a millisecond', () => {
    const clock = systemClock();
    expect(clock.anchorSeconds).toBeLessThanOrEqual(0.00051);
    expect(Math.abs(clock.now() - Date.now() / 1000)).toBeLessThan(0.002);
  });
});

describe('anchor on a frozen wall clock', () => {
  it('gives up after a bounded search and says how uncertain it is', () => {
    let t = 0;
    const a = anchor(
      () => 1000,
      () => (t += 0.001),
    );
    expect(a.wall0).toBe(1000.5);
    expect(a.uncertainty).toBeCloseTo(0.51, 9);
    expect(t).toBeLessThan(40);
  });
});
