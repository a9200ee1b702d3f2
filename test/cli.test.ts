/** The bundled CLI, run as a child process: flags, environment, exit codes, output forms. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { DEFAULTS, type InputName } from '../src/settings/settings.js';
import { ROOT, secretsOf } from './helpers/action.js';
import { CLI, runCli } from './helpers/cli.js';

const EMULATOR = path.join(ROOT, 'dist/emulator/index.js');

const ESC = '\u001b[';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ latencyMs: 10 });
});
afterAll(() => emu.close());

/** Credentials the way a user's shell holds them, for the emulator started above. */
const credentials = (secret = DEFAULT_CLIENT.secret) => ({
  GENESYSCLOUD_OAUTHCLIENT_ID: DEFAULT_CLIENT.id,
  GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
});
const hostFlags = () => ['--login-url', emu.loginUrl, '--api-url', emu.apiUrl];

describe('--help', () => {
  it('lists every input as a flag with its default, and no flag for the secret', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    for (const name of Object.keys(DEFAULTS) as InputName[]) {
      if (name === 'client-secret') continue;
      const line = run.stdout
        .split('\n')
        .find((l) => l.trimStart().startsWith(`--${name} `));
      expect(line, `--${name} in --help`).toBeDefined();
      const shown = DEFAULTS[name] === '' ? 'empty' : DEFAULTS[name];
      expect(line).toContain(`(default: ${shown})`);
    }
    expect(run.stdout).not.toMatch(/^\s*--client-secret/m);
    expect(run.stdout).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET');
    for (const flag of ['--json', '--simulate', '--skew', '--latency-ms'])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toMatch(/Exit codes: 0 .*1 .*2 /);
  });
});

describe('the emulator', () => {
  it('--help lists its flags and starts nothing', async () => {
    const child = spawn(process.execPath, [EMULATOR, '--help']);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    for (const flag of ['--skew S', '--latency-ms MS', '--no-date-endpoint', '--sntp'])
      expect(out).toContain(flag);
    expect(out).not.toContain('loginUrl');
  });
});

