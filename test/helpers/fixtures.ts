/** Small value factories shared by the unit tests. */
import type { Estimate } from '../../src/clock/estimate.js';
import type { Settings } from '../../src/settings/settings.js';

/** A consistent estimate over [lo, hi] from eight agreeing /api/v2/date samples. */
export function estimateOf(
  lo: number,
  hi: number,
  fields: Partial<Estimate> = {},
): Estimate {
  return {
    skew: (lo + hi) / 2,
    bound: (hi - lo) / 2,
    lo,
    hi,
    source: 'date-endpoint',
    considered: 8,
    agreeing: 8,
    consistent: true,
    bestRttMs: 20,
    ...fields,
  };
}

/** Settings as `readSettings` fills them from the defaults, for client 'id'. */
export function settingsOf(fields: Partial<Settings> = {}): Settings {
  return {
    clientId: 'id',
    clientSecret: 'secret',
    loginUrl: 'https://login.mypurecloud.com',
    apiUrl: 'https://api.mypurecloud.com',
    samples: 8,
    thresholds: { medium: 5, high: 30, critical: 60 },
    failOn: 'high',
    failOnError: true,
    revokeToken: true,
    timeoutSeconds: 30,
    ntpServers: [],
    referenceUrls: [],
    ...fields,
  };
}
