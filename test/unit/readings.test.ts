import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/genesys/http.js';
import { readingsOf } from '../../src/genesys/samples.js';

function answer(
  headers: Record<string, string>,
  body = '',
  path = '/api/v2/date',
): Exchange {
  return {
    method: 'GET',
    url: new URL(`https://api.mypurecloud.com${path}`),
    status: 200,
    headers: { date: 'Thu, 03 Dec 2026 16:06:06 GMT', ...headers },
    body,
    sentAt: 1796313966.6,
    receivedAt: 1796313966.64,
  };
}

describe('readingsOf: answers not made for this request are set aside', () => {
  it.each([
    [{ age: '12' }, /Age: 12/],
    [{ 'x-cache': 'Hit from cloudfront' }, /x-cache: Hit from cloudfront/],
    [{ 'cf-cache-status': 'HIT' }, /cf-cache-status: HIT/],
    [{ 'x-cache-status': 'HIT' }, /x-cache-status: HIT/],
    [{ 'x-proxy-cache': 'HIT' }, /x-proxy-cache: HIT/],
    [{ 'x-cache': 'RefreshHit from cloudfront' }, /x-cache: RefreshHit from cloudfront/],
    [{ 'cf-cache-status': 'STALE' }, /cf-cache-status: STALE/],
    [{ 'x-cache-status': 'UPDATING' }, /x-cache-status: UPDATING/],
    [{ 'cf-cache-status': 'REVALIDATED' }, /cf-cache-status: REVALIDATED/],
    [{ 'cache-status': 'ExampleCache; hit' }, /cache-status: \(cached\)/],
    [{ 'x-cache': 'HIT; Bearer abc:def' }, /x-cache: \(cached\)/],
    [{ age: 'Basic Y2lkOnNlY3JldA==' }, /Age: \(not a number\)/],
  ])('%j', (headers, says) => {
    const r = readingsOf(answer(headers, '{"currentDate":"2026-12-03T16:06:06.620Z"}'));
    expect(r.samples).toEqual([]);
    expect(r.ignored.join(' ')).toMatch(says);
  });

  it.each([
    [{ age: '0' }],
    [{ 'x-cache': 'Miss from cloudfront' }],
    [{ 'cf-cache-status': 'DYNAMIC' }],
    [{ 'cf-cache-status': 'EXPIRED' }],
  ])('keeps a fresh answer: %j', (headers) => {
    const r = readingsOf(answer(headers, '{"currentDate":"2026-12-03T16:06:06.620Z"}'));
    expect(r.samples.map((s) => s.source)).toEqual(['date-header', 'date-endpoint']);
  });
});

describe('readingsOf: a body that disagrees with its own Date header', () => {
  it('sets aside a currentDate 90 s older than the Date header beside it', () => {
    const r = readingsOf(answer({}, '{"currentDate":"2026-12-03T16:04:36.620Z"}'));
    expect(r.samples.map((s) => s.source)).toEqual(['date-header']);
    expect(r.ignored.join(' ')).toMatch(
      /currentDate is -89\.4 s from its own Date header, so it was not made for this request/,
    );
  });

  it('keeps a currentDate inside the second its Date header names', () => {
    const r = readingsOf(answer({}, '{"currentDate":"2026-12-03T16:06:06.999Z"}'));
    expect(r.samples.map((s) => s.source)).toEqual(['date-header', 'date-endpoint']);
  });
});

describe('readingsOf: every /api/v2/date form', () => {
  it.each([
    ['2026-12-03T16:06:06.620Z', 0.62, 0.001],
    ['2026-12-03T17:06:06.620+01:00', 0.62, 0.001],
    ['2026-12-03T16:06:06Z', 0, 1],
    ['2026-12-03T11:06:06-0500', 0, 1],
  ])('%s', (value, fraction, resolution) => {
    const r = readingsOf(answer({}, JSON.stringify({ currentDate: value })));
    const fine = r.samples.find((s) => s.source === 'date-endpoint')!;
    expect(fine.serverTime).toBeCloseTo(1796313966 + fraction, 6);
    expect(fine.resolution).toBeCloseTo(resolution, 12);
  });

  it.each([
    ['{"currentDate":"16:06:06"}'],
    ['<html>oops</html>'],
    ['{"date":1796313966620}'],
  ])('falls back to the Date header for %s', (body) => {
    const r = readingsOf(answer({}, body));
    expect(r.samples.map((s) => s.source)).toEqual(['date-header']);
    expect(r.ignored.join(' ')).toMatch(/not \{"currentDate": ISO-8601\}/);
  });
});
