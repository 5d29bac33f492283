import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import {
  cveCountsByMonth,
  findCves,
  getCve,
  importCves,
  kevAdditionsByMonth,
  listCvesChangedSince,
  searchCves,
} from './kb.js';
import { FIXTURES } from './sources/fixtures.js';

describe.each(testDialects())('knowledge-base facade (kb.ts) on %s', (dialect) => {
  let platform: TestPlatform;
  let firstImportAt: string;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    const ctx = contextFor(platform, systemActor('cli'));
    firstImportAt = platform.clock.now().toISOString();
    await importCves(ctx, [FIXTURES.nvdFkie, FIXTURES.nvdOsv, FIXTURES.nvdDerived, FIXTURES.cve5]);
    platform.clock.advance(3600_000);
    await importCves(ctx, [FIXTURES.kev]);
  });
  afterAll(() => platform.close());

  it('gets and finds CVEs, merged from every source', async () => {
    const cve = await getCve(platform.db, 'cve-2024-3400');
    expect(cve.sources).toEqual(['nvd', 'cve5', 'kev']);
    expect(cve.kev).toMatchObject({ dateAdded: '2024-04-12', knownRansomwareCampaignUse: 'Known' });
    expect(cve.title).toMatch(/PAN-OS/);
    await expect(getCve(platform.db, 'CVE-1999-0000')).rejects.toMatchObject({
      code: 'VULNWATCH_CVE_NOT_FOUND',
    });
    expect(
      (await findCves(platform.db, ['CVE-2024-21762', 'CVE-1999-0000', 'CVE-2023-4966'])).map((c) => c.id),
    ).toEqual(['CVE-2024-21762', 'CVE-2023-4966']);
  });

  it('searches by words, vendor/product names (CPE or CNA spelling), score, KEV and dates', async () => {
    const citrix = await searchCves(platform.db, { q: 'netscaler gateway', minScore: 9 });
    expect(citrix.items.map((c) => c.id)).toContain('CVE-2023-4966');
    expect(citrix.items.every((c) => (c.selectedScore?.score ?? 0) >= 9)).toBe(true);
    const panos = await searchCves(platform.db, {
      vendor: 'Palo Alto Networks',
      product: 'PAN-OS',
      kev: true,
      pageSize: 200,
    });
    expect(panos.items.map((c) => c.id)).toContain('CVE-2024-3400');
    const byCpeName = await searchCves(platform.db, {
      vendor: 'paloaltonetworks',
      product: 'pan-os',
      pageSize: 200,
    });
    expect(byCpeName.total).toBeGreaterThanOrEqual(panos.total);
    const in2024 = await searchCves(platform.db, {
      vendor: 'fortinet',
      from: '2024-01-01',
      to: '2024-12-31',
      pageSize: 200,
    });
    expect(in2024.items.length).toBeGreaterThan(0);
    expect(in2024.items.every((c) => (c.publishedAt ?? '') >= '2024-01-01')).toBe(true);
    const page2 = await searchCves(platform.db, { pageSize: 10, page: 2 });
    expect(page2).toMatchObject({ page: 2, pageSize: 10 });
    expect(page2.items).toHaveLength(10);
  });

  it('lists what changed materially since a time, optionally from a minimum score', async () => {
    const sinceKev = await listCvesChangedSince(
      platform.db,
      new Date(Date.parse(firstImportAt) + 60_000).toISOString(),
    );
    expect(sinceKev.length).toBeGreaterThan(1000);
    expect(sinceKev.every((c) => c.kev !== null)).toBe(true);
    const high = await listCvesChangedSince(platform.db, '2000-01-01T00:00:00.000Z', {
      minScore: 9,
      limit: 50,
    });
    expect(high).toHaveLength(50);
    expect(high.every((c) => (c.selectedScore?.score ?? 0) >= 9)).toBe(true);
  });

  it('counts CVEs per month by severity, and KEV additions per month', async () => {
    const months = await cveCountsByMonth(platform.db, { from: '2024-01-01' });
    const april = months.find((m) => m.month === '2024-04');
    expect(april?.counts.critical).toBeGreaterThan(0);
    expect(april?.total).toBe(Object.values(april?.counts ?? {}).reduce((a, b) => a + b, 0));
    const kev = await kevAdditionsByMonth(platform.db, { from: '2024-01-01' });
    expect(kev.find((m) => m.month === '2024-04')?.count).toBeGreaterThan(0);
    expect(kev.reduce((n, m) => n + m.count, 0)).toBeLessThanOrEqual(1404);
  });
});
