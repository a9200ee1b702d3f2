/**
 * A small SNTP client: a few 48-byte exchanges over UDP with one server, each turned into
 * a guaranteed interval for runner − reference; the lowest-delay one is kept.
 */
import type { Clock } from './clock.js';
import {
  encodeRequest,
  decodePacket,
  checkReply,
  type SntpInterval,
  intervalOf,
} from './sntp-packet.js';

/** A datagram socket as this client needs it; tests pass a fake one. */
export interface UdpSocket {
  send(packet: Buffer): Promise<void>;
  close(): void;
}
/** Opens a socket to host:port that hands every datagram received to `onMessage`. */
export type SocketFactory = (
  host: string,
  port: number,
  onMessage: (data: Buffer) => void,
  onError: (error: Error) => void,
) => Promise<UdpSocket>;

export interface SntpServer {
  host: string;
  port: number;
}

export type SntpStatus = 'ok' | 'silent' | 'kiss' | 'invalid' | 'error';

export interface SntpResult {
  server: string;
  status: SntpStatus;
  /** The lowest-delay exchange's interval, when any reply was usable. */
  best?: SntpInterval & { stratum: number; referenceId: string };
  /** Exchanges sent and usable replies received. */
  sent: number;
  answered: number;
  kissCode?: string;
  /** What went wrong with the replies that were not used, in words. */
  problems: string[];
}

export interface SntpOptions {
  clock: Clock;
  socket: SocketFactory;
  exchanges?: number;
  /** How long one exchange waits for its reply. */
  replyTimeoutSeconds?: number;
  /** Pause between exchanges, so as not to look like a flood to the server. */
  spacingSeconds?: number;
  /** Monotonic time by which the last exchange must be over. */
  deadline: number;
}

export const serverName = (s: SntpServer): string =>
  `${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port}`;

/**
 * A few exchanges with one server; keeps the one with the lowest delay (least queueing,
 * so the tightest interval). A kiss-of-death ends the conversation at once: the server
 * has asked not to be asked again.
 */
