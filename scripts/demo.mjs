// Runs the built action against the bundled emulator exactly as a runner would
// (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), then prints what
// the job summary and the outputs would show. Usage: npm run demo [-- --skew 45 ...]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const emulatorArgs = args.length > 0 ? args : ['--skew', '45', '--latency-ms', '40'];

const emulator = spawn(
  process.execPath,
  [path.join(root, 'dist/emulator/index.js'), ...emulatorArgs],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = await Promise.race([
  createInterface({ input: emulator.stdout })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value]),
  new Promise((_, reject) =>
    emulator.on('exit', (code) => reject(new Error(`emulator exited with ${code}`))),
  ),
]);
const hosts = JSON.parse(line);
console.log(
  `Emulator started (${emulatorArgs.join(' ')}): ${hosts.loginUrl}, ${hosts.apiUrl}\n`,
);

const temp = mkdtempSync(path.join(tmpdir(), 'genesys-clock-check-demo-'));
const files = {
  GITHUB_OUTPUT: path.join(temp, 'output'),
  GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
};
for (const file of Object.values(files)) writeFileSync(file, '');
const result = spawnSync(process.execPath, [path.join(root, 'dist/index.js')], {
  env: {
    ...process.env,
    ...files,
    RUNNER_TEMP: temp,
    'INPUT_CLIENT-ID': hosts.clientId,
    'INPUT_CLIENT-SECRET': hosts.clientSecret,
    'INPUT_LOGIN-URL': hosts.loginUrl,
    'INPUT_API-URL': hosts.apiUrl,
    'INPUT_FAIL-ON': 'high',
    // With --sntp the emulator runs a loopback SNTP server as the reference clock.
    ...(hosts.ntpServer && { 'INPUT_NTP-SERVERS': hosts.ntpServer }),
  },
  encoding: 'utf8',
});
emulator.kill();

console.log('--- action log ---');
// The runner consumes ::add-mask:: commands rather than showing them; so does the demo.
process.stdout.write(
  (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n'),
);
console.log('\n--- job summary (Markdown) ---');
console.log(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'));
console.log('--- outputs ---');
console.log(
  readFileSync(files.GITHUB_OUTPUT, 'utf8')
    .replace(/<<ghadelimiter_[\w-]+\n|\nghadelimiter_[\w-]+/g, ' = ')
    .replace(/ = \n/g, '\n'),
);
console.log(
  `The action ran on Node ${process.version} and exited with ${result.status} ` +
    "(1 means the step fails: the risk reached 'fail-on').",
);

// The demo succeeds whenever the action reached a verdict, whatever the verdict was.
const risk = /^risk<<\S+\n(\w+)/m.exec(readFileSync(files.GITHUB_OUTPUT, 'utf8'))?.[1];
if (!['low', 'medium', 'high', 'critical'].includes(risk)) {
  console.error(`The action reached no verdict (risk: ${risk ?? 'not set'}).`);
  process.exit(1);
}
