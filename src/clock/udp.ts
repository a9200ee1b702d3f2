/** The real datagram socket behind the SNTP client. */
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SocketFactory } from './sntp.js';

/**
 * A connected UDP socket: only the server's datagrams reach it, and an ICMP "port
 * unreachable" comes back as an error instead of a silence.
 */
export const udpSocket: SocketFactory = (host, port, onMessage, onError) =>
  new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    let open = false;
    socket.on('message', (data) => onMessage(data));
    socket.on('error', (error) => {
      if (open) return onError(error);
      socket.close();
      reject(error);
    });
    // Node hands a failed lookup to this callback rather than to the 'error' event.
    socket.connect(port, host, (error?: Error) => {
      if (error) {
        socket.close();
        return reject(error);
      }
      open = true;
      resolve({
        send: (packet) =>
          new Promise((done, fail) =>
            socket.send(packet, (error) => (error ? fail(error) : done())),
          ),
        close: () => {
          try {
            socket.close();
          } catch {
            // Already closed after an error: nothing left to release.
          }
        },
      });
    });
  });
