/** Runs the built action the way a runner does: INPUT_* variables and command files. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CLIENT, type Emulator } from '../../src/emulator/genesys.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ACTION = path.join(ROOT, 'dist/index.js');

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  report?: Record<string, any>;
  /** Everything the action wrote, except the mask commands the runner consumes. */
  written: string;
  seconds: number;
}

/** Inputs for an emulator, with the demo client's credentials. */
export function emulatorInputs(emu: Emulator): Record<string, string> {
  return {
    'client-id': DEFAULT_CLIENT.id,
    'client-secret': DEFAULT_CLIENT.secret,
    'login-url': emu.loginUrl,
    'api-url': emu.apiUrl,
  };
}

export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  /** Gets the running process, to signal it as a runner cancelling the job would. */
  control?: (child: ChildProcess) => void,
): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), 'gcc-test-'));
  const files = {
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(INPUT_|GITHUB_|GENESYSCLOUD_|RUNNER_)|proxy$/i.test(name),
    ),
  );
  const { status, stdout, stderr, seconds } = await runNode(
    [ACTION],
    { ...base, ...files, RUNNER_TEMP: temp, ...inputEnv, ...env },
    control,
  );

  const outputText = readFileSync(files.GITHUB_OUTPUT, 'utf8');
  const outputs = parseOutputs(outputText);
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
  let reportText = '';
  let report: Record<string, any> | undefined;
  if (outputs['report-file']) {
    reportText = readFileSync(outputs['report-file'], 'utf8');
    report = JSON.parse(reportText);
  }
  const written = [stdout, stderr, summary, outputText, reportText]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return { status, stdout, stderr, summary, outputs, report, written, seconds };
}

/** Runs a script on this Node as a child process and collects what it printed. */
export async function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  control?: (child: ChildProcess) => void,
): Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env });
  control?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) =>
    child.on('close', resolve),
  );
  return { status, stdout, stderr, seconds: (performance.now() - started) / 1000 };
}

/** Reads the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3];
  return outputs;
}

/** The secret, its Basic header and every token the emulator issued. */
export function secretsOf(emu: Emulator): string[] {
  const basic = Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString(
    'base64',
  );
  return [DEFAULT_CLIENT.secret, basic, ...emu.issuedTokens];
}
