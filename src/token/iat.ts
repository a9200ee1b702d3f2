/** A JWT's issued-at claim set beside the measured skew, as a check on the issuer. */
import type { Interval } from '../clock/sample.js';

export interface IatCheck {
  /** The skew interval iat would imply if it were the server's clock at issue (s). */
  implied: Interval;
  /** iat minus the server's clock at issue, given the measured skew (s). */
  offset: Interval;
  /** Claims are whole seconds by RFC 7519, so 1 s either way is rounding, not skew. */
  roundingSeconds: number;
  finding: 'agrees' | 'backdated' | 'ahead';
  /** One sentence for the report. */
  text: string;
}

/**
 * The token was issued between the request leaving (t1) and its answer arriving (t4),
 * at some server time T = c − skew. Reading iat as T gives an interval like any
 * sample's; setting it beside the measured interval bounds how far the issuer's stamp
 * sits from its own clock. Issuers backdate iat on purpose (and some stamp it ahead by
 * mistake), so this judges the issuer and never moves the estimate.
 */
export function checkIat(
  iat: number,
  requestedAt: number,
  receivedAt: number,
  measured: Interval,
): IatCheck {
  const q = 1;
  const implied = { lo: requestedAt - iat - q, hi: receivedAt - iat + q };
  const offset = {
    lo: iat - receivedAt + measured.lo,
    hi: iat - requestedAt + measured.hi,
  };
  const finding = offset.hi < -q ? 'backdated' : offset.lo > q ? 'ahead' : 'agrees';
  const range = `${fmt(offset.lo)} to ${fmt(offset.hi)} s`;
  const text =
    finding === 'agrees'
      ? `The token's iat matches the server's clock at issue (iat − server clock: ${range}, within the claim's 1 s rounding).`
      : finding === 'backdated'
        ? `The issuer backdates iat: it sits ${range} from the server's clock at issue. That is its policy, not clock skew; an estimate taken from iat would be off by as much, so iat did not move the estimate.`
        : `The issuer stamps iat ahead of its own clock: by ${range}. That is the issuer's fault, not clock skew; an estimate taken from iat would be off by as much, so iat did not move the estimate.`;
  return { implied, offset, roundingSeconds: q, finding, text };
}

const fmt = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(3);
