/**
 * The two clocks as a picture: one time line per clock, each with the token's validity
 * window (fixed timestamps, the same on both) and where that clock says "now" is. A
 * skewed runner's "now" sits off the Genesys one by the skew; a token that is expired or
 * not yet valid by one clock shows its window in red on that line. A table under it
 * carries the same facts for readers without Mermaid.
 */
import { duration } from '../verdict/skew.js';
import type { Report } from './report.js';

/** The facts the picture is drawn from, all in epoch seconds on each clock. */
export interface ClockView {
  skew: number;
  genesysNow: number;
  runnerNow: number;
  validFrom: number;
  validUntil: number;
  lifetime: number;
  genesysState: WindowState;
  runnerState: WindowState;
}

export type WindowState = 'valid' | 'expired' | 'not yet valid';

/** Claims carry whole seconds: within this of the window's start counts as inside. */
const ROUNDING_SECONDS = 1;
/** A window end further than this from "now" is cut at the picture's edge. */
const NEAR_SECONDS = 600;

export function clockView(r: Report): ClockView | undefined {
  if (!r.skew || !r.token) return undefined;
  const skew = r.skew.seconds;
  const t = r.token;
  // "Now" is the instant the token's window was judged, so the picture and the report's
  // remaining times agree; the two readings differ by exactly the skew.
  const genesysNow = t.expiresAt - t.serverRemainingSeconds;
  const runnerNow = t.expiresAt - t.clientRemainingSeconds;
  const validFrom = t.notBefore ?? t.issuedAt;
  const state = (now: number, remaining: number): WindowState => {
    if (remaining <= 0) return 'expired';
    if (t.notBefore !== undefined && now < t.notBefore - ROUNDING_SECONDS)
      return 'not yet valid';
    return 'valid';
  };
  return {
    skew,
    genesysNow,
    runnerNow,
    validFrom,
    validUntil: t.expiresAt,
    lifetime: t.lifetimeSeconds,
    genesysState: state(genesysNow, t.serverRemainingSeconds),
    runnerState: state(runnerNow, t.clientRemainingSeconds),
  };
}

/** A Mermaid gantt chart, zoomed on the two "now"s; a long window is cut at the edge. */
export function clockDiagram(r: Report): string | undefined {
  const v = clockView(r);
  if (!v) return undefined;

  // Zoom on both "now"s and the window's start; its end only when it is near.
  const points = [v.genesysNow, v.runnerNow, v.validFrom];
  if (Math.abs(v.validUntil - v.genesysNow) <= NEAR_SECONDS) points.push(v.validUntil);
  const pad = Math.max(5, (Math.max(...points) - Math.min(...points)) * 0.15);
  const start = Math.min(...points) - pad;
  const end = Math.max(...points) + pad;
  const from = Math.max(v.validFrom, start);
  const until = Math.min(v.validUntil, end);
  const beyond = v.validUntil - end;

  const ms = (s: number) => String(Math.round(s * 1000));
  const bar = (id: string, state: WindowState) => {
    const tag = state === 'valid' ? 'active' : 'crit';
    const more = beyond > 0 ? ` (goes on ${duration(beyond)} past the edge)` : '';
    const label = `token ${state}${more}`;
    return `    ${label} : ${tag}, ${id}, ${ms(from)}, ${ms(Math.max(until, from + 0.001))}`;
  };
  const side = v.skew >= 0 ? 'ahead' : 'behind';
  return [
    '```mermaid',
    'gantt',
    `    title Token window on each clock, runner ${duration(v.skew)} ${side}`,
    '    dateFormat x',
    '    axisFormat %H.%M.%S',
    '    todayMarker off',
    '    section Genesys clock',
    bar('genesys', v.genesysState),
    `    now by Genesys : milestone, genesysNow, ${ms(v.genesysNow)}, ${ms(v.genesysNow)}`,
    '    section Runner clock',
    bar('runner', v.runnerState),
    `    now by the runner : milestone, runnerNow, ${ms(v.runnerNow)}, ${ms(v.runnerNow)}`,
    '```',
  ].join('\n');
}

const iso = (s: number) => new Date(Math.round(s * 1000)).toISOString();

/** The same facts as rows: each clock's "now" and what the token is by it. */
export function clockTable(r: Report): string[] {
  const v = clockView(r);
  if (!v) return [];
  const standing = (state: WindowState, now: number) => {
    if (state === 'expired') return `**expired** ${duration(now - v.validUntil)} ago`;
    if (state === 'not yet valid')
      return `**not yet valid** for ${duration(v.validFrom - now)}`;
    return `valid, ${duration(v.validUntil - now)} left`;
  };
  return [
    '| clock | now reads | token valid from | token valid until | token by this clock |',
    '| --- | --- | --- | --- | --- |',
    `| Genesys | ${iso(v.genesysNow)} | ${iso(v.validFrom)} | ${iso(v.validUntil)} | ${standing(v.genesysState, v.genesysNow)} |`,
    `| runner | ${iso(v.runnerNow)} | ${iso(v.validFrom)} | ${iso(v.validUntil)} | ${standing(v.runnerState, v.runnerNow)} |`,
  ];
}
