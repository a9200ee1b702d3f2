import { describe, expect, it } from 'vitest';
import { checkIat } from '../../src/token/iat.js';

describe('checkIat: iat beside the measured skew', () => {
  // Token requested at runner time 1000, answered at 1000.1; runner 5 s ahead (± 10 ms).
  const measured = { lo: 4.99, hi: 5.01 };
  const issue = 1000.05 - 5;

  it.each([
    ['an honest whole-second iat', Math.floor(issue), 'agrees'],
    ['an honest fractional iat', issue, 'agrees'],
    ['an iat backdated by 60 s', Math.floor(issue) - 60, 'backdated'],
    ['an iat stamped 3600 s ahead', Math.floor(issue) + 3600, 'ahead'],
    ['an iat 2 s early', issue - 2, 'backdated'],
  ] as const)('%s: %s', (_name, iat, finding) => {
    const check = checkIat(iat, 1000, 1000.1, measured);
    expect(check.finding).toBe(finding);
    // The offset interval holds the true offset of the claim from the server's clock.
    expect(check.offset.lo).toBeLessThanOrEqual(iat - issue + 1e-9);
    expect(check.offset.hi).toBeGreaterThanOrEqual(iat - issue - 1e-9);
  });

  it('sets the implied interval beside the measured one, and says iat did not move it', () => {
    const check = checkIat(Math.floor(issue) - 60, 1000, 1000.1, measured);
    expect(check.implied.lo).toBeGreaterThan(measured.hi + 58);
    expect(check.text).toMatch(/backdates iat/);
    expect(check.text).toMatch(/did not move the estimate/);
    expect(check.text).toMatch(/-60\.\d{3} to -59\.\d{3} s/);
  });

  it('reads a claim within its rounding as agreement', () => {
    const check = checkIat(issue + 0.766, 1000, 1000.1, measured);
    expect(check.finding).toBe('agrees');
    expect(check.roundingSeconds).toBe(1);
    expect(checkIat(issue + 1.5, 1000, 1000.1, measured).finding).toBe('ahead');
  });
});
