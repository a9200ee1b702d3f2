/** A token's validity window seen on the server's clock and on the runner's. */
import type { Claims } from './claims.js';

export interface LifecycleInput {
  /** expires_in from the token answer (s). */
  expiresIn: number;
  /** Runner times (s) of the token request and of its answer. */
  requestedAt: number;
  receivedAt: number;
  claims: Claims;
  /** The measured skew interval (runner − server, s) and its midpoint. */
  skew: { lo: number; hi: number; mid: number };
  /** Runner time (s) at which the window is judged. */
  now: number;
}

export interface Lifecycle {
  lifetimeSeconds: number;
  /** On the server's clock, epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  notBefore?: number;
  /** Time left as the server sees it, and as a runner comparing timestamps sees it. */
  serverRemainingSeconds: number;
  clientRemainingSeconds: number;
  /** Judged at the end of the skew interval most favourable to the token. */
  expiredForServer: boolean;
  expiredForClient: boolean;
  /** Seconds until valid (0 when valid), favourable end, beyond the rounding allowance. */
  notYetValidForServerSeconds: number;
  notYetValidForClientSeconds: number;
  /** iat minus the server's clock at issue (s), when the token has an iat. */
  iatOffsetSeconds?: number;
}

/** Whole-second claims can sit up to a second off the instant they describe. */
export const CLAIM_ROUNDING_SECONDS = 1;

/**
 * The expiry is an absolute time on the server's clock: the JWT's `exp` when it has one,
 * else the server's time at issue plus expires_in. The server compares it with its own
 * clock; a runner that stores or receives it as a timestamp compares it with the
 * runner's. The difference between the two remaining times is exactly the skew.
 */
export function lifecycle(input: LifecycleInput): Lifecycle {
  const { claims, skew, now } = input;
  const issuedRunner = (input.requestedAt + input.receivedAt) / 2;
  // Without exp, expires_in counts from the answer, on the server's clock for a given
  // skew; iat is no clock reading (issuers backdate it), so it does not move the expiry.
  const expiresAt = (s: number, at = issuedRunner) =>
    claims.exp ?? at - s + input.expiresIn;
  const notBefore = claims.nbf ?? claims.iat;

  const serverRemaining = (s: number, at?: number) => expiresAt(s, at) - (now - s);
  const clientRemaining = (s: number, at?: number) => expiresAt(s, at) - now;
  // The most favourable reading: latest issue, and the skew end that leaves the most time.
  const best = (f: (s: number, at?: number) => number) =>
    Math.max(f(skew.lo, input.receivedAt), f(skew.hi, input.receivedAt));
  const waitFor = (clock: 'server' | 'client') => {
    if (notBefore === undefined) return 0;
    const wait = (s: number) => notBefore - (clock === 'server' ? now - s : now);
    const least = Math.min(wait(skew.lo), wait(skew.hi));
    return least > CLAIM_ROUNDING_SECONDS ? least : 0;
  };

  const lifetime =
    claims.exp !== undefined && (claims.iat ?? claims.nbf) !== undefined
      ? claims.exp - (claims.iat ?? claims.nbf)!
      : input.expiresIn;
  return {
    lifetimeSeconds: lifetime,
    issuedAt: issuedRunner - skew.mid,
    expiresAt: expiresAt(skew.mid),
    notBefore,
    serverRemainingSeconds: serverRemaining(skew.mid),
    clientRemainingSeconds: clientRemaining(skew.mid),
    expiredForServer: best(serverRemaining) <= 0,
    expiredForClient: best(clientRemaining) <= 0,
    notYetValidForServerSeconds: waitFor('server'),
    notYetValidForClientSeconds: waitFor('client'),
    iatOffsetSeconds:
      claims.iat === undefined ? undefined : claims.iat - (issuedRunner - skew.mid),
  };
}
