/**
 * The accuracy and speed benchmark: the emulator on loopback at known offsets, round
 * trips, jitter and path asymmetry, with and without /api/v2/date; for each setting,
 * this project's estimator beside the `now − iat` method, a single Date header and Date
 * headers at random moments, all in the same run.
 *
 *   npm run bench                      default run (about 5 minutes on 2 cores)
 *   npm run bench -- --quick           one repetition of fewer settings (under a minute)
 *   npm run bench -- --repetitions 30  more repetitions for tighter percentiles
 *   npm run bench -- --markdown        the table as Markdown
 *   npm run bench -- --json out.json   every run's raw outcome as well
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { type EmulatorOptions, startEmulator } from '../src/emulator/genesys.js';
import {
  type Method,
  type Outcome,
  nowMinusIat,
  randomMoments,
  singleDate,
  thisEstimator,
} from './methods.js';
import { median, quantile } from './stats.js';
import { mulberry32 } from '../test/helpers/random.js';

interface Setting {
  rttMs: number;
  /** Share of the round trip spent on the way to the server: 0.5 is 1:1, 0.75 is 3:1. */
  share: number;
  jitterMs: number;
  endpoint: boolean;
}

interface Result extends Outcome {
  setting: Setting;
  truth: number;
}

/** Offsets (runner − server, s) cycled through the repetitions; whole milliseconds. */
const OFFSETS = [0.2, -1.2, 15.437, -326.8, 3.71, -0.45, 45.031, 0.875];
const METHODS: Method[] = [
  'this estimator',
  'now − iat',
  'single Date (AWS-style)',
  'random-moment Date',
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repetitions: { type: 'string' },
    concurrency: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const quick = values.quick;
const repetitions = Number(values.repetitions ?? (quick ? 1 : 8));
const concurrency = Number(values.concurrency ?? 4);
if (!(repetitions >= 1) || !(concurrency >= 1)) {
  throw new Error('--repetitions and --concurrency need a positive whole number');
}

const settings: Setting[] = [];
for (const endpoint of [true, false])
  for (const rttMs of quick ? [20, 300] : [2, 20, 100, 300])
    for (const share of [0.5, 0.75])
      settings.push({ rttMs, share, jitterMs: Math.max(0.5, rttMs / 20), endpoint });

/** One repetition of one setting: every method against its own emulator. */
async function job(setting: Setting, rep: number): Promise<Result[]> {
  const truth = OFFSETS[rep % OFFSETS.length];
  const random = mulberry32(
    Number(values.seed) * 7919 + rep * 104729 + settings.indexOf(setting),
  );
  const options: EmulatorOptions = {
    skewSeconds: truth,
    latencyMs: setting.rttMs,
    asymmetry: setting.share,
    jitterMs: setting.jitterMs,
    dateEndpoint: setting.endpoint ? 'milliseconds' : 'missing',
  };
  const results: Result[] = [];
  const add = (o: Outcome) => results.push({ ...o, setting, truth });

  const emu = await startEmulator(options);
  try {
    const ours = await thisEstimator(emu);
    add(ours);
    add(await singleDate(emu));
    // As many exchanges as the estimator made before revoking its token.
    add(await randomMoments(emu, Math.max(1, ours.exchanges - 1), random));
    emu.options = { ...options, tokenFormat: 'jwt', jwtClaims: { wholeSeconds: true } };
    add(await nowMinusIat(emu));
  } finally {
    await emu.close();
  }
  return results;
}

async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      out[k] = await tasks[k]();
      done += 1;
      process.stderr.write(`\r${done}/${tasks.length} runs`);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  process.stderr.write('\n');
  return out;
}

function label(s: Setting): string {
  const ratio = s.share === 0.5 ? '1:1' : '3:1';
  return `${s.endpoint ? '/api/v2/date' : 'Date only'} rtt ${s.rttMs} ms ${ratio} ±${s.jitterMs} ms`;
}

interface Row {
  setting: string;
  method: Method;
  medianMs: number;
  p95Ms: number;
  boundMs: number;
  held: string;
  exchanges: number;
  seconds: number;
  errors: number;
  /** This estimator, Date headers only: worst (bound after 8 exchanges − best rtt / 2), ms. */
  excessAt8Ms?: number;
}

