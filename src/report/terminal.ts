/** The report as terminal text: the verdict first, then the facts behind it. */
import { duration, skewInWords } from '../verdict/skew.js';
import type { Report } from './report.js';

export interface TerminalOptions {
  /** ANSI colours; the caller decides (a TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
}

const COLOR: Record<Report['risk'], number> = {
  low: 32,
  medium: 33,
  high: 35,
  critical: 31,
  unknown: 90,
};

const signed = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(3)} s`;

export function renderTerminal(r: Report, options: TerminalOptions): string {
  const paint = (code: number, text: string) =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const bold = (text: string) => paint(1, text);
  const dim = (text: string) => paint(2, text);

  const out: string[] = [
    // The headline opens with the risk in capitals; colour makes it readable at a glance.
    paint(COLOR[r.risk], bold(r.headline)),
    '',
  ];
  const rows: [string, string][] = [];
  if (r.skew) {
    const s = r.skew;
    rows.push(
      [
        'skew',
        `${signed(s.seconds)} ± ${s.boundSeconds.toFixed(3)} s (${skewInWords(s.seconds, s.boundSeconds)})`,
      ],
      ['interval', `${signed(s.lowSeconds)} … ${signed(s.highSeconds)}`],
      [
        'samples',
        `${s.samples} ${s.source === 'date-endpoint' ? '/api/v2/date readings' : 'Date headers'}, ${s.agreeing} agreeing, best round trip ${s.bestRttMs.toFixed(1)} ms`,
      ],
    );
  }
  if (r.token) {
    const t = r.token;
    const left = (x: number) => `${duration(x)}${x < 0 ? ' past expiry' : ''}`;
    rows.push(
      ['token', `${t.format}, lifetime ${duration(t.lifetimeSeconds)}`],
      ['left (Genesys)', left(t.serverRemainingSeconds)],
      ['left (runner)', left(t.clientRemainingSeconds)],
      ['accepted', t.accepted === undefined ? 'not checked' : t.accepted ? 'yes' : 'no'],
    );
  }
  rows.push(['hosts', `${r.hosts.login}, ${r.hosts.api}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  out.push(...rows.map(([k, v]) => `  ${dim(k.padEnd(width))}  ${v}`), '');

  if (r.error) out.push(bold('Could not measure'), `  ${r.error}`, '');
  const list = (title: string, items: string[]) => {
    if (items.length) out.push(bold(title), ...items.map((x) => `  - ${x}`), '');
  };
  list('Why', r.reasons);
  list('What to do', r.advice);
  if (r.mitigation) list('Fresh token', [r.mitigation.summary]);
  list('Notes', r.notes);
  return out.join('\n');
}
