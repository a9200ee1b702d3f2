import { describe, expect, it } from 'vitest';
import { REGION_NAMES, resolveRegion } from '../../src/genesys/regions.js';

// Every Genesys Cloud region with its domain, written out independently of the source
// table, so the source is checked against a second copy rather than against itself.
const TABLE: [region: string, domain: string][] = [
  ['us-east-1', 'mypurecloud.com'],
  ['us-east-2', 'use2.us-gov-pure.cloud'],
  ['us-west-2', 'usw2.pure.cloud'],
  ['ca-central-1', 'cac1.pure.cloud'],
  ['sa-east-1', 'sae1.pure.cloud'],
  ['mx-central-1', 'mxc1.pure.cloud'],
  ['eu-west-1', 'mypurecloud.ie'],
  ['eu-west-2', 'euw2.pure.cloud'],
  ['eu-central-1', 'mypurecloud.de'],
  ['eu-central-2', 'euc2.pure.cloud'],
  ['eusc-de-east-1', 'edee1.eusc-pure.cloud'],
  ['me-central-1', 'mec1.pure.cloud'],
  ['ap-south-1', 'aps1.pure.cloud'],
  ['ap-southeast-1', 'apse1.pure.cloud'],
  ['ap-southeast-2', 'mypurecloud.com.au'],
  ['ap-northeast-1', 'mypurecloud.jp'],
  ['ap-northeast-2', 'apne2.pure.cloud'],
  ['ap-northeast-3', 'apne3.pure.cloud'],
];

const hosts = (domain: string) => ({
  domain,
  loginUrl: `https://login.${domain}`,
  apiUrl: `https://api.${domain}`,
});

describe('resolveRegion', () => {
  it('knows exactly the regions of the documented table', () => {
    expect([...REGION_NAMES].sort()).toEqual(TABLE.map(([r]) => r).sort());
  });

  it.each(TABLE)('resolves region %s to %s', (region, domain) => {
    expect(resolveRegion(region)).toEqual(hosts(domain));
  });

  it.each(TABLE)(
    'resolves %s written with underscores and capitals',
    (region, domain) => {
      expect(resolveRegion(region.replace(/-/g, '_').toUpperCase())).toEqual(
        hosts(domain),
      );
    },
  );

  it.each(TABLE)(
    'resolves the domain of %s and its api/login hosts',
    (_region, domain) => {
      expect(resolveRegion(domain)).toEqual(hosts(domain));
      expect(resolveRegion(`api.${domain}`)).toEqual(hosts(domain));
      expect(resolveRegion(`https://login.${domain}/`)).toEqual(hosts(domain));
    },
  );

  it.each([
    ['us-east-1'],
    ['us_east_1'],
    ['US-EAST-1'],
    ['  us-east-1  '],
    ['mypurecloud.com'],
    ['api.mypurecloud.com'],
    ['login.mypurecloud.com'],
    ['apps.mypurecloud.com'],
    ['https://login.mypurecloud.com/'],
    ['https://api.mypurecloud.com/api/v2/date'],
    ['HTTPS://API.MYPURECLOUD.COM'],
    ['https://api.mypurecloud.com:443/'],
  ])('resolves the spelling %j to us-east-1', (spelling) => {
    expect(resolveRegion(spelling)).toEqual(hosts('mypurecloud.com'));
  });

  it.each([
    ['zzz9.pure.cloud', 'zzz9.pure.cloud'],
    ['api.zzz9.pure.cloud', 'zzz9.pure.cloud'],
    ['https://login.new-region.example.com/', 'new-region.example.com'],
    ['example.org', 'example.org'],
  ])('passes the unknown domain %j through as %s', (input, domain) => {
    expect(resolveRegion(input)).toEqual(hosts(domain));
  });

  it.each([
    [''],
    ['   '],
    ['us-east-9'],
    ['mypurecloud'],
    ['not a region'],
    ['eu west 1'],
    ['https://'],
    ['.com'],
    ['mypurecloud..com'],
    ['my$purecloud.com'],
  ])('returns undefined for the junk value %j', (junk) => {
    expect(resolveRegion(junk)).toBeUndefined();
  });
});
