/** One whole check: token, samples, token check, verdict, mitigation, revocation. */
import type { Clock } from './clock/clock.js';
import { type Estimate, estimate, widen } from './clock/estimate.js';
import type { Sample } from './clock/sample.js';
import { type Probe, collect } from './clock/sampler.js';
import { type StepWatch, watchSteps } from './clock/step.js';
import { type GenesysClient, type TokenGrant, createClient } from './genesys/client.js';
import {
  answersLikeGenesys,
  correlationId,
  errorCode,
  retryAfterText,
} from './genesys/errors.js';
import { type Exchange, NetworkError, type Send } from './genesys/http.js';
import { readingsOf } from './genesys/samples.js';
import type { Settings } from './settings/settings.js';
import { inspectToken } from './token/claims.js';
import { checkIat } from './token/iat.js';
import { lifecycle } from './token/lifecycle.js';
import { type Acceptance, judge, riskAtLeast } from './verdict/verdict.js';
import { createSender } from './genesys/http.js';
import { systemClock } from './clock/clock.js';
import {
  type Measurement,
  type Mitigation,
  type Place,
  type Report,
  buildReport,
} from './report/report.js';
import { VERSION } from './version.js';
import { createRedactor } from './report/redact.js';
import type { SocketFactory } from './clock/sntp.js';
import type { RunCommand } from './clock/sync-state.js';
import { udpSocket } from './clock/udp.js';
import { compareReference } from './reference/measure.js';
import { plusMinus } from './verdict/skew.js';

export interface Logger {
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  info(message: string): void;
  debug(message: string): void;
  warning(message: string): void;
}

export interface CheckDeps {
  clock: Clock;
  send: Send;
  log: Logger;
  /** Receives every secret-bearing value the moment it exists (the action masks them). */
  onSecret: (value: string) => void;
  /** Aborted when the job is cancelled. */
  cancel?: AbortSignal;
  /** For the reference phase; the real UDP socket and commands when unset. */
  socket?: SocketFactory;
  runCommand?: RunCommand;
  platform?: string;
}

/**
 * The whole check on this machine's clock and network, as both entry points run it:
 * measure, then turn the measurement into the report everything is rendered from.
 */
export async function checkClock(
  settings: Settings,
  io: {
    log: Logger;
    onSecret: (value: string) => void;
    place: Place;
    /** A cancelled run stops asking and goes straight to revoking its tokens. */
    cancel?: AbortSignal;
  },
): Promise<Report> {
  const clock = systemClock();
  const http = createSender(clock, undefined, io.cancel);
  const redactor = createRedactor();
  redactor.add(settings.clientSecret);
  const onSecret = (value: string) => {
    redactor.add(value);
    io.onSecret(value);
  };
  try {
    // Log lines may quote a server's answer: they pass the redactor too.
    const log: Logger = {
      group: (name, fn) => io.log.group(name, fn),
      info: (message) => io.log.info(redactor.text(message)),
      debug: (message) => io.log.debug(redactor.text(message)),
      warning: (message) => io.log.warning(redactor.text(message)),
    };
    const m = await runCheck(settings, { clock, send: http.send, ...io, log, onSecret });
    return redactor.deep(buildReport(settings, m, io.place, new Date(), VERSION));
  } finally {
    await http.close();
  }
}

/**
 * An abort signal for the job being cancelled: the first SIGINT or SIGTERM stops the
 * check so it can revoke its tokens and report; a second one ends the process at once.
 */
