/** The reference inputs: ntp-servers and reference-urls. */
import { describe, expect, it } from 'vitest';
import {
  type InputName,
  SettingsError,
  readSettings,
} from '../../src/settings/settings.js';

const base: Partial<Record<InputName, string>> = {
  'client-id': 'my-client',
  'client-secret': 'a-secret',
};
const read = (inputs: Partial<Record<InputName, string>>) =>
  readSettings((name) => ({ ...base, ...inputs })[name] ?? '', {});
const problemsOf = (inputs: Partial<Record<InputName, string>>): string[] => {
  try {
    read(inputs);
    return [];
  } catch (error) {
    return (error as SettingsError).problems;
  }
};

describe('ntp-servers', () => {
  it.each([
    ['', []],
    ['time.windows.com', [{ host: 'time.windows.com', port: 123 }]],
    [
      ' time.windows.com , 127.0.0.1:40123 ',
      [
        { host: 'time.windows.com', port: 123 },
        { host: '127.0.0.1', port: 40123 },
      ],
    ],
    ['[::1]:5123', [{ host: '::1', port: 5123 }]],
    ['[2001:db8::1]', [{ host: '2001:db8::1', port: 123 }]],
    ['pool.ntp.org,', [{ host: 'pool.ntp.org', port: 123 }]],
  ])('%j', (text, expected) => {
    expect(read({ 'ntp-servers': text }).ntpServers).toEqual(expected);
  });

  it.each([
    'udp://time.windows.com',
    'time.windows.com:0',
    'host:99999',
    'a b',
    '::1',
    'x_y.com',
  ])('rejects %j naming the item and the expected form', (text) => {
    const problems = problemsOf({ 'ntp-servers': text });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Input 'ntp-servers' has '${text}'`);
    expect(problems[0]).toContain("'time.windows.com'");
  });

  it('caps the list', () => {
    expect(problemsOf({ 'ntp-servers': 'a,b,c,d,e' })[0]).toMatch(
      /lists 5 servers; at most 4/,
    );
  });
});

describe('reference-urls', () => {
  it('keeps https URLs with their path, and http only to loopback', () => {
    expect(
      read({ 'reference-urls': 'https://www.example.com/, http://127.0.0.1:8080/ping' })
        .referenceUrls,
    ).toEqual(['https://www.example.com/', 'http://127.0.0.1:8080/ping']);
  });

  it.each([
    ['http://example.com', /must use https:\/\//],
    ['not a url', /not a URL/],
    ['https://user:pw@example.com/', /credentials or a fragment/],
  ])('rejects %j', (text, message) => {
    const problems = problemsOf({ 'reference-urls': text });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("Input 'reference-urls'");
    expect(problems[0]).toMatch(message);
    // A URL with credentials is never echoed in full.
    expect(problems[0]).not.toContain('pw@');
  });
});
