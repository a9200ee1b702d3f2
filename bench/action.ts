/**
 * Wall time of the whole built action (node start-up included), run as a runner runs it
 * against the emulator: `npm run build && npx tsx bench/action.ts [runs]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_CLIENT,
  type EmulatorOptions,
  startEmulator,
} from '../src/emulator/genesys.js';
import { median } from './stats.js';

const RUNS = Number(process.argv[2] ?? 5);
const ACTION = path.resolve(import.meta.dirname, '../dist/index.js');

async function timeAction(options: EmulatorOptions): Promise<number[]> {
  const emu = await startEmulator(options);
  const seconds: number[] = [];
  try {
    for (let k = 0; k < RUNS; k++) {
      const dir = mkdtempSync(path.join(tmpdir(), 'gcc-bench-'));
      const files = {
        GITHUB_OUTPUT: path.join(dir, 'out'),
        GITHUB_STEP_SUMMARY: path.join(dir, 'sum'),
      };
      for (const file of Object.values(files)) writeFileSync(file, '');
      const started = performance.now();
      const child = spawn(process.execPath, [ACTION], {
        env: {
          PATH: process.env.PATH,
          RUNNER_TEMP: dir,
          ...files,
          'INPUT_CLIENT-ID': DEFAULT_CLIENT.id,
          'INPUT_CLIENT-SECRET': DEFAULT_CLIENT.secret,
          'INPUT_LOGIN-URL': emu.loginUrl,
          'INPUT_API-URL': emu.apiUrl,
        },
        stdio: 'ignore',
      });
      const status = await new Promise((resolve) => child.on('close', resolve));
      if (status !== 0) throw new Error(`the action exited with ${status}`);
      seconds.push((performance.now() - started) / 1000);
    }
  } finally {
    await emu.close();
  }
  return seconds;
}

for (const [name, options] of [
  ['/api/v2/date, rtt 20 ms', { latencyMs: 20, skewSeconds: 0.2 }],
  ['Date only, rtt 20 ms', { latencyMs: 20, skewSeconds: 0.2, dateEndpoint: 'missing' }],
] as [string, EmulatorOptions][]) {
  const seconds = await timeAction(options);
  console.log(
    `${name}: median ${median(seconds).toFixed(2)} s, most ${Math.max(...seconds).toFixed(2)} s over ${RUNS} runs`,
  );
}
