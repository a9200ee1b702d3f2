/** The SNTP packet codec, reply validation and the client's exchanges, without a network. */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/clock.js';
import {
  type Packet,
  NTP_UNIX_OFFSET,
  checkReply,
  decodePacket,
  encodePacket,
  encodeRequest,
  intervalOf,
  readTimestamp,
  writeTimestamp,
} from '../../src/clock/sntp-packet.js';
import { type SocketFactory, querySntp } from '../../src/clock/sntp.js';

/** A clock that moves only when the code under test sleeps or the fake network delays. */
function fakeClock(wall0 = 1_796_000_000) {
  let t = 0;
  const clock: Clock & { advance(s: number): void } = {
    now: () => wall0 + t,
    wall: () => wall0 + t,
    monotonic: () => t,
    sleep: async (s) => {
      t += Math.max(0, s);
    },
    advance: (s) => {
      t += s;
    },
  };
  return clock;
}

type Reply = (request: Packet, serverNow: number) => Buffer | undefined;

/**
 * A server reached over a fake socket: `skew` is runner − server, `outMs`/`backMs` the
 * one-way delays. `reply` may spoil the answer or return undefined for silence.
 */
function fakeServer(
  clock: ReturnType<typeof fakeClock>,
  opts: { skew: number; outMs: number[]; backMs: number[]; reply?: Reply },
) {
  let n = 0;
  const sent: Buffer[] = [];
  const factory: SocketFactory = async (_host, _port, onMessage) => ({
    send: async (packet) => {
      sent.push(packet);
      const i = n++;
      const request = decodePacket(packet)!;
      clock.advance((opts.outMs[i % opts.outMs.length] ?? 0) / 1000);
      const serverNow = clock.now() - opts.skew;
      const reply = opts.reply
        ? opts.reply(request, serverNow)
        : answer(request, serverNow, {
            reference: serverNow - 10,
            transmit: serverNow + 0.0001,
          });
      clock.advance(0.0001 + (opts.backMs[i % opts.backMs.length] ?? 0) / 1000);
      if (reply) onMessage(reply);
    },
    close: () => {},
  });
  return { factory, sent };
}

describe('timestamps', () => {
  it.each([
    { unix: 0, ntpSeconds: NTP_UNIX_OFFSET },
    { unix: 1_796_314_166.5, ntpSeconds: 1_796_314_166 + NTP_UNIX_OFFSET },
    // After 2036-02-07 the seconds field wraps (era 1); it must still read as Unix time.
    { unix: 2_100_000_000.25, ntpSeconds: (2_100_000_000 + NTP_UNIX_OFFSET) % 2 ** 32 },
  ])('$unix round-trips through the 64-bit format', ({ unix, ntpSeconds }) => {
    const buf = Buffer.alloc(8);
    writeTimestamp(buf, 0, unix);
    expect(buf.readUInt32BE(0)).toBe(ntpSeconds);
    expect(readTimestamp(buf, 0)).toBeCloseTo(unix, 6);
  });

  it('reads an all-zero timestamp as 0 (unset)', () => {
    expect(readTimestamp(Buffer.alloc(8), 0)).toBe(0);
  });
});

describe('packets', () => {
  it('a request is 48 bytes, version 4, mode 3, carrying its transmit time', () => {
    const req = encodeRequest(1_796_314_166.25);
    expect(req.length).toBe(48);
    expect(req[0]).toBe(0x23);
    const p = decodePacket(req)!;
    expect(p).toMatchObject({ leap: 0, version: 4, mode: 3, stratum: 0 });
    expect(p.transmit).toBeCloseTo(1_796_314_166.25, 6);
    expect(p.origin).toBe(0);
  });

  it('decodes every field of a reply', () => {
    const buf = encodePacket({
      leap: 1,
      version: 3,
      mode: 4,
      stratum: 1,
      poll: 6,
      precision: -23,
      referenceId: 'GPS',
      reference: 1_796_000_000,
      origin: 1_796_000_001.5,
      receive: 1_796_000_002.25,
      transmit: 1_796_000_002.5,
    });
    expect(decodePacket(buf)).toMatchObject({
      leap: 1,
      version: 3,
      mode: 4,
      stratum: 1,
      poll: 6,
      precision: -23,
      referenceId: 'GPS',
    });
    expect(decodePacket(buf)!.receive).toBeCloseTo(1_796_000_002.25, 6);
  });

  it('shows an address as the reference id above stratum 1', () => {
    const buf = encodeRequest(1);
    buf[1] = 3;
    buf.set([192, 0, 2, 7], 12);
    expect(decodePacket(buf)!.referenceId).toBe('192.0.2.7');
  });

  it('refuses a short datagram', () => {
    expect(decodePacket(Buffer.alloc(47))).toBeUndefined();
  });
});

