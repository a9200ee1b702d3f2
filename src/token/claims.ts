/** What a token is made of: opaque bytes (Genesys) or a JWT whose claims can be read. */
import { decodeJwt, decodeProtectedHeader } from 'jose';

export interface Claims {
  iat?: number;
  nbf?: number;
  exp?: number;
}

export interface TokenShape {
  format: 'opaque' | 'jwt';
  claims: Claims;
  /** Facts about the claims worth reporting (missing, malformed, rescaled). */
  notes: string[];
}

/** Claims above this are milliseconds, not seconds (year 5138 in seconds). */
const MILLISECOND_SCALE = 1e11;

/**
 * Decodes a JWT's claims without verifying it: they are read as the issuer's statements
 * about time, never as a clock. Anything that is not a JWT is opaque, as Genesys tokens are.
 */
export function inspectToken(token: string): TokenShape {
  if (token.split('.').length !== 3) return { format: 'opaque', claims: {}, notes: [] };
  let payload: Record<string, unknown>;
  try {
    decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    return { format: 'opaque', claims: {}, notes: [] };
  }

  const claims: Claims = {};
  const notes: string[] = [];
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    const value = payload[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      notes.push(
        `The token's '${name}' claim is not a number (${typeof value}); it was ignored.`,
      );
      continue;
    }
    if (value > MILLISECOND_SCALE) {
      notes.push(
        `The token's '${name}' claim is in milliseconds, not seconds as RFC 7519 requires; ` +
          'it was read as milliseconds, but strict validators will misread it.',
      );
      claims[name] = value / 1000;
    } else {
      claims[name] = value;
    }
  }
  if (claims.iat === undefined) {
    notes.push(
      "The token carries no 'iat' (issued-at) claim: a token-policy fact, not an error. " +
        `The lifecycle uses ${claims.nbf !== undefined ? "'nbf' and " : ''}'exp'.`,
    );
  }
  if (claims.exp === undefined)
    notes.push("The token carries no 'exp' claim; its lifetime comes from expires_in.");
  return { format: 'jwt', claims, notes };
}
