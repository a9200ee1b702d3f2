/** The job summary: a status line, a table, reasons and advice, then the raw samples. */
import { duration, skewInWords } from '../verdict/skew.js';
import { clockDiagram, clockTable } from './diagram.js';
import { clockRows } from './clock-rows.js';
import type { Report } from './report.js';

const ICON: Record<Report['risk'], string> = {
  low: '🟢',
  medium: '🟡',
  high: '🟠',
  critical: '🔴',
  unknown: '⚪',
};

/** "2026-12-03T16:06:06.658Z (1796314166.658)": readable and exact side by side. */
export function timeCell(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString()} (${epochSeconds.toFixed(3)})`;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)} s`;
const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * GitHub refuses a step summary over 1 MiB, and a long one is hard to read: past this
 * size the raw samples and notes are cut (the JSON report keeps them all).
 */
export const SUMMARY_LIMIT_BYTES = 64 * 1024;
const KEPT_SAMPLES = 24;
const KEPT_NOTES = 20;
const NOTE_CHARS = 400;

const bytes = (text: string) => new TextEncoder().encode(text).length;

export function renderSummary(r: Report): string {
  const full = render(r);
  if (bytes(full) <= SUMMARY_LIMIT_BYTES) return full;

  const clip = (x: string) => (x.length > NOTE_CHARS ? `${x.slice(0, NOTE_CHARS)} …` : x);
  const left = r.rawSamples.length - KEPT_SAMPLES;
  const notes = r.notes.slice(0, KEPT_NOTES).map(clip);
  const cutNotice =
    `Cut to fit the job summary: ${Math.max(0, left)} raw samples and ` +
    `${Math.max(0, r.notes.length - KEPT_NOTES)} notes left out, long notes shortened; ` +
    'the JSON report (output report-file) has them all.';
  const fitted = render({
    ...r,
    error: r.error && clip(r.error),
    notes: [cutNotice, ...notes],
    rawSamples: r.rawSamples.slice(0, KEPT_SAMPLES),
    reasons: r.reasons.map(clip),
    advice: r.advice.map(clip),
  });
  if (bytes(fitted) <= SUMMARY_LIMIT_BYTES) return fitted;
  // Still too long (a huge headline): a hard cut that stays valid Markdown.
  let cut = fitted.slice(0, SUMMARY_LIMIT_BYTES / 4);
  while (bytes(cut) > SUMMARY_LIMIT_BYTES - 200) cut = cut.slice(0, -1000);
  return `${cut}\n\n</details>\n\n${cutNotice}\n`;
}

function render(r: Report): string {
  const out: string[] = [
    `## ${ICON[r.risk]} Genesys clock check: ${escape(r.headline)}`,
    '',
  ];

  const rows: [string, string][] = [
    ['Risk', `**${r.risk}** (step fails at ${r.failOn})`],
  ];
  if (r.skew) {
    const s = r.skew;
    rows.push(
      [
        'Skew (runner − Genesys)',
        `${signed(s.seconds)} ± ${s.boundSeconds.toFixed(3)} s: ${skewInWords(s.seconds, s.boundSeconds)}`,
      ],
      ['Interval', `${signed(s.lowSeconds)} … ${signed(s.highSeconds)}`],
      [
        'Samples',
        `${s.samples} ${s.source === 'date-endpoint' ? '/api/v2/date readings (ms)' : 'Date headers (1 s, timed)'}, ${s.agreeing} agreeing; best round trip ${s.bestRttMs.toFixed(1)} ms`,
      ],
    );
  }
  rows.push(...clockRows(r));
  if (r.token) {
    const t = r.token;
    rows.push(
      [
        'Token',
        `${t.format}, lifetime ${duration(t.lifetimeSeconds)}${t.lifetimeSeconds >= 600 ? ` (${t.lifetimeSeconds} s)` : ''}`,
      ],
      ['Issued (Genesys clock)', timeCell(t.issuedAt)],
      ['Expires (Genesys clock)', timeCell(t.expiresAt)],
      [
        'Remaining, server view',
        `${duration(t.serverRemainingSeconds)}${t.serverRemainingSeconds < 0 ? ' **past expiry**' : ''} (${t.serverRemainingSeconds.toFixed(3)} s)`,
      ],
      [
        'Remaining, runner view',
        `${duration(t.clientRemainingSeconds)}${t.clientRemainingSeconds < 0 ? ' **past expiry**' : ''} (${t.clientRemainingSeconds.toFixed(3)} s)`,
      ],
      [
        'Token accepted by the API',
        t.accepted === undefined ? 'not checked' : t.accepted ? 'yes' : '**no**',
      ],
    );
  }
  rows.push(
    ['Hosts', `${r.hosts.login}, ${r.hosts.api}`],
    [
      'Checked at',
      `${r.checkedAt} on ${r.place.runner.name || 'this machine'} (${r.place.runner.os}/${r.place.runner.arch})`,
    ],
  );
  if (r.place.repository)
    rows.push([
      'Run',
      `${r.place.repository}, ${r.place.workflow}, run ${r.place.runId}`,
    ]);
  out.push(
    '| | |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${escape(v)} |`),
    '',
  );
  const diagram = clockDiagram(r);
  if (diagram) out.push('### The two clocks', '', diagram, '', ...clockTable(r), '');

  if (r.error) out.push(`**Could not measure:** ${r.error}`, '');
  if (r.reasons.length) out.push('### Why', '', ...r.reasons.map((x) => `- ${x}`), '');
  if (r.advice.length)
    out.push('### What to do', '', ...r.advice.map((x) => `- ${x}`), '');
  if (r.mitigation) out.push('### Fresh token', '', r.mitigation.summary, '');
  if (r.tolerances.length) {
    const word = { over: '❌ breaks', possibly: '⚠️ possibly', under: '✅ fine' };
    out.push(
      '<details><summary>Common tolerances</summary>',
      '',
      '| tolerance | who | this skew |',
      '| --- | --- | --- |',
    );
    out.push(
      ...r.tolerances.map(
        (t) => `| ${t.seconds} s | ${escape(t.who)} | ${word[t.status]} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  if (r.notes.length)
    out.push(
      '<details><summary>Notes</summary>',
      '',
      ...r.notes.map((x) => `- ${escape(x)}`),
      '',
      '</details>',
      '',
    );
  if (r.rawSamples.length) {
    out.push(
      `<details><summary>Raw samples (${r.rawSamples.length})</summary>`,
      '',
      '| exchange | status | source | sent (runner) | round trip | server reading | skew interval | correlation id |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...r.rawSamples.map(
        (s) =>
          `| ${s.exchange} | ${s.status} | ${s.source} | ${s.sentAt.toFixed(3)} | ${s.rttMs.toFixed(1)} ms | ${s.serverTime.toFixed(3)} | ${signed(s.lowSeconds)} … ${signed(s.highSeconds)} | ${s.correlationId} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  out.push(
    `<sub>genesys-clock-check ${r.tool.version}; skew = runner clock − Genesys clock.</sub>`,
    '',
  );
  return out.join('\n');
}
