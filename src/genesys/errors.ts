/** Genesys error answers turned into one line a person can act on. */
import type { Exchange } from './http.js';

export class GenesysError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly correlationId: string,
  ) {
    super(message);
    this.name = 'GenesysError';
  }
}

/**
 * The correlation id support asks for. Only an id's shape is passed on: a header that
 * carries anything else (a proxy echoing the request, say) is not repeated.
 */
export function correlationId(exchange: Exchange): string {
  const id =
    exchange.headers['inin-correlation-id'] ??
    exchange.headers['genesys-correlation-id'] ??
    '';
  return /^[\w-]{1,64}$/.test(id) ? id : id ? '(not an id)' : '';
}

/**
 * Retry-After in seconds: whole seconds as Genesys sends them, or an HTTP date, counted
 * from the same answer's Date so that a skewed runner clock does not bend it.
 */
export function retryAfterSeconds(exchange: Exchange): number | undefined {
  const value = exchange.headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value)) return Number(value);
  const at = Date.parse(value);
  const now = Date.parse(exchange.headers['date'] ?? '');
  if (!Number.isFinite(at) || !Number.isFinite(now)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

/** "12 s", or why the header cannot be used; only a number is ever repeated. */
export function retryAfterText(exchange: Exchange): string | undefined {
  if (exchange.headers['retry-after'] === undefined) return undefined;
  const seconds = retryAfterSeconds(exchange);
  return seconds === undefined ? 'not a time' : `${Math.round(seconds)} s`;
}

/**
 * Reads the error code from either shape Genesys uses: OAuth style on the login host
 * (`error`), API style on the api host (`code`). A CDN may answer with HTML instead.
 */
export function errorCode(exchange: Exchange): string {
  try {
    const body = JSON.parse(exchange.body) as { error?: unknown; code?: unknown };
    const code = body.error ?? body.code;
    if (typeof code === 'string' && /^[\w.-]{1,80}$/.test(code)) return code;
  } catch {
    // Not JSON: fall through to a description of what came back.
  }
  if (/^\s*</.test(exchange.body)) return 'html-page';
  return exchange.body.trim() ? 'unreadable-body' : '';
}

const HINTS: Record<string, string> = {
  invalid_client:
    "the client id or secret is wrong; check them ('client-id' and 'client-secret', or GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET) against the OAuth client in Genesys Cloud Admin",
  unauthorized_client:
    'this OAuth client is not set up for the Client Credentials grant; choose that grant type in Admin > OAuth',
  unsupported_grant_type: 'the login host refused the client-credentials grant',
  'missing.permissions':
    'the client lacks a permission; no permission is needed for this check, so look for a proxy or policy in between',
  'ip.not.authorized': "the organisation's IP allowlist does not include this runner",
  'html-page':
    "an HTML page came back instead of JSON: a proxy, a CDN error page or the wrong URL; check 'login-url', 'api-url' or 'region'",
};

/** One line: what failed, where, the status and code, the correlation id, what to do. */
export function describeFailure(what: string, exchange: Exchange): GenesysError {
  const code = errorCode(exchange);
  const id = correlationId(exchange);
  const retryAfter = retryAfterText(exchange);
  const hint =
    HINTS[code] ??
    (exchange.status === 429
      ? `rate limited${retryAfter ? ` (Retry-After ${retryAfter}, longer than this run waits)` : ', also after retries'}; wait and run again`
      : exchange.status >= 500
        ? 'Genesys Cloud or a proxy failed; run again later or check status.mypurecloud.com'
        : exchange.status === 404
          ? "nothing answers at this path; check 'region', 'login-url' and 'api-url'"
          : '');
  const parts = [
    `${what} failed: ${exchange.url.host} answered ${exchange.status}${code ? ` ${code}` : ''}`,
    id ? `(correlation id ${id})` : '',
  ].filter(Boolean);
  const message = `${parts.join(' ')}${hint ? `; ${hint}` : ''}.`;
  return new GenesysError(message, exchange.status, code, id);
}

/** A 2xx without a JSON object, or a 404 at a path every Genesys org has, is not Genesys. */
export function answersLikeGenesys(ex: Exchange): boolean {
  if (ex.status === 404) return false;
  if (ex.status >= 300) return true;
  try {
    const body: unknown = JSON.parse(ex.body);
    return typeof body === 'object' && body !== null;
  } catch {
    return false;
  }
}
