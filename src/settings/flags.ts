/**
 * The CLI's flags: one per action input, generated from DEFAULTS so a new input gets its
 * flag without touching this file, plus the few flags only a terminal needs.
 */
import { DEFAULTS, type InputName } from './settings.js';

/** Inputs with no flag. A secret typed on a command line lands in shell history and `ps`. */
const NO_FLAG: readonly InputName[] = ['client-secret'];

/** Help text per input; an input missing here still gets a flag and a generic line. */
const DESCRIPTIONS: Partial<Record<InputName, string>> = {
  'client-id':
    'OAuth client id (Client Credentials grant); env GENESYSCLOUD_OAUTHCLIENT_ID',
  region:
    'Genesys Cloud region or domain (us-east-1, mypurecloud.de, ...); env GENESYSCLOUD_REGION',
  'login-url':
    'override of the login host (a proxy, the emulator); http:// only to loopback',
  'api-url': 'override of the API host; http:// only to loopback',
  samples: 'timed exchanges with the API host, 2 to 8',
  'medium-skew-seconds': 'skew (either sign) at or above which the risk is medium',
  'high-skew-seconds': 'skew at or above which the risk is high',
  'critical-skew-seconds': 'skew at or above which the risk is critical',
  'fail-on': 'lowest risk that exits 1: medium, high, critical or never',
  'fail-on-error': 'exit 2 when nothing could be measured (false: exit 0)',
  'revoke-token': 'revoke every token the check created before it ends',
  'timeout-seconds': 'bound on the whole run, 5 to 600',
  'ntp-servers':
    'SNTP servers as a reference clock, comma-separated host[:port], up to 4 (e.g. time.windows.com)',
  'reference-urls':
    'HTTPS URLs whose Date headers serve as a reference clock where UDP is blocked, up to 4',
};

export const INPUT_FLAGS: InputName[] = (Object.keys(DEFAULTS) as InputName[]).filter(
  (name) => !NO_FLAG.includes(name),
);

/** Flags of the terminal only: output form and the bundled emulator. */
const SWITCHES = ['json', 'simulate', 'verbose', 'help', 'version'] as const;
const SIMULATION = ['skew', 'latency-ms'] as const;

export interface CliOptions {
  /** Raw input values, by input name, as given on the command line. */
  inputs: Partial<Record<InputName, string>>;
  json: boolean;
  simulate: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  skewSeconds?: number;
  latencyMs?: number;
}

export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

const SEE_HELP = 'Run genesys-clock-check --help for every flag.';

/** Reads argv; every mistake throws a FlagError that names the flag and the fix. */
export function parseFlags(argv: string[]): CliOptions {
  const options: CliOptions = {
    inputs: {},
    json: false,
    simulate: false,
    verbose: false,
    help: false,
    version: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      throw new FlagError(
        `Unexpected argument '${arg}': this command takes flags only. ${SEE_HELP}`,
      );
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (seen.has(name)) throw new FlagError(`--${name} is given twice; keep one.`);
    seen.add(name);

    if ((SWITCHES as readonly string[]).includes(name)) {
      if (inline !== undefined)
        throw new FlagError(`--${name} takes no value (got '${arg}').`);
      options[name as (typeof SWITCHES)[number]] = true;
      continue;
    }
    if (NO_FLAG.includes(name as InputName)) {
      throw new FlagError(
        `There is no --${name} flag: a secret on the command line is kept in shell ` +
          'history and shown to other users by ps. Set GENESYSCLOUD_OAUTHCLIENT_SECRET instead.',
      );
    }
    const known =
      INPUT_FLAGS.includes(name as InputName) ||
      (SIMULATION as readonly string[]).includes(name);
    if (!known) throw new FlagError(`Unknown flag --${name}. ${SEE_HELP}`);

    // A value may start with '-' (a negative skew), so the next argument is always taken.
    const value = inline ?? argv[++i];
    if (value === undefined) throw new FlagError(`--${name} needs a value. ${SEE_HELP}`);
    if (name === 'skew') options.skewSeconds = numberOf(name, value);
    else if (name === 'latency-ms') {
      options.latencyMs = numberOf(name, value);
      if (options.latencyMs < 0) throw new FlagError('--latency-ms cannot be negative.');
    } else options.inputs[name as InputName] = value;
  }

  if (!options.simulate) {
    const stray = SIMULATION.filter((name) => seen.has(name));
    if (stray.length)
      throw new FlagError(
        `--${stray[0]} applies only with --simulate; add --simulate or drop it.`,
      );
  } else {
    const hosts = (['login-url', 'api-url', 'client-id'] as InputName[]).filter((name) =>
      seen.has(name),
    );
    if (hosts.length)
      throw new FlagError(
        `--${hosts[0]} cannot be combined with --simulate, which supplies the emulator's own hosts and client.`,
      );
  }
  return options;
}

