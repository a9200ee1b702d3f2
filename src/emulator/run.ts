// Standalone entry: starts the emulator, prints where it listens as one JSON line, and
// keeps serving until the process is told to stop.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT, startEmulator } from './genesys.js';
import type { EmulatorOptions } from './genesys.js';

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
  return options;
}

async function main(): Promise<void> {
  const options = parseEmulatorArgs(process.argv.slice(2));
  const emulator = await startEmulator(options);
  const client = options.clients?.[0] ?? DEFAULT_CLIENT;
  process.stdout.write(
    JSON.stringify({
      loginUrl: emulator.loginUrl,
      apiUrl: emulator.apiUrl,
      clientId: client.id,
      clientSecret: client.secret,
    }) + '\n',
  );
  const stop = (): void => {
    emulator.close().then(
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
