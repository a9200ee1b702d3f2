/** One validated set of settings, read from action inputs or from CLI flags. */
import { resolveRegion } from '../genesys/regions.js';

export const RISKS = ['low', 'medium', 'high', 'critical'] as const;
export type Risk = (typeof RISKS)[number];
export type FailOn = Exclude<Risk, 'low'> | 'never';

export interface Thresholds {
  medium: number;
  high: number;
  critical: number;
}

export interface Settings {
  clientId: string;
  clientSecret: string;
  loginUrl: string;
  apiUrl: string;
  samples: number;
  thresholds: Thresholds;
  failOn: FailOn;
  failOnError: boolean;
  revokeToken: boolean;
  timeoutSeconds: number;
  /** SNTP servers to compare against; none means no SNTP reference. */
  ntpServers: { host: string; port: number }[];
  /** HTTPS hosts whose Date headers serve as a reference where UDP is blocked. */
  referenceUrls: string[];
}

/** Input names with their defaults; the CLI's flags carry the same names. */
export const DEFAULTS = {
  'client-id': '',
  'client-secret': '',
  region: 'us-east-1',
  'login-url': '',
  'api-url': '',
  samples: '8',
  'medium-skew-seconds': '5',
  'high-skew-seconds': '30',
  'critical-skew-seconds': '60',
  'fail-on': 'high',
  'fail-on-error': 'true',
  'revoke-token': 'true',
  'timeout-seconds': '30',
  'ntp-servers': '',
  'reference-urls': '',
} as const;

export type InputName = keyof typeof DEFAULTS;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'SettingsError';
  }
}

/**
 * Timed exchanges a run may make: its twelve requests to Genesys are the token, these,
 * the token check and its one retry, and a revocation.
 */
export const MAX_SAMPLES = 8;

/**
 * Reads and validates every setting before any request is made. `read` returns the
 * raw input ('' when unset); `env` supplies the GENESYSCLOUD_* fallbacks. All problems
 * are collected so one run reports them together.
 */
export function readSettings(
  read: (name: InputName) => string,
  env: NodeJS.ProcessEnv,
): Settings {
  const problems: string[] = [];
  const get = (name: InputName): string => read(name).trim() || DEFAULTS[name];

  const clientId = get('client-id') || (env.GENESYSCLOUD_OAUTHCLIENT_ID ?? '').trim();
  const clientSecret =
    get('client-secret') || (env.GENESYSCLOUD_OAUTHCLIENT_SECRET ?? '').trim();
  const emptyHint =
    'Pass it from a secret or set it in the environment. Secrets are empty in workflows ' +
    'triggered from forks and by Dependabot, the usual cause when it is set but arrives empty.';
  if (!clientId)
    problems.push(
      `Input 'client-id' is empty (and GENESYSCLOUD_OAUTHCLIENT_ID is unset). ${emptyHint}`,
    );
  if (!clientSecret)
    problems.push(
      `Input 'client-secret' is empty (and GENESYSCLOUD_OAUTHCLIENT_SECRET is unset). ${emptyHint}`,
    );

  const regionInput = read('region').trim();
  const regionText =
    regionInput || (env.GENESYSCLOUD_REGION ?? '').trim() || DEFAULTS.region;
  const regionSource = regionInput
    ? "Input 'region'"
    : "GENESYSCLOUD_REGION (used because 'region' is empty)";
  const hosts = resolveRegion(regionText);
  if (!hosts) {
    problems.push(
      `${regionSource} is '${regionText}', which is neither a known region nor a domain. ` +
        `Use a region such as 'us-east-1' or 'eu-west-1', or a domain such as 'mypurecloud.com'.`,
    );
  }
  const loginUrl =
    checkUrl('login-url', get('login-url'), problems) ?? hosts?.loginUrl ?? '';
  const apiUrl = checkUrl('api-url', get('api-url'), problems) ?? hosts?.apiUrl ?? '';

  const samples = checkNumber('samples', get('samples'), 2, MAX_SAMPLES, problems, true);
  const medium = checkNumber(
    'medium-skew-seconds',
    get('medium-skew-seconds'),
    0,
    86400,
    problems,
  );
  const high = checkNumber(
    'high-skew-seconds',
    get('high-skew-seconds'),
    0,
    86400,
    problems,
  );
  const critical = checkNumber(
    'critical-skew-seconds',
    get('critical-skew-seconds'),
    0,
    86400,
    problems,
  );
  if (medium === 0)
    problems.push(
      `Input 'medium-skew-seconds' is 0, so every measurement would count as over it. ` +
        `Use a threshold above 0, such as the default ${DEFAULTS['medium-skew-seconds']}.`,
    );
  if (medium !== undefined && high !== undefined && critical !== undefined) {
    if (!(medium <= high && high <= critical)) {
      problems.push(
        `Skew thresholds must not fall: medium (${medium}) <= high (${high}) <= critical (${critical}). ` +
          `Check 'medium-skew-seconds', 'high-skew-seconds' and 'critical-skew-seconds'.`,
      );
    }
  }

  const failOnText = get('fail-on').toLowerCase();
  const failOnChoices = ['medium', 'high', 'critical', 'never'];
  if (!failOnChoices.includes(failOnText)) {
    problems.push(
      `Input 'fail-on' is '${get('fail-on')}'; expected one of ${failOnChoices.join(', ')}` +
        (failOnText === 'low'
          ? ' (every risk is at least low: use never to not fail).'
          : '.'),
    );
  }
  const failOnError = checkBoolean('fail-on-error', get('fail-on-error'), problems);
  const revokeToken = checkBoolean('revoke-token', get('revoke-token'), problems);
  const timeoutSeconds = checkNumber(
    'timeout-seconds',
    get('timeout-seconds'),
    5,
    600,
    problems,
  );

  const ntpServers = checkNtpServers(get('ntp-servers'), problems);
  const referenceUrls = listOf(get('reference-urls')).map(
    (text) => checkUrl('reference-urls', text, problems, true) ?? '',
  );
  if (referenceUrls.length > MAX_REFERENCES)
    problems.push(
      `Input 'reference-urls' lists ${referenceUrls.length} URLs; at most ${MAX_REFERENCES} are used, so shorten the list.`,
    );

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    clientId,
    clientSecret,
    loginUrl,
    apiUrl,
    samples: samples!,
    thresholds: { medium: medium!, high: high!, critical: critical! },
    failOn: failOnText as FailOn,
    failOnError: failOnError!,
    revokeToken: revokeToken!,
    timeoutSeconds: timeoutSeconds!,
    ntpServers,
    referenceUrls,
  };
}

