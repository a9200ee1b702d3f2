#!/usr/bin/env node
/** The CLI: read flags and environment, measure, print, and exit 0, 1 or 2. */
import os from 'node:os';
import { type Logger, cancelOnSignals, checkClock } from './check.js';
import { DEFAULT_CLIENT, type Emulator, startEmulator } from './emulator/genesys.js';
import { invalidInputMessage, outcomeOf } from './report/outcome.js';
import type { Place } from './report/report.js';
import { renderTerminal } from './report/terminal.js';
import {
  type CliOptions,
  FlagError,
  helpText,
  parseFlags,
  problemForFlags,
} from './settings/flags.js';
import {
  type InputName,
  type Settings,
  SettingsError,
  readSettings,
} from './settings/settings.js';
import { VERSION } from './version.js';
import { createRedactor } from './report/redact.js';

const EXIT = { fine: 0, risk: 1, unmeasured: 2 } as const;
const SIMULATED_LATENCY_MS = 20;

/** Every secret and token seen so far; all text output passes through it. */
const secrets = createRedactor();
const print = (text: string) => process.stdout.write(`${secrets.text(text)}\n`);
const complain = (text: string) => process.stderr.write(`${secrets.text(text)}\n`);

// A reader that stops early (`| head`) closes the pipe: no failure of the check.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

async function main(argv: string[]): Promise<number> {
  // Under --simulate the caller's secret plays no part: masking it would only garble.
  if (!argv.includes('--simulate'))
    secrets.add(process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET);
  let options: CliOptions;
  try {
    options = parseFlags(argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    complain(`genesys-clock-check: ${error.message}`);
    return EXIT.unmeasured;
  }
  if (options.help) {
    print(helpText(VERSION));
    return EXIT.fine;
  }
  if (options.version) {
    print(VERSION);
    return EXIT.fine;
  }

  let emulator: Emulator | undefined;
  try {
    let inputs = options.inputs;
    let env: NodeJS.ProcessEnv = process.env;
    if (options.simulate) {
      emulator = await startEmulator({
        skewSeconds: options.skewSeconds ?? 0,
        latencyMs: options.latencyMs ?? SIMULATED_LATENCY_MS,
      });
      // The caller's secret plays no part; masking it would only garble the output.
      secrets.add(DEFAULT_CLIENT.secret);
      inputs = {
        ...inputs,
        'client-id': DEFAULT_CLIENT.id,
        'login-url': emulator.loginUrl,
        'api-url': emulator.apiUrl,
      };
      // The emulator's client, not the caller's: no GENESYSCLOUD_* credentials apply.
      env = { GENESYSCLOUD_OAUTHCLIENT_SECRET: DEFAULT_CLIENT.secret };
      // A proxy set for the real service must not catch the loopback emulator.
      process.env.NO_PROXY = [process.env.NO_PROXY, '127.0.0.1', 'localhost']
        .filter(Boolean)
        .join(',');
    }
    return await check(options, inputs, env);
  } finally {
    await emulator?.close();
  }
}

async function check(
  options: CliOptions,
  inputs: CliOptions['inputs'],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings((name: InputName) => inputs[name] ?? '', env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    const problems = error.problems.map(problemForFlags);
    complain(invalidInputMessage(problems));
    for (const problem of problems.slice(1)) complain(`  ${problem}`);
    return EXIT.unmeasured;
  }
  secrets.add(settings.clientSecret);

  const report = await checkClock(settings, {
    log: terminalLog(options.verbose),
    onSecret: (value) => secrets.add(value),
    place: place(),
    cancel: cancelOnSignals(),
  });
  const outcome = outcomeOf(report, settings);

  if (options.json) {
    // The report's strings are redacted already; redacting the text again could hit a
    // number or a key and break the JSON.
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    complain(outcome.message);
  } else {
    print(renderTerminal(report, { color: useColor() }));
    print(outcome.message);
  }
  if (outcome.kind === 'fail') return EXIT.risk;
  if (outcome.kind === 'error') {
    if (settings.failOnError) return EXIT.unmeasured;
    complain('Not failing: --fail-on-error is false.');
  }
  return EXIT.fine;
}

/** Progress goes to stderr, so stdout stays the report alone (for --json and pipes). */
function terminalLog(verbose: boolean): Logger {
  return {
    group: async (name, fn) => {
      if (verbose) complain(`== ${name}`);
      return fn();
    },
    info: (message) => verbose && complain(message),
    debug: (message) => verbose && complain(`  ${message}`),
    warning: (message) => complain(`warning: ${message}`),
  };
}

/** https://no-color.org: NO_COLOR set and non-empty wins; FORCE_COLOR turns it on. */
function useColor(): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return Boolean(process.stdout.isTTY);
}

function place(): Place {
  return {
    runner: {
      name: process.env.RUNNER_NAME ?? os.hostname(),
      os: process.env.RUNNER_OS ?? os.platform(),
      arch: process.env.RUNNER_ARCH ?? os.arch(),
    },
    repository: process.env.GITHUB_REPOSITORY ?? '',
    workflow: process.env.GITHUB_WORKFLOW ?? '',
    runId: process.env.GITHUB_RUN_ID ?? '',
    job: process.env.GITHUB_JOB ?? '',
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    complain(
      `genesys-clock-check: unexpected error: ${error instanceof Error ? error.message : error}`,
    );
    process.exitCode = EXIT.unmeasured;
  },
);
