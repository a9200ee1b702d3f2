/** The action's requests to Genesys per run, counted by the emulator that served them. */
import { describe, expect, it } from 'vitest';
import { type EmulatorOptions, startEmulator } from '../src/emulator/genesys.js';
import { emulatorInputs, runAction } from './helpers/action.js';

/** Rate limits are per token; the check keeps itself to this many requests. */
const BUDGET = 12;

const CASES: { name: string; setup: EmulatorOptions; inputs?: Record<string, string> }[] =
  [
    {
      name: 'Date headers only, runner 45 s fast (a high risk wants a fresh token too)',
      setup: { skewSeconds: 45, latencyMs: 20, dateEndpoint: 'missing' },
    },
    {
      name: '/api/v2/date, runner 326 s slow, the most samples allowed',
      setup: { skewSeconds: -326, latencyMs: 20, jitterMs: 20 },
      inputs: { samples: '8' },
    },
    {
      name: 'Date headers only, a rejected first call and a rate-limited token request',
      setup: {
        skewSeconds: 0.3,
        latencyMs: 10,
        dateEndpoint: 'missing',
        rejectFirstApiCalls: 1,
        rateLimit: { requests: 1, retryAfterSeconds: 0 },
      },
      inputs: { samples: '8' },
    },
  ];

describe('request budget', () => {
  it.each(CASES)('$name: at most 12 requests, tokens revoked', async (c) => {
    const emu = await startEmulator(c.setup);
    try {
      const run = await runAction({ ...emulatorInputs(emu), ...c.inputs });
      const truth = c.setup.skewSeconds ?? 0;
      const skew = Number(run.outputs['skew-seconds']);
      const bound = Number(run.outputs['skew-bound-seconds']);
      expect(Math.abs(skew - truth)).toBeLessThanOrEqual(bound);

      expect(emu.requests.length).toBeGreaterThan(3);
      expect(emu.requests.length).toBeLessThanOrEqual(BUDGET);
      const tokens = emu.requests.filter(
        (r) => r.path === '/oauth/token' && r.status === 200,
      );
      const revocations = emu.requests.filter((r) => r.method === 'DELETE');
      expect(revocations).toHaveLength(tokens.length);
      expect(emu.revokedTokens).toEqual(emu.issuedTokens);
    } finally {
      await emu.close();
    }
  });
});
