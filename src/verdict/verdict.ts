/** The risk a measured skew and a token's behaviour pose, with reasons and advice. */
import type { Estimate } from '../clock/estimate.js';
import type { Risk, Thresholds } from '../settings/settings.js';
import type { IatCheck } from '../token/iat.js';
import type { Lifecycle } from '../token/lifecycle.js';
import type { Attribution } from './attribution.js';
import {
  type Comparison,
  TOLERANCES,
  compare,
  describeSkew,
  duration,
  toleranceStatus,
} from './skew.js';

export interface Acceptance {
  /** Did the API accept the token at the last check? */
  accepted: boolean;
  /** Rejections of the fresh token that a later call no longer saw. */
  clearedRejections: number;
  /** The last check and its retry were both rejected. */
  persistent: boolean;
  /** Genesys' code for the last rejection, e.g. 'credentials.expired'. */
  lastCode?: string;
  /** Seconds the token had lived when it was last rejected. */
  rejectedAfterSeconds?: number;
  /** Status and Genesys code of the last token check. */
  checkStatus: number;
  checkCode: string;
}

export interface Evidence {
  estimate: Estimate;
  thresholds: Thresholds;
  lifecycle?: Lifecycle;
  acceptance?: Acceptance;
  /** Wall clock minus monotonic clock at the end of the run, when it moved (s). */
  clockStepSeconds?: number;
  /** Whose clock is off, when a reference clock was measured too. */
  attribution?: Attribution;
  /** The one command that fixes the clock on this runner, from its time service. */
  runnerFix?: string;
  /** The runner is a container: its clock is the host's, and so is the fix. */
  runnerInContainer?: boolean;
  /** The token's iat beside the measured skew, when the token is a JWT with one. */
  iatCheck?: IatCheck;
}

export interface ToleranceFinding {
  seconds: number;
  who: string;
  status: Comparison;
}

export interface Verdict {
  risk: Risk;
  headline: string;
  reasons: string[];
  advice: string[];
  tolerances: ToleranceFinding[];
}

const ORDER: Risk[] = ['low', 'medium', 'high', 'critical'];
export const riskAtLeast = (risk: Risk, floor: Risk): boolean =>
  ORDER.indexOf(risk) >= ORDER.indexOf(floor);

export const FIX_CLOCK = [
  'Linux: `sudo timedatectl set-ntp true` then `sudo chronyc makestep` (or `sudo systemctl restart systemd-timesyncd`)',
  'Windows: `w32tm /resync /force` (as administrator; start the service with `net start w32time` if it is stopped)',
  'macOS: `sudo sntp -sS time.apple.com`',
];

const FIX_RUNNER = `The runner's clock is off: fix its time sync (NTP) and pause deployments from this runner until it agrees. ${FIX_CLOCK.join('; ')}.`;
const FIX_SERVER =
  "Genesys Cloud's clock is off, not the runner's: open a Genesys Cloud support ticket with the measured offset and the correlation ids in the raw samples. Nothing on the runner helps; leave its clock alone.";
const WHOSE: Record<Attribution['culprit'], string> = {
  runner: "; the runner's clock is the one off",
  server: "; Genesys Cloud's clock is the one off",
  both: '; both clocks are off',
  none: '',
  unknown: '',
};

