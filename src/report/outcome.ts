/** What a finished check means for the caller: pass, fail on risk, or could not measure. */
import type { Settings } from '../settings/settings.js';
import { riskAtLeast } from '../verdict/verdict.js';
import type { Report } from './report.js';

export const NAME = 'genesys-clock-check';

export interface Outcome {
  /** 'error': nothing measured; 'fail': risk at or over fail-on; 'pass': anything else. */
  kind: 'pass' | 'fail' | 'error';
  message: string;
}

/** The one message each entry point prints, so the action and the CLI say the same. */
export function outcomeOf(report: Report, settings: Pick<Settings, 'failOn'>): Outcome {
  if (report.status === 'failed' || report.risk === 'unknown') {
    return {
      kind: 'error',
      message: `${NAME}: could not measure the clock. ${report.error}`,
    };
  }
  if (settings.failOn === 'never') {
    const note = report.risk === 'low' ? '' : " Not failing: 'fail-on' is never.";
    return { kind: 'pass', message: `${NAME}: ${report.headline}${note}` };
  }
  const gate = `'fail-on' is ${settings.failOn}`;
  return riskAtLeast(report.risk, settings.failOn)
    ? {
        kind: 'fail',
        message: `${NAME}: ${report.headline} Failing: ${gate}, and the risk is ${report.risk}.`,
      }
    : {
        kind: 'pass',
        message: `${NAME}: ${report.headline}${report.risk === 'low' ? '' : ` Not failing: ${gate}.`}`,
      };
}

/** Every problem with the settings in one message, the first named in full. */
export function invalidInputMessage(problems: string[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${NAME}: invalid input. ${problems[0]}${more}`;
}
