/**
 * The files GitHub reads and no local run executes: action.yml and the workflows. They
 * must parse, agree with the code, and keep the permissions minimal.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { outputsOf } from '../src/report/outputs.js';
import { DEFAULTS } from '../src/settings/settings.js';
import { ROOT } from './helpers/action.js';

const yamlOf = (file: string) =>
  parse(readFileSync(path.join(ROOT, file), 'utf8'), { strict: true, uniqueKeys: true });

describe('action.yml', () => {
  const action = yamlOf('action.yml');

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(DEFAULTS).sort());
    for (const [name, input] of Object.entries<any>(action.inputs)) {
      expect(typeof input.description, name).toBe('string');
      // region is empty so that GENESYSCLOUD_REGION can fill it; the code then defaults.
      if (name !== 'region')
        expect(String(input.default), name).toBe(DEFAULTS[name as keyof typeof DEFAULTS]);
    }
  });

  it('declares exactly the outputs the code sets', () => {
    const report = JSON.parse(
      readFileSync(path.join(ROOT, 'test/fixtures/critical-report.json'), 'utf8'),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(
      Object.keys(outputsOf(report, 'x.json')).sort(),
    );
  });

  it('runs dist/index.js on node24 and carries Marketplace branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.name).toBeTruthy();
    expect(action.branding).toEqual({
      icon: expect.any(String),
      color: expect.any(String),
    });
  });
});

describe('workflows', () => {
  const dir = path.join(ROOT, '.github/workflows');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

  it('exist for CI, dist and the self-test', () => {
    expect(files.sort()).toEqual(['check-dist.yml', 'ci.yml', 'self-test.yml']);
  });

  it.each(files)('%s parses and reads contents only', (file) => {
    const flow = yamlOf(`.github/workflows/${file}`);
    expect(flow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(flow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values<any>(flow.jobs)) {
      expect(job.permissions ?? { contents: 'read' }).toEqual({ contents: 'read' });
      for (const step of job.steps)
        expect(step.uses ?? step.run, JSON.stringify(step)).toBeTruthy();
    }
  });

  it('ci.yml type-checks and tests; check-dist.yml fails on a stale dist/', () => {
    const ci = JSON.stringify(yamlOf('.github/workflows/ci.yml'));
    expect(ci).toContain('npm test');
    expect(ci).toContain('prettier --check');
    const dist = JSON.stringify(yamlOf('.github/workflows/check-dist.yml'));
    expect(dist).toContain('npm run build');
    expect(dist).toContain('git status --porcelain -- dist');
  });

  it('self-test.yml starts the emulator, then uses the action with its hosts', () => {
    const { steps } = yamlOf('.github/workflows/self-test.yml').jobs.action;
    const start = steps.findIndex((s: any) => s.run?.includes('dist/emulator/index.js'));
    const use = steps.findIndex((s: any) => s.uses === './');
    expect(start).toBeGreaterThan(-1);
    expect(use).toBeGreaterThan(start);
    const id = steps[start].id;
    expect(steps[use].with['login-url']).toBe(`\${{ steps.${id}.outputs.login-url }}`);
    expect(steps[use].with['api-url']).toBe(`\${{ steps.${id}.outputs.api-url }}`);
    const print = steps[use + 1];
    for (const output of Object.keys(yamlOf('action.yml').outputs))
      expect(JSON.stringify(print.env)).toContain(
        `steps.${steps[use].id}.outputs.${output}`,
      );
  });
});
