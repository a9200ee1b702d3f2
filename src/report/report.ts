/** What a run found, as one value: the JSON report, and the source of every rendering. */
import type { Estimate } from '../clock/estimate.js';
import { type Sample, sampleInterval } from '../clock/sample.js';
import type { Risk, Settings } from '../settings/settings.js';
import type { Claims } from '../token/claims.js';
import type { IatCheck } from '../token/iat.js';
import type { Lifecycle } from '../token/lifecycle.js';
import type { SyncState } from '../clock/sync-state.js';
import type { Reference } from '../reference/reference.js';
import type { Attribution } from '../verdict/attribution.js';
import { rounded, roundUp } from '../verdict/skew.js';
import type { Acceptance, Verdict } from '../verdict/verdict.js';

export interface RawSample {
  sample: Sample;
  correlationId: string;
}

export interface Mitigation {
  tokenAccepted?: boolean;
  skewSeconds?: number;
  boundSeconds?: number;
  helps?: boolean;
  summary: string;
}

/** The facts a check gathers, filled in as it goes; `error` says why it stopped early. */
export interface Measurement {
  samples: RawSample[];
  ignored: string[];
  tokenCalls: { at: number; status: number; code: string; correlationId: string }[];
  notes: string[];
  revoked: boolean[];
  grant?: { expiresIn: number; requestedAt: number; receivedAt: number };
  tokenFormat?: 'opaque' | 'jwt';
  claims?: Claims;
  estimate?: Estimate;
  acceptance?: Acceptance;
  lifecycle?: Lifecycle;
  clockStepSeconds?: number;
  /** A JWT's iat set beside the measured skew: a check on the issuer, not a sample. */
  iatCheck?: IatCheck;
  verdict?: Verdict;
  mitigation?: Mitigation;
  reference?: Reference;
  attribution?: Attribution;
  sync?: SyncState;
  error?: string;
}

/** Where the check ran, so reports from many runners can be compared. */
export interface Place {
  runner: { name: string; os: string; arch: string };
  repository: string;
  workflow: string;
  runId: string;
  job: string;
}

export const SCHEMA_VERSION = 1;

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  status: 'measured' | 'failed';
  risk: Risk | 'unknown';
  headline: string;
  checkedAt: string;
  place: Place;
  hosts: { login: string; api: string };
  thresholds: Settings['thresholds'];
  failOn: Settings['failOn'];
  skew?: {
    seconds: number;
    boundSeconds: number;
    lowSeconds: number;
    highSeconds: number;
    source: Estimate['source'];
    samples: number;
    agreeing: number;
    consistent: boolean;
    bestRttMs: number;
    /** Samples left out of the majority, and why they likely disagree. */
    disagreeing?: string[];
    causes?: string[];
  };
  token?: {
    format: 'opaque' | 'jwt';
    lifetimeSeconds: number;
    issuedAt: number;
    expiresAt: number;
    notBefore?: number;
    claims?: Claims;
    clientRemainingSeconds: number;
    serverRemainingSeconds: number;
    accepted?: boolean;
    clearedRejections: number;
    /** iat minus the server's clock at issue, as an interval; a check on the issuer. */
    iatCheck?: {
      finding: 'agrees' | 'backdated' | 'ahead';
      offsetLowSeconds: number;
      offsetHighSeconds: number;
    };
  };
  reasons: string[];
  advice: string[];
  tolerances: Verdict['tolerances'];
  notes: string[];
  mitigation?: Mitigation;
  /** The independent clocks, when `ntp-servers` or `reference-urls` named any. */
  reference?: {
    name: string;
    skewSeconds?: number;
    boundSeconds?: number;
    lowSeconds?: number;
    highSeconds?: number;
    answered: number;
    agreeing: number;
    consistent: boolean;
    sources: {
      kind: 'sntp' | 'https';
      name: string;
      status: string;
      skewSeconds?: number;
      boundSeconds?: number;
      detail: string;
    }[];
  };
  /** Whose clock is off; offsets are against the reference, positive = ahead of it. */
  attribution?: {
    culprit: Attribution['culprit'];
    runnerSeconds?: number;
    runnerBoundSeconds?: number;
    serverSeconds?: number;
    serverBoundSeconds?: number;
    thresholdSeconds: number;
    summary: string;
  };
  /** The runner's own clock: a step seen during the run, and what its time service says. */
  runnerClock?: { stepSeconds?: number; sync?: SyncState };
  revocation: { attempted: number; succeeded: number; skipped: boolean };
  rawSamples: {
    exchange: string;
    host: string;
    status: number;
    source: Sample['source'];
    sentAt: number;
    receivedAt: number;
    rttMs: number;
    serverTime: number;
    resolution: number;
    lowSeconds: number;
    highSeconds: number;
    correlationId: string;
  }[];
  error?: string;
}

