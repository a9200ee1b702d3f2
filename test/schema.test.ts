/** Real reports, from the built action and the bundled CLI, against report.schema.json. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { startSntpEmulator } from '../src/emulator/sntp.js';
import { SCHEMA_VERSION } from '../src/report/report.js';
import { ROOT, emulatorInputs, runAction } from './helpers/action.js';
import { runCli } from './helpers/cli.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat(
  'date-time',
  (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !isNaN(Date.parse(s)),
);
ajv.addFormat('uri', (s: string) => URL.canParse(s));
const validate = ajv.compile(schema);

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(ok, ajv.errorsText(validate.errors)).toBe(true);
  expectDescribed(report, schema, '');
}

/** Every field a report carries is in the schema, so the schema is its documentation. */
function expectDescribed(value: unknown, node: any, at: string): void {
  if (node?.$ref) node = schema.$defs[node.$ref.split('/').pop()];
  if (Array.isArray(value)) {
    for (const item of value) expectDescribed(item, node?.items, `${at}[]`);
  } else if (value && typeof value === 'object' && node?.properties) {
    for (const [key, inner] of Object.entries(value)) {
      expect(node.properties, `${at}.${key} is not in report.schema.json`).toHaveProperty(
        key,
      );
      expectDescribed(inner, node.properties[key], `${at}.${key}`);
    }
  }
}

const fixture = () =>
  JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/critical-report.json'), 'utf8'));

describe('report.schema.json', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ latencyMs: 10 });
  });
  afterAll(() => emu.close());

  it('matches the schema version the code writes', () => {
    expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  });

  it.each([
    {
      name: 'high skew with the fresh-token comparison',
      options: { skewSeconds: 45 },
      field: 'mitigation',
    },
    {
      name: 'Date headers only',
      options: { skewSeconds: -1.2, dateEndpoint: 'missing' },
      field: 'skew',
    },
    { name: 'a JWT with claims', options: { tokenFormat: 'jwt' }, field: 'token' },
  ] as const)('accepts the action report: $name', async ({ options, field }) => {
    Object.assign(
      emu.options,
      { skewSeconds: 0, dateEndpoint: undefined, tokenFormat: undefined },
      options,
    );
    const run = await runAction(emulatorInputs(emu));
    expect(run.report?.status).toBe('measured');
    // Each case exercises a part of the schema the others leave out.
    const part = { mitigation: 'summary', skew: 'source', token: 'claims' }[field];
    expect(run.report?.[field]?.[part]).toBeDefined();
    if (field === 'skew') expect(run.report?.skew.source).toBe('date-header');
    expectValid(run.report);
  });

  it('accepts the report of a run with a reference clock', async () => {
    Object.assign(emu.options, {
      skewSeconds: 45,
      dateEndpoint: undefined,
      tokenFormat: undefined,
    });
    const sntp = await startSntpEmulator();
    try {
      const run = await runAction({
        ...emulatorInputs(emu),
        'ntp-servers': sntp.address,
      });
      expect(run.report?.attribution?.culprit).toBe('server');
      expect(run.report?.reference?.sources[0]?.kind).toBe('sntp');
      expectValid(run.report);
    } finally {
      await sntp.close();
    }
  });

  it('accepts the report of a run that could not measure', async () => {
    Object.assign(emu.options, {
      skewSeconds: 0,
      dateEndpoint: undefined,
      tokenFormat: undefined,
    });
    const run = await runAction({ ...emulatorInputs(emu), 'client-secret': 'wrong' });
    expect(run.report?.status).toBe('failed');
    expect(run.report?.risk).toBe('unknown');
    expectValid(run.report);
  });

  it('accepts the CLI --json report and the committed critical report', async () => {
    const run = await runCli(['--simulate', '--skew', '120', '--json']);
    const report = JSON.parse(run.stdout);
    expect(report.risk).toBe('critical');
    expectValid(report);
    expectValid(fixture());
  });

  it('rejects reports that break it', () => {
    const cases: [string, (r: any) => void][] = [
      ['measured without a skew', (r) => delete r.skew],
      ['a risk that does not exist', (r) => (r.risk = 'severe')],
      ['a skew as text', (r) => (r.skew.seconds = '90.001')],
      [
        'a failed run without its error',
        (r) => Object.assign(r, { status: 'failed', risk: 'unknown' }),
      ],
      ['a negative bound', (r) => (r.skew.boundSeconds = -1)],
      ['a sample without its interval', (r) => delete r.rawSamples[0].lowSeconds],
    ];
    for (const [name, spoil] of cases) {
      const report = fixture();
      spoil(report);
      expect(validate(report), name).toBe(false);
    }
  });
});