describe('reply validation', () => {
  const sent = encodeRequest(1_796_000_000.125);
  const sentBytes = sent.subarray(40, 48);
  const base = {
    leap: 0,
    version: 4,
    mode: 4,
    stratum: 2,
    poll: 4,
    precision: -20,
    referenceId: 'X',
    reference: 1_795_999_990,
    origin: 0,
    originBytes: sentBytes,
    receive: 1_796_000_000.2,
    transmit: 1_796_000_000.2001,
  };
  const other = Buffer.from(sentBytes);
  other[7] ^= 1;
  it.each([
    { name: 'a proper reply', change: {}, expected: undefined },
    { name: 'mode 3', change: { mode: 3 }, expected: /mode 3/ },
    { name: 'broadcast mode 5', change: { mode: 5 }, expected: /mode 5/ },
    { name: 'a wrong origin', change: { originBytes: other }, expected: /origin/ },
    { name: 'stratum 16', change: { stratum: 16 }, expected: /stratum 16/ },
    { name: 'leap 3', change: { leap: 3 }, expected: /unsynchronised/ },
    { name: 'a zero transmit time', change: { transmit: 0 }, expected: /zero transmit/ },
    { name: 'a zero receive time', change: { receive: 0 }, expected: /zero receive/ },
    {
      name: 'transmit before receive',
      change: { transmit: 1_796_000_000.1 },
      expected: /before/,
    },
  ])('$name', ({ change, expected }) => {
    const p = decodePacket(encodePacket({ ...base, ...change }))!;
    const rejection = checkReply(p, sentBytes);
    if (expected === undefined) expect(rejection).toBeUndefined();
    else expect(rejection?.reason).toMatch(expected);
    if (expected) expect(rejection?.kind).toBe('invalid');
  });

  it.each(['RATE', 'DENY', 'RSTR'])(
    'stratum 0 is a kiss-of-death with code %s',
    (code) => {
      const p = decodePacket(encodePacket({ ...base, stratum: 0, referenceId: code }))!;
      expect(checkReply(p, sentBytes)).toEqual({
        kind: 'kiss',
        code,
        reason: `kiss-of-death ${code}`,
      });
    },
  );
});

describe('offset and delay from the four timestamps', () => {
  it.each([
    // Runner 2 s ahead, 10 ms each way, 1 ms in the server.
    { t1: 100, t2: 98.01, t3: 98.011, t4: 100.021, skew: 2, delay: 0.02 },
    // Runner 30 s behind, asymmetric: 40 ms out, 0 back. The interval still holds the truth.
    { t1: 100, t2: 130.04, t3: 130.04, t4: 100.04, skew: -30, delay: 0.04 },
  ])('t1=$t1 t2=$t2 t3=$t3 t4=$t4', ({ skew, delay, ...x }) => {
    const i = intervalOf({ ...x, stratum: 2, referenceId: 'X', precision: 0 });
    expect(i.delay).toBeCloseTo(delay, 9);
    expect(i.bound).toBeCloseTo(delay / 2, 9);
    expect(i.lo).toBeLessThanOrEqual(skew + 1e-9);
    expect(i.hi).toBeGreaterThanOrEqual(skew - 1e-9);
    // NTP's offset θ is reference − runner; the project's skew is its negative.
    const theta = (x.t2 - x.t1 + (x.t3 - x.t4)) / 2;
    expect(i.skew).toBeCloseTo(-theta, 9);
  });
});

/** A well-formed server reply to `req` at server time `now`, with fields overridden. */
function answer(req: Packet, now: number, fields: Partial<Packet> = {}): Buffer {
  return encodePacket({
    leap: 0,
    version: 4,
    mode: 4,
    stratum: 2,
    poll: 4,
    precision: -20,
    referenceId: 'X',
    reference: 0,
    origin: 0,
    originBytes: req.transmitBytes,
    receive: now,
    transmit: now,
    ...fields,
  });
}

