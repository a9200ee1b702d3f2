/** Runs the bundled CLI as a user would: a child process with flags and environment. */
import path from 'node:path';
import { ROOT, runNode } from './action.js';

export const CLI = path.join(ROOT, 'dist/cli/index.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  // A clean environment: no credentials, proxies or colour settings from the caller.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(INPUT_|GITHUB_|GENESYSCLOUD_|RUNNER_|NO_COLOR|FORCE_COLOR)|proxy$/i.test(
          name,
        ),
    ),
  );
  return runNode([CLI, ...args], { ...base, ...env });
}
