/** What reaches the report and the CLI's output when a server echoes a secret back. */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/report/redact.js';

describe('createRedactor', () => {
  it('replaces every occurrence in text, nested strings and arrays', () => {
    const r = createRedactor();
    r.add('s3cr3t-value');
    r.add('Y2lkOnNlY3JldA==');
    expect(r.text('answered 401 s3cr3t-value (s3cr3t-value)')).toBe(
      'answered 401 *** (***)',
    );
    const report = {
      risk: 'unknown',
      error: 'Token request failed: host answered 401 Y2lkOnNlY3JldA==.',
      tokenCalls: [{ code: 's3cr3t-value', status: 401 }],
      expiresIn: 86399,
    };
    expect(r.deep(report)).toEqual({
      risk: 'unknown',
      error: 'Token request failed: host answered 401 ***.',
      tokenCalls: [{ code: '***', status: 401 }],
      expiresIn: 86399,
    });
    // The original is left as it was.
    expect(report.tokenCalls[0].code).toBe('s3cr3t-value');
  });

  it('ignores values too short to be secrets, which would garble words and numbers', () => {
    const r = createRedactor();
    for (const short of ['8', 'low', '', '  ', undefined]) r.add(short);
    expect(r.text('risk low, expires_in 86399')).toBe('risk low, expires_in 86399');
    expect(r.deep({ risk: 'low', n: 8 })).toEqual({ risk: 'low', n: 8 });
  });

  it('leaves numbers alone even when they spell a secret', () => {
    const r = createRedactor();
    r.add('8639');
    expect(r.deep({ expiresIn: 86399, note: 'code 8639' })).toEqual({
      expiresIn: 86399,
      note: 'code ***',
    });
  });
});
