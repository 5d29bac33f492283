import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { registerBulletinCli } from './bulletin.cli.js';
import { importCves } from './kb.js';
import { addProduct } from './product.service.js';
import { FIXTURES } from './sources/fixtures.js';

describe.each(testDialects())('hygie bulletin CLI on %s', (dialect) => {
  let platform: TestPlatform;

  async function hygie(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    const lines: string[] = [];
    const errors: string[] = [];
    process.exitCode = 0;
    const program = new Command('hygie').exitOverride();
    const open: OpenCliRuntime = () => Promise.resolve({ platform, ctx: contextFor(platform, systemActor('cli'), { lang: 'en' }), close: () => Promise.resolve() });
    registerBulletinCli(program, open, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
    await program.parseAsync(['bulletin', ...args], { from: 'user' });
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { out: lines.join('\n'), err: errors.join('\n'), code };
  }

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    const ctx = contextFor(platform, systemActor('test'));
    // CVEs first, product afterwards: the import's jobs found no catalogue product.
    await importCves(ctx, [FIXTURES.nvdFkie, FIXTURES.cve5]);
    await addProduct(ctx, { vendor: 'paloaltonetworks', product: 'pan-os', displayName: 'Palo Alto Networks PAN-OS', category: 'firewall' });
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(() => platform.close());

  it('proposes the drafts of a product added after the import, once', async () => {
    const first = await hygie('propose', '--product', 'paloaltonetworks:pan-os', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as { created: string[]; cves: number };
    expect(report.created.length).toBeGreaterThan(3);
    const again = await hygie('propose', '--product', 'paloaltonetworks:pan-os');
    expect(again.out).toMatch(/0 draft\(s\) created, .* unchanged/);
    const list = await hygie('list', '--status', 'draft', '--q', 'CVE-2024-3400');
    expect(list.out).toContain('Vulnérabilité dans Palo Alto Networks PAN-OS (CVE-2024-3400)');
    expect(list.out).toContain('1 of 1 bulletin(s)');
  });

  it('proposes for CVE ids and refuses unknown products and bad ids', async () => {
    const r = await hygie('propose', 'CVE-2024-21762', 'cve-2024-3400');
    expect(r.out).toMatch(/^2 CVE\(s\) looked at: 0 draft\(s\) created.*1 outside the catalogue.*1 unchanged/);
    const unknown = await hygie('propose', '--product', 'acme:nothing');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('VULNWATCH_BULLETIN_PRODUCT_UNKNOWN');
    const bad = await hygie('propose', 'CVE-24');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('VULNWATCH_BULLETIN_CVE_UNKNOWN');
  });
});
