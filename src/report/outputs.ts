/** The step outputs, as strings, from the report. */
import type { Report } from './report.js';

export function outputsOf(r: Report, reportFile: string): Record<string, string> {
  const num = (x: number | undefined) => (x === undefined ? '' : String(x));
  const fixed = (x: number | undefined) => (x === undefined ? '' : x.toFixed(3));
  return {
    risk: r.risk,
    'skew-seconds': r.skew ? r.skew.seconds.toFixed(3) : '',
    'skew-bound-seconds': r.skew ? r.skew.boundSeconds.toFixed(3) : '',
    samples: num(r.skew?.samples),
    'token-lifetime-seconds': num(r.token?.lifetimeSeconds),
    'client-remaining-seconds': num(r.token?.clientRemainingSeconds),
    'server-remaining-seconds': num(r.token?.serverRemainingSeconds),
    'token-accepted':
      r.token?.accepted === undefined ? 'false' : String(r.token.accepted),
    'reference-skew-seconds': fixed(r.reference?.skewSeconds),
    'reference-bound-seconds': fixed(r.reference?.boundSeconds),
    culprit: r.attribution?.culprit ?? 'unknown',
    'report-file': reportFile,
  };
}
