/** The built action, run as a runner runs it, against the emulator at known skews. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { emulatorInputs, runAction, secretsOf } from './helpers/action.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ latencyMs: 20 });
});
afterAll(() => emu.close());

describe('skews against the default thresholds (5/30/60 s, fail-on high)', () => {
  it.each([
    { skew: 0, risk: 'low', status: 0, words: 'agree' },
    { skew: 45, risk: 'high', status: 1, words: 'ahead of' },
    { skew: -45, risk: 'high', status: 1, words: 'behind' },
    { skew: 120, risk: 'critical', status: 1, words: 'ahead of' },
  ])('skew $skew s gives $risk', async ({ skew, risk, status, words }) => {
    emu.options.skewSeconds = skew;
    const run = await runAction(emulatorInputs(emu));

    expect(run.status).toBe(status);
    expect(run.outputs.risk).toBe(risk);
    const measured = Number(run.outputs['skew-seconds']);
    const bound = Number(run.outputs['skew-bound-seconds']);
    // The interval must contain the emulator's true offset, every time.
    expect(Math.abs(measured - skew)).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThan(0.05);
    expect(run.outputs['token-accepted']).toBe('true');
    expect(Number(run.outputs['token-lifetime-seconds'])).toBe(86399);
    const server = Number(run.outputs['server-remaining-seconds']);
    const client = Number(run.outputs['client-remaining-seconds']);
    expect(server).toBeGreaterThan(86390);
    expect(server - client).toBeCloseTo(measured, 2);
    expect(run.summary).toContain(
      `${measured >= 0 ? '+' : '−'}${Math.abs(measured).toFixed(3)} s`,
    );
    expect(run.summary).toContain(words);
    expect(run.report?.risk).toBe(risk);
    expect(run.report?.skew.seconds).toBeCloseTo(measured, 3);
    if (status === 1)
      expect(run.stdout).toMatch(/::error::genesys-clock-check: .*Genesys Cloud/);
  });
});

describe('a run that leaves nothing behind', () => {
  it('writes no secret, Basic header or token anywhere and revokes every token', async () => {
    emu.options.skewSeconds = 45; // high: a second, fresh token is taken too
    const before = emu.issuedTokens.length;
    const run = await runAction(emulatorInputs(emu), { RUNNER_NAME: 'scan-runner' });

    const issued = emu.issuedTokens.slice(before);
    expect(issued.length).toBe(2);
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    // Each token was masked for the runner before anything else could print it.
    for (const token of issued) expect(run.stdout).toContain(`::add-mask::${token}`);
    expect(emu.revokedTokens).toEqual(expect.arrayContaining(issued));
    expect(run.report?.revocation).toEqual({
      attempted: 2,
      succeeded: 2,
      skipped: false,
    });
    expect(run.report?.place.runner.name).toBe('scan-runner');
  });

  it('keeps the token when revoke-token is false', async () => {
    emu.options.skewSeconds = 0;
    const before = emu.issuedTokens.length;
    const run = await runAction({ ...emulatorInputs(emu), 'revoke-token': 'false' });
    expect(run.status).toBe(0);
    expect(emu.revokedTokens).not.toContain(emu.issuedTokens[before]);
    expect(run.report?.revocation.skipped).toBe(true);
  });

  it('a RUNNER_TEMP it cannot write to costs the report file, not the verdict', async () => {
    emu.options.skewSeconds = 45;
    const notADir = path.join(mkdtempSync(path.join(tmpdir(), 'gcc-temp-')), 'a-file');
    writeFileSync(notADir, '');
    const run = await runAction(emulatorInputs(emu), { RUNNER_TEMP: notADir });
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('high');
    expect(Math.abs(Number(run.outputs['skew-seconds']) - 45)).toBeLessThan(0.1);
    expect(run.outputs['report-file']).toBe('');
    expect(run.summary).toContain('HIGH: the runner is 45.0 s ahead of Genesys Cloud');
    expect(run.stdout).toMatch(
      /^::warning::The JSON report could not be written under RUNNER_TEMP/m,
    );
  });
});

describe('runs that cannot measure', () => {
  it('a wrong secret: risk unknown, a one-line cause naming the host, a summary', async () => {
    const run = await runAction({
      ...emulatorInputs(emu),
      'client-secret': 'wrong-secret-value',
    });
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    const host = new URL(emu.loginUrl).host;
    expect(run.stdout).toMatch(
      new RegExp(
        `::error::genesys-clock-check: could not measure .*${host} answered 401 invalid_client \\(correlation id [0-9a-f-]{36}\\)`,
      ),
    );
    expect(run.summary).toContain('Could not measure');
    expect(run.written).not.toContain('wrong-secret-value');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an unreachable host: risk unknown and the host named', async () => {
    const run = await runAction({
      ...emulatorInputs(emu),
      'login-url': 'http://127.0.0.1:9',
      'timeout-seconds': '5',
    });
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    expect(run.stdout).toMatch(
      /^::error::genesys-clock-check: could not measure .*127\.0\.0\.1:9: connection refused/m,
    );
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
  });

  it('invalid inputs: every problem named, before any request', async () => {
    const count = emu.requests.length;
    const run = await runAction({
      ...emulatorInputs(emu),
      'api-url': 'http://example.com',
      samples: 'lots',
    });
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    expect(run.stdout).toContain("Input 'api-url' is 'http://example.com'");
    expect(run.stdout).toContain("Input 'samples' is 'lots'");
    expect(emu.requests.length).toBe(count);
  });
});