export function cancelOnSignals(): AbortSignal {
  const cancel = new AbortController();
  const onSignal = () => {
    if (cancel.signal.aborted) process.exit(130);
    cancel.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return cancel.signal;
}

const CANCELLED = 'The run was cancelled (SIGINT or SIGTERM) before it finished.';

/** A token that must live this long before the last check, to catch early rejection. */
const CHECK_AFTER_SECONDS = 1.5;
const RECHECK_PAUSE_SECONDS = 1;
/** Exchanges spent re-measuring with a fresh token when the risk is high. */
const MITIGATION_SAMPLES = 3;
/**
 * Requests to Genesys in one run, retries included. Rate limits are per token and a
 * check runs in many pipelines, so it stays well inside them.
 */
export const REQUEST_BUDGET = 12;
/** Requests kept back after sampling: the token check, its one retry, one revocation. */
const AFTER_SAMPLES = 3;

export async function runCheck(
  settings: Settings,
  deps: CheckDeps,
): Promise<Measurement> {
  const { clock, log } = deps;
  const deadline = clock.monotonic() + settings.timeoutSeconds;
  const steps = watchSteps(clock);
  const tokens: string[] = [];
  let sent = 0;
  let revocations = 0;
  const budget = { left: () => REQUEST_BUDGET - sent };
  const client = createClient({
    ...settings,
    // The budget is a hard cap: a request that would leave no room for revoking every
    // token (its own too, for a token request) is refused; revocations always go.
    send: (req) => {
      const owed = tokens.length - revocations + (req.method === 'POST' ? 1 : 0);
      if (req.method !== 'DELETE' && sent + 1 + owed > REQUEST_BUDGET) {
        return Promise.reject(
          new NetworkError(
            'the run',
            `the budget of ${REQUEST_BUDGET} requests to Genesys is spent`,
          ),
        );
      }
      sent += 1;
      if (req.method === 'DELETE') revocations += 1;
      return deps.send(req);
    },
    clock,
    deadline,
    onSecret: deps.onSecret,
    onToken: (token) => {
      deps.onSecret(token);
      tokens.push(token);
    },
  });
  const m: Measurement = {
    samples: [],
    ignored: [],
    tokenCalls: [],
    notes: [],
    revoked: [],
  };

  try {
    const grant = await log.group('Token', async () => {
      const g = await client.requestToken();
      record(m, g.exchange);
      log.info(`Token issued by ${g.exchange.url.host}: expires_in ${g.expiresIn} s.`);
      return g;
    });
    m.grant = {
      expiresIn: grant.expiresIn,
      requestedAt: grant.exchange.sentAt,
      receivedAt: grant.exchange.receivedAt,
    };
    const shape = inspectToken(grant.accessToken);
    m.tokenFormat = shape.format;
    m.claims = shape.claims;
    m.notes.push(...shape.notes);

    const exchanges = Math.min(settings.samples, budget.left() - AFTER_SAMPLES);
    await log.group('Samples', () =>
      sample(client, grant.accessToken, exchanges, m, clock, deadline, log, steps),
    );
    if (deps.cancel?.aborted) throw new Error(CANCELLED);
    m.acceptance = await log.group('Token check', () =>
      checkAcceptance(client, grant, m, clock, log),
    );
    if (deps.cancel?.aborted) throw new Error(CANCELLED);
    if (m.tokenCalls.length === 0) {
      // A skew from the login host alone would pass while the integration cannot work.
      const why = m.notes.findLast((n) => /failed: /.test(n)) ?? 'no request got through';
      throw new Error(
        `The API host (${new URL(settings.apiUrl).host}) never answered, so the token could not be checked. ${why}`,
      );
    }

    const found = estimate(m.samples.map((r) => r.sample));
    m.estimate = found && widen(found, clock.anchorSeconds ?? 0);
    if (!m.estimate)
      throw new Error(
        'No answer carried a readable clock (no Date header, no /api/v2/date), so nothing could be measured.',
      );
    await log.group('Reference clock', () =>
      compareReference(
        settings,
        { ...deps, socket: deps.socket ?? udpSocket },
        m,
        m.estimate!,
        deadline,
      ),
    );
    m.clockStepSeconds = steps.step();
    if (m.claims?.iat !== undefined) {
      m.iatCheck = checkIat(
        m.claims.iat,
        m.grant.requestedAt,
        m.grant.receivedAt,
        m.estimate,
      );
    }

    m.lifecycle = lifecycle({
      ...m.grant,
      claims: shape.claims,
      skew: { lo: m.estimate.lo, hi: m.estimate.hi, mid: m.estimate.skew },
      now: clock.now(),
    });
    m.verdict = judge({
      ...m,
      estimate: m.estimate,
      thresholds: settings.thresholds,
      runnerFix: m.sync?.fix,
      runnerInContainer: m.sync?.container,
    });

    if (riskAtLeast(m.verdict.risk, 'high')) {
      // A fresh token costs a token request, a check and its own revocation.
      const spare = budget.left() - tokens.length - 3;
      m.mitigation =
        spare >= 0
          ? await log.group('Fresh token', async () => {
              const result = await mitigate(
                client,
                m.estimate!,
                clock,
                deadline,
                settings,
                spare,
              );
              log.info(result.summary);
              return result;
            })
          : {
              summary: `No fresh token was taken to compare: the run's budget of ${REQUEST_BUDGET} requests to Genesys is spent.`,
            };
    }
  } catch (error) {
    m.error = error instanceof Error ? error.message : String(error);
  } finally {
    if (settings.revokeToken) {
      await log.group('Revoke', () => revokeAll(client, tokens, m, log));
    }
  }
  return m;
}

/** Keeps every answer: its clock readings as samples, its status for the token's story. */
function record(m: Measurement, exchange: Exchange, token = true): void {
  const readings = readingsOf(exchange);
  const id = correlationId(exchange);
  for (const sample of readings.samples) m.samples.push({ sample, correlationId: id });
  m.ignored.push(...readings.ignored);
  if (token && exchange.url.pathname.startsWith('/api/')) {
    m.tokenCalls.push({
      at: exchange.receivedAt,
      status: exchange.status,
      code: exchange.status >= 400 ? errorCode(exchange) || String(exchange.status) : '',
      correlationId: id,
    });
  }
}

/**
 * Timed exchanges with the API host (see sampler.ts): /api/v2/date while it gives
 * milliseconds, else the cheapest token probe, whose Date header is timed.
 */
async function sample(
  client: GenesysClient,
  token: string,
  exchanges: number,
  m: Measurement,
  clock: Clock,
  deadline: number,
  log: Logger,
  steps: StepWatch,
): Promise<void> {
  const take = async (probe: Probe) => {
    const ex =
      probe === 'endpoint' ? await client.getDate(token) : await client.checkToken(token);
    steps.look();
    const before = m.samples.length;
    record(m, ex);
    log.debug(
      `${ex.method} ${ex.url.pathname}: ${ex.status}, round trip ` +
        `${((ex.receivedAt - ex.sentAt) * 1000).toFixed(1)} ms, Date ${ex.headers['date'] ?? '(none)'}`,
    );
    // Rate limits are per token: more requests now would only prolong the limit.
    const stop =
      ex.status === 429
        ? `${ex.url.host} rate-limited the samples (429, Retry-After ${retryAfterText(ex) ?? 'not given'}); sampling stopped early.`
        : undefined;
    return {
      status: ex.status,
      samples: m.samples.slice(before).map((r) => r.sample),
      stop,
    };
  };
  const result = await collect({
    clock,
    initial: m.samples.map((r) => r.sample),
    take,
    exchanges,
    // Time kept back for the token check and revocation.
    deadline: deadline - 3,
  });
  for (const note of result.notes) {
    if (note.startsWith('/api/v2/date')) log.info(note);
    else {
      m.notes.push(note);
      log.warning(note);
    }
  }
  const e = estimate(m.samples.map((r) => r.sample));
  if (e)
    log.info(
      `Skew ${plusMinus(e.lo, e.hi, e.skew)} from ${e.considered} ${e.source} samples ` +
        `(${result.exchanges} exchanges, stopped: ${result.stopped}).`,
    );
}

/**
 * Checks the API accepts the token once it has lived a moment (a token rejected soon
 * after issue is a finding of its own), and retries once before calling it persistent.
 */
async function checkAcceptance(
  client: GenesysClient,
  grant: TokenGrant,
  m: Measurement,
  clock: Clock,
  log: Logger,
): Promise<Acceptance | undefined> {
  const age = () => clock.now() - grant.exchange.receivedAt;
  if (age() < CHECK_AFTER_SECONDS) await clock.sleep(CHECK_AFTER_SECONDS - age());
  let ex: Exchange;
  try {
    ex = await client.checkToken(grant.accessToken, 'GET');
  } catch (error) {
    m.notes.push(
      `The token check failed: ${error instanceof Error ? error.message : error}`,
    );
    log.warning('The token check failed; the verdict rests on the samples alone.');
    return undefined;
  }
  record(m, ex);
  if (!answersLikeGenesys(ex)) {
    // An SSO page, a web app or the login host at api-url: its Date says nothing of Genesys.
    throw new Error(
      `The API host (${ex.url.host}) answered GET /api/v2/tokens/me with ${ex.status} ` +
        `${errorCode(ex) || 'and no JSON'}, not as Genesys Cloud does: check 'api-url' or ` +
        "'region' (a proxy, a sign-in page or another service may answer instead).",
    );
  }
  if (ex.status === 401) {
    log.info(
      `The API rejected the token (${errorCode(ex) || 401}); retrying once in ${RECHECK_PAUSE_SECONDS} s.`,
    );
    await clock.sleep(RECHECK_PAUSE_SECONDS);
    try {
      ex = await client.checkToken(grant.accessToken, 'GET');
      record(m, ex);
    } catch (error) {
      m.notes.push(
        `The token re-check failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  const calls = m.tokenCalls;
  const lastOk = calls.findLastIndex((c) => c.status < 300);
  const rejections = calls.filter((c) => c.status === 401);
  const persistent = calls.length >= 2 && calls.slice(-2).every((c) => c.status === 401);
  const last = rejections.at(-1);
  const acceptance: Acceptance = {
    accepted: ex.status < 300,
    clearedRejections: calls.slice(0, Math.max(0, lastOk)).filter((c) => c.status === 401)
      .length,
    persistent,
    lastCode: last?.code,
    rejectedAfterSeconds: last ? last.at - grant.exchange.receivedAt : undefined,
    checkStatus: ex.status,
    checkCode: ex.status < 300 ? '' : errorCode(ex) || String(ex.status),
  };
  log.info(
    `Token ${acceptance.accepted ? 'accepted' : 'not accepted'} by the API (GET /api/v2/tokens/me: ${ex.status}).`,
  );
  return acceptance;
}

/**
 * When the risk is high, does what the usual advice suggests (get a new token) and says
 * honestly whether it helps: a fresh token cannot fix a clock.
 */
async function mitigate(
  client: GenesysClient,
  before: Estimate,
  clock: Clock,
  deadline: number,
  settings: Settings,
  spare: number,
): Promise<Mitigation> {
  try {
    const grant = await client.requestToken();
    const check = await client.checkToken(grant.accessToken);
    const samples: Sample[] = [
      ...readingsOf(grant.exchange).samples,
      ...readingsOf(check).samples,
    ];
    for (
      let i = 0;
      i < Math.min(MITIGATION_SAMPLES, spare) && clock.monotonic() < deadline - 3;
      i++
    ) {
      samples.push(...readingsOf(await client.getDate(grant.accessToken)).samples);
    }
    const after = estimate(samples) ?? before;
    const accepted = check.status < 300;
    const clockRisk = judge({ estimate: after, thresholds: settings.thresholds }).risk;
    const clockIsCause = riskAtLeast(clockRisk, 'high');
    const skewText = plusMinus(after.lo, after.hi, after.skew);
    let summary: string;
    if (!accepted) {
      summary = `A fresh token was rejected too (${check.status}); refreshing does not help.`;
    } else if (clockIsCause) {
      summary = `A fresh token was accepted, and the skew measured with it is ${skewText}, as before: a new token does not change the clocks, so refreshing does not help. Fix the clock.`;
    } else {
      summary = `A fresh token was accepted when new and the skew measured with it is ${skewText}: the clocks are not the cause, and a refresh helps only until the server turns against the new token too.`;
    }
    return {
      tokenAccepted: accepted,
      skewSeconds: after.skew,
      boundSeconds: after.bound,
      helps: accepted && !clockIsCause,
      summary,
    };
  } catch (error) {
    return {
      summary: `Could not take a fresh token to compare: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function revokeAll(
  client: GenesysClient,
  tokens: string[],
  m: Measurement,
  log: Logger,
): Promise<void> {
  for (const [n, token] of tokens.entries()) {
    try {
      const ex = await client.revokeToken(token);
      // A page that answers 200 to everything has not revoked anything.
      const ok =
        ex.status === 401 ||
        (ex.status < 300 && (!ex.body.trim() || answersLikeGenesys(ex)));
      m.revoked.push(ok);
      if (ok) log.info(`Token ${n + 1} of ${tokens.length} revoked.`);
      else
        log.warning(
          `Could not revoke token ${n + 1}: ${ex.url.host} answered ${ex.status}${errorCode(ex) ? ` ${errorCode(ex)}` : ''}. It expires by itself.`,
        );
    } catch (error) {
      m.revoked.push(false);
      log.warning(
        `Could not revoke token ${n + 1}: ${error instanceof Error ? error.message : String(error)}. It expires by itself.`,
      );
    }
  }
}
