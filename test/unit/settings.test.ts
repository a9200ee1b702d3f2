import { describe, expect, it } from 'vitest';
import {
  DEFAULTS,
  type InputName,
  type Settings,
  SettingsError,
  readSettings,
} from '../../src/settings/settings.js';
import { settingsOf } from '../helpers/fixtures.js';

const SECRET = 'S3cr3t-Value-9f8e7d';

/** A reader over explicit inputs; unset inputs read as '' like @actions/core. */
const reader =
  (inputs: Partial<Record<InputName, string>>) =>
  (name: InputName): string =>
    inputs[name] ?? '';

const base: Partial<Record<InputName, string>> = {
  'client-id': 'my-client',
  'client-secret': SECRET,
};

function problemsOf(
  inputs: Partial<Record<InputName, string>>,
  env: NodeJS.ProcessEnv = {},
): string[] {
  try {
    readSettings(reader(inputs), env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  return [];
}

describe('readSettings defaults', () => {
  it('fills every setting from the documented defaults', () => {
    const settings = readSettings(reader(base), {});
    expect(settings).toEqual(settingsOf({ clientId: 'my-client', clientSecret: SECRET }));
  });

  it('treats whitespace-only inputs as unset', () => {
    const settings = readSettings(reader({ ...base, samples: '   ', region: ' ' }), {});
    expect(settings.samples).toBe(Number(DEFAULTS.samples));
    expect(settings.apiUrl).toBe('https://api.mypurecloud.com');
  });

  it.each([
    ['samples', '8', (s: Settings) => s.samples, 8],
    ['samples', ' 2 ', (s: Settings) => s.samples, 2],
    ['medium-skew-seconds', '0.5', (s: Settings) => s.thresholds.medium, 0.5],
    ['critical-skew-seconds', '86400', (s: Settings) => s.thresholds.critical, 86400],
    ['fail-on', 'NEVER', (s: Settings) => s.failOn, 'never'],
    ['fail-on', 'critical', (s: Settings) => s.failOn, 'critical'],
    ['fail-on-error', 'FALSE', (s: Settings) => s.failOnError, false],
    ['revoke-token', 'false', (s: Settings) => s.revokeToken, false],
    ['timeout-seconds', '5', (s: Settings) => s.timeoutSeconds, 5],
    ['timeout-seconds', '600', (s: Settings) => s.timeoutSeconds, 600],
    ['region', 'eu_central_1', (s: Settings) => s.apiUrl, 'https://api.mypurecloud.de'],
  ] as const)('accepts %s = %j', (name, value, pick, expected) => {
    expect(pick(readSettings(reader({ ...base, [name]: value }), {}))).toBe(expected);
  });
});

describe('readSettings GENESYSCLOUD_* fallbacks', () => {
  const env = {
    GENESYSCLOUD_OAUTHCLIENT_ID: ' env-client ',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'env-secret',
    GENESYSCLOUD_REGION: 'ap-northeast-1',
  };

  it('reads id, secret and region from the environment when the inputs are empty', () => {
    const settings = readSettings(reader({}), env);
    expect(settings.clientId).toBe('env-client');
    expect(settings.clientSecret).toBe('env-secret');
    expect(settings.loginUrl).toBe('https://login.mypurecloud.jp');
    expect(settings.apiUrl).toBe('https://api.mypurecloud.jp');
  });

  it('prefers the inputs over the environment', () => {
    const settings = readSettings(reader({ ...base, region: 'eu-west-1' }), env);
    expect(settings.clientId).toBe('my-client');
    expect(settings.clientSecret).toBe(SECRET);
    expect(settings.apiUrl).toBe('https://api.mypurecloud.ie');
  });

  it.each([
    ['GENESYSCLOUD_OAUTHCLIENT_ID', "Input 'client-id' is empty"],
    ['GENESYSCLOUD_OAUTHCLIENT_SECRET', "Input 'client-secret' is empty"],
  ])('reports a missing credential naming %s', (variable, start) => {
    const problems = problemsOf({}, { ...env, [variable]: '   ' });
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(start)).toBe(true);
    expect(problems[0]).toContain(variable);
  });

  it('lets url overrides win over the region hosts', () => {
    const settings = readSettings(
      reader({
        ...base,
        'login-url': 'https://login.proxy.example/',
        'api-url': 'https://api.proxy.example/base//',
      }),
      env,
    );
    expect(settings.loginUrl).toBe('https://login.proxy.example');
    expect(settings.apiUrl).toBe('https://api.proxy.example/base');
  });
});

describe('readSettings validation', () => {
  it.each([
    ['region', 'narnia', "Input 'region' is 'narnia'"],
    ['region', 'us-east-9', "Input 'region' is 'us-east-9'"],
    ['login-url', 'not a url', "Input 'login-url' is 'not a url', which is not a URL"],
    ['api-url', '//api', "Input 'api-url' is '//api', which is not a URL"],
    ['api-url', 'http://api.mypurecloud.com', "Input 'api-url' is 'http://api."],
    ['login-url', 'http://10.0.0.5:8080', "Input 'login-url' is 'http://10.0.0.5:8080'"],
    ['api-url', 'ftp://api.mypurecloud.com', "Input 'api-url' is 'ftp://"],
    ['api-url', 'https://api.mypurecloud.com/?x=1', "Input 'api-url' must be a bare"],
    [
      'login-url',
      'https://u:p@login.mypurecloud.com',
      "Input 'login-url' must be a bare",
    ],
    ['api-url', 'https://api.mypurecloud.com/#frag', "Input 'api-url' must be a bare"],
    [
      'samples',
      'eight',
      "Input 'samples' is 'eight'; expected a whole number from 2 to 8",
    ],
    ['samples', '1', "Input 'samples' is '1'; expected a whole number from 2 to 8"],
    ['samples', '13', "Input 'samples' is '13'; expected a whole number"],
    ['samples', '4.5', "Input 'samples' is '4.5'; expected a whole number"],
    ['samples', 'Infinity', "Input 'samples' is 'Infinity'"],
    ['samples', '0x8', "Input 'samples' is '0x8'"],
    ['medium-skew-seconds', '1e1', "Input 'medium-skew-seconds' is '1e1'"],
    ['medium-skew-seconds', 'five', "Input 'medium-skew-seconds' is 'five'; expected a"],
    ['high-skew-seconds', '-1', "Input 'high-skew-seconds' is '-1'; expected a number"],
    ['critical-skew-seconds', '86401', "Input 'critical-skew-seconds' is '86401'"],
    [
      'fail-on',
      'LOW',
      "Input 'fail-on' is 'LOW'; expected one of medium, high, critical, never (every risk is at least low: use never to not fail).",
    ],
    ['fail-on', 'always', "Input 'fail-on' is 'always'"],
    [
      'fail-on-error',
      'yes',
      "Input 'fail-on-error' is 'yes'; expected 'true' or 'false'",
    ],
    ['revoke-token', '1', "Input 'revoke-token' is '1'; expected 'true' or 'false'"],
    [
      'timeout-seconds',
      '4',
      "Input 'timeout-seconds' is '4'; expected a number from 5 to",
    ],
    ['timeout-seconds', '601', "Input 'timeout-seconds' is '601'"],
    ['timeout-seconds', 'NaN', "Input 'timeout-seconds' is 'NaN'"],
  ])('rejects %s = %j with a problem naming it', (name, value, start) => {
    const problems = problemsOf({ ...base, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(start)).toBe(true);
  });

  it.each([
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['http://127.0.0.1:8123/', 'http://127.0.0.1:8123'],
    ['http://localhost:9000', 'http://localhost:9000'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
    ['https://10.0.0.5:8443', 'https://10.0.0.5:8443'],
  ])('accepts the url %j as %j', (value, expected) => {
    const settings = readSettings(reader({ ...base, 'api-url': value }), {});
    expect(settings.apiUrl).toBe(expected);
  });

  it('names GENESYSCLOUD_REGION, not the input, when the bad region came from there', () => {
    const [problem] = problemsOf(base, { GENESYSCLOUD_REGION: 'mars' });
    expect(problem).toMatch(
      /^GENESYSCLOUD_REGION \(used because 'region' is empty\) is 'mars', which is neither/,
    );
  });

  it('rejects a medium threshold of 0, which every measurement would reach', () => {
    const problems = problemsOf({
      ...base,
      'medium-skew-seconds': '0',
      'high-skew-seconds': '0',
      'critical-skew-seconds': '0',
    });
    expect(problems).toEqual([
      "Input 'medium-skew-seconds' is 0, so every measurement would count as over it. " +
        'Use a threshold above 0, such as the default 5.',
    ]);
  });

  it.each([
    ['40', '30', '60'],
    ['5', '61', '60'],
    ['10', '5', '1'],
  ])('rejects falling thresholds medium %s, high %s, critical %s', (m, h, c) => {
    const problems = problemsOf({
      ...base,
      'medium-skew-seconds': m,
      'high-skew-seconds': h,
      'critical-skew-seconds': c,
    });
    expect(problems).toEqual([
      `Skew thresholds must not fall: medium (${m}) <= high (${h}) <= critical (${c}). ` +
        `Check 'medium-skew-seconds', 'high-skew-seconds' and 'critical-skew-seconds'.`,
    ]);
  });

  it('accepts equal thresholds', () => {
    const settings = readSettings(
      reader({
        ...base,
        'medium-skew-seconds': '10',
        'high-skew-seconds': '10',
        'critical-skew-seconds': '10',
      }),
      {},
    );
    expect(settings.thresholds).toEqual({ medium: 10, high: 10, critical: 10 });
  });

  it('collects every problem and never shows the secret', () => {
    const inputs: Partial<Record<InputName, string>> = {
      'client-secret': SECRET,
      region: 'nowhere',
      // Credentials in a url override are refused without echoing the url.
      'login-url': `https://id:${SECRET}@login.mypurecloud.com`,
      'api-url': 'http://api.example.com',
      samples: '0',
      'medium-skew-seconds': 'x',
      'fail-on': 'sometimes',
      'fail-on-error': 'maybe',
      'revoke-token': 'nope',
      'timeout-seconds': '1',
    };
    let caught: unknown;
    try {
      readSettings(reader(inputs), {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const { problems, message } = caught as SettingsError;
    const named = [
      'client-id',
      'region',
      'login-url',
      'api-url',
      'samples',
      'medium-skew-seconds',
      'fail-on',
      'fail-on-error',
      'revoke-token',
      'timeout-seconds',
    ];
    expect(problems).toHaveLength(named.length);
    named.forEach((name, k) => expect(problems[k]).toContain(`Input '${name}'`));
    expect(message).toBe(problems.join(' '));
    expect(message).not.toContain(SECRET);
  });

  it.each([
    ['inputs', { ...base, region: 'nowhere', samples: 'x' }, {}],
    [
      'environment',
      { 'client-id': 'id', region: 'nowhere', 'fail-on': 'x' },
      { GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET },
    ],
  ] as const)(
    'keeps the secret from the %s out of every message',
    (_from, inputs, env) => {
      const problems = problemsOf(inputs, env);
      expect(problems.length).toBe(2);
      for (const problem of problems) expect(problem).not.toContain(SECRET);
    },
  );
});
