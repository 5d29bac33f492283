import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { findOwnerOfDomain, findOwnerOfIp } from './lookup.service.js';
import { registerRegistryCli } from './registry.cli.js';
import { seedDemoConstituency } from './registry.demo.js';
import { registryCounts } from './registry.service.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe.each(testDialects())('hygie registry CLI and demo data on %s', (dialect) => {
  let platform: TestPlatform;
  let lines: string[] = [];
  let errors: string[] = [];

  /** Runs `hygie registry …` and returns what it printed and its exit code. */
  async function hygie(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    lines = [];
    errors = [];
    process.exitCode = 0;
    const program = new Command('hygie').exitOverride();
    const open: OpenCliRuntime = () =>
      Promise.resolve({
        platform,
        ctx: contextFor(platform, systemActor('cli')),
        close: () => Promise.resolve(),
      });
    registerRegistryCli(program, open, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
    await program.parseAsync(['registry', ...args], { from: 'user' });
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

  it('imports files, printing every bad row as "line N: field: reason" and exiting 1', async () => {
    const bad = await hygie('import', fixture('structures-errors.csv'), '--kind', 'structures', '--dry-run');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('line 3: Raison sociale: Valeur obligatoire');
    expect(bad.out).toContain('line 7: Raison sociale: Une valeur ne peut pas commencer par =');
    expect(bad.out).toMatch(/8 rows, 1 valid, 8 errors, 0 created .*dry run/);

    const real = await hygie('import', fixture('structures-errors.csv'), '--kind', 'structures');
    expect(real.code).toBe(1);
    expect(real.err).toContain('REGISTRY_CSV_INVALID_ROWS');
    expect(real.err).toContain('line 4: FINESS:');

    const ok = await hygie('import', fixture('structures.csv'), '--kind', 'structures', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ created: 5, errors: [] });
    for (const kind of ['contacts', 'domains', 'networks']) {
      expect((await hygie('import', fixture(`${kind}.csv`), '--kind', kind)).code).toBe(0);
    }
    expect((await hygie('import', fixture('structures.csv'), '--kind', 'planets')).err).toContain(
      'REGISTRY_CSV_KIND_UNKNOWN',
    );
  });

  it('lists, shows, creates and looks up', async () => {
    const list = await hygie('list-structures', '--region', 'Bretagne', '--json');
    expect((JSON.parse(list.out) as { total: number }).total).toBe(3);
    const text = await hygie('list-structures', '--q', 'kerbruyere', '--ose');
    expect(text.out).toContain('359000015');
    expect(text.out).toContain('[OSE]');

    const shown = await hygie('show-structure', '35 900 001 5');
    expect(shown.out).toContain('Centre hospitalier de Kerbruyère');
    expect(shown.out).toContain('contact: security-officer Maëlle Le Floch');
    expect(shown.out).toContain('network: 127.100.200.0/24 AS64500');

    const bad = await hygie(
      'create-structure',
      '--name',
      'CH CLI',
      '--finess',
      '359000016',
      '--kind',
      'other',
      '--legal-status',
      'public',
      '--region',
      'BRE',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('REGISTRY_FINESS_INVALID');
    const made = await hygie(
      'create-structure',
      '--name',
      'CH CLI',
      '--siret',
      '26350002700127',
      '--kind',
      'other',
      '--legal-status',
      'public',
      '--region',
      'BRE',
      '--json',
    );
    expect(JSON.parse(made.out)).toMatchObject({ name: 'CH CLI', siret: '26350002700127' });

    expect((await hygie('lookup', '127.100.200.8')).out).toContain('Centre hospitalier de Kerbruyère');
    expect((await hygie('lookup', 'intranet.ch-morlanvec.test')).out).toContain('via ch-morlanvec.test');
    const none = await hygie('lookup', '127.1.2.3', '--json');
    expect(JSON.parse(none.out)).toMatchObject({ match: null });
    expect((await hygie('show-structure', '999999999')).code).toBe(1);
  });

  it('seeds the demo constituency once, inside the lab’s loopback range', async () => {
    const fresh = await createTestPlatform(dialect);
    try {
      const ctx = contextFor(fresh, systemActor('cli'));
      const first = await seedDemoConstituency(ctx);
      expect(first).toMatchObject({ created: true, contacts: 20, domains: 20, networks: 20 });
      expect(first.groups).toHaveLength(3);
      expect(first.structures).toHaveLength(20);
      expect(first.structures.filter((s) => s.finess === null).map((s) => s.siret)).toHaveLength(1);
      expect(new Set(first.structures.map((s) => s.region)).size).toBeGreaterThanOrEqual(8);
      expect(await registryCounts(ctx)).toEqual({ structures: 20, groups: 3, domains: 20, networks: 20 });
      expect(await findOwnerOfIp(fresh.db, '127.100.5.10')).toMatchObject({
        structureId: first.structures[4]?.id,
      });
      expect(await findOwnerOfDomain(fresh.db, 'www.ch-valmont.test')).toMatchObject({
        structureId: first.structures[0]?.id,
      });
      const again = await seedDemoConstituency(ctx);
      expect(again).toEqual({
        created: false,
        groups: [],
        structures: [],
        contacts: 0,
        domains: 0,
        networks: 0,
      });
      expect((await registryCounts(ctx)).structures).toBe(20);
    } finally {
      await fresh.close();
    }
  });
});
