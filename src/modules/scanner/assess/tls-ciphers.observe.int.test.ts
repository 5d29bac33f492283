/**
 * Weak cipher attempts against local TLS servers on 127.100.250.41 and .43 (lab-range addresses no lab
 * host uses, on the lab port 8443): one accepting only NULL suites, one modern. Both methods (a real handshake
 * and the hand-built ServerHello probe) must see the NULL suite; the modern server refuses every
 * family. A self-signed test certificate is generated per run.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionLimiter, createScanNetwork, scopeFromTargets } from '../../../platform/net/index.js';
import { attemptCipherGroup, observeWeakCiphers } from './tls-ciphers.observe.js';

/** A lab-range address no lab host uses; 8443 is a lab port that needs no privilege to listen on. */
const WEAK = '127.100.250.41';
const MODERN = '127.100.250.43';
const PORT = 8443;

function selfSignedPem(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hygie-tls-'));
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPath = join(dir, 'key.pem');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-key',
        keyPath,
        '-subj',
        '/CN=weak.test',
        '-days',
        '2',
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    new X509Certificate(cert);
    return { key: readFileSync(keyPath, 'utf8'), cert };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('weak cipher attempts', () => {
  const servers: tls.Server[] = [];
  const network = createScanNetwork({
    scope: scopeFromTargets([WEAK, MODERN], { ports: [PORT] }),
    config: { netAllow: ['127.100.250.0/24'], netDeny: [], dnsServers: [], excludedPorts: [] },
    limiter: createConnectionLimiter(),
  });

  beforeAll(async () => {
    const { key, cert } = selfSignedPem();
    const listen = (server: tls.Server, address: string): Promise<void> =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(PORT, address, () => resolve());
      });
    const weak = tls.createServer(
      {
        key,
        cert,
        ciphers: 'NULL-SHA256:NULL-SHA:@SECLEVEL=0',
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
      },
      (s) => s.end(),
    );
    const modern = tls.createServer({ key, cert, minVersion: 'TLSv1.2' }, (s) => s.end());
    weak.on('tlsClientError', () => undefined);
    modern.on('tlsClientError', () => undefined);
    servers.push(weak, modern);
    await listen(weak, WEAK);
    await listen(modern, MODERN);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  });

  it('sees a NULL suite by handshake and by ServerHello', async () => {
    const target = { address: WEAK, port: PORT, timeoutMs: 3000 };
    const byHandshake = await attemptCipherGroup(network, target, 'null', 'handshake');
    expect(byHandshake).toMatchObject({ group: 'null', outcome: 'accepted', method: 'handshake' });
    expect(byHandshake.cipher).toMatch(/NULL/);
    const byHello = await attemptCipherGroup(network, target, 'null', 'server-hello');
    expect(byHello).toMatchObject({
      group: 'null',
      outcome: 'accepted',
      method: 'server-hello',
      protocol: 'TLSv1.2',
    });
    expect(byHello.cipher).toMatch(/^TLS_RSA_WITH_NULL_SHA(256)?$/);
    const rc4 = await attemptCipherGroup(network, target, 'rc4', 'server-hello');
    expect(rc4.outcome).toBe('refused');
  });

  it('finds every family refused on a modern server', async () => {
    const results = await observeWeakCiphers(network, { address: MODERN, port: PORT, timeoutMs: 3000 });
    expect(results.map((r) => `${r.group}:${r.outcome}`)).toEqual([
      'export:refused',
      'null:refused',
      'rc4:refused',
      '3des:refused',
      'anonymous:refused',
    ]);
  });
});
