/** Field cases of "401 after token refresh", each reproduced on the emulator. */
import { describe, expect, it } from 'vitest';
import { type EmulatorOptions, startEmulator } from '../src/emulator/genesys.js';
import {
  type ActionRun,
  emulatorInputs,
  runAction,
  secretsOf,
} from './helpers/action.js';

interface Scenario {
  id: string;
  setup: EmulatorOptions;
  risk: string;
  status: number;
  /** Phrases the report's reasons, notes or headline must carry. */
  says: RegExp[];
  extra?: (run: ActionRun) => void;
}

/** The first match of `pattern` among the report's reasons. */
function reasonOf(run: ActionRun, pattern: RegExp): RegExpMatchArray {
  const matches = (run.report?.reasons as string[]).map((r) => r.match(pattern));
  const found = matches.find((m) => m !== null);
  expect(found, `no reason matches ${pattern}`).toBeDefined();
  return found!;
}

const SCENARIOS: Scenario[] = [
  {
    id: 'F01 transient rejection of a fresh token, skew 0.2 s',
    setup: { skewSeconds: 0.2, latencyMs: 150, rejectFirstApiCalls: 1 },
    risk: 'low',
    status: 0,
    says: [
      /rejected the fresh token 1 time\(s\) and then accepted/,
      /cannot explain/,
      /in flight/,
    ],
    extra: (run) => expect(run.outputs['token-accepted']).toBe('true'),
  },
  {
    id: 'F02 runner 15 s fast',
    setup: { skewSeconds: 15, latencyMs: 100 },
    risk: 'medium',
    status: 0,
    says: [
      /15\.0 s ahead/,
      /breaks JWT and SAML validators with no leeway.*FAPI/,
      /fine for validators with 30 s/,
    ],
  },
  {
    id: 'F03 runner 326 s slow',
    setup: { skewSeconds: -326, latencyMs: 200 },
    risk: 'critical',
    status: 1,
    says: [/326\.0 s behind/, /breaks .*5-minute allowance of Google, AWS SigV4, MSAL/],
  },
  {
    id: 'F04 only Date headers, runner 1.2 s slow',
    setup: { skewSeconds: -1.2, latencyMs: 50, dateEndpoint: 'missing' },
    risk: 'low',
    status: 0,
    says: [/from \d+ Date headers/],
    extra: (run) => {
      expect(run.report?.skew.source).toBe('date-header');
      expect(run.report?.skew.boundSeconds).toBeLessThan(0.1);
      expect(run.summary).toContain('Date headers (1 s, timed)');
    },
  },
  {
    id: 'F05 JWT with float claims',
    setup: { tokenFormat: 'jwt', jwtClaims: { iat: 0.766, exp: 315.766 } },
    risk: 'low',
    status: 0,
    says: [
      /The token's iat sits \d+ ms after the server's clock at issue: within a second, which is rounding of the claim, not skew\./,
    ],
    extra: (run) => {
      expect(run.report?.token.format).toBe('jwt');
      // The 0.766 s the emulator put on iat, read to within half the token request's
      // round trip (when in it the server issued) and the skew bound.
      const said = Number(reasonOf(run, /^The token's iat sits (\d+) ms after/)[1]);
      const token = run.report?.rawSamples.find(
        (s: { exchange: string }) => s.exchange === 'POST /oauth/token',
      );
      const slack =
        token.rttMs / 2 + Number(run.outputs['skew-bound-seconds']) * 1000 + 1;
      expect(Math.abs(said - 766)).toBeLessThanOrEqual(slack);
    },
  },
  {
    id: 'F06 JWT stamped one hour ahead',
    setup: { tokenFormat: 'jwt', jwtClaims: { iat: 3600, nbf: 3600, exp: 7200 } },
    risk: 'critical',
    status: 1,
    says: [
      /The token is not valid yet: its nbf\/iat lies 59 min 5\d s in the future/,
      /The issuer stamped the claims ahead of its own clock by whole hours, the mark of a local-time or daylight-saving conversion bug/,
      /runner is not the cause/,
    ],
  },
  {
    id: 'F07 JWT without iat',
    setup: { tokenFormat: 'jwt', jwtClaims: { iat: null, nbf: 0, exp: 3600 } },
    risk: 'low',
    status: 0,
    says: [/no 'iat' \(issued-at\) claim: a token-policy fact/],
    extra: (run) => expect(run.report?.token.lifetimeSeconds).toBe(3600),
  },
  {
    id: 'F08 server rejects the token after 60 s',
    setup: { skewSeconds: 0.4, rejectAfterSeconds: 60 },
    risk: 'low',
    status: 0,
    says: [/^Measured: the runner is \d+ ms ahead of Genesys Cloud \(± \d+ ms\)/m],
    extra: (run) => {
      expect(run.outputs['token-accepted']).toBe('true');
      // The run ends long before the 60 s: the words carry the measured 0.4 s and
      // nothing of a rejection.
      const said = reasonOf(run, /^Measured: the runner is (\d+) ms ahead/)[1];
      expect(Number(said)).toBe(Math.round(Number(run.outputs['skew-seconds']) * 1000));
      expect(run.report?.reasons.join('\n')).not.toMatch(/reject/);
      expect(run.report?.mitigation).toBeUndefined();
    },
  },
  {
    id: 'F08 server rejects the token after 1 s',
    setup: { skewSeconds: 0.4, rejectAfterSeconds: 1 },
    risk: 'critical',
    status: 1,
    says: [
      /API rejects the fresh token \(credentials\.expired after/,
      /also on a retry/,
      /clocks are not the cause/,
      /fresh token was accepted when new/,
    ],
    extra: (run) => {
      expect(run.outputs['token-accepted']).toBe('false');
      // The rejections' Date headers still count as samples.
      const rejected = run.report?.rawSamples.filter(
        (s: { status: number }) => s.status === 401,
      );
      expect(rejected.length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    id: 'F09 runner 45 s fast',
    setup: { skewSeconds: 45, latencyMs: 40 },
    risk: 'high',
    status: 1,
    says: [/45\.0 s ahead/, /intermittent|stamps or checks times/],
  },
  {
    id: 'F10 runner 90 s fast, token lives 60 s',
    setup: { skewSeconds: 90, tokenLifetimeSeconds: 60 },
    risk: 'critical',
    status: 1,
    says: [/expired for the runner's clock/, /expired on arrival/],
    extra: (run) => {
      expect(Number(run.outputs['client-remaining-seconds'])).toBeLessThan(0);
      expect(Number(run.outputs['server-remaining-seconds'])).toBeGreaterThan(0);
    },
  },
];

describe('field cases', () => {
  it.each(SCENARIOS)('$id', async (scenario) => {
    const emu = await startEmulator(scenario.setup);
    try {
      const run = await runAction(emulatorInputs(emu));
      const truth = scenario.setup.skewSeconds ?? 0;

      expect(run.outputs.risk).toBe(scenario.risk);
      expect(run.status).toBe(scenario.status);
      const skew = Number(run.outputs['skew-seconds']);
      const bound = Number(run.outputs['skew-bound-seconds']);
      expect(Math.abs(skew - truth)).toBeLessThanOrEqual(bound);
      const r = run.report!;
      const text = [
        r.headline,
        ...r.reasons,
        ...r.advice,
        ...r.notes,
        r.mitigation?.summary,
      ].join('\n');
      for (const phrase of scenario.says) expect(text).toMatch(phrase);
      expect(run.summary).toContain(`**${scenario.risk}**`);
      // The summary carries the measured skew and bound in numbers, as the outputs do.
      const out = run.outputs['skew-seconds'];
      const signed = out.startsWith('-') ? `−${out.slice(1)}` : `+${out}`;
      expect(run.summary).toContain(
        `| Skew (runner − Genesys) | ${signed} s ± ${run.outputs['skew-bound-seconds']} s: `,
      );
      for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
      scenario.extra?.(run);
    } finally {
      await emu.close();
    }
  });
});
