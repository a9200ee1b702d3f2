// A loopback stand-in for Genesys Cloud's login and API hosts. It runs on its own clock
// (machine clock minus a chosen skew) so the check can be tested against known offsets,
// network asymmetry and the error answers the real service gives.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';

export interface EmulatorClient {
  id: string;
  secret: string;
  grant?: 'client_credentials' | 'none';
}

/** Offsets in seconds from the emulator's clock at issue; null leaves the claim out. */
export interface JwtClaimsPlan {
  iat?: number | null;
  nbf?: number | null;
  exp?: number | null;
  /** Truncate the claims to whole seconds, as most issuers write them. */
  wholeSeconds?: boolean;
}

export interface EmulatorOptions {
  /** Runner minus emulator: the emulator's clock is Date.now()/1000 - skewSeconds. */
  skewSeconds?: number;
  /** Extra delay per request, split between inbound and outbound. */
  latencyMs?: number;
  /** Share of the latency spent inbound, 0..1. */
  asymmetry?: number;
  /** Uniform extra 0..jitterMs added to each half independently. */
  jitterMs?: number;
  clients?: EmulatorClient[];
  tokenLifetimeSeconds?: number;
  tokenFormat?: 'opaque' | 'jwt';
  jwtClaims?: JwtClaimsPlan;
  /** Claims written into the JWT exactly as given, over the planned ones (malformed tokens). */
  jwtPayload?: Record<string, unknown>;
  /** Serve both hosts over TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  dateEndpoint?: 'milliseconds' | 'seconds' | 'offset' | 'missing';
  dateHeader?: boolean;
  /** The API refuses the first N calls made with each fresh token. */
  rejectFirstApiCalls?: number;
  /** The API calls a token expired once it is this many machine seconds old. */
  rejectAfterSeconds?: number;
  /** The first N requests, on either host, answer 429. */
  rateLimit?: { requests: number; retryAfterSeconds?: number };
  /** Answers that go wrong on purpose; the first matching fault applies. */
  faults?: Fault[];
  /** Fixed loopback ports, for configs written ahead (a .env file); 0 or unset picks any. */
  ports?: { login?: number; api?: number };
}

/**
 * A broken answer to matching requests. `status`, `html`, `invalid-json`, `huge-body`
 * and `body` replace the answer's status and body; `no-date` and `garbage-date` spoil
 * its Date header; `stall` never answers; `trickle` sends the body a byte at a time;
 * `reset` cuts the connection halfway through the body.
 */
export interface Fault {
  kind:
    | 'status'
    | 'html'
    | 'invalid-json'
    | 'huge-body'
    | 'body'
    | 'no-date'
    | 'garbage-date'
    | 'stall'
    | 'trickle'
    | 'reset';
  host?: 'login' | 'api';
  method?: string;
  path?: string;
  /** How many matching requests it lets through unharmed first. */
  after?: number;
  /** How many matching requests it spoils; all of them when unset. */
  times?: number;
  status?: number;
  /** For 'status' and 'body': the raw body to send (JSON unless it starts with '<'). */
  body?: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  host: 'login' | 'api';
  method: string;
  path: string;
  status: number;
  /** Date.now() in ms when the request was served. */
  at: number;
}

export interface Emulator {
  loginUrl: string;
  apiUrl: string;
  requests: RecordedRequest[];
  issuedTokens: string[];
  revokedTokens: string[];
  options: EmulatorOptions;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT: EmulatorClient = {
  id: 'demo-client',
  secret: 'demo-secret',
};
const DEFAULT_LIFETIME_SECONDS = 86399;
const RATE_LIMIT_ALLOWED = 300;
const RATE_LIMIT_WINDOW_MS = 60_000;
const ORGANIZATION = { id: 'a3f1c2d4-0000-4000-8000-00000000e301', name: 'Emulated Org' };

interface TokenRecord {
  clientId: string;
  issuedMonotonicMs: number;
  expiresEmulatorMs: number;
  apiCalls: number;
  revoked: boolean;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface State {
  options: EmulatorOptions;
  requests: RecordedRequest[];
  issuedTokens: string[];
  revokedTokens: string[];
  tokens: Map<string, TokenRecord>;
  jwtKey: Uint8Array;
  requestCount: number;
  window: { startedMs: number; count: number };
}

/** The emulator's wall clock in ms; skew is read per request so a change applies at once. */
function emulatorMs(options: EmulatorOptions, machineMs: number): number {
  return machineMs - (options.skewSeconds ?? 0) * 1000;
}

function delayMs(options: EmulatorOptions, direction: 'inbound' | 'outbound'): number {
  const latency = options.latencyMs ?? 0;
  const share = Math.min(1, Math.max(0, options.asymmetry ?? 0.5));
  const base = latency * (direction === 'inbound' ? share : 1 - share);
  return base + Math.random() * (options.jitterMs ?? 0);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, description, error_description: description } };
}

