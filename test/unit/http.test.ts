/** The body cap: an answer larger than any Genesys answer is cut off, never buffered whole. */
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.js';
import { MAX_BODY_BYTES, createSender } from '../../src/genesys/http.js';

/** 16 KiB of ASCII without a shorter period, so a body can be checked byte by byte. */
const BLOCK = Array.from({ length: 4000 }, (_, i) => `${i},`)
  .join('')
  .slice(0, 16 * 1024);

/** The first `length` bytes every answer of this server starts with. */
const payload = (length: number): string =>
  BLOCK.repeat(Math.ceil(length / BLOCK.length)).slice(0, length);

/** Far more than the cap and the loopback socket buffers together can hold. */
const HUGE = 1024 * MAX_BODY_BYTES;
/** Bytes the cap and the kernel's socket buffers can take in, with room to spare. */
const BUFFERED_AT_MOST = 16 * 1024 * 1024;

/** What the server managed to send of its last answer before it finished or was cut. */
interface Sent {
  written: number;
  /** Whether the whole answer went out, when the connection closed. */
  finished: Promise<boolean>;
}
let sent: Sent | undefined;

/**
 * Writes `total` bytes of the payload as fast as the client takes them. An endless
 * answer (no total) stops writing after `HUGE` bytes but never ends, so a reader that
 * does not cut it off waits for its timeout.
 */
function stream(res: ServerResponse, total?: number): void {
  const state = {
    written: 0,
    finished: new Promise<boolean>((resolve) =>
      res.on('close', () => resolve(res.writableFinished)),
    ),
  };
  sent = state;
  res.writeHead(200, total === undefined ? {} : { 'content-length': String(total) });
  const end = total ?? HUGE;
  const pump = () => {
    while (!res.destroyed && state.written < end) {
      const chunk = BLOCK.slice(0, Math.min(BLOCK.length, end - state.written));
      state.written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (total !== undefined && !res.destroyed) res.end();
  };
  pump();
}

let server: Server;
let base: string;
const agent = new Agent();

beforeAll(async () => {
  server = createServer((req, res) => {
    const bytes = new URL(req.url ?? '/', 'http://x').searchParams.get('bytes');
    stream(res, bytes === 'endless' ? undefined : Number(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

const { send } = createSender(systemClock(), agent);

/** GETs an answer of `bytes` bytes with a 10 s timeout; returns it and the time taken. */
async function get(bytes: number | 'endless') {
  const started = performance.now();
  const answer = await send({
    method: 'GET',
    url: `${base}/?bytes=${bytes}`,
    timeoutSeconds: 10,
  });
  return { answer, seconds: (performance.now() - started) / 1000 };
}

describe('the body cap', () => {
  it('keeps a body of exactly the cap whole', async () => {
    const { answer } = await get(MAX_BODY_BYTES);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(payload(MAX_BODY_BYTES));
    expect(await sent!.finished).toBe(true);
  });

  it('cuts a body one byte over the cap to exactly the cap', async () => {
    const { answer } = await get(MAX_BODY_BYTES + 1);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(payload(MAX_BODY_BYTES));
  });

  it.each([
    ['a body of a thousand times the cap', HUGE],
    ['an endless body', 'endless' as const],
  ])('stops reading %s at the cap and hangs up', async (_name, bytes) => {
    const { answer, seconds } = await get(bytes);

    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(0);
    expect(answer.body.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(answer.body).toBe(payload(answer.body.length));
    // Far within the 10 s request timeout: the cap ended the read, not the timeout.
    expect(seconds).toBeLessThan(2);
    // The connection was torn down before the answer was out, so the server stopped
    // writing: what left it is the cap and the socket buffers, not the answer.
    expect(await sent!.finished).toBe(false);
    expect(sent!.written).toBeLessThan(BUFFERED_AT_MOST);
  });
});
