/** Summary rows for the reference clocks, whose clock is off, and the runner's time service. */
import { duration } from '../verdict/skew.js';
import type { Report } from './report.js';

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)} s`;

/**
 * "Clocks" puts the three clocks on one line, each against the reference, so the one out
 * of step stands out; the culprit is in bold.
 */
export function clockRows(r: Report): [string, string][] {
  const rows: [string, string][] = [];
  const a = r.attribution;
  const ref = r.reference;
  if (a && ref) {
    const bold = (text: string, on: boolean) => (on ? `**${text}**` : text);
    const verdict: Record<typeof a.culprit, string> = {
      runner: 'the runner is out of step',
      server: 'Genesys Cloud is out of step',
      both: 'both are out of step',
      none: 'all three agree',
      unknown: 'cannot tell which is out of step',
    };
    const clocks =
      a.runnerSeconds !== undefined && a.serverSeconds !== undefined
        ? [
            bold(
              `runner ${signed(a.runnerSeconds)} ± ${duration(a.runnerBoundSeconds ?? 0)}`,
              a.culprit === 'runner' || a.culprit === 'both',
            ),
            bold(
              `Genesys ${signed(a.serverSeconds)} ± ${duration(a.serverBoundSeconds ?? 0)}`,
              a.culprit === 'server' || a.culprit === 'both',
            ),
            `reference 0 s (${ref.name})`,
          ].join(' · ') + `: ${verdict[a.culprit]}`
        : `reference (${ref.name}) did not answer: ${verdict[a.culprit]}`;
    rows.push(['Clocks (against the reference)', clocks]);
    rows.push([
      'Reference',
      ref.sources
        .map(
          (s) =>
            `${s.name} (${s.kind === 'sntp' ? 'SNTP' : 'HTTPS Date'}): ` +
            (s.skewSeconds !== undefined
              ? `runner ${signed(s.skewSeconds)} ± ${duration(s.boundSeconds ?? 0)}, `
              : '') +
            s.detail,
        )
        .join('; '),
    ]);
  }
  const sync = r.runnerClock?.sync;
  if (sync) {
    const state =
      sync.synchronized === undefined
        ? 'sync state unknown'
        : sync.synchronized
          ? 'synchronised'
          : '**not synchronised**';
    const offset =
      sync.offsetSeconds === undefined
        ? ''
        : `, its own offset ${signed(sync.offsetSeconds)}`;
    rows.push([
      'Runner time sync',
      `${sync.service ?? 'no time service found'}: ${state}${sync.source ? ` (source ${sync.source})` : ''}${offset}; fix${sync.container ? ' on the host (a container shares its clock)' : ''}: \`${sync.fix}\``,
    ]);
  }
  const step = r.runnerClock?.stepSeconds;
  if (step !== undefined)
    rows.push([
      'Runner clock during the run',
      `**stepped by ${signed(step)}** (wall clock against the monotonic clock)`,
    ]);
  return rows;
}