/** API errors carry the correlation id as contextId; it is filled in when sending. */
function apiError(status: number, code: string, message: string): Reply {
  return { status, body: { message, code, status } };
}

/** Returns a 429 while the configured number of throttled requests is not used up. */
function throttle(state: State, host: 'login' | 'api'): Reply | undefined {
  const plan = state.options.rateLimit;
  state.requestCount += 1;
  if (!plan || state.requestCount > plan.requests) return undefined;
  const headers: Record<string, string> = {};
  if (plan.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(plan.retryAfterSeconds);
  }
  const message = 'Rate limit exceeded the maximum. Retry the request later.';
  if (host === 'login') {
    return { ...oauthError(429, 'too_many_requests', message), headers };
  }
  const code =
    plan.retryAfterSeconds !== undefined
      ? 'too.many.requests.retry.after'
      : 'too.many.requests';
  return { ...apiError(429, code, message), headers };
}

function parseBasic(
  header: string | undefined,
): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

async function issueToken(
  state: State,
  clientId: string,
  nowMs: number,
): Promise<string> {
  const { options } = state;
  const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  const token =
    options.tokenFormat === 'jwt'
      ? await signJwt(state, clientId, nowMs / 1000, lifetime)
      : randomBytes(64).toString('base64url');
  state.tokens.set(token, {
    clientId,
    issuedMonotonicMs: performance.now(),
    expiresEmulatorMs: nowMs + lifetime * 1000,
    apiCalls: 0,
    revoked: false,
  });
  state.issuedTokens.push(token);
  return token;
}

async function signJwt(
  state: State,
  clientId: string,
  nowSeconds: number,
  lifetime: number,
): Promise<string> {
  const plan = state.options.jwtClaims ?? {};
  // Claims go straight into the payload so fractional values survive untouched.
  const claims: Record<string, unknown> = { sub: clientId, jti: randomUUID() };
  const offsets: [string, number | null][] = [
    ['iat', plan.iat === undefined ? 0 : plan.iat],
    ['nbf', plan.nbf ?? null],
    ['exp', plan.exp === undefined ? lifetime : plan.exp],
  ];
  for (const [name, offset] of offsets) {
    if (offset === null) continue;
    claims[name] = plan.wholeSeconds
      ? Math.floor(nowSeconds + offset)
      : nowSeconds + offset;
  }
  Object.assign(claims, state.options.jwtPayload);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(state.jwtKey);
}

async function handleLogin(
  state: State,
  req: IncomingMessage,
  path: string,
  body: string,
  nowMs: number,
): Promise<Reply> {
  if (req.method !== 'POST' || path !== '/oauth/token') {
    return oauthError(404, 'not_found', 'The requested resource was not found.');
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'Expected a form-urlencoded body.');
  }
  const credentials = parseBasic(req.headers.authorization);
  const client = (state.options.clients ?? [DEFAULT_CLIENT]).find(
    (c) => c.id === credentials?.id,
  );
  if (!credentials || !client || client.secret !== credentials.secret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed.');
  }
  const grantType = new URLSearchParams(body).get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant_type.');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type.');
  }
  if ((client.grant ?? 'client_credentials') !== 'client_credentials') {
    return oauthError(
      400,
      'unauthorized_client',
      'Client is not authorized for this grant.',
    );
  }
  const lifetime = state.options.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  const accessToken = await issueToken(state, client.id, nowMs);
  return {
    status: 200,
    body: { access_token: accessToken, token_type: 'bearer', expires_in: lifetime },
  };
}

