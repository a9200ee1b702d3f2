// Standalone entry: starts the emulator, prints where it listens as one JSON line, and
// keeps serving until the process is told to stop.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT, startEmulator } from './genesys.js';
import type { EmulatorOptions } from './genesys.js';
import {
  type SntpBehaviour,
  type SntpEmulatorOptions,
  startSntpEmulator,
} from './sntp.js';

function toNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new Error(`--${flag} needs a number, got '${value}'`);
  }
  return parsed;
}

const VALUE_FLAGS = [
  '--skew',
  '--latency-ms',
  '--lifetime',
  '--login-port',
  '--api-port',
  '--sntp-skew',
  '--sntp-delay-ms',
];
const SNTP_BEHAVIOURS: SntpBehaviour[] = [
  'normal',
  'silent',
  'kiss',
  'malformed',
  'wrong-origin',
  'unsynchronised',
  'client-mode',
  'stratum-16',
  'zero-transmit',
];

/**
 * parseArgs reads '-30' after '--skew' as an option, so a negative skew written with a
 * space is folded into the '--skew=-30' form before parsing.
 */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const next = argv[i + 1];
    if (VALUE_FLAGS.includes(argv[i]) && /^-\d/.test(next ?? '')) {
      joined.push(`${argv[i]}=${next}`);
      i += 1;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

export function parseEmulatorArgs(argv: string[]): EmulatorOptions {
  return parseAllArgs(argv).genesys;
}

/**
 * The Genesys emulator's flags, and with `--sntp` a loopback SNTP server beside it, on
 * its own clock (`--sntp-skew`, runner minus that server, 0 by default: a true reference).
 */
export function parseAllArgs(argv: string[]): {
  genesys: EmulatorOptions;
  sntp?: SntpEmulatorOptions;
} {
  const { values } = parseArgs({
    args: joinNegativeValues(argv),
    options: {
      skew: { type: 'string' },
      'latency-ms': { type: 'string' },
      'no-date-endpoint': { type: 'boolean' },
      jwt: { type: 'boolean' },
      lifetime: { type: 'string' },
      'login-port': { type: 'string' },
      'api-port': { type: 'string' },
      sntp: { type: 'boolean' },
      'sntp-skew': { type: 'string' },
      'sntp-delay-ms': { type: 'string' },
      'sntp-behaviour': { type: 'string' },
      'sntp-kiss-code': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const options: EmulatorOptions = {};
  const skew = toNumber('skew', values.skew);
  if (skew !== undefined) options.skewSeconds = skew;
  const latency = toNumber('latency-ms', values['latency-ms']);
  if (latency !== undefined) {
    if (latency < 0) throw new Error('--latency-ms cannot be negative');
    options.latencyMs = latency;
  }
  const lifetime = toNumber('lifetime', values.lifetime);
  if (lifetime !== undefined) {
    if (lifetime <= 0) throw new Error('--lifetime must be positive');
    options.tokenLifetimeSeconds = lifetime;
  }
  for (const host of ['login', 'api'] as const) {
    const port = toNumber(`${host}-port`, values[`${host}-port`]);
    if (port === undefined) continue;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`--${host}-port must be a port number from 1 to 65535`);
    options.ports = { ...options.ports, [host]: port };
  }
  if (values['no-date-endpoint']) options.dateEndpoint = 'missing';
  if (values.jwt) options.tokenFormat = 'jwt';

  const sntpFlags = [
    'sntp-skew',
    'sntp-delay-ms',
    'sntp-behaviour',
    'sntp-kiss-code',
  ] as const;
  if (!values.sntp) {
    const stray = sntpFlags.find((flag) => values[flag] !== undefined);
    if (stray) throw new Error(`--${stray} needs --sntp`);
    return { genesys: options };
  }
  const sntp: SntpEmulatorOptions = {
    skewSeconds: toNumber('sntp-skew', values['sntp-skew']) ?? 0,
  };
  const delay = toNumber('sntp-delay-ms', values['sntp-delay-ms']);
  if (delay !== undefined) {
    if (delay < 0) throw new Error('--sntp-delay-ms cannot be negative');
    sntp.delayMs = delay;
  }
  const behaviour = values['sntp-behaviour'];
  if (behaviour !== undefined) {
    if (!SNTP_BEHAVIOURS.includes(behaviour as SntpBehaviour))
      throw new Error(`--sntp-behaviour is one of ${SNTP_BEHAVIOURS.join(', ')}`);
    sntp.behaviour = behaviour as SntpBehaviour;
  }
  if (values['sntp-kiss-code'] !== undefined) sntp.kissCode = values['sntp-kiss-code'];
  return { genesys: options, sntp };
}

const HELP = `Local emulator of Genesys Cloud's login and API hosts, on loopback.
Prints one JSON line (login and API URLs, a client id and secret) and serves until stopped.

  --skew S              runner − emulator clock, seconds (45: the emulator runs 45 s behind)
  --latency-ms MS       round trip added to every answer
  --no-date-endpoint    /api/v2/date answers 404, so only Date headers tell the time
  --jwt                 issue JWTs instead of opaque tokens
  --lifetime S          expires_in of the tokens (default 86399)
  --login-port N, --api-port N   fixed ports instead of free ones
  --sntp                also serve SNTP on loopback as a reference clock, with
    --sntp-skew S, --sntp-delay-ms MS, --sntp-kiss-code CODE,
    --sntp-behaviour ${SNTP_BEHAVIOURS.join('|')}
  --help                this text`;

async function main(): Promise<void> {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const { genesys: options, sntp: sntpOptions } = parseAllArgs(process.argv.slice(2));
  const emulator = await startEmulator(options);
  const sntp = sntpOptions && (await startSntpEmulator(sntpOptions));
  const client = options.clients?.[0] ?? DEFAULT_CLIENT;
  process.stdout.write(
    JSON.stringify({
      loginUrl: emulator.loginUrl,
      apiUrl: emulator.apiUrl,
      clientId: client.id,
      clientSecret: client.secret,
      ...(sntp && { ntpServer: sntp.address }),
    }) + '\n',
  );
  const stop = (): void => {
    Promise.all([emulator.close(), sntp?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** True when this file was started directly, also through a symlinked path. */
function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return import.meta.url === pathToFileURL(entry).href;
  }
}

if (isMainModule()) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
