import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { countCves } from './cve.repository.js';
import { getCve, matchCpe } from './cve.queries.js';
import { importCves, PROPOSE_BULLETINS_JOB, type ImportInput } from './import.service.js';
import { FIXTURES } from './sources/fixtures.js';

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type NvdDoc = {
  vulnerabilities: {
    cve: { id: string; lastModified: string; descriptions: { lang: string; value: string }[] };
  }[];
};

/** A named in-memory input, as the bench and the tests feed generated data. */
function memory(name: string, text: string | Buffer): ImportInput {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
  }
  return { name, stream: chunks() };
}

describe.each(testDialects())('CVE import on %s', (dialect) => {
  let platform: TestPlatform;
  let ctx: ServiceContext;

  const jobsNamed = async (name: string) =>
    (await platform.db.selectFrom('jobs').select(['payload']).where('name', '=', name).execute()).map(
      (j) => JSON.parse(j.payload) as { cveIds: string[] },
    );

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    ctx = contextFor(platform, systemActor('cli'), { lang: 'en' });
  });
  afterAll(() => platform.close());

  it('imports every sample file with the counts the files hold', async () => {
    const expected: [string, number][] = [
      [FIXTURES.nvdFkie, 3],
      [FIXTURES.nvdOsv, 36],
      [FIXTURES.nvdDerived, 389],
      [FIXTURES.cve5, 224],
      [FIXTURES.kev, 1404],
    ];
    for (const [file, records] of expected) {
      const run = await importCves(ctx, [file]);
      expect(run.status, file).toBe('completed-with-errors' === run.status ? run.status : 'completed');
      expect(run.counts.read, file).toBe(records);
      expect(run.counts.rejected, file).toBe(0);
      expect(run.files).toEqual([expect.objectContaining({ file, records, status: 'read' })]);
      expect(run.counts.inserted + run.counts.updated, file).toBe(records);
    }
    const ids = new Set<string>([
      ...[FIXTURES.nvdFkie, FIXTURES.nvdOsv, FIXTURES.nvdDerived].flatMap((f) =>
        json<NvdDoc>(f).vulnerabilities.map((v) => v.cve.id),
      ),
      ...json<{ cveMetadata: { cveId: string } }[]>(FIXTURES.cve5).map((r) => r.cveMetadata.cveId),
      ...json<{ vulnerabilities: { cveID: string }[] }>(FIXTURES.kev).vulnerabilities.map((v) => v.cveID),
    ]);
    expect(await countCves(platform.db, { includeRejected: true })).toBe(ids.size);
    expect(await countCves(platform.db, { kev: true })).toBeGreaterThanOrEqual(1404);

    const epss = await importCves(ctx, [FIXTURES.epss]);
    expect(epss.counts).toMatchObject({ read: 6, updated: 5, unknownCve: 1 });
    expect((await getCve(platform.db, 'CVE-2024-3400')).epss).toEqual({
      score: 0.9582,
      percentile: 0.9948,
      date: '2024-04-15',
    });
  });

  it('hands the new CVEs with score ≥ 7 or KEV to vuln-watch.propose-bulletins, records runs and audit entries', async () => {
    const proposed = (await jobsNamed(PROPOSE_BULLETINS_JOB)).flatMap((p) => p.cveIds);
    expect(proposed).toContain('CVE-2023-4966');
    expect(proposed).toContain('CVE-2024-3400');
    expect(proposed).not.toContain('CVE-2005-1466'); // CVSS 2.0 5.0, not in KEV
    const runs = await platform.db.selectFrom('vuln_import_runs').select(['status', 'source']).execute();
    expect(runs.length).toBeGreaterThanOrEqual(6);
    const audit = await platform.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'vuln-watch.import-cves')
      .execute();
    expect(audit.length).toBe(runs.length);
  });

  it('is idempotent: importing everything again changes nothing and duplicates nothing', async () => {
    const before = await countCves(platform.db, { includeRejected: true });
    const indexRows = await platform.db
      .selectFrom('cve_products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const jobs = (await jobsNamed(PROPOSE_BULLETINS_JOB)).length;
    const run = await importCves(ctx, [
      FIXTURES.nvdFkie,
      FIXTURES.nvdOsv,
      FIXTURES.nvdDerived,
      FIXTURES.cve5,
      FIXTURES.kev,
      FIXTURES.epss,
    ]);
    expect(run.counts).toMatchObject({
      read: 3 + 36 + 389 + 224 + 1404 + 6,
      inserted: 0,
      updated: 0,
      unchanged: 3 + 36 + 389 + 224 + 1404 + 5,
      proposed: 0,
    });
    expect(await countCves(platform.db, { includeRejected: true })).toBe(before);
    const after = await platform.db
      .selectFrom('cve_products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(indexRows.n));
    expect((await jobsNamed(PROPOSE_BULLETINS_JOB)).length).toBe(jobs);
  });

  it('updates a record only when its lastModified is newer', async () => {
    const doc = json<NvdDoc>(FIXTURES.nvdFkie);
    const item = doc.vulnerabilities.find((v) => v.cve.id === 'CVE-2024-21762');
    if (!item) throw new Error('fixture');
    const before = await getCve(platform.db, 'CVE-2024-21762');
    platform.clock.advance(60_000);
    const older = {
      ...doc,
      vulnerabilities: [
        {
          cve: {
            ...item.cve,
            lastModified: '2020-01-01T00:00:00.000',
            descriptions: [{ lang: 'en', value: 'older text' }],
          },
        },
      ],
    };
    const r1 = await importCves(ctx, [memory('older.json', JSON.stringify(older))]);
    expect(r1.counts).toMatchObject({ read: 1, older: 1, updated: 0 });
    expect((await getCve(platform.db, 'CVE-2024-21762')).materialChangedAt).toBe(before.materialChangedAt);

    // NVD widens the 7.0 range (7.0.14 becomes affected): a material change of the configurations.
    const widened = JSON.parse(
      JSON.stringify(item.cve).replace('"versionEndExcluding":"7.0.14"', '"versionEndExcluding":"7.0.15"'),
    ) as typeof item.cve;
    const newer = {
      ...doc,
      vulnerabilities: [{ cve: { ...widened, lastModified: '2030-01-01T00:00:00.000' } }],
    };
    const r2 = await importCves(ctx, [memory('newer.json', JSON.stringify(newer))]);
    expect(r2.counts).toMatchObject({ read: 1, updated: 1, proposed: 1 });
    const after = await getCve(platform.db, 'CVE-2024-21762');
    expect(after.sourceModifiedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(after.materialChangedAt > before.materialChangedAt).toBe(true);
    const last = (await jobsNamed(PROPOSE_BULLETINS_JOB)).at(-1);
    expect(last).toEqual({ cveIds: ['CVE-2024-21762'] });
    expect((await matchCpe(platform.db, 'cpe:2.3:o:fortinet:fortios:7.0.14')).map((m) => m.cve.id)).toContain(
      'CVE-2024-21762',
    );
    // A newer record that only changes a non-material field: updated, not proposed again.
    const cosmetic = {
      ...doc,
      vulnerabilities: [
        {
          cve: {
            ...widened,
            lastModified: '2030-02-01T00:00:00.000',
            descriptions: [{ lang: 'en', value: 'reworded' }],
          },
        },
      ],
    };
    const r3 = await importCves(ctx, [memory('cosmetic.json', JSON.stringify(cosmetic))]);
    expect(r3.counts).toMatchObject({ updated: 1, proposed: 0 });
  });

  it('reports a bad record with its id and reason, keeps going, and keeps what came before a truncated end', async () => {
    const good = (id: string) => ({
      cve: {
        id,
        published: '2024-05-01T00:00:00.000',
        lastModified: '2024-05-02T00:00:00.000',
        descriptions: [{ lang: 'en', value: `test ${id}` }],
        metrics: {
          cvssMetricV31: [
            {
              source: 'nvd@nist.gov',
              type: 'Primary',
              cvssData: {
                version: '3.1',
                vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X',
                baseScore: 9.8,
              },
            },
          ],
        },
      },
    });
    const text =
      '{"resultsPerPage":4,"startIndex":0,"totalResults":4,"format":"NVD_CVE","version":"2.0","vulnerabilities":[' +
      `${JSON.stringify(good('CVE-2099-1001'))},{"cve":{"id":"CVE-2099-1002","lastModified":"not a date"}},{"cve":{"id":"CVE-2099-1003","published":tru}},` +
      `${JSON.stringify(good('CVE-2099-1004'))},{"cve":{"id":"CVE-2099-1005","descriptions":[{"lang":"en","val`;
    const run = await importCves(ctx, [memory('bad.json', text)], { batchSize: 1 });
    expect(run.status).toBe('completed-with-errors');
    expect(run.counts).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    const messages = run.errors.map((e) => `${e.code} ${e.id ?? '-'} ${e.where}: ${e.message}`);
    expect(messages).toContainEqual(
      'VULNWATCH_IMPORT_RECORD_INVALID CVE-2099-1002 bad.json #2: "lastModified" "not a date" is not a timestamp',
    );
    expect(messages.find((m) => m.includes('CVE-2099-1003'))).toMatch(/invalid JSON at byte \d+/);
    expect(messages.find((m) => m.startsWith('VULNWATCH_CVSS_VECTOR_INVALID CVE-2099-1001'))).toContain(
      'A:X is not one of H, L, N',
    );
    expect(messages.find((m) => m.startsWith('VULNWATCH_IMPORT_JSON_INVALID'))).toMatch(
      /bad\.json.*truncated.*the 4 records read before that point are kept/s,
    );
    expect(run.files).toEqual([expect.objectContaining({ file: 'bad.json', status: 'stopped', records: 4 })]);
    const kept = await getCve(platform.db, 'CVE-2099-1004');
    expect(kept.selectedScore).toBeNull();
    expect(kept.severity).toBe('unscored');
  });

  it('refuses the legacy NVD 1.1 feed, a wrong schema version and an unknown format with clear errors', async () => {
    const legacy = await importCves(ctx, [FIXTURES.nvdLegacy]);
    expect(legacy.status).toBe('failed');
    expect(legacy.errors[0]).toMatchObject({ code: 'VULNWATCH_IMPORT_LEGACY_NVD' });
    const v3 = await importCves(ctx, [
      memory('v3.json', '{"format":"NVD_CVE","version":"3.0","vulnerabilities":[]}'),
    ]);
    expect(v3.errors[0]).toMatchObject({ code: 'VULNWATCH_IMPORT_SCHEMA_VERSION' });
    const html = await importCves(ctx, [memory('page.html', '<html>Bad gateway</html>')]);
    expect(html.errors[0]).toMatchObject({ code: 'VULNWATCH_IMPORT_FORMAT_UNKNOWN' });
    const missing = await importCves(ctx, ['/nonexistent/file.json']);
    expect(missing.errors[0]?.message).toContain('/nonexistent/file.json');
  });

  it('reads EPSS CSV gzipped, with extra columns in another order, and refuses a CSV without its columns', async () => {
    const gz = await importCves(ctx, [
      memory('epss_scores-2024-04-15.csv.gz', gzipSync(readFileSync(FIXTURES.epss))),
    ]);
    expect(gz.counts).toMatchObject({ read: 6, unchanged: 5, unknownCve: 1 });
    const extra = await importCves(ctx, [FIXTURES.epssExtraColumns]);
    expect(extra.counts).toMatchObject({ read: 3, updated: 2, rejected: 1 });
    expect(extra.errors[0]).toMatchObject({
      id: 'CVE-2024-3400',
      message: 'percentile "not-a-number" is not a number from 0 to 1',
    });
    expect((await getCve(platform.db, 'CVE-2023-4966')).epss).toEqual({
      score: 0.9712,
      percentile: 0.9987,
      date: '2025-08-25',
    });
    const older = await importCves(ctx, [FIXTURES.epss]);
    expect(older.counts).toMatchObject({ older: 2 });
    const noColumns = await importCves(ctx, [memory('scores.csv', 'cve,score\nCVE-2024-3400,0.5\n')], {
      source: 'epss',
    });
    expect(noColumns.errors[0]).toMatchObject({ code: 'VULNWATCH_IMPORT_CSV_COLUMNS' });
  });

  it('reads the cvelistV5 folder layout (cves/YYYY/NNxxx/CVE-….json), skipping files that are not records', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cvelist-'));
    const records = json<{ cveMetadata: { cveId: string } }[]>(FIXTURES.cve5);
    for (const r of records) {
      const [, year, num] = /^CVE-(\d{4})-(\d+)$/.exec(r.cveMetadata.cveId) ?? [];
      const dir = join(root, 'cves', year ?? 'x', `${(num ?? '').slice(0, -3) || '0'}xxx`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${r.cveMetadata.cveId}.json`), JSON.stringify(r, null, 2));
    }
    writeFileSync(
      join(root, 'cves', 'delta.json'),
      JSON.stringify({ fetchTime: '2024-10-24T00:00:00Z', numberOfChanges: 0, new: [], updated: [] }),
    );
    const run = await importCves(ctx, [root]);
    expect(run.counts).toMatchObject({ read: 224, unchanged: 224, files: 224, failedFiles: 1 });
    expect(run.errors.filter((e) => e.code !== 'VULNWATCH_CVSS_SCORE_MISMATCH')).toEqual([
      expect.objectContaining({
        code: 'VULNWATCH_IMPORT_FORMAT_UNKNOWN',
        level: 'warning',
        where: join(root, 'cves', 'delta.json'),
      }),
    ]);
  });

  it('matches CPEs against the base: CVE-2024-3400 through CVE 5 data, FortiOS through NVD ranges', async () => {
    const panos = await matchCpe(platform.db, 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9');
    expect(panos.map((m) => m.cve.id)).toContain('CVE-2024-3400');
    expect(panos.find((m) => m.cve.id === 'CVE-2024-3400')?.match.via).toBe('cve5-cpe');
    expect(
      (await matchCpe(platform.db, 'cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1')).map((m) => m.cve.id),
    ).not.toContain('CVE-2024-3400');
    const forti = await matchCpe(platform.db, 'cpe:2.3:o:fortinet:fortios:7.0.13');
    expect(forti.map((m) => m.cve.id)).toContain('CVE-2024-21762');
    expect(
      (await matchCpe(platform.db, 'cpe:2.3:o:fortinet:fortios:7.0.15')).map((m) => m.cve.id),
    ).not.toContain('CVE-2024-21762'); // 7.0.14 was widened above
    expect(forti[0]?.cve.selectedScore?.score).toBeGreaterThanOrEqual(
      forti.at(-1)?.cve.selectedScore?.score ?? 0,
    );
  });
});
