/** The reference-clock phase: SNTP servers and HTTPS hosts, all at once, within a budget. */
import type { CheckDeps } from '../check.js';
import type { Clock } from '../clock/clock.js';
import type { Estimate } from '../clock/estimate.js';
import { type SocketFactory, querySntp } from '../clock/sntp.js';
import { readSyncState } from '../clock/sync-state.js';
import type { Send } from '../genesys/http.js';
import type { Measurement } from '../report/report.js';
import type { Settings } from '../settings/settings.js';
import { attribute, unattributed } from '../verdict/attribution.js';
import { plusMinus } from '../verdict/skew.js';
import { sampleHttpsReference } from './https.js';
import { type Reference, combine, fromHttps, fromSntp } from './reference.js';

/** Longest the phase may take, and what it leaves for mitigation and revocation. */
const REFERENCE_SECONDS = 8;
const REFERENCE_RESERVE_SECONDS = 4;

export interface ReferenceDeps {
  clock: Clock;
  send: Send;
  socket: SocketFactory;
  /** Monotonic time by which the phase must be over. */
  deadline: number;
}

/** Returns undefined when no reference is configured. */
export async function measureReference(
  settings: Pick<Settings, 'ntpServers' | 'referenceUrls'>,
  deps: ReferenceDeps,
): Promise<Reference | undefined> {
  if (settings.ntpServers.length + settings.referenceUrls.length === 0) return undefined;
  const { clock, deadline } = deps;
  const sources = await Promise.all([
    ...settings.ntpServers.map((server) =>
      querySntp(server, { clock, socket: deps.socket, deadline }).then(fromSntp),
    ),
    ...settings.referenceUrls.map((url) =>
      sampleHttpsReference(url, { send: deps.send, clock, deadline }).then(fromHttps),
    ),
  ]);
  return combine(sources);
}

/**
 * Measures the runner against independent clocks, reads the runner's own time service,
 * and decides whose clock is off. Best effort: nothing here can fail the check.
 */
export async function compareReference(
  settings: Settings,
  deps: Pick<CheckDeps, 'clock' | 'send' | 'log' | 'runCommand' | 'platform'> & {
    socket: SocketFactory;
  },
  m: Measurement,
  genesys: Estimate,
  deadline: number,
): Promise<void> {
  const { clock, log } = deps;
  // Both intervals are on the same anchored runner time (one wall reading plus the
  // monotonic clock), so a clock step between the phases cannot fake a culprit.
  const until = Math.min(
    deadline - REFERENCE_RESERVE_SECONDS,
    clock.monotonic() + REFERENCE_SECONDS,
  );
  const [reference, sync] = await Promise.all([
    measureReference(settings, {
      clock,
      send: deps.send,
      socket: deps.socket,
      deadline: until,
    }).catch((error: unknown) => {
      m.notes.push(`The reference clocks could not be measured: ${String(error)}`);
      return undefined;
    }),
    // A hung command must not eat the time kept back for revoking the token.
    until - clock.monotonic() < 0.1
      ? undefined
      : readSyncState(
          deps.platform ?? process.platform,
          deps.runCommand,
          (until - clock.monotonic()) * 1000,
        ).catch(() => undefined),
  ]);

  if (sync) {
    m.sync = sync;
    for (const finding of sync.findings) log.info(finding);
    if (sync.synchronized === false)
      log.warning(
        `The runner's time service says the clock is not synchronised. Fix: ${sync.fix}`,
      );
  }
  if (!reference) {
    log.info('No reference clock configured (ntp-servers, reference-urls).');
    return;
  }
  m.reference = reference;
  for (const source of reference.sources) {
    const i = source.interval;
    const line = `${source.kind === 'sntp' ? 'SNTP' : 'HTTPS'} ${source.name}: ${
      i ? `runner − reference ${plusMinus(i.lo, i.hi, i.skew)}, ` : ''
    }${source.detail}.`;
    if (i) log.info(line);
    else log.warning(line);
    m.notes.push(...source.problems);
  }
  if (!reference.consistent)
    m.notes.push(
      `Only ${reference.agreeing} of ${reference.answered} reference clocks agree; the majority was kept.`,
    );
  m.attribution = reference.interval
    ? attribute(genesys, reference.interval, settings.thresholds, reference.name)
    : unattributed(
        reference.sources.map((s) => `${s.name}: ${s.detail}`).join('; '),
        settings.thresholds,
      );
  log.info(`Culprit: ${m.attribution.culprit}. ${m.attribution.summary}`);
}
