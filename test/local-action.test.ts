/** `npm run local-action`'s tool runs src/main.ts from a .env file like .env.example. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { ROOT, secretsOf } from './helpers/action.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ skewSeconds: 45, latencyMs: 10 });
});
afterAll(() => emu.close());

it('runs the action from .env.example, pointed at this emulator', async () => {
  // The shipped example, with the emulator's ports of this run instead of the fixed ones.
  const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const env = example
    .replace(/^INPUT_LOGIN-URL=.*$/m, `INPUT_LOGIN-URL=${emu.loginUrl}`)
    .replace(/^INPUT_API-URL=.*$/m, `INPUT_API-URL=${emu.apiUrl}`);
  expect(env).not.toBe(example);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gcc-local-')), '.env');
  writeFileSync(file, env);

  const bin = path.join(ROOT, 'node_modules/.bin/local-action');
  // Asynchronous: the emulator answers from this process's event loop.
  const child = spawn(bin, ['run', ROOT, 'src/main.ts', file], {
    cwd: ROOT,
    env: Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(k)),
    ),
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  expect(out).toMatch(/'risk'\s*│\s*'high'/);
  const skew = Number(/'skew-seconds'\s*│\s*'([-\d.]+)'/.exec(out)?.[1]);
  expect(Math.abs(skew - 45)).toBeLessThan(0.05);
  expect(out).toContain("Failing: 'fail-on' is high, and the risk is high.");
  for (const secret of secretsOf(emu)) expect(out).not.toContain(secret);
});