/** Checks the bearer token; a reply means the call is refused. */
function authorize(
  state: State,
  req: IncomingMessage,
  nowMs: number,
): { token: string; record: TokenRecord } | Reply {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    return apiError(401, 'authentication.required', 'Authentication is required.');
  }
  const token = match[1];
  const record = state.tokens.get(token);
  if (!record) return apiError(401, 'bad.credentials', 'Invalid login credentials.');
  const expired = 'The supplied credentials are expired.';
  if (record.revoked || nowMs >= record.expiresEmulatorMs) {
    return apiError(401, 'credentials.expired', expired);
  }
  const { rejectAfterSeconds, rejectFirstApiCalls = 0 } = state.options;
  const ageMs = performance.now() - record.issuedMonotonicMs;
  if (rejectAfterSeconds !== undefined && ageMs >= rejectAfterSeconds * 1000) {
    return apiError(401, 'credentials.expired', expired);
  }
  record.apiCalls += 1;
  // Models a fresh token that has not reached every API node yet.
  if (record.apiCalls <= rejectFirstApiCalls) {
    return apiError(401, 'authentication.required', 'Authentication is required.');
  }
  return { token, record };
}

function formatCurrentDate(form: EmulatorOptions['dateEndpoint'], nowMs: number): string {
  const iso = new Date(nowMs).toISOString();
  if (form === 'seconds') return iso.replace(/\.\d{3}Z$/, 'Z');
  if (form === 'offset') {
    return new Date(nowMs + 3_600_000).toISOString().replace(/Z$/, '+01:00');
  }
  return iso;
}

function handleApi(
  state: State,
  req: IncomingMessage,
  path: string,
  nowMs: number,
): Reply {
  const method = req.method ?? 'GET';
  const dateRoute = path === '/api/v2/date' && method === 'GET';
  const tokensRoute =
    path === '/api/v2/tokens/me' && ['GET', 'HEAD', 'DELETE'].includes(method);
  const dateForm = state.options.dateEndpoint ?? 'milliseconds';
  if ((!dateRoute && !tokensRoute) || (dateRoute && dateForm === 'missing')) {
    return apiError(404, 'not.found', `The requested resource ${path} was not found.`);
  }
  const auth = authorize(state, req, nowMs);
  if ('status' in auth) return auth;
  if (dateRoute) {
    return { status: 200, body: { currentDate: formatCurrentDate(dateForm, nowMs) } };
  }
  if (method === 'DELETE') {
    auth.record.revoked = true;
    state.revokedTokens.push(auth.token);
    return { status: 204 };
  }
  return { status: 200, body: tokenInfo(auth.record.clientId) };
}

function tokenInfo(clientId: string): unknown {
  return {
    organization: ORGANIZATION,
    homeOrganization: ORGANIZATION,
    authorizedScope: [],
    OAuthClient: { id: clientId, name: `Emulated client ${clientId}` },
  };
}

/** Per-minute counters shaped like the ones the real API sends. */
function rateLimitHeaders(state: State): Record<string, string> {
  const now = Date.now();
  if (now - state.window.startedMs >= RATE_LIMIT_WINDOW_MS) {
    state.window = { startedMs: now, count: 0 };
  }
  state.window.count += 1;
  const resetSeconds = Math.ceil(
    (state.window.startedMs + RATE_LIMIT_WINDOW_MS - now) / 1000,
  );
  return {
    'inin-ratelimit-count': String(state.window.count),
    'inin-ratelimit-allowed': String(RATE_LIMIT_ALLOWED),
    'inin-ratelimit-reset': String(resetSeconds),
  };
}

