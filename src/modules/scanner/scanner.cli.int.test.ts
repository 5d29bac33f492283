/**
 * `hygie scan` and `hygie scanner …` in process, against the lab: JSON output that validates against
 * the contract, the table, a certificate-transparency file, malformed targets, list and show.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { contractErrors } from './contract/scan-result.validator.js';
import { assertLabUp, labDescription, labRuntime } from './fixtures/lab-kit.js';
import { registerScannerCli } from './scanner.cli.js';
import type { ScanResult } from './scanner.types.js';

const lab = labDescription();
const ctFile = fileURLToPath(new URL('./discovery/fixtures/crtsh-hopital-sain.json', import.meta.url));

describe.each(testDialects())('hygie scan on %s', (dialect) => {
  let platform: TestPlatform;

  async function hygie(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    let out = '';
    let err = '';
    process.exitCode = 0;
    const program = new Command('hygie').exitOverride();
    const open: OpenCliRuntime = () =>
      Promise.resolve({
        platform,
        ctx: contextFor(platform, systemActor('cli')),
        close: () => Promise.resolve(),
      });
    registerScannerCli(program, open, {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      isTTY: false,
      runtime: (overrides) => labRuntime({ ...overrides, wordlist: () => ['www', 'partage', 'vpn'] }),
    });
    await program.parseAsync(args, { from: 'user' });
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { out, err, code };
  }

  beforeAll(async () => {
    await assertLabUp();
    platform = await createTestPlatform(dialect);
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(() => platform?.close());

  it('prints exactly the hygie.scan/1 document, progress on stderr', async () => {
    const r = await hygie(
      'scan',
      '127.100.6.10',
      '127.100.7.10',
      '--ports',
      '22,6379',
      '--exclude-ports',
      '2024',
      '--format',
      'json',
      '--timeout-ms',
      '3000',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as ScanResult;
    expect(contractErrors(doc)).toEqual([]);
    expect(doc.scan.status).toBe('completed');
    expect(doc.hosts.map((h) => `${h.address}:${h.services.map((s) => s.protocol).join()}`)).toEqual([
      '127.100.6.10:ssh',
      '127.100.7.10:redis',
    ]);
    expect(r.err).toMatch(/\[scan\] ports: \d+\/\d+/);
    expect(r.err).toMatch(/Scan \S+ completed: 2 hosts/);
  }, 60_000);

  it('takes names from a certificate-transparency file; names outside the scope are recorded, not resolved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hygie-scan-'));
    const output = join(dir, 'result.json');
    const r = await hygie(
      'scan',
      'hopital-sain.test',
      '--ports',
      '80,443,445',
      '--ct-file',
      ctFile,
      '--dns-server',
      `${lab.dns.server}:53`,
      '--format',
      'json',
      '--output',
      output,
      '--timeout-ms',
      '3000',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const doc = JSON.parse(readFileSync(output, 'utf8')) as ScanResult;
    expect(contractErrors(doc)).toEqual([]);
    const sources = Object.fromEntries(doc.domains.map((d) => [d.name, d.source]));
    expect(sources).toMatchObject({
      'www.hopital-sain.test': 'ct',
      'mta-sts.hopital-sain.test': 'ct',
      'partage.hopital-sain.test': 'ct',
    });
    expect(doc.domains.find((d) => d.name === 'ancien-extranet.hopital-sain.test')?.notes?.join()).toMatch(
      /does not resolve \(NXDOMAIN\)/,
    );
    expect(doc.scan.refused).toContainEqual({
      target: 'hopital-sain-cdn.example.net',
      reason: 'name not in scan scope',
    });
    expect(doc.hosts.find((h) => h.address === '127.100.3.20')?.services.map((s) => s.protocol)).toEqual([
      'smb',
    ]);
  }, 120_000);

  it('prints a table, then lists and shows scans', async () => {
    const r = await hygie('scan', '127.100.4.10', '--ports', '104,11112', '--timeout-ms', '3000');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/127\.100\.4\.10\s+104\/tcp\s+dicom/);
    expect(r.out).toMatch(/11112\/tcp\s+dicom/);
    const list = await hygie('scanner', 'list-scans');
    expect(list.out).toMatch(/completed/);
    const id = /^(\S+)/.exec(list.out)?.[1] ?? '';
    const show = await hygie('scanner', 'show-scan', id, '--json');
    expect(contractErrors(JSON.parse(show.out))).toEqual([]);
    const missing = await hygie('scanner', 'show-scan', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('COMMON_NOT_FOUND');
  }, 60_000);

  it('refuses malformed targets with the fix, without scanning anything', async () => {
    const r = await hygie('scan', '10.0.0.0/8', 'https://www.chu.fr/', 'bad..name', '--ports', '22');
    expect(r.code).toBe(2);
    expect(r.err).toContain('SCANNER_TARGET_INVALID');
    expect(r.err).toMatch(/10\.0\.0\.0\/8: .*too wide/);
    expect(r.err).toMatch(
      /https:\/\/www\.chu\.fr\/: A URL is not a target: give only the host name \(www\.chu\.fr\)/,
    );
    const ports = await hygie('scan', '127.100.6.10', '--ports', 'lots');
    expect(ports.err).toContain('SCANNER_PORTS_INVALID');
    const nothing = await hygie('scan');
    expect(nothing.code).toBe(2);
  });
});
