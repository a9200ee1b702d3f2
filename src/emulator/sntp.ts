// A loopback SNTP server on its own clock, for tests and the demo: a chosen offset and
// delay, and the broken answers real servers give (malformed packets, kiss-of-death,
// a wrong origin, an unsynchronised clock, silence).
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import {
  LEAP_UNSYNCHRONISED,
  MODE_CLIENT,
  MODE_SERVER,
  PACKET_BYTES,
  decodePacket,
  encodePacket,
} from '../clock/sntp-packet.js';

export type SntpBehaviour =
  | 'normal'
  | 'silent'
  | 'kiss'
  | 'malformed'
  | 'wrong-origin'
  | 'unsynchronised'
  | 'client-mode'
  | 'stratum-16'
  | 'zero-transmit';

export interface SntpEmulatorOptions {
  /** Runner minus this server, like the Genesys emulator: its clock is Date.now()/1000 − skew. */
  skewSeconds?: number;
  /** Extra delay per reply, split evenly between the way in and the way out. */
  delayMs?: number;
  behaviour?: SntpBehaviour;
  /** The code a kiss-of-death carries. */
  kissCode?: string;
  stratum?: number;
  /** The first N requests get `behaviour`; later ones a normal answer. All when unset. */
  times?: number;
}

export interface SntpEmulator {
  host: string;
  port: number;
  /** `127.0.0.1:port`, the form the `ntp-servers` input takes. */
  address: string;
  options: SntpEmulatorOptions;
  /** How many requests arrived, in total. */
  requests: number;
  close(): Promise<void>;
}

export async function startSntpEmulator(
  options: SntpEmulatorOptions = {},
  host = '127.0.0.1',
): Promise<SntpEmulator> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const emulator: SntpEmulator = {
    host,
    port: 0,
    address: '',
    options,
    requests: 0,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  const now = () => Date.now() / 1000 - (emulator.options.skewSeconds ?? 0);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  socket.on('message', async (data, peer) => {
    const n = emulator.requests++;
    const o = emulator.options;
    const request = decodePacket(data);
    if (!request || request.mode !== MODE_CLIENT) return;
    const half = (o.delayMs ?? 0) / 2;
    await pause(half);
    const receive = now();
    const spoiled = o.times === undefined || n < o.times;
    const behaviour = spoiled ? (o.behaviour ?? 'normal') : 'normal';
    if (behaviour === 'silent') return;

    let reply: Buffer;
    if (behaviour === 'malformed') {
      reply = Buffer.from('not an ntp packet');
    } else {
      const transmit = now();
      const wrongOrigin = Buffer.from(request.transmitBytes);
      wrongOrigin[7] ^= 0xff;
      reply = encodePacket({
        leap: behaviour === 'unsynchronised' ? LEAP_UNSYNCHRONISED : 0,
        version: request.version,
        mode: behaviour === 'client-mode' ? MODE_CLIENT : MODE_SERVER,
        stratum:
          behaviour === 'kiss' ? 0 : behaviour === 'stratum-16' ? 16 : (o.stratum ?? 2),
        poll: 4,
        precision: -20,
        referenceId: behaviour === 'kiss' ? (o.kissCode ?? 'RATE') : 'EMUL',
        reference: receive - 16,
        origin: 0,
        originBytes: behaviour === 'wrong-origin' ? wrongOrigin : request.transmitBytes,
        receive,
        transmit: behaviour === 'zero-transmit' ? 0 : transmit,
      });
      if (reply.length !== PACKET_BYTES) return;
    }
    await pause(half);
    socket.send(reply, peer.port, peer.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  emulator.port = (socket.address() as AddressInfo).port;
  emulator.address = `${host.includes(':') ? `[${host}]` : host}:${emulator.port}`;
  return emulator;
}
