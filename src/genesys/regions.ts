/** Genesys Cloud regions and the two hosts each one serves. */

const DOMAINS: Record<string, string> = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
};

export const REGION_NAMES = Object.keys(DOMAINS);

export interface Hosts {
  domain: string;
  loginUrl: string;
  apiUrl: string;
}

/**
 * Resolves a region as users write it: `us-east-1`, `us_east_1`, `mypurecloud.com`,
 * `api.mypurecloud.com` or `https://login.mypurecloud.com/`. Any other dotted domain
 * passes through, so a region newer than this table still works. Returns undefined
 * when the value is neither a known region nor a domain.
 */
export function resolveRegion(value: string): Hosts | undefined {
  let text = value.trim().toLowerCase();
  text = text
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/:\d+$/, '');
  const name = text.replace(/_/g, '-');
  let domain = DOMAINS[name];
  if (!domain) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text)) return undefined;
    domain = text.replace(/^(api|login|apps)\./, '');
  }
  return {
    domain,
    loginUrl: `https://login.${domain}`,
    apiUrl: `https://api.${domain}`,
  };
}