describe('--simulate', () => {
  it('--skew 45 measures 45 s, says HIGH and exits 1, with no colour on a pipe', async () => {
    const run = await runCli(['--simulate', '--skew', '45']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('HIGH: the runner is 45.0 s ahead of Genesys Cloud');
    const skew = Number(/skew\s+\+([\d.]+) s ± ([\d.]+) s/.exec(run.stdout)?.[1]);
    const bound = Number(/skew\s+\+[\d.]+ s ± ([\d.]+) s/.exec(run.stdout)?.[1]);
    expect(Math.abs(skew - 45)).toBeLessThanOrEqual(bound);
    expect(run.stdout).toContain("Failing: 'fail-on' is high, and the risk is high.");
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout + run.stderr).not.toContain(DEFAULT_CLIENT.secret);
  });

  it('--json prints the report alone on stdout, the outcome on stderr', async () => {
    const run = await runCli([
      '--simulate',
      '--skew=-326',
      '--latency-ms',
      '30',
      '--json',
    ]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.risk).toBe('critical');
    expect(report.status).toBe('measured');
    expect(Math.abs(report.skew.seconds + 326)).toBeLessThanOrEqual(
      report.skew.boundSeconds,
    );
    expect(report.skew.bestRttMs).toBeGreaterThanOrEqual(30);
    expect(report.rawSamples.length).toBeGreaterThanOrEqual(8);
    expect(report.revocation.attempted).toBeGreaterThan(0);
    expect(run.stderr).toContain('genesys-clock-check: CRITICAL');
    expect(run.stdout).not.toContain(DEFAULT_CLIENT.secret);
  });

  it('no skew exits 0; --fail-on critical lets a high risk pass', async () => {
    const fine = await runCli(['--simulate', '--skew', '0.2']);
    expect(fine.status).toBe(0);
    expect(fine.stdout).toMatch(/^LOW: /);

    const high = await runCli([
      '--simulate',
      '--skew',
      '45',
      '--fail-on',
      'critical',
      '--json',
    ]);
    expect(high.status).toBe(0);
    expect(JSON.parse(high.stdout).risk).toBe('high');
    expect(high.stderr).toContain("Not failing: 'fail-on' is critical.");
  });

  it("ignores the caller's secret, so a short one garbles nothing", async () => {
    const run = await runCli(['--simulate', '--skew', '0'], {
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'e',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'genesys-clock-check: LOW: the runner and Genesys Cloud',
    );
    expect(run.stdout).not.toContain('***');
  });

  it('a reader that closes the pipe early changes neither the exit code nor stderr', async () => {
    const child = spawn(process.execPath, [CLI, '--simulate', '--skew', '0'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    // Like `| head -1`: take the first chunk, then close our end.
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(0);
  });

  it('colour follows FORCE_COLOR and NO_COLOR', async () => {
    const forced = await runCli(['--simulate'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}32m`);
    const off = await runCli(['--simulate'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(off.stdout).not.toContain(ESC);
  });
});

describe('against a running emulator, credentials from GENESYSCLOUD_*', () => {
  it('measures with the environment credentials and never prints a secret or token', async () => {
    emu.options.skewSeconds = 15;
    const run = await runCli([...hostFlags(), '--json', '--verbose'], credentials());
    emu.options.skewSeconds = 0;
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.risk).toBe('medium');
    expect(Math.abs(report.skew.seconds - 15)).toBeLessThanOrEqual(
      report.skew.boundSeconds,
    );
    expect(report.hosts).toEqual({ login: emu.loginUrl, api: emu.apiUrl });
    expect(run.stderr).toContain('== Samples');
    for (const secret of secretsOf(emu)) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('flags win over the environment, and GENESYSCLOUD_REGION is read', async () => {
    const region = await runCli([], {
      ...credentials(),
      GENESYSCLOUD_REGION: 'not a region',
    });
    expect(region.status).toBe(2);
    expect(region.stderr).toContain(
      "GENESYSCLOUD_REGION (used because --region is empty) is 'not a region'",
    );

    const flag = await runCli(['--client-id', 'someone-else', ...hostFlags(), '--json'], {
      ...credentials(),
    });
    expect(flag.status).toBe(2);
    expect(JSON.parse(flag.stdout).error).toMatch(/invalid_client/);
  });

  it('a wrong secret cannot be measured: exit 2, or 0 with --fail-on-error false', async () => {
    const run = await runCli(hostFlags(), credentials('wrong-secret'));
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('genesys-clock-check: could not measure the clock.');
    expect(run.stdout).toMatch(/^UNKNOWN: /);
    expect(run.stdout + run.stderr).not.toContain('wrong-secret');

    const soft = await runCli(
      [...hostFlags(), '--fail-on-error', 'false'],
      credentials('wrong-secret'),
    );
    expect(soft.status).toBe(0);
    expect(soft.stderr).toContain('--fail-on-error is false');
  });
});

describe('bad flags and settings: a clear message on stderr and exit 2', () => {
  it.each([
    { args: ['--nope'], says: 'Unknown flag --nope. Run genesys-clock-check --help' },
    { args: ['--samples'], says: '--samples needs a value' },
    { args: ['--json=yes'], says: '--json takes no value' },
    { args: ['check'], says: "Unexpected argument 'check'" },
    { args: ['--skew', '45'], says: '--skew applies only with --simulate' },
    { args: ['--simulate', '--skew', 'many'], says: "--skew needs a number, got 'many'" },
    {
      args: ['--simulate', '--api-url', 'https://x.example'],
      says: '--api-url cannot be combined with --simulate',
    },
    { args: ['--client-secret', 'hunter2'], says: 'There is no --client-secret flag' },
    {
      args: ['--simulate', '--samples', '99'],
      says: "--samples is '99'; expected a whole number from 2 to 8",
    },
    {
      args: ['--simulate', '--fail-on', 'sometimes'],
      says: "--fail-on is 'sometimes'; expected one of",
    },
    {
      args: ['--simulate', '--medium-skew-seconds', '50'],
      says: 'Check --medium-skew-seconds, --high-skew-seconds and --critical-skew-seconds',
    },
    { args: [], says: 'GENESYSCLOUD_OAUTHCLIENT_SECRET is unset' },
  ])('$args', async ({ args, says }) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('hunter2');
  });
});