export function judge(evidence: Evidence): Verdict {
  const { estimate: e, thresholds: t, lifecycle: life, acceptance } = evidence;
  const reasons: string[] = [];
  const advice: string[] = [];
  const skewWords = describeSkew(e.lo, e.hi, e.skew);
  const causes: string[] = [];

  // Skew against the thresholds, from the whole interval.
  let risk: Risk = 'low';
  let possibly: keyof Thresholds | undefined;
  for (const level of ['medium', 'high', 'critical'] as const) {
    const c = compare(e.lo, e.hi, t[level]);
    if (c === 'over') risk = level;
    if (c === 'possibly' && !possibly) possibly = level;
  }
  const tolerances = TOLERANCES.map((tol) => ({
    ...tol,
    status: toleranceStatus(e.lo, e.hi, tol),
  }));
  const broken = tolerances.filter((x) => x.status === 'over');
  const maybe = tolerances.filter((x) => x.status === 'possibly');
  const fine = tolerances.filter((x) => x.status === 'under');
  reasons.push(
    `Measured: ${skewWords}, from ${e.considered} ${e.source === 'date-endpoint' ? '/api/v2/date readings' : 'Date headers'}.`,
  );
  if (broken.length)
    reasons.push(`This skew breaks ${broken.map((x) => x.who).join('; ')}.`);
  if (maybe.length)
    reasons.push(
      `It may break ${maybe.map((x) => x.who).join('; ')}: the interval straddles ${maybe.map((x) => `${x.seconds} s`).join(', ')}.`,
    );
  if (fine.length && broken.length + maybe.length > 0) {
    reasons.push(`It is fine for ${fine.map((x) => x.who).join('; ')}.`);
  }
  if (possibly) {
    reasons.push(
      `The skew is possibly at or over the ${possibly} threshold (${t[possibly]} s) but not surely; ` +
        `the risk is not raised on a maybe. ${settleAdvice(e, t[possibly])}`,
    );
  }
  if (!e.consistent) {
    const causes = e.causes?.length
      ? `likely cause: ${e.causes.join('; ')}`
      : 'a clock stepped during the run, a cached or stale answer, or servers behind a load ' +
        'balancer whose clocks differ';
    reasons.push(
      `Only ${e.agreeing} of ${e.considered} samples agree: the readings contradict each other (${causes}). ` +
        `The measurement is inconsistent; the interval was widened to the ${e.agreeing} agreeing samples to stay honest` +
        (e.disagreeing?.length ? ` (set aside: ${e.disagreeing.join(', ')}).` : '.'),
    );
  }
  if (evidence.clockStepSeconds !== undefined) {
    reasons.push(
      `The runner's wall clock was stepped by ${duration(evidence.clockStepSeconds)} during the run ` +
        '(it moved apart from the monotonic clock); the samples are timed on the monotonic clock from one reading at the start, so the skew describes the runner clock as it was then.',
    );
  }
  if (riskAtLeast(risk, 'medium')) {
    reasons.push(
      'Genesys Cloud checks the tokens it issues against its own clock, so the skew alone does not get them rejected. ' +
        'Expect intermittent 401s wherever the runner stamps or checks times: absolute expiry times ' +
        'shared between machines, signed assertions (SAML2 bearer, JWT client assertions) and JWTs ' +
        'the runner validates; time-window queries (analytics intervals) shift by the same amount.',
    );
  }
  // The advice follows whose clock is off when a reference clock could tell.
  const culprit = evidence.attribution?.culprit;
  if (evidence.attribution) reasons.push(evidence.attribution.summary);
  if (culprit === 'runner' || culprit === 'both')
    advice.push(
      FIX_RUNNER +
        (evidence.runnerFix
          ? ` On this runner${evidence.runnerInContainer ? "'s host (a container shares its clock)" : ''}: \`${evidence.runnerFix}\`.`
          : ''),
    );
  if (culprit === 'server' || culprit === 'both') advice.push(FIX_SERVER);
  const decided = culprit === 'runner' || culprit === 'server' || culprit === 'both';
  if (riskAtLeast(risk, 'medium') && !decided) {
    advice.push(
      `Fix the clock that is off. A runner clock is the usual suspect: check its time sync and correct it. ${FIX_CLOCK.join('; ')}.`,
    );
  }

  // The token's window on both clocks.
  if (life) {
    if (life.expiredForClient || life.expiredForServer) {
      risk = 'critical';
      causes.push('the token is expired on arrival');
      const who = life.expiredForServer ? 'the server' : "the runner's clock";
      reasons.push(
        `The token is already expired for ${who}: it lives ${duration(life.lifetimeSeconds)}, and ` +
          `the runner sees ${duration(life.clientRemainingSeconds)} ${life.clientRemainingSeconds < 0 ? 'past' : 'left before'} its absolute expiry. ` +
          'Anything that stores its expiry as a timestamp treats it as expired on arrival.',
      );
      advice.push(
        "Until the clock is fixed, track expiry with a monotonic timer from receipt (expires_in) rather than an absolute timestamp, or lengthen the OAuth client's token duration.",
      );
    }
    const wait = Math.max(
      life.notYetValidForServerSeconds,
      life.notYetValidForClientSeconds,
    );
    if (wait > 0) {
      risk = 'critical';
      causes.push('the token is not valid yet');
      // Not valid yet by the server's own clock: the issuer stamped its claims ahead, and
      // the runner is not the cause unless its clock is surely off as well.
      const issuerAhead = life.notYetValidForServerSeconds > 0;
      const runnerClear = compare(e.lo, e.hi, 1) === 'under';
      reasons.push(
        `The token is not valid yet: its nbf/iat lies ${duration(wait)} in the future` +
          (issuerAhead
            ? `${runnerClear ? ', while the clocks agree' : ''}. The issuer stamped the claims ahead of its own clock` +
              (isWholeHours(life.iatOffsetSeconds)
                ? ' by whole hours, the mark of a local-time or daylight-saving conversion bug'
                : '') +
              (runnerClear ? '; the runner is not the cause.' : '.')
            : '.'),
      );
      if (issuerAhead)
        advice.push(
          'Report the claim times to whoever runs the token issuer; no clock change on the runner will help.',
        );
    } else if (evidence.iatCheck && evidence.iatCheck.finding !== 'agrees') {
      reasons.push(evidence.iatCheck.text);
    } else if (life.iatOffsetSeconds !== undefined) {
      const off = life.iatOffsetSeconds;
      if (Math.abs(off) <= 1) {
        reasons.push(
          `The token's iat sits ${duration(off)} ${off >= 0 ? 'after' : 'before'} the server's clock at issue: ` +
            'within a second, which is rounding of the claim, not skew.',
        );
      } else {
        reasons.push(
          `The issuer ${off > 0 ? 'stamps iat ahead of' : 'backdates iat behind'} its own clock by ${duration(off)}; ` +
            'that is its policy, not clock skew, and it did not move the estimate.',
        );
      }
    }
  }

  // Whether the API accepts a token it has just issued.
  if (acceptance) {
    const small = compare(e.lo, e.hi, t.medium) === 'under';
    if (acceptance.persistent) {
      risk = 'critical';
      causes.push('the API rejects the fresh token');
      reasons.push(
        `The API rejects the fresh token (${acceptance.lastCode || '401'}` +
          (acceptance.rejectedAfterSeconds !== undefined
            ? ` after ${duration(acceptance.rejectedAfterSeconds)}`
            : '') +
          `), also on a retry, though it was advertised as valid for ${life ? duration(life.lifetimeSeconds) : 'longer'}. ` +
          (small
            ? 'The clocks are not the cause: they agree within the medium threshold.'
            : ''),
      );
      advice.push(
        'Check the OAuth client in Genesys Cloud Admin (token duration, IP allowlist, whether it was deleted or rotated) and ask Genesys support with the correlation ids in the raw samples.',
      );
    } else if (!acceptance.accepted) {
      reasons.push(
        `The token check answered ${acceptance.checkStatus} ${acceptance.checkCode}: the API neither ` +
          'accepted nor rejected the token, so whether it works is unknown. The clock was measured all the same.',
      );
      advice.push(
        'A 403 here usually means a proxy, an IP allowlist or an organisation policy in between; the check itself needs no permission.',
      );
    } else if (acceptance.clearedRejections > 0) {
      reasons.push(
        `The API rejected the fresh token ${acceptance.clearedRejections} time(s) and then accepted it. ` +
          (small
            ? `A skew of ${duration(e.skew)} cannot explain that: Genesys validates its own tokens. Look at requests still in flight with the old token, concurrent refreshes that replace each other's token, and calls made in the instant after issue before the token has propagated.`
            : 'The skew may play a part where the runner checks times itself.'),
      );
      advice.push(
        'Retry a 401 once with the same token after a short pause before refreshing; serialise token refreshes.',
      );
    }
  }

  if (risk === 'low' && advice.length === 0)
    advice.push('Nothing to do: the clocks agree well enough for Genesys Cloud.');
  const maybeMore =
    possibly && !riskAtLeast(risk, possibly) ? `; possibly ${possibly}` : '';
  const whose = culprit ? WHOSE[culprit] : '';
  const headline = `${risk.toUpperCase()}: ${[...causes, skewWords].join('; ')}${maybeMore}${whose}.`;
  return { risk, headline, reasons, advice, tolerances };
}

