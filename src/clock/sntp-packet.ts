/**
 * The SNTP packet (RFC 4330 / RFC 5905 on-wire format): 48 bytes, encoded, decoded and
 * checked, and one exchange's four timestamps turned into an interval for the skew.
 */
import type { Interval } from './sample.js';

export const PACKET_BYTES = 48;
/** Seconds from the NTP era origin (1900-01-01) to the Unix epoch. */
export const NTP_UNIX_OFFSET = 2_208_988_800;
const FRACTION = 2 ** 32;

export const MODE_CLIENT = 3;
export const MODE_SERVER = 4;
export const VERSION = 4;
export const LEAP_UNSYNCHRONISED = 3;

/** The fields of a packet this client reads or writes; times are Unix seconds. */
export interface Packet {
  leap: number;
  version: number;
  mode: number;
  stratum: number;
  poll: number;
  precision: number;
  /** Reference id: four ASCII letters at stratum 0 (the kiss code) and 1, an address above. */
  referenceId: string;
  reference: number;
  origin: number;
  receive: number;
  transmit: number;
  /** The raw 8 bytes of the origin and transmit fields, compared bit for bit. */
  originBytes: Buffer;
  transmitBytes: Buffer;
}

/** Writes a Unix time (s) as a 64-bit NTP timestamp at `at`. */
export function writeTimestamp(buf: Buffer, at: number, unixSeconds: number): void {
  const ntp = unixSeconds + NTP_UNIX_OFFSET;
  let seconds = Math.floor(ntp);
  let fraction = Math.round((ntp - seconds) * FRACTION);
  if (fraction >= FRACTION) {
    seconds += 1;
    fraction = 0;
  }
  buf.writeUInt32BE(seconds >>> 0, at);
  buf.writeUInt32BE(fraction >>> 0, at + 4);
}

/**
 * Reads a 64-bit NTP timestamp as Unix seconds. Era 0 ends in 2036; a seconds field
 * below 2^31 is taken as era 1 (RFC 4330's rule), so the client keeps working past it.
 */
export function readTimestamp(buf: Buffer, at: number): number {
  const seconds = buf.readUInt32BE(at);
  const fraction = buf.readUInt32BE(at + 4);
  if (seconds === 0 && fraction === 0) return 0;
  const era = seconds < 0x8000_0000 ? 2 ** 32 : 0;
  return seconds + era - NTP_UNIX_OFFSET + fraction / FRACTION;
}

/** A client request: mode 3, version 4, with our transmit time for the server to echo. */
export function encodeRequest(transmitUnixSeconds: number): Buffer {
  const buf = Buffer.alloc(PACKET_BYTES);
  buf[0] = (0 << 6) | (VERSION << 3) | MODE_CLIENT;
  writeTimestamp(buf, 40, transmitUnixSeconds);
  return buf;
}

/** Builds any packet; the emulator uses it for replies, good and bad. */
export function encodePacket(
  p: Omit<Packet, 'originBytes' | 'transmitBytes'> & {
    originBytes?: Buffer;
  },
): Buffer {
  const buf = Buffer.alloc(PACKET_BYTES);
  buf[0] = ((p.leap & 3) << 6) | ((p.version & 7) << 3) | (p.mode & 7);
  buf[1] = p.stratum & 0xff;
  buf.writeInt8(p.poll, 2);
  buf.writeInt8(p.precision, 3);
  buf.write(p.referenceId.padEnd(4, '\0').slice(0, 4), 12, 'latin1');
  if (p.reference) writeTimestamp(buf, 16, p.reference);
  if (p.originBytes) p.originBytes.copy(buf, 24);
  else if (p.origin) writeTimestamp(buf, 24, p.origin);
  if (p.receive) writeTimestamp(buf, 32, p.receive);
  if (p.transmit) writeTimestamp(buf, 40, p.transmit);
  return buf;
}

