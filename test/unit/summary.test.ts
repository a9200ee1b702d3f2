/** The summary's picture, its table, and the size guard, from a recorded report. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockDiagram, clockTable, clockView } from '../../src/report/diagram.js';
import type { Report } from '../../src/report/report.js';
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';

const critical: Report = JSON.parse(
  readFileSync(
    path.join(import.meta.dirname, '../fixtures/critical-report.json'),
    'utf8',
  ),
);
const copy = (): Report => structuredClone(critical);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('clock picture', () => {
  it('puts the two "now"s a skew apart and marks the runner window expired', () => {
    const v = clockView(critical)!;
    expect(v.runnerNow - v.genesysNow).toBeCloseTo(critical.skew!.seconds, 2);
    expect(v.genesysState).toBe('valid');
    expect(v.runnerState).toBe('expired');

    const diagram = clockDiagram(critical)!;
    expect(diagram.startsWith('```mermaid\ngantt\n')).toBe(true);
    expect(diagram).toMatch(/token valid : active, genesys, \d{13}, \d{13}/);
    expect(diagram).toMatch(/token expired : crit, runner, \d{13}, \d{13}/);
    const at = (id: string) => Number(new RegExp(`${id}, (\\d{13})`).exec(diagram)![1]);
    expect((at('runnerNow') - at('genesysNow')) / 1000).toBeCloseTo(v.skew, 2);
    // Task names end at the first colon: none may hold one.
    for (const line of diagram.split('\n').filter((l) => l.includes(' : ')))
      expect(line.split(' : ')[0]).not.toContain(':');
  });

  it('cuts a day-long window at the edge and says how much goes on', () => {
    const r = copy();
    r.token!.expiresAt = r.token!.issuedAt + 86399;
    r.token!.serverRemainingSeconds += 86339;
    r.token!.clientRemainingSeconds += 86339;
    const diagram = clockDiagram(r)!;
    expect(diagram).toContain('token valid (goes on 23 h 5');
    expect(diagram).not.toContain('crit');
    const table = clockTable(r).join('\n');
    expect(table).toMatch(/\| runner \|.*\| valid, 23 h 58 min left \|/);
  });

  it('a token not yet valid by the server (iat an hour ahead) is red on both lines', () => {
    const r = copy();
    r.token!.notBefore = r.token!.issuedAt + 3600;
    r.token!.expiresAt = r.token!.issuedAt + 7200;
    r.token!.serverRemainingSeconds = 7198.5;
    r.token!.clientRemainingSeconds = 7198.5 - r.skew!.seconds;
    const v = clockView(r)!;
    expect(v.genesysState).toBe('not yet valid');
    expect(v.runnerState).toBe('not yet valid');
    expect(clockTable(r).join('\n')).toContain('**not yet valid** for 59 min');
  });

  it('has no picture without a measurement, and the summary says why', () => {
    const r = copy();
    delete r.skew;
    delete r.token;
    r.error = 'login.example answered 401 invalid_client.';
    expect(clockDiagram(r)).toBeUndefined();
    expect(clockTable(r)).toEqual([]);
    expect(renderSummary(r)).not.toContain('```mermaid');
  });

  it('the summary carries the picture and the table', () => {
    const summary = renderSummary(critical);
    expect(summary).toContain('### The two clocks');
    expect(summary).toContain('```mermaid');
    expect(summary).toMatch(/\| runner \| .* \| \*\*expired\*\* 31\.6 s ago \|/);
  });
});

describe('summary size guard', () => {
  it('leaves an ordinary summary whole', () => {
    const summary = renderSummary(critical);
    expect(bytes(summary)).toBeLessThan(16 * 1024);
    expect(summary).not.toContain('Cut to fit');
    expect(summary).toContain(`Raw samples (${critical.rawSamples.length})`);
  });

  it('cuts thousands of samples and huge notes to fit, and says where the rest is', () => {
    const r = copy();
    r.rawSamples = Array.from({ length: 5000 }, () => ({ ...critical.rawSamples[0] }));
    r.notes = Array.from({ length: 300 }, (_, i) => `note ${i} ${'x'.repeat(5000)}`);
    const summary = renderSummary(r);
    expect(bytes(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).toContain(
      'Cut to fit the job summary: 4976 raw samples and 280 notes left out',
    );
    expect(summary).toContain('Raw samples (24)');
    expect(summary).toContain('```mermaid');
  });

  it('hard-cuts even a huge error, staying far below 1 MiB', () => {
    const r = copy();
    r.headline = `UNKNOWN: ${'<html>'.repeat(400_000)}`;
    const summary = renderSummary(r);
    expect(bytes(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(
      summary.trimEnd().endsWith('the JSON report (output report-file) has them all.'),
    ).toBe(true);
  });
});

describe('terminal text', () => {
  it('opens with the headline, colours only when asked', () => {
    const plain = renderTerminal(critical, { color: false });
    expect(plain.split('\n')[0]).toBe(critical.headline);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('left (runner)   31.6 s past expiry');
    const coloured = renderTerminal(critical, { color: true });
    expect(coloured.split('\n')[0]).toBe(
      `\u001b[31m\u001b[1m${critical.headline}\u001b[0m\u001b[0m`,
    );
  });
});
