/** Bad inputs: each one named with the accepted form, before any request, no secret shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { emulatorInputs, runAction } from './helpers/action.js';

const SECRET = 'input-table-secret-7f3a';

const CASES: [string, Record<string, string>, RegExp][] = [
  [
    'unknown region',
    { region: 'mars-north-1' },
    /Input 'region' is 'mars-north-1', which is neither a known region nor a domain\. Use a region such as 'us-east-1'/,
  ],
  [
    'a login-url that is not a URL',
    { 'login-url': 'login dot example' },
    /Input 'login-url' is 'login dot example', which is not a URL; expected e\.g\. 'https:\/\//,
  ],
  [
    'plain http to a host that is not this machine',
    { 'api-url': 'http://api.mypurecloud.com' },
    /Input 'api-url' is 'http:\/\/api\.mypurecloud\.com'; it must use https:\/\//,
  ],
  [
    'a non-numeric threshold',
    { 'high-skew-seconds': 'thirty' },
    /Input 'high-skew-seconds' is 'thirty'; expected a number from 0 to 86400/,
  ],
  [
    'thresholds out of order',
    { 'medium-skew-seconds': '40', 'high-skew-seconds': '30' },
    /Skew thresholds must not fall: medium \(40\) <= high \(30\) <= critical \(60\)/,
  ],
  [
    'too few samples',
    { samples: '1' },
    /Input 'samples' is '1'; expected a whole number from 2 to 8/,
  ],
  [
    'too many samples',
    { samples: '500' },
    /Input 'samples' is '500'; expected a whole number from 2 to 8/,
  ],
  [
    'fractional samples',
    { samples: '2.5' },
    /Input 'samples' is '2\.5'; expected a whole number/,
  ],
  [
    'an unknown fail-on',
    { 'fail-on': 'sometimes' },
    /Input 'fail-on' is 'sometimes'; expected one of medium, high, critical, never/,
  ],
  [
    'a timeout too short to measure',
    { 'timeout-seconds': '1' },
    /Input 'timeout-seconds' is '1'; expected a number from 5 to 600/,
  ],
  [
    'a boolean that is not one',
    { 'revoke-token': 'yes' },
    /Input 'revoke-token' is 'yes'; expected 'true' or 'false'/,
  ],
  [
    'an empty secret (forks and Dependabot get none)',
    { 'client-secret': '' },
    /Input 'client-secret' is empty \(and GENESYSCLOUD_OAUTHCLIENT_SECRET is unset\)\. .*forks and by Dependabot/,
  ],
];

describe('invalid inputs', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it.each(CASES)('%s', async (_name, inputs, says) => {
    const before = emu.requests.length;
    const run = await runAction({
      ...emulatorInputs(emu),
      'client-secret': SECRET,
      ...inputs,
    });

    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    // One annotation per problem, and the failure line names it.
    expect(run.stdout).toMatch(
      new RegExp(`::error title=.*invalid input::${says.source}`),
    );
    expect(run.stdout).toMatch(/::error::genesys-clock-check: invalid input\. /);
    expect(run.summary).toMatch(/not run[\s\S]*The inputs are invalid/);
    expect(emu.requests.length).toBe(before); // nothing was sent
    expect(run.written).not.toContain(SECRET);
  });

  it('several problems are reported together', async () => {
    const run = await runAction({
      ...emulatorInputs(emu),
      samples: 'many',
      'fail-on': 'always',
      region: 'nowhere',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/invalid input\. .*\(and 2 more\)/);
    for (const name of ['samples', 'fail-on', 'region'])
      expect(run.stdout).toMatch(
        new RegExp(`::error title=.*invalid input::Input '${name}'`),
      );
  });
});