describe('querySntp', () => {
  const server = { host: '192.0.2.1', port: 123 };

  it('keeps the lowest-delay exchange and brackets the true skew', async () => {
    const clock = fakeClock();
    const net = fakeServer(clock, {
      skew: 12.5,
      outMs: [80, 5, 40],
      backMs: [20, 5, 40],
    });
    const r = await querySntp(server, { clock, socket: net.factory, deadline: 100 });
    expect(r.status).toBe('ok');
    expect(r.sent).toBe(3);
    expect(r.answered).toBe(3);
    expect(r.best!.delay).toBeCloseTo(0.01, 6);
    expect(r.best!.lo).toBeLessThanOrEqual(12.5);
    expect(r.best!.hi).toBeGreaterThanOrEqual(12.5);
    expect(r.best!.bound).toBeLessThan(0.006);
    // Each request carried its own transmit time, which the origin check relies on.
    expect(new Set(net.sent.map((b) => b.subarray(40).toString('hex'))).size).toBe(3);
  });

  it('stops at a kiss-of-death and reports its code', async () => {
    const clock = fakeClock();
    const net = fakeServer(clock, {
      skew: 0,
      outMs: [5],
      backMs: [5],
      reply: (req, now) =>
        answer(req, now, { stratum: 0, referenceId: 'RATE', reference: 0 }),
    });
    const r = await querySntp(server, { clock, socket: net.factory, deadline: 100 });
    expect(r.status).toBe('kiss');
    expect(r.kissCode).toBe('RATE');
    expect(r.sent).toBe(1);
    expect(r.best).toBeUndefined();
    expect(r.problems.join()).toMatch(/kiss-of-death RATE .*not asked again/);
  });

  it('gives up quietly on silence after two timeouts and says UDP is probably blocked', async () => {
    const clock = fakeClock();
    const net = fakeServer(clock, {
      skew: 0,
      outMs: [0],
      backMs: [0],
      reply: () => undefined,
    });
    const r = await querySntp(server, {
      clock,
      socket: net.factory,
      deadline: 100,
      exchanges: 4,
    });
    expect(r.status).toBe('silent');
    expect(r.sent).toBe(2);
    expect(r.problems.join()).toMatch(/no answer .*UDP port 123 is probably blocked/);
    // Two waits of 1.5 s and one pause of 1 s between them.
    expect(clock.monotonic()).toBeCloseTo(4, 2);
  });

  it.each([
    { name: 'malformed', reply: () => Buffer.from('junk'), problem: /not an NTP packet/ },
    {
      name: 'unsynchronised',
      reply: (req: Packet, now: number) => answer(req, now, { leap: 3 }),
      problem: /unsynchronised/,
    },
    {
      name: 'slower-than-the-round-trip',
      // Claims 1 s between receive and transmit, over a 10 ms round trip.
      reply: (req: Packet, now: number) => answer(req, now, { transmit: now + 1 }),
      problem: /claims more time at the server than the round trip took/,
    },
  ])('a $name reply is not used', async ({ reply, problem }) => {
    const clock = fakeClock();
    const net = fakeServer(clock, { skew: 0, outMs: [5], backMs: [5], reply });
    const r = await querySntp(server, { clock, socket: net.factory, deadline: 100 });
    expect(r.status).toBe('invalid');
    expect(r.best).toBeUndefined();
    expect(r.problems[0]).toMatch(problem);
  });

  it('ignores a reply with the wrong origin and waits for its own answer', async () => {
    const clock = fakeClock();
    const net = fakeServer(clock, {
      skew: 3,
      outMs: [5],
      backMs: [5],
      reply: (req, now) => {
        const wrong = Buffer.from(req.transmitBytes);
        wrong[6] ^= 0xff;
        return answer(req, now, { originBytes: wrong });
      },
    });
    const r = await querySntp(server, { clock, socket: net.factory, deadline: 100 });
    expect(r.best).toBeUndefined();
    expect(r.problems.join()).toMatch(/origin timestamp does not echo/);
    expect(r.status).toBe('silent');
  });

  it('reports a socket that cannot be opened', async () => {
    const clock = fakeClock();
    const failing: SocketFactory = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const r = await querySntp(server, { clock, socket: failing, deadline: 100 });
    expect(r.status).toBe('error');
    expect(r.problems).toEqual(['192.0.2.1:123: host name not found (DNS)']);
  });

  it('says when no time was left to ask at all', async () => {
    const clock = fakeClock();
    clock.advance(10);
    const net = fakeServer(clock, { skew: 0, outMs: [5], backMs: [5] });
    const r = await querySntp(server, { clock, socket: net.factory, deadline: 10 });
    expect(r.sent).toBe(0);
    expect(r.status).toBe('error');
    expect(r.problems).toEqual([
      '192.0.2.1:123: not asked, the time budget (timeout-seconds) was spent',
    ]);
  });

  it('respects the deadline', async () => {
    const clock = fakeClock();
    const net = fakeServer(clock, { skew: 0, outMs: [5], backMs: [5] });
    const r = await querySntp(server, {
      clock,
      socket: net.factory,
      deadline: 0.5,
      exchanges: 5,
    });
    expect(r.sent).toBe(1);
  });
});
