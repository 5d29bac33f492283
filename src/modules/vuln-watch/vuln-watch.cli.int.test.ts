import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { FIXTURES } from './sources/fixtures.js';
import { registerCveCli } from './vuln-watch.cli.js';

describe.each(testDialects())('hygie cve CLI on %s', (dialect) => {
  let platform: TestPlatform;

  /** Runs `hygie cve …` and returns what it printed and its exit code. */
  async function hygie(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    const lines: string[] = [];
    const errors: string[] = [];
    process.exitCode = 0;
    const program = new Command('hygie').exitOverride();
    const open: OpenCliRuntime = () =>
      Promise.resolve({
        platform,
        ctx: contextFor(platform, systemActor('cli'), { lang: 'en' }),
        close: () => Promise.resolve(),
      });
    registerCveCli(program, open, {
      log: (l) => lines.push(l),
      error: (l) => errors.push(l),
      interactive: false,
    });
    await program.parseAsync(['cve', ...args], { from: 'user' });
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { out: lines.join('\n'), err: errors.join('\n'), code };
  }

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(() => platform.close());

  it('imports files and prints the summary counts', async () => {
    const run = await hygie('import', FIXTURES.nvdFkie, FIXTURES.cve5, FIXTURES.kev);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/read\s+nvd\s+3 records \(file says 3\)/);
    expect(run.out).toMatch(/read\s+kev\s+1404 records \(file says 1404\)/);
    expect(run.out).toMatch(/completed.*: 1631 records read from 3 file\(s\)/);
    const json = await hygie('import', FIXTURES.nvdFkie, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ status: 'completed', counts: { read: 3, unchanged: 3 } });
    const legacy = await hygie('import', FIXTURES.nvdLegacy);
    expect(legacy.code).toBe(1);
    expect(legacy.out).toContain('VULNWATCH_IMPORT_LEGACY_NVD');
  });

  it('cve match prints each matching CVE with its score and rule', async () => {
    const r = await hygie('match', 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /CVE-2024-3400\s+10\.0 critical\s+KEV no NVD configuration yet; CVE 5 affected data \(CISA-ADP, via CPE cpe:2\.3:o:paloaltonetworks:pan-os:10\.2\.0:\*:\*:\*:\*:\*:\*:\*\): 10\.2\.9 is in 10\.2\.0 ≤ v < 10\.2\.9-h1 → affected/,
    );
    expect(r.out).toMatch(
      /\d+ CVE\(s\) concern cpe:2\.3:o:paloaltonetworks:pan-os:10\.2\.9:\*:\*:\*:\*:\*:\*:\*/,
    );
    const fixed = await hygie('match', 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1', '--json');
    expect((JSON.parse(fixed.out) as { matches: { id: string }[] }).matches.map((m) => m.id)).not.toContain(
      'CVE-2024-3400',
    );
    const forti = await hygie('match', 'cpe:2.3:o:fortinet:fortios:7.0.13', '--json');
    const hit = (
      JSON.parse(forti.out) as { matches: { id: string; via: string; rule: string }[] }
    ).matches.find((m) => m.id === 'CVE-2024-21762');
    expect(hit).toMatchObject({ via: 'nvd-configuration' });
    expect(hit?.rule).toContain('from 7.0.0 (including) up to 7.0.14 (excluding): 7.0.13 is inside');
  });

  it('refuses a CPE with an unknown part, naming it', async () => {
    const r = await hygie('match', 'cpe:2.3:x:fortinet:fortios:7.0.13');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'VULNWATCH_CPE_INVALID: Invalid CPE "cpe:2.3:x:fortinet:fortios:7.0.13": unknown part "x"',
    );
  });

  it('shows a CVE with the selected score and why', async () => {
    const r = await hygie('show', 'CVE-2024-3400');
    expect(r.out).toContain('score: 10.0 critical');
    expect(r.out).toContain('KEV: added 2024-04-12');
    expect(r.out).toContain('affected: Palo Alto Networks PAN-OS (CNA)');
    const missing = await hygie('show', 'CVE-24');
    expect(missing.err).toContain('VULNWATCH_CVE_ID_INVALID');
  });

  it('manages the product catalogue and lists import runs', async () => {
    const added = await hygie(
      'products',
      'add',
      '--vendor',
      'paloaltonetworks',
      '--product',
      'pan-os',
      '--name',
      'Palo Alto PAN-OS',
      '--category',
      'firewall',
    );
    expect(added.out).toMatch(/^added paloaltonetworks:pan-os \(Palo Alto PAN-OS, firewall\)/);
    expect((await hygie('products', 'list')).out).toContain('paloaltonetworks:pan-os');
    const runs = await hygie('import-runs', '--json');
    expect((JSON.parse(runs.out) as unknown[]).length).toBe(3);
  });
});