export function decodePacket(buf: Buffer): Packet | undefined {
  if (buf.length < PACKET_BYTES) return undefined;
  const stratum = buf[1];
  const idBytes = buf.subarray(12, 16);
  // Stratum 0 and 1 carry ASCII; higher strata carry an IPv4 address (or a hash for IPv6).
  const referenceId =
    stratum <= 1
      ? idBytes.toString('latin1').replace(/\0+$/, '')
      : Array.from(idBytes).join('.');
  return {
    leap: buf[0] >> 6,
    version: (buf[0] >> 3) & 7,
    mode: buf[0] & 7,
    stratum,
    poll: buf.readInt8(2),
    precision: buf.readInt8(3),
    referenceId,
    reference: readTimestamp(buf, 16),
    origin: readTimestamp(buf, 24),
    receive: readTimestamp(buf, 32),
    transmit: readTimestamp(buf, 40),
    originBytes: Buffer.from(buf.subarray(24, 32)),
    transmitBytes: Buffer.from(buf.subarray(40, 48)),
  };
}

export type Rejection =
  { kind: 'kiss'; code: string; reason: string } | { kind: 'invalid'; reason: string };

/**
 * Checks a reply before any of its times are trusted. Returns why it is unusable, or
 * undefined when it is a proper answer to the request whose transmit bytes are `sent`.
 */
export function checkReply(p: Packet, sent: Buffer): Rejection | undefined {
  if (p.mode !== MODE_SERVER)
    return { kind: 'invalid', reason: `mode ${p.mode}, not a server reply (4)` };
  // A stranger's reply, or a replay: it answers some other request.
  if (!p.originBytes.equals(sent))
    return { kind: 'invalid', reason: 'origin timestamp does not echo the request' };
  if (p.stratum === 0) {
    const code = /^[A-Z]{1,4}$/.test(p.referenceId) ? p.referenceId : '????';
    return { kind: 'kiss', code, reason: `kiss-of-death ${code}` };
  }
  if (p.stratum > 15) return { kind: 'invalid', reason: `stratum ${p.stratum}` };
  if (p.leap === LEAP_UNSYNCHRONISED)
    return { kind: 'invalid', reason: 'the server says its clock is unsynchronised' };
  if (p.version < 1 || p.version > 4)
    return { kind: 'invalid', reason: `version ${p.version}` };
  if (p.transmit === 0) return { kind: 'invalid', reason: 'zero transmit timestamp' };
  if (p.receive === 0) return { kind: 'invalid', reason: 'zero receive timestamp' };
  if (p.transmit < p.receive)
    return { kind: 'invalid', reason: 'transmit timestamp before receive timestamp' };
  return undefined;
}

/** One answered exchange, in runner seconds (t1, t4) and reference seconds (t2, t3). */
export interface SntpExchange {
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  stratum: number;
  referenceId: string;
  /** The server's clock resolution, seconds. */
  precision: number;
}

export interface SntpInterval extends Interval {
  /** Runner − reference, the midpoint (−θ in NTP's terms). */
  skew: number;
  bound: number;
  /** Round trip less the server's own processing time, seconds. */
  delay: number;
}

/**
 * NTP's offset θ = ((t2 − t1) + (t3 − t4)) / 2 is reference − runner, so the skew in this
 * project's sign is −θ. The server read t2 after t1 and t3 before t4, so with only
 * non-negative one-way delays assumed, the skew lies in [t1 − t2, t4 − t3]: ±delay/2,
 * widened by the server's stated precision.
 */
export function intervalOf(x: SntpExchange): SntpInterval {
  const delay = Math.max(0, x.t4 - x.t1 - (x.t3 - x.t2));
  const q = x.precision;
  const lo = x.t1 - x.t2 - q;
  const hi = x.t4 - x.t3 + q;
  return { lo, hi, skew: (lo + hi) / 2, bound: (hi - lo) / 2, delay };
}