/**
 * Whether more samples could settle a "possibly": the bound can shrink to about half the
 * best round trip, no further; if the estimate lies farther than that from the threshold,
 * more samples would likely decide it.
 */
export function settleAdvice(e: Estimate, threshold: number): string {
  const floor = e.bestRttMs / 2000 + 0.001;
  const gap = Math.abs(Math.abs(e.skew) - threshold);
  const ms = (x: number) => `${(x * 1000).toFixed(0)} ms`;
  if (e.bound > 1.5 * floor && gap > floor) {
    return (
      `More samples would likely settle it: the bound of ±${ms(e.bound)} can shrink to about ±${ms(floor)} ` +
      `(half the best round trip), and the estimate lies ${ms(gap)} from the threshold. Run the check again with more samples or a longer timeout.`
    );
  }
  return (
    `More samples would not settle it: the estimate lies within ${ms(Math.max(gap, floor))} of the threshold, ` +
    `about what the round trip (best ${e.bestRttMs.toFixed(0)} ms) lets any measurement resolve; only a shorter round trip could.`
  );
}

function isWholeHours(seconds: number | undefined): boolean {
  if (seconds === undefined || Math.abs(seconds) < 1800) return false;
  return Math.abs(seconds / 3600 - Math.round(seconds / 3600)) * 3600 < 120;
}
