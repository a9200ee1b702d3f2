/** The one closing message both entry points print, and whether the step fails. */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../src/report/outcome.js';
import type { Report } from '../../src/report/report.js';
import type { FailOn, Risk } from '../../src/settings/settings.js';

const report = (risk: Risk | 'unknown', headline = 'HEADLINE.'): Report =>
  ({ status: 'measured', risk, headline, error: undefined }) as unknown as Report;

describe('outcomeOf', () => {
  it.each<[Risk, FailOn, 'pass' | 'fail', string]>([
    ['low', 'high', 'pass', 'genesys-clock-check: HEADLINE.'],
    [
      'medium',
      'high',
      'pass',
      "genesys-clock-check: HEADLINE. Not failing: 'fail-on' is high.",
    ],
    [
      'high',
      'high',
      'fail',
      "genesys-clock-check: HEADLINE. Failing: 'fail-on' is high, and the risk is high.",
    ],
    [
      'critical',
      'medium',
      'fail',
      "genesys-clock-check: HEADLINE. Failing: 'fail-on' is medium, and the risk is critical.",
    ],
    [
      'critical',
      'never',
      'pass',
      "genesys-clock-check: HEADLINE. Not failing: 'fail-on' is never.",
    ],
    ['low', 'never', 'pass', 'genesys-clock-check: HEADLINE.'],
  ])('%s risk with fail-on %s: %s', (risk, failOn, kind, message) => {
    expect(outcomeOf(report(risk), { failOn })).toEqual({ kind, message });
  });

  it('an unmeasured run is an error whatever fail-on says', () => {
    const failed = {
      status: 'failed',
      risk: 'unknown',
      error: 'login.example.com refused the connection.',
    } as unknown as Report;
    expect(outcomeOf(failed, { failOn: 'never' })).toEqual({
      kind: 'error',
      message:
        'genesys-clock-check: could not measure the clock. login.example.com refused the connection.',
    });
  });
});