export async function querySntp(server: SntpServer, o: SntpOptions): Promise<SntpResult> {
  const { clock } = o;
  const exchanges = o.exchanges ?? 3;
  const replyTimeout = o.replyTimeoutSeconds ?? 1.5;
  const spacing = o.spacingSeconds ?? 1;
  const name = serverName(server);
  const result: SntpResult = {
    server: name,
    status: 'silent',
    sent: 0,
    answered: 0,
    problems: [],
  };

  let pending:
    { done: (reply: Buffer, t4: number) => void; stop: () => void } | undefined;
  let socketError: Error | undefined;
  let socket: UdpSocket;
  try {
    socket = await o.socket(
      server.host,
      server.port,
      (data) => {
        const t4 = clock.now();
        pending?.done(data, t4);
      },
      (error) => {
        // An ICMP "port unreachable" ends the wait at once instead of timing out.
        socketError = error;
        pending?.stop();
      },
    );
  } catch (error) {
    return {
      ...result,
      status: 'error',
      problems: [`${name}: ${describeUdpError(error)}`],
    };
  }

  let timeouts = 0;
  try {
    for (let i = 0; i < exchanges; i++) {
      if (i > 0) {
        if (clock.monotonic() + spacing + replyTimeout > o.deadline) break;
        await clock.sleep(spacing);
      }
      if (clock.monotonic() + 0.2 > o.deadline) break;

      const t1 = clock.now();
      const request = encodeRequest(t1);
      const bytes = request.subarray(40, 48);
      let settle: (v: { reply: Buffer; t4: number } | null) => void = () => {};
      const answer = new Promise<{ reply: Buffer; t4: number } | null>((resolve) => {
        settle = resolve;
      });
      pending = {
        stop: () => settle(null),
        done: (reply, t4) => {
          // A late or foreign datagram that fails the origin check is set aside, and
          // the exchange keeps waiting for its own answer.
          const p = decodePacket(reply);
          if (p && !p.originBytes.equals(bytes)) {
            result.problems.push(
              `${name}: a reply whose origin timestamp does not echo the request (late, or not ours)`,
            );
            return;
          }
          settle({ reply, t4 });
        },
      };
      try {
        await socket.send(request);
      } catch (error) {
        if (!result.best) result.status = 'error';
        result.problems.push(`${name}: ${describeUdpError(error)}`);
        break;
      }
      result.sent += 1;
      const wait = Math.min(replyTimeout, Math.max(0.1, o.deadline - clock.monotonic()));
      const got = await waitFor(answer, wait, clock);
      pending = undefined;
      if (socketError) {
        if (!result.best) result.status = 'error';
        result.problems.push(`${name}: ${describeUdpError(socketError)}`);
        break;
      }
      if (!got) {
        timeouts += 1;
        // Two silences in a row: UDP is most likely blocked; do not spend the budget.
        if (timeouts >= 2 && result.answered === 0) break;
        continue;
      }
      timeouts = 0;

      const p = decodePacket(got.reply);
      if (!p) {
        result.problems.push(
          `${name}: a reply of ${got.reply.length} bytes, not an NTP packet`,
        );
        if (result.status === 'silent') result.status = 'invalid';
        continue;
      }
      const rejection = checkReply(p, bytes);
      if (rejection?.kind === 'kiss') {
        result.kissCode = rejection.code;
        result.problems.push(`${name}: ${kissWords(rejection.code)}`);
        result.status = result.best ? 'ok' : 'kiss';
        break;
      }
      if (rejection) {
        result.problems.push(`${name}: ${rejection.reason}`);
        if (result.status === 'silent') result.status = 'invalid';
        continue;
      }
      // A server that says it held the request longer than the whole round trip took
      // has a broken clock or is lying: its times would give an interval inside out.
      if (p.transmit - p.receive > got.t4 - t1) {
        result.problems.push(
          `${name}: the reply claims more time at the server than the round trip took`,
        );
        if (result.status === 'silent') result.status = 'invalid';
        continue;
      }
      const interval = intervalOf({
        t1,
        t2: p.receive,
        t3: p.transmit,
        t4: got.t4,
        stratum: p.stratum,
        referenceId: p.referenceId,
        precision: 2 ** p.precision,
      });
      result.answered += 1;
      result.status = 'ok';
      if (!result.best || interval.delay < result.best.delay) {
        result.best = { ...interval, stratum: p.stratum, referenceId: p.referenceId };
      }
    }
  } finally {
    socket.close();
  }
  if (result.status === 'silent' && result.sent === 0) {
    result.status = 'error';
    result.problems.push(
      `${name}: not asked, the time budget (timeout-seconds) was spent`,
    );
  } else if (result.status === 'silent')
    result.problems.push(
      `${name}: no answer to ${result.sent} request(s) within ${replyTimeout} s each; outgoing UDP port ${server.port} is probably blocked on this network`,
    );
  return result;
}

/**
 * Waits for `answer` up to `seconds`, in short steps: a sleep cannot be cancelled, and one
 * long timer left behind would hold the process open after the answer came. The reply's
 * arrival time is taken when it arrives, so the steps cost no accuracy.
 */
async function waitFor<T>(answer: Promise<T>, seconds: number, clock: Clock) {
  const end = clock.monotonic() + seconds;
  let got: T | undefined;
  void answer.then((value) => (got = value));
  while (got === undefined && clock.monotonic() < end - 0.001) {
    const step = Math.max(0.001, Math.min(0.05, end - clock.monotonic()));
    await Promise.race([answer, clock.sleep(step)]);
  }
  return got;
}

function kissWords(code: string): string {
  const words: Record<string, string> = {
    RATE: 'asks to be queried less often',
    DENY: 'denies access',
    RSTR: 'restricts access',
  };
  return `kiss-of-death ${code}${words[code] ? ` (the server ${words[code]})` : ''}; not asked again`;
}

function describeUdpError(error: unknown): string {
  const err = error as { code?: string; message?: string; hostname?: string };
  const words: Record<string, string> = {
    ENOTFOUND: 'host name not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed for now',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
    ECONNREFUSED: 'port unreachable (nothing listens there)',
    EACCES: 'sending UDP is not permitted here',
    EPERM: 'sending UDP is not permitted here',
  };
  const code = err.code ?? '';
  return (
    words[code] ?? (code ? `UDP error ${code}` : `UDP error: ${err.message ?? error}`)
  );
}
