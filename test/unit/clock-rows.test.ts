/** The summary rows for the three clocks, the runner's time service and a clock step. */
import { describe, expect, it } from 'vitest';
import { clockRows } from '../../src/report/clock-rows.js';
import type { Report } from '../../src/report/report.js';

const reference: NonNullable<Report['reference']> = {
  name: 'time.windows.com:123',
  skewSeconds: 45.0004,
  boundSeconds: 0.012,
  answered: 1,
  agreeing: 1,
  consistent: true,
  sources: [
    {
      kind: 'sntp',
      name: 'time.windows.com:123',
      status: 'ok',
      skewSeconds: 45,
      boundSeconds: 0.012,
      detail: 'stratum 3, delay 24.0 ms, 3 of 3 answered',
    },
  ],
};
const rows = (fields: Partial<Report>) => Object.fromEntries(clockRows(fields as Report));

describe('clockRows', () => {
  it('puts the three clocks on one line, the culprit in bold', () => {
    const r = rows({
      reference,
      attribution: {
        culprit: 'runner',
        runnerSeconds: 45,
        runnerBoundSeconds: 0.012,
        serverSeconds: -0.002,
        serverBoundSeconds: 0.02,
        thresholdSeconds: 5,
        summary: '',
      },
    });
    expect(r['Clocks (against the reference)']).toBe(
      '**runner +45.000 s ± 12 ms** · Genesys −0.002 s ± 20 ms · reference 0 s (time.windows.com:123): the runner is out of step',
    );
    expect(r['Reference']).toBe(
      'time.windows.com:123 (SNTP): runner +45.000 s ± 12 ms, stratum 3, delay 24.0 ms, 3 of 3 answered',
    );
  });

  it('a reference that did not answer', () => {
    const r = rows({
      reference: {
        ...reference,
        skewSeconds: undefined,
        boundSeconds: undefined,
        answered: 0,
        sources: [
          {
            ...reference.sources[0],
            status: 'silent',
            skewSeconds: undefined,
            detail: 'no answer to 2 request(s) (UDP blocked?)',
          },
        ],
      },
      attribution: { culprit: 'unknown', thresholdSeconds: 5, summary: '' },
    });
    expect(r['Clocks (against the reference)']).toBe(
      'reference (time.windows.com:123) did not answer: cannot tell which is out of step',
    );
    expect(r['Reference']).toBe(
      'time.windows.com:123 (SNTP): no answer to 2 request(s) (UDP blocked?)',
    );
  });

  it('the runner time service with its fix, and a step during the run', () => {
    const r = rows({
      runnerClock: {
        stepSeconds: -1.25,
        sync: {
          platform: 'linux',
          service: 'chrony',
          synchronized: false,
          offsetSeconds: -1.25,
          source: '169.254.169.123',
          findings: [],
          fix: 'sudo chronyc makestep',
        },
      },
    });
    expect(r['Runner time sync']).toBe(
      'chrony: **not synchronised** (source 169.254.169.123), its own offset −1.250 s; fix: `sudo chronyc makestep`',
    );
    expect(r['Runner clock during the run']).toBe(
      '**stepped by −1.250 s** (wall clock against the monotonic clock)',
    );
    expect(r['Clocks (against the reference)']).toBeUndefined();
  });

  it('sends the fix to the host when the runner is a container', () => {
    const r = rows({
      runnerClock: {
        sync: {
          platform: 'linux',
          findings: [],
          fix: 'sudo timedatectl set-ntp true',
          container: true,
        },
      },
    });
    expect(r['Runner time sync']).toBe(
      'no time service found: sync state unknown; fix on the host (a container shares its clock): `sudo timedatectl set-ntp true`',
    );
  });
});