function summarise(results: Result[]): Row[] {
  const rows: Row[] = [];
  for (const setting of settings) {
    for (const method of METHODS) {
      const runs = results.filter((r) => r.setting === setting && r.method === method);
      const ok = runs.filter((r) => Number.isFinite(r.skew));
      const errors = ok.map((r) => Math.abs(r.skew - r.truth) * 1000);
      const bounded = ok.filter((r) => r.lo !== undefined && r.hi !== undefined);
      const held = bounded.filter((r) => r.lo! <= r.truth && r.truth <= r.hi!);
      rows.push({
        setting: label(setting),
        method,
        medianMs: median(errors),
        p95Ms: quantile(errors, 0.95),
        boundMs: bounded.length
          ? median(bounded.map((r) => Math.max(r.skew - r.lo!, r.hi! - r.skew) * 1000))
          : NaN,
        held: bounded.length
          ? `${((100 * held.length) / bounded.length).toFixed(0)}% (${held.length}/${bounded.length})`
          : 'no bound',
        exchanges: median(runs.map((r) => r.exchanges)),
        seconds: median(runs.map((r) => r.seconds)),
        errors: runs.length - ok.length + runs.filter((r) => r.error).length,
        excessAt8Ms: Math.max(
          ...ok
            .filter((r) => r.boundAt8 !== undefined)
            .map((r) => (r.boundAt8! - r.bestRttMs! / 2000) * 1000),
        ),
      });
    }
  }
  return rows;
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function print(rows: Row[], markdown: boolean): void {
  const head = [
    'setting',
    'method',
    'median |err| ms',
    'p95 |err| ms',
    'bound ms',
    'bound held',
    'requests',
    'wall s',
  ];
  const cells = rows.map((r) => [
    r.setting,
    r.method + (r.errors ? ` (${r.errors} failed)` : ''),
    fmt(r.medianMs),
    fmt(r.p95Ms),
    fmt(r.boundMs),
    r.held,
    fmt(r.exchanges, 0),
    fmt(r.seconds, 2),
  ]);
  if (markdown) {
    console.log(`| ${head.join(' | ')} |`);
    console.log(`| ${head.map(() => '---').join(' | ')} |`);
    for (const c of cells) console.log(`| ${c.join(' | ')} |`);
    return;
  }
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: string[]) =>
    c.map((x, k) => (k < 2 ? x.padEnd(widths[k]) : x.padStart(widths[k]))).join('  ');
  console.log(line(head));
  for (const c of cells) console.log(line(c));
}

/** The targets, each checked on the rows it speaks of. */
function targets(rows: Row[], results: Result[]): string[] {
  const ours = rows.filter((r) => r.method === 'this estimator');
  const of = (setting: string, method: Method) =>
    rows.find((r) => r.setting === setting && r.method === method)!;
  const lines: string[] = [];
  const allHeld = results
    .filter((r) => r.method === 'this estimator' && r.lo !== undefined)
    .every((r) => r.lo! <= r.truth && r.truth <= r.hi!);
  lines.push(`bound held in every run of this estimator: ${allHeld ? 'yes' : 'NO'}`);
  for (const r of ours.filter((x) => x.setting.startsWith('/api/v2/date rtt 20 '))) {
    lines.push(
      `${r.setting}: median ${fmt(r.medianMs)} ms (target <= 2), wall ${fmt(r.seconds, 2)} s (target <= 2)`,
    );
  }
  for (const r of ours.filter((x) => x.setting.startsWith('Date only'))) {
    const iat = of(r.setting, 'now − iat');
    const random = of(r.setting, 'random-moment Date');
    lines.push(
      `${r.setting}: median ${fmt(r.medianMs)} ms (<= 15), bound ${fmt(r.boundMs)} ms at the end, ` +
        `after 8 exchanges at most best rtt / 2 + ${fmt(r.excessAt8Ms!)} ms (<= + 70), ` +
        `${fmt(r.exchanges, 0)} requests, ${fmt(iat.medianMs / r.medianMs, 0)}x better than now − iat (>= 10), ` +
        `${fmt(random.medianMs / r.medianMs, 1)}x better than random moments (>= 5), wall ${fmt(r.seconds, 2)} s (<= 10)`,
    );
  }
  const most = Math.max(
    ...results.filter((r) => r.method === 'this estimator').map((r) => r.exchanges),
  );
  lines.push(`most requests to Genesys in one run of the action: ${most} (target <= 12)`);
  return lines;
}

const started = performance.now();
const tasks = settings.flatMap((s) =>
  Array.from({ length: repetitions }, (_, rep) => () => job(s, rep)),
);
const results = (await pool(tasks, concurrency)).flat();
const rows = summarise(results);
console.log(
  `\n${tasks.length} runs (${settings.length} settings x ${repetitions} repetitions, ${concurrency} at a time) ` +
    `on ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
    `in ${((performance.now() - started) / 1000).toFixed(0)} s. Errors are |estimate − offset|; ` +
    'bound is the claimed half-width; requests are those the emulator served.\n',
);
print(rows, values.markdown);
console.log('\nTargets:');
for (const line of targets(rows, results)) console.log(`- ${line}`);
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 1));
