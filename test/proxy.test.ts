/** Corporate networks: the action goes through HTTPS_PROXY/HTTP_PROXY unless NO_PROXY says not. */
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { emulatorInputs, runAction, secretsOf } from './helpers/action.js';

/** A minimal forward proxy on loopback: CONNECT tunnels and absolute-form requests. */
function startProxy() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      target,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise<{ url: string; seen: string[]; close: () => Promise<void> }>(
    (resolve) =>
      server.listen(0, '127.0.0.1', () =>
        resolve({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          seen,
          close: () =>
            new Promise((done) => {
              server.closeAllConnections();
              server.close(() => done());
            }),
        }),
      ),
  );
}

let emu: Emulator;
let proxy: Awaited<ReturnType<typeof startProxy>>;
beforeAll(async () => {
  emu = await startEmulator({ skewSeconds: 45 });
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
});

describe('proxies', () => {
  it('sends every request through HTTP_PROXY and still measures exactly', async () => {
    proxy.seen.length = 0;
    const run = await runAction(
      { ...emulatorInputs(emu), 'fail-on': 'never' },
      { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
    );
    expect(run.status).toBe(0);
    expect(run.outputs.risk).toBe('high');
    expect(Math.abs(Number(run.outputs['skew-seconds']) - 45)).toBeLessThanOrEqual(
      Number(run.outputs['skew-bound-seconds']),
    );
    const hosts = [new URL(emu.loginUrl).host, new URL(emu.apiUrl).host];
    for (const host of hosts) expect(proxy.seen.join('\n')).toContain(host);
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    proxy.seen.length = 0;
    const run = await runAction(
      { ...emulatorInputs(emu), 'fail-on': 'never' },
      { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
    );
    expect(run.outputs.risk).toBe('high');
    expect(Math.abs(Number(run.outputs['skew-seconds']) - 45)).toBeLessThanOrEqual(
      Number(run.outputs['skew-bound-seconds']),
    );
    expect(proxy.seen).toEqual([]);
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
  });

  it('names the proxy when it cannot be reached', async () => {
    // Nothing listens on port 9; the password must not show up anywhere.
    const proxyUrl = 'http://proxy-user:proxy-pass-7f3e@127.0.0.1:9';
    const run = await runAction(
      { ...emulatorInputs(emu), 'timeout-seconds': '6' },
      { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl },
    );
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    // The login host is named, and the variable holding the proxy, never its address.
    const login = new URL(emu.loginUrl).host.replaceAll('.', '\\.');
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::genesys-clock-check: could not measure .*${login}: the proxy in HTTP_PROXY cannot be reached \\(connection refused\\)`,
        'm',
      ),
    );
    expect(run.written).not.toMatch(/127\.0\.0\.1:9\b/);
    expect(run.written).not.toContain('proxy-pass-7f3e');
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
  });

  it('says a proxy wants authentication (407), at once and without retrying', async () => {
    let tunnels = 0;
    const refusing = createServer();
    refusing.on('connect', (_req, socket) => {
      tunnels += 1;
      socket.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n',
      );
    });
    await new Promise<void>((done) => refusing.listen(0, '127.0.0.1', done));
    const proxyUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    try {
      const run = await runAction(emulatorInputs(emu), {
        HTTP_PROXY: proxyUrl,
        HTTPS_PROXY: proxyUrl,
      });
      expect(run.outputs.risk).toBe('unknown');
      expect(run.stdout).toMatch(
        /^::error::genesys-clock-check: could not measure .*the proxy in HTTP_PROXY wants authentication \(407\)/m,
      );
      expect(tunnels).toBe(1);
      expect(run.seconds).toBeLessThan(5);
      expect(run.written).not.toContain(proxyUrl);
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
    } finally {
      refusing.close();
    }
  });
});