function numberOf(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new FlagError(`--${name} needs a number, got '${value}'.`);
  return n;
}

/**
 * Settings problems are worded for action inputs (`Input 'samples'`); the CLI names
 * the flag instead, and the environment variable where there is no flag.
 */
export function problemForFlags(problem: string): string {
  if (problem.startsWith("Input 'client-secret'"))
    return (
      'GENESYSCLOUD_OAUTHCLIENT_SECRET is unset: the CLI reads the client secret only from ' +
      'the environment. Export it, or try the check with --simulate.'
    );
  if (problem.startsWith("Input 'client-id'"))
    return (
      'No client id: pass --client-id or set GENESYSCLOUD_OAUTHCLIENT_ID, ' +
      'or try the check with --simulate.'
    );
  return problem
    .replace(/Input '([a-z0-9-]+)'/g, (whole, name: string) =>
      INPUT_FLAGS.includes(name as InputName) ? `--${name}` : whole,
    )
    .replace(/'([a-z0-9-]+)'/g, (whole, name: string) =>
      INPUT_FLAGS.includes(name as InputName) ? `--${name}` : whole,
    );
}

export function helpText(version: string): string {
  const rows: [string, string][] = INPUT_FLAGS.map((name) => [
    `--${name} ${metaOf(name)}`,
    `${DESCRIPTIONS[name] ?? `same as the action's '${name}' input`}` +
      ` (default: ${DEFAULTS[name] === '' ? 'empty' : DEFAULTS[name]})`,
  ]);
  const extra: [string, string][] = [
    ['--json', 'print the JSON report (schemaVersion 1) instead of text (default: off)'],
    [
      '--simulate',
      'run against the bundled Genesys emulator; no credentials (default: off)',
    ],
    ['--skew S', 'with --simulate: runner minus emulator clock, seconds (default: 0)'],
    ['--latency-ms MS', 'with --simulate: extra delay per request (default: 20)'],
    ['--verbose', 'progress and raw values on stderr (default: off)'],
    ['--help, -h', 'this text'],
    ['--version', 'print the version'],
  ];
  const width = Math.max(...[...rows, ...extra].map(([f]) => f.length));
  const line = ([flag, text]: [string, string]) => `  ${flag.padEnd(width)}  ${text}`;
  return [
    `genesys-clock-check ${version}: measure this machine's clock against Genesys Cloud.`,
    '',
    'Usage:',
    '  genesys-clock-check [flags]            check against your Genesys Cloud org',
    '  genesys-clock-check --simulate --skew 45   try it on the bundled emulator',
    '',
    'Check flags (the action inputs of the same names):',
    ...rows.map(line),
    '',
    'Other flags:',
    ...extra.map(line),
    '',
    'Environment:',
    '  GENESYSCLOUD_OAUTHCLIENT_ID      client id, when --client-id is not given',
    '  GENESYSCLOUD_OAUTHCLIENT_SECRET  client secret; there is no flag for it, so it',
    '                                   never lands in shell history or process lists',
    '  GENESYSCLOUD_REGION              region, when --region is not given',
    '  HTTPS_PROXY, NO_PROXY            proxy for the requests',
    '  NO_COLOR, FORCE_COLOR            colour off or on (default: on for a terminal)',
    '',
    'Exit codes: 0 fine, 1 risk at or over --fail-on, 2 could not measure or invalid flags.',
    '',
  ].join('\n');
}

function metaOf(name: InputName): string {
  const d: string = DEFAULTS[name];
  if (d === 'true' || d === 'false') return 'true|false';
  if (/^\d+(\.\d+)?$/.test(d)) return 'N';
  if (name === 'fail-on') return 'RISK';
  if (name.endsWith('-url')) return 'URL';
  return 'VALUE';
}
