import { describe, expect, it } from 'vitest';
import { type Measurement, buildReport } from '../../src/report/report.js';
import { outputsOf } from '../../src/report/outputs.js';
import { judge } from '../../src/verdict/verdict.js';
import { estimateOf, settingsOf } from '../helpers/fixtures.js';

const SETTINGS = settingsOf();
const PLACE = {
  runner: { name: 'r', os: 'Linux', arch: 'X64' },
  repository: '',
  workflow: '',
  runId: '',
  job: '',
};

describe('the rounded skew ± bound still holds the whole interval', () => {
  it('for intervals of every size and position, in the report and the outputs', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 2000; trial++) {
      const lo = (rand() - 0.5) * 20;
      const hi = lo + rand() ** 3 * 0.05;
      const e = estimateOf(lo, hi, { considered: 4, agreeing: 4, bestRttMs: 1 });
      const m: Measurement = {
        samples: [],
        ignored: [],
        tokenCalls: [],
        notes: [],
        revoked: [],
        estimate: e,
        verdict: judge({ estimate: e, thresholds: SETTINGS.thresholds }),
      };
      const r = buildReport(SETTINGS, m, PLACE, new Date(0), 'test');
      const out = outputsOf(r, 'report.json');
      const skew = Number(out['skew-seconds']);
      const bound = Number(out['skew-bound-seconds']);
      for (const end of [lo, hi]) {
        expect(Math.abs(end - skew)).toBeLessThanOrEqual(bound + 1e-12);
        expect(Math.abs(end - r.skew!.seconds)).toBeLessThanOrEqual(
          r.skew!.boundSeconds + 1e-12,
        );
      }
      expect(r.skew!.lowSeconds).toBeLessThanOrEqual(lo);
      expect(r.skew!.highSeconds).toBeGreaterThanOrEqual(hi);
      expect(bound - e.bound).toBeLessThanOrEqual(0.0015 + 1e-9);
    }
  });
});