const MAX_REFERENCES = 4;
const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** `host`, `host:port`, `[v6]` or `[v6]:port`, comma-separated; port 123 by default. */
function checkNtpServers(
  text: string,
  problems: string[],
): { host: string; port: number }[] {
  const servers: { host: string; port: number }[] = [];
  const items = listOf(text);
  if (items.length > MAX_REFERENCES)
    problems.push(
      `Input 'ntp-servers' lists ${items.length} servers; at most ${MAX_REFERENCES} are used, so shorten the list.`,
    );
  for (const item of items) {
    const match =
      /^\[([0-9a-f:.]+)\](?::(\d+))?$/i.exec(item) ??
      /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d+))?$/i.exec(
        item,
      );
    const port = match?.[2] === undefined ? 123 : Number(match[2]);
    if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(
        `Input 'ntp-servers' has '${item}', which is not a host or host:port; expected e.g. ` +
          `'time.windows.com', 'pool.ntp.org:123' or '[2001:db8::1]:123', separated by commas.`,
      );
      continue;
    }
    servers.push({ host: match[1], port });
  }
  return servers;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** A host override: https anywhere, plain http only to this machine (an emulator). */
function checkUrl(
  name: InputName,
  text: string,
  problems: string[],
  withPath = false,
): string | undefined {
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(
      `Input '${name}' is '${text}', which is not a URL; expected e.g. 'https://api.mypurecloud.com'.`,
    );
    return undefined;
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problems.push(
      `Input '${name}' is '${text}'; it must use https:// (plain http:// is allowed only for ` +
        `localhost or 127.0.0.1, such as the local emulator).`,
    );
    return undefined;
  }
  if (withPath) {
    if (!(url.username || url.password || url.hash)) return url.href;
    problems.push(
      `Input '${name}' has '${url.host}' with credentials or a fragment; give a plain URL such as 'https://www.example.com/'.`,
    );
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) {
    problems.push(
      `Input '${name}' must be a bare origin such as 'https://api.mypurecloud.com', without credentials, query or fragment.`,
    );
    return undefined;
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function checkNumber(
  name: InputName,
  text: string,
  min: number,
  max: number,
  problems: string[],
  integer = false,
): number | undefined {
  const value = Number(text);
  // Plain decimals only: Number() would also take '0x8', '1e1' and ' 8 '.
  const ok = /^\d+(\.\d+)?$/.test(text) && (!integer || Number.isInteger(value));
  if (!ok || value < min || value > max) {
    const kind = integer ? 'a whole number' : 'a number';
    problems.push(
      `Input '${name}' is '${text}'; expected ${kind} from ${min} to ${max}.`,
    );
    return undefined;
  }
  return value;
}

function checkBoolean(
  name: InputName,
  text: string,
  problems: string[],
): boolean | undefined {
  const value = text.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  problems.push(`Input '${name}' is '${text}'; expected 'true' or 'false'.`);
  return undefined;
}
