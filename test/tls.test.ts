/** A private CA: HTTPS to a host whose certificate only NODE_EXTRA_CA_CERTS vouches for. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/emulator/genesys.js';
import { emulatorInputs, runAction, secretsOf } from './helpers/action.js';

/** A self-signed certificate for 127.0.0.1, standing in for a company's own CA. */
function makeCertificate(): { key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gcc-ca-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=genesys-clock-check test CA',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
  };
}

describe('a private CA', () => {
  let emu: Emulator;
  let certFile: string;
  beforeAll(async () => {
    const made = makeCertificate();
    certFile = made.certFile;
    emu = await startEmulator({ tls: { key: made.key, cert: made.cert } });
  });
  afterAll(() => emu.close());

  it('without NODE_EXTRA_CA_CERTS: refused, and the fix is named', async () => {
    const run = await runAction({ ...emulatorInputs(emu), 'timeout-seconds': '8' });
    expect(emu.loginUrl).toMatch(/^https:/);
    expect(run.status).toBe(1);
    expect(run.outputs.risk).toBe('unknown');
    expect(run.stdout).toMatch(
      new RegExp(
        `${new URL(emu.loginUrl).host}: TLS certificate is self-signed \\(set NODE_EXTRA_CA_CERTS`,
      ),
    );
  });

  it('with NODE_EXTRA_CA_CERTS: measured over TLS', async () => {
    const run = await runAction(emulatorInputs(emu), { NODE_EXTRA_CA_CERTS: certFile });
    expect(run.status).toBe(0);
    expect(run.outputs.risk).toBe('low');
    expect(run.outputs['token-accepted']).toBe('true');
    const skew = Number(run.outputs['skew-seconds']);
    const bound = Number(run.outputs['skew-bound-seconds']);
    expect(Math.abs(skew)).toBeLessThanOrEqual(bound); // the emulator's true skew is 0
    for (const secret of secretsOf(emu)) expect(run.written).not.toContain(secret);
  });
});