export function buildReport(
  settings: Settings,
  m: Measurement,
  place: Place,
  checkedAt: Date,
  version: string,
): Report {
  const e = m.estimate;
  const v = m.verdict;
  const failed = !e || !v;
  const error =
    m.error ?? (failed ? 'The check ended before it could measure.' : undefined);
  const outward = (o?: { lo: number; hi: number; seconds: number }) =>
    o && rounded(o.lo, o.hi, o.seconds);
  const runner = outward(m.attribution?.runner);
  const server = outward(m.attribution?.server);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'genesys-clock-check', version },
    status: failed ? 'failed' : 'measured',
    risk: v?.risk ?? 'unknown',
    headline: v?.headline ?? `UNKNOWN: the skew could not be measured. ${error}`,
    checkedAt: checkedAt.toISOString(),
    place,
    hosts: { login: settings.loginUrl, api: settings.apiUrl },
    thresholds: settings.thresholds,
    failOn: settings.failOn,
    skew: e && {
      ...rounded(e.lo, e.hi, e.skew),
      source: e.source,
      samples: e.considered,
      agreeing: e.agreeing,
      consistent: e.consistent,
      bestRttMs: round(e.bestRttMs, 2),
      ...(e.consistent ? {} : { disagreeing: e.disagreeing, causes: e.causes }),
    },
    token:
      m.lifecycle && m.tokenFormat
        ? {
            format: m.tokenFormat,
            lifetimeSeconds: m.lifecycle.lifetimeSeconds,
            issuedAt: round(m.lifecycle.issuedAt),
            expiresAt: round(m.lifecycle.expiresAt),
            notBefore: m.lifecycle.notBefore,
            claims: m.tokenFormat === 'jwt' ? m.claims : undefined,
            clientRemainingSeconds: round(m.lifecycle.clientRemainingSeconds),
            serverRemainingSeconds: round(m.lifecycle.serverRemainingSeconds),
            accepted: m.acceptance?.accepted,
            clearedRejections: m.acceptance?.clearedRejections ?? 0,
            iatCheck: m.iatCheck && {
              finding: m.iatCheck.finding,
              offsetLowSeconds: round(m.iatCheck.offset.lo),
              offsetHighSeconds: round(m.iatCheck.offset.hi),
            },
          }
        : undefined,
    reasons: v?.reasons ?? [],
    advice: v?.advice ?? failureAdvice(error ?? ''),
    tolerances: v?.tolerances ?? [],
    notes: [...m.notes, ...m.ignored],
    mitigation: m.mitigation && roundedMitigation(m.mitigation),
    reference: m.reference && referenceOf(m.reference),
    attribution: m.attribution && {
      culprit: m.attribution.culprit,
      runnerSeconds: runner?.seconds,
      runnerBoundSeconds: runner?.boundSeconds,
      serverSeconds: server?.seconds,
      serverBoundSeconds: server?.boundSeconds,
      thresholdSeconds: m.attribution.thresholdSeconds,
      summary: m.attribution.summary,
    },
    runnerClock:
      m.sync || m.clockStepSeconds !== undefined
        ? {
            stepSeconds:
              m.clockStepSeconds === undefined ? undefined : round(m.clockStepSeconds),
            sync: m.sync,
          }
        : undefined,
    revocation: {
      attempted: m.revoked.length,
      succeeded: m.revoked.filter(Boolean).length,
      skipped: !settings.revokeToken,
    },
    rawSamples: m.samples.map(({ sample: s, correlationId }) => {
      const i = sampleInterval(s);
      return {
        exchange: s.exchange,
        host: s.host,
        status: s.status,
        source: s.source,
        sentAt: round(s.sentAt),
        receivedAt: round(s.receivedAt),
        rttMs: round((s.receivedAt - s.sentAt) * 1000, 2),
        serverTime: round(s.serverTime),
        resolution: s.resolution,
        lowSeconds: -roundUp(-i.lo),
        highSeconds: roundUp(i.hi),
        correlationId,
      };
    }),
    error,
  };
}

function referenceOf(ref: Reference): NonNullable<Report['reference']> {
  const i = ref.interval && rounded(ref.interval.lo, ref.interval.hi, ref.interval.skew);
  return {
    name: ref.name,
    skewSeconds: i?.seconds,
    boundSeconds: i?.boundSeconds,
    lowSeconds: i?.lowSeconds,
    highSeconds: i?.highSeconds,
    answered: ref.answered,
    agreeing: ref.agreeing,
    consistent: ref.consistent,
    sources: ref.sources.map((s) => ({
      kind: s.kind,
      name: s.name,
      status: s.status,
      skewSeconds: s.interval && rounded(s.interval.lo, s.interval.hi).seconds,
      boundSeconds: s.interval && rounded(s.interval.lo, s.interval.hi).boundSeconds,
      detail: s.detail,
    })),
  };
}

function failureAdvice(error: string): string[] {
  if (/invalid_client|unauthorized_client/.test(error)) {
    return [
      'Check the OAuth client id and secret (and that the client uses the Client Credentials grant), then run again.',
    ];
  }
  if (/was cancelled/.test(error)) return ['Nothing to fix: the job was cancelled.'];
  if (
    /never answered|connection refused|not found|no answer within|TLS|proxy/.test(error)
  ) {
    return [
      "Check 'region', 'login-url' and 'api-url', and that this runner can reach the host named above (firewall, proxy settings, NO_PROXY, DNS); then run again.",
    ];
  }
  return [
    'Fix the cause named above and run again; the report lists what was measured before it stopped.',
  ];
}

function roundedMitigation(x: Mitigation): Mitigation {
  if (x.skewSeconds === undefined || x.boundSeconds === undefined) return x;
  const r = rounded(
    x.skewSeconds - x.boundSeconds,
    x.skewSeconds + x.boundSeconds,
    x.skewSeconds,
  );
  return { ...x, skewSeconds: r.seconds, boundSeconds: r.boundSeconds };
}

const round = (x: number, digits = 3): number =>
  Math.round(x * 10 ** digits) / 10 ** digits;