async function serve(
  state: State,
  host: 'login' | 'api',
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  await sleep(delayMs(state.options, 'inbound'));
  // The served moment: the Date header and /api/v2/date both come from this reading.
  const at = Date.now();
  const nowMs = emulatorMs(state.options, at);
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  const fault = takeFault(state, host, req.method ?? '', path);
  // A fault that replaces the answer stops the request before it has any effect, so no
  // token is issued, counted or revoked by an answer the client never reads.
  const replaced = fault && REPLACING.includes(fault.kind);
  const reply: Reply = replaced
    ? { status: 200 }
    : (throttle(state, host) ??
      (host === 'login'
        ? await handleLogin(state, req, path, body, nowMs)
        : handleApi(state, req, path, nowMs)));
  const correlationId = randomUUID();
  const headers: Record<string, string> = {
    'ININ-Correlation-Id': correlationId,
    ...(host === 'api' ? rateLimitHeaders(state) : {}),
    ...reply.headers,
  };
  if (state.options.dateHeader ?? true) headers['Date'] = new Date(nowMs).toUTCString();
  let payload: string | undefined;
  if (reply.body !== undefined) {
    const withContext =
      host === 'api' && reply.status >= 400
        ? { ...(reply.body as object), contextId: correlationId }
        : reply.body;
    payload = JSON.stringify(withContext);
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  let status = reply.status;
  if (fault) ({ status, payload } = spoil(fault, headers, status, payload));
  state.requests.push({ host, method: req.method ?? '', path, status, at });
  await sleep(delayMs(state.options, 'outbound'));
  res.sendDate = false;
  if (fault?.kind === 'stall') return; // the socket stays open until close()
  res.writeHead(status, headers);
  // HEAD keeps the headers GET would send: without a Content-Length, Node and undici
  // clients treat the answer as read-until-close and drop the kept-alive connection.
  const out = req.method === 'HEAD' ? undefined : payload;
  if (fault?.kind === 'reset' && out) {
    res.write(out.slice(0, Math.ceil(out.length / 2)));
    setTimeout(() => req.socket.destroy(), 20);
  } else if (fault?.kind === 'trickle' && out) {
    await trickle(res, out);
  } else {
    res.end(out);
  }
}

const REPLACING: Fault['kind'][] = [
  'status',
  'html',
  'invalid-json',
  'huge-body',
  'body',
  'stall',
];

function takeFault(
  state: State,
  host: 'login' | 'api',
  method: string,
  path: string,
): Fault | undefined {
  const fault = (state.options.faults ?? []).find(
    (f) =>
      (f.host === undefined || f.host === host) &&
      (f.method === undefined || f.method === method) &&
      (f.path === undefined || f.path === path) &&
      (f.times === undefined || f.times > 0),
  );
  if (fault?.after) {
    fault.after -= 1;
    return undefined;
  }
  if (fault?.times !== undefined) fault.times -= 1;
  return fault;
}

/** Applies a fault to an answer about to be sent; returns its new status and body. */
function spoil(
  fault: Fault,
  headers: Record<string, string>,
  status: number,
  payload: string | undefined,
): { status: number; payload: string | undefined } {
  const replace = (nextStatus: number, body: string) => {
    headers['Content-Type'] = body.startsWith('<') ? 'text/html' : 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
    return { status: nextStatus, payload: body };
  };
  Object.assign(headers, fault.headers);
  switch (fault.kind) {
    case 'status':
      return replace(fault.status ?? 500, fault.body ?? '');
    case 'body':
      return replace(fault.status ?? 200, fault.body ?? '');
    case 'html':
      return replace(
        fault.status ?? 502,
        '<html><body><h1>502 Bad Gateway</h1></body></html>',
      );
    case 'invalid-json':
      return replace(fault.status ?? 200, '{"access_token": "abc", "expires_in": 86');
    case 'huge-body':
      return replace(
        fault.status ?? 200,
        `{"padding": "${'x'.repeat(4 * 1024 * 1024)}"}`,
      );
    case 'no-date':
      delete headers['Date'];
      return { status, payload };
    case 'garbage-date':
      headers['Date'] = 'yesterday-ish';
      return { status, payload };
    default:
      return { status, payload };
  }
}

/** Sends a body one byte every 100 ms, stopping if the client goes away. */
async function trickle(res: ServerResponse, body: string): Promise<void> {
  for (const byte of Buffer.from(body)) {
    if (res.destroyed) return;
    res.write(Buffer.from([byte]));
    await sleep(100);
  }
  res.end();
}

function startServer(state: State, host: 'login' | 'api', port = 0): Promise<Server> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    serve(state, host, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const tls = state.options.tls;
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  // Clients keep one connection open across the whole measurement.
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function urlOf(server: Server, secure: boolean): string {
  const { port } = server.address() as AddressInfo;
  return `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would otherwise hold close() open for the whole timeout.
    server.closeAllConnections();
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state: State = {
    options: { ...options },
    requests: [],
    issuedTokens: [],
    revokedTokens: [],
    tokens: new Map(),
    jwtKey: randomBytes(32),
    requestCount: 0,
    window: { startedMs: Date.now(), count: 0 },
  };
  const login = await startServer(state, 'login', options.ports?.login);
  const api = await startServer(state, 'api', options.ports?.api).catch(
    async (error: unknown) => {
      await closeServer(login);
      throw error;
    },
  );
  return {
    loginUrl: urlOf(login, Boolean(options.tls)),
    apiUrl: urlOf(api, Boolean(options.tls)),
    requests: state.requests,
    issuedTokens: state.issuedTokens,
    revokedTokens: state.revokedTokens,
    get options() {
      return state.options;
    },
    set options(next: EmulatorOptions) {
      state.options = next;
    },
    close: async () => {
      await Promise.all([closeServer(login), closeServer(api)]);
    },
  };
}
