/** Timed HTTP exchanges over keep-alive connections, honouring proxy settings. */
import { EnvHttpProxyAgent, type Dispatcher, request } from 'undici';
import type { Clock } from '../clock/clock.js';

/** No real Genesys answer comes near this; a larger body is cut off, not buffered. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface Exchange {
  method: string;
  url: URL;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Runner time (s) just before sending and when the response headers arrived. */
  sentAt: number;
  receivedAt: number;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutSeconds: number;
}

export type Send = (req: HttpRequest) => Promise<Exchange>;

/** A network-level failure (no HTTP answer), described without request details. */
export class NetworkError extends Error {
  constructor(
    readonly host: string,
    readonly reason: string,
    /** False when trying again cannot help (a proxy that refuses, say). */
    readonly transient = true,
  ) {
    super(`${host}: ${reason}`);
    this.name = 'NetworkError';
  }
}

/**
 * Returns a sender bound to one dispatcher. undici's environment-aware agent reads
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY the way other actions do, and keeps connections
 * alive so that only the first exchange with a host pays for the handshake.
 */
export function createSender(
  clock: Clock,
  dispatcher?: Dispatcher,
  /** Once aborted, every new request but a revocation fails at once. */
  cancel?: AbortSignal,
): {
  send: Send;
  close: () => Promise<void>;
} {
  const agent =
    dispatcher ?? new EnvHttpProxyAgent({ keepAliveTimeout: 30_000, connections: 2 });
  const send: Send = async (req) => {
    const url = new URL(req.url);
    // After a cancel nothing new is asked but revocations, and a reading in flight is
    // dropped. A token request in flight is let finish: cut short, it would leave a token
    // that cannot be revoked.
    const stoppable = req.method === 'GET' || req.method === 'HEAD';
    if (cancel?.aborted && req.method !== 'DELETE')
      throw new NetworkError(url.host, 'the run was cancelled', false);
    const timeout = AbortSignal.timeout(
      Math.max(1, Math.round(req.timeoutSeconds * 1000)),
    );
    const signal = stoppable && cancel ? AbortSignal.any([timeout, cancel]) : timeout;
    const sentAt = clock.now();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: agent,
        signal,
      });
    } catch (error) {
      if (stoppable && cancel?.aborted)
        throw new NetworkError(url.host, 'the run was cancelled', false);
      const proxy = dispatcher ? undefined : proxyVariable(url);
      const refused = proxy && proxyRefusal(error, proxy);
      if (refused) throw new NetworkError(url.host, refused, false);
      // Proxy addresses can carry credentials, so only the variable's name is shown.
      const via = proxy
        ? ` (through the proxy in ${proxy}, unless NO_PROXY exempts the host)`
        : '';
      throw new NetworkError(
        url.host,
        describeNetworkError(error, req.timeoutSeconds) + via,
      );
    }
    const receivedAt = clock.now();
    const body = await readCapped(response.body, url.host, req.timeoutSeconds);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = String(value);
    }
    return {
      method: req.method,
      url,
      status: response.statusCode,
      headers,
      body,
      sentAt,
      receivedAt,
    };
  };
  return { send, close: () => (dispatcher ? Promise.resolve() : agent.close()) };
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  host: string,
  timeoutSeconds: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      // Keep what fits, then stop reading: the rest is never buffered.
      chunks.push((chunk as Buffer).subarray(0, MAX_BODY_BYTES - size));
      size += chunk.length;
      if (size >= MAX_BODY_BYTES) {
        body.destroy();
        break;
      }
    }
  } catch (error) {
    throw new NetworkError(host, describeNetworkError(error, timeoutSeconds));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The variable undici's environment-aware agent takes the proxy from for this URL. */
function proxyVariable(url: URL): string | undefined {
  const names =
    url.protocol === 'https:'
      ? ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']
      : ['http_proxy', 'HTTP_PROXY'];
  return names.find((name) => process.env[name]);
}

/**
 * A proxy that answered the tunnel request with an error, or could not be reached: said
 * as the proxy's fault, since the host behind it was never asked.
 */
function proxyRefusal(error: unknown, variable: string): string | undefined {
  const err = error as { message?: string; code?: string; cause?: { code?: string } };
  const status = /Proxy response \((\d{3})\)/.exec(err.message ?? '')?.[1];
  if (status === '407')
    return `the proxy in ${variable} wants authentication (407): put the user and password in ${variable}'s URL`;
  if (status)
    return `the proxy in ${variable} refused the connection (${status}); check ${variable} and NO_PROXY`;
  const code = err.cause?.code ?? err.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
    return `the proxy in ${variable} cannot be reached (${code === 'ENOTFOUND' ? 'its host name is not found' : 'connection refused'}); check ${variable}, or exempt the host with NO_PROXY`;
  return undefined;
}

/** Names the failure in words, using only the error's code and never its request. */
function describeNetworkError(error: unknown, timeoutSeconds: number): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = err.cause?.code ?? err.code ?? '';
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || /TIMEOUT/.test(code)) {
    return `no answer within ${timeoutSeconds.toFixed(0)} s (a firewall, a proxy or a host that is down)`;
  }
  const words: Record<string, string> = {
    ECONNREFUSED:
      'connection refused (nothing listens there): check the URL and its port',
    ENOTFOUND: 'host name not found (DNS): check the region or the URL',
    EAI_AGAIN: 'DNS lookup failed for now',
    ECONNRESET: 'connection reset by the server or a proxy',
    UND_ERR_SOCKET: 'connection closed unexpectedly',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT:
      'TLS certificate is self-signed (set NODE_EXTRA_CA_CERTS for a private CA)',
    SELF_SIGNED_CERT_IN_CHAIN:
      'TLS chain has a self-signed certificate (set NODE_EXTRA_CA_CERTS for a private CA)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      'TLS certificate could not be verified (set NODE_EXTRA_CA_CERTS for a private CA)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  };
  if (words[code]) return words[code];
  if (/^ERR_(SSL|TLS)/.test(code))
    return `TLS handshake failed (${code}); is it an https:// endpoint?`;
  return code ? `network error ${code}` : 'network error';
}
