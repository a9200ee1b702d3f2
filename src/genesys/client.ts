/** The four Genesys calls the check makes, each returning the timed exchange. */
import type { Clock } from '../clock/clock.js';
import { describeFailure, errorCode, retryAfterSeconds } from './errors.js';
import { type Exchange, NetworkError, type Send } from './http.js';

export interface TokenGrant {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  exchange: Exchange;
}

export interface GenesysClient {
  requestToken(): Promise<TokenGrant>;
  /** GET /api/v2/date; any HTTP answer is returned, so its `Date` header still counts. */
  getDate(token: string): Promise<Exchange>;
  /**
   * /api/v2/tokens/me: 200 when the API accepts the token, 401 when not. HEAD is the
   * cheapest probe; GET also tells why a token is rejected.
   */
  checkToken(token: string, method?: 'HEAD' | 'GET'): Promise<Exchange>;
  revokeToken(token: string): Promise<Exchange>;
}

export interface ClientOptions {
  loginUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  send: Send;
  clock: Clock;
  /** Monotonic time (s) by which everything must be over. */
  deadline: number;
  /** Called with every secret-bearing value the moment it exists, so it can be masked. */
  onSecret?: (value: string) => void;
  /**
   * Called with every access token the moment it is read, before its answer is
   * validated, so that a token in a malformed answer is still masked and revoked.
   */
  onToken?: (token: string) => void;
}

/** Longest single wait for one request, and for a server's Retry-After. */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Time kept back from measuring so that tokens can still be revoked before the deadline. */
const REVOKE_RESERVE_SECONDS = 2;
const MAX_RETRY_AFTER_SECONDS = 20;
const ATTEMPTS = 3;

export function createClient(options: ClientOptions): GenesysClient {
  const { send, clock } = options;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString(
    'base64',
  );
  options.onSecret?.(basic);

  const timeout = (reserve = REVOKE_RESERVE_SECONDS): number => {
    const left = options.deadline - reserve - clock.monotonic();
    if (left <= 0.2)
      throw new NetworkError('the run', 'the time budget (timeout-seconds) is spent');
    return Math.min(REQUEST_TIMEOUT_SECONDS, left);
  };

  /**
   * Sends with retries for what is transient (network errors, 429, 5xx), backing off with
   * jitter and honouring Retry-After up to a cap, all inside the run's deadline.
   */
  const sendRetrying = async (build: () => Parameters<Send>[0]): Promise<Exchange> => {
    for (let attempt = 1; ; attempt++) {
      let exchange: Exchange | undefined;
      let failure: unknown;
      try {
        exchange = await send(build());
        if (exchange.status !== 429 && exchange.status < 500) return exchange;
      } catch (error) {
        if (error instanceof NetworkError && !error.transient) throw error;
        failure = error;
      }
      const retryAfter = exchange && retryAfterSeconds(exchange);
      const backoff = retryAfter ?? 0.5 * 2 ** (attempt - 1) * (0.5 + Math.random());
      const tooLate =
        clock.monotonic() + backoff > options.deadline - REVOKE_RESERVE_SECONDS - 1;
      if (attempt >= ATTEMPTS || backoff > MAX_RETRY_AFTER_SECONDS || tooLate) {
        if (exchange) return exchange;
        throw failure;
      }
      await clock.sleep(backoff);
    }
  };

  const api = (method: 'GET' | 'HEAD' | 'DELETE', path: string, token: string) =>
    send({
      method,
      url: `${options.apiUrl}${path}`,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      // Revocation may use the time kept back for it; nothing else may.
      timeoutSeconds: timeout(method === 'DELETE' ? 0 : undefined),
    });

  return {
    async requestToken() {
      const exchange = await sendRetrying(() => ({
        method: 'POST',
        url: `${options.loginUrl}/oauth/token`,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        timeoutSeconds: timeout(),
      }));
      if (exchange.status !== 200) throw describeFailure('Token request', exchange);
      return parseGrant(exchange, options);
    },
    getDate: (token) => api('GET', '/api/v2/date', token),
    checkToken: (token, method = 'HEAD') => api(method, '/api/v2/tokens/me', token),
    revokeToken: (token) => api('DELETE', '/api/v2/tokens/me', token),
  };
}

/** What a bearer token may hold: visible ASCII, nothing a header cannot carry. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function parseGrant(
  exchange: Exchange,
  { onToken, onSecret }: Pick<ClientOptions, 'onToken' | 'onSecret'>,
): TokenGrant {
  const bad = (what: string) => {
    const error = describeFailure('Token request', exchange);
    error.message = `Token request failed: ${exchange.url.host} answered 200 but ${what}.`;
    return error;
  };
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(exchange.body);
  } catch {
    throw bad(`the body is not JSON (${errorCode(exchange)})`);
  }
  if (typeof body?.access_token !== 'string' || body.access_token.length < 8) {
    throw bad('the answer has no access_token');
  }
  if (!HEADER_SAFE.test(body.access_token)) {
    // It cannot be sent back, not even to revoke it; it is still masked.
    onSecret?.(body.access_token);
    throw bad(
      'the access_token holds spaces, line breaks or non-ASCII characters, which no ' +
        'request can carry (so it cannot be used or revoked)',
    );
  }
  onToken?.(body.access_token);
  const expiresIn = Number(body.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > 450 * 86400) {
    // Only a number is quoted back: a string could carry anything the server echoed.
    const given =
      typeof body.expires_in === 'number'
        ? String(body.expires_in)
        : typeof body.expires_in;
    throw bad(`expires_in is ${given}, not a lifetime in seconds`);
  }
  return {
    accessToken: body.access_token,
    tokenType: String(body.token_type ?? ''),
    expiresIn,
    exchange,
  };
}
