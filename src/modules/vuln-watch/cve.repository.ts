/**
 * The CVE SQL: each source's contribution is stored as JSON text and merged on read
 * (`cve.merge.ts`); the merged columns that lists filter and sort on (score, severity, KEV,
 * dates, search text) are written beside it.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CveProductTable, CveTable } from '../../db/tables/vuln-watch-kb.js';
import { containsPattern, fromDbJson, likeEscaped } from '../../db/portable.js';
import { mergeCve, type CveParts } from './cve.merge.js';
import type { KevContribution, RecordContribution } from './sources/source-record.js';
import type { Cve, Severity } from './vuln-watch.types.js';

/** What is stored about one CVE, before merging. */
export interface StoredCve {
  readonly parts: CveParts;
  readonly materialHash: string;
  readonly materialChangedAt: string;
  readonly createdAt: string;
}

/** Filters of a CVE search. */
export interface CveFilter {
  readonly q?: string;
  readonly vendor?: string;
  readonly product?: string;
  readonly minScore?: number;
  readonly kev?: boolean;
  readonly severity?: Severity;
  /** Published from / to (ISO date or timestamp, inclusive). */
  readonly from?: string;
  readonly to?: string;
  readonly includeRejected?: boolean;
}

const STATE_COLUMNS = [
  'id',
  'nvd_data',
  'cve5_data',
  'kev_data',
  'epss_score',
  'epss_percentile',
  'epss_date',
  'material_hash',
  'material_changed_at',
  'created_at',
] as const;

type StateRow = Pick<Selectable<CveTable>, (typeof STATE_COLUMNS)[number]>;

function partsOf(row: StateRow): CveParts {
  return {
    id: row.id,
    nvd: fromDbJson<RecordContribution | null>(row.nvd_data, null),
    cve5: fromDbJson<RecordContribution | null>(row.cve5_data, null),
    kev: fromDbJson<KevContribution | null>(row.kev_data, null),
    epss:
      row.epss_score !== null && row.epss_percentile !== null && row.epss_date !== null
        ? { score: Number(row.epss_score), percentile: Number(row.epss_percentile), date: row.epss_date }
        : null,
  };
}

function toCve(row: StateRow): Cve {
  return mergeCve(partsOf(row), row.material_changed_at);
}

/** The stored state of these CVEs (absent ids are new). */
export async function findCveStates(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, StoredCve>> {
  const out = new Map<string, StoredCve>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('cves')
    .select(STATE_COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
  for (const row of rows)
    out.set(row.id, {
      parts: partsOf(row),
      materialHash: row.material_hash,
      materialChangedAt: row.material_changed_at,
      createdAt: row.created_at,
    });
  return out;
}

/** EPSS dates of these CVEs (the only state an EPSS import needs). */
export async function findEpssStates(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { date: string | null; score: number | null }>> {
  const out = new Map<string, { date: string | null; score: number | null }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('cves')
    .select(['id', 'epss_date', 'epss_score'])
    .where('id', 'in', [...ids])
    .execute();
  for (const r of rows)
    out.set(r.id, { date: r.epss_date, score: r.epss_score === null ? null : Number(r.epss_score) });
  return out;
}

const UPDATED_COLUMNS = [
  'state',
  'published_at',
  'source_modified_at',
  'vuln_status',
  'title',
  'description',
  'selected_score',
  'severity',
  'kev',
  'kev_date_added',
  'epss_score',
  'epss_percentile',
  'epss_date',
  'sources',
  'material_hash',
  'material_changed_at',
  'search_text',
  'nvd_modified_at',
  'nvd_data',
  'cve5_modified_at',
  'cve5_data',
  'kev_data',
  'updated_at',
] as const;

/** Inserts or replaces CVE rows in one statement per slice. */
export async function upsertCves(
  db: Kysely<Database>,
  rows: readonly Insertable<CveTable>[],
  slice = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += slice) {
    await db
      .insertInto('cves')
      .values(rows.slice(i, i + slice))
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  }
}

/** Sets the EPSS columns of existing CVEs. */
export async function updateCveEpss(
  db: Kysely<Database>,
  updates: readonly { id: string; score: number; percentile: number; date: string }[],
  at: string,
): Promise<void> {
  for (const u of updates) {
    await db
      .updateTable('cves')
      .set({ epss_score: u.score, epss_percentile: u.percentile, epss_date: u.date, updated_at: at })
      .where('id', '=', u.id)
      .execute();
  }
}

/** Replaces the vendor/product index rows of these CVEs. */
export async function replaceCveProducts(
  db: Kysely<Database>,
  cveIds: readonly string[],
  rows: readonly Insertable<CveProductTable>[],
  slice = 300,
): Promise<void> {
  for (let i = 0; i < cveIds.length; i += 500)
    await db
      .deleteFrom('cve_products')
      .where('cve_id', 'in', cveIds.slice(i, i + 500))
      .execute();
  for (let i = 0; i < rows.length; i += slice)
    await db
      .insertInto('cve_products')
      .values(rows.slice(i, i + slice))
      .execute();
}

/** One CVE, merged, or undefined. */
export async function findCve(db: Kysely<Database>, id: string): Promise<Cve | undefined> {
  const row = await db.selectFrom('cves').select(STATE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toCve(row) : undefined;
}

/** These CVEs, merged, in the order asked (unknown ids left out). */
export async function listCvesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Cve[]> {
  const byId = new Map<string, Cve>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('cves')
      .select(STATE_COLUMNS)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) byId.set(row.id, toCve(row));
  }
  return ids.map((id) => byId.get(id)).filter((c): c is Cve => c !== undefined);
}

function filtered(db: Kysely<Database>, filter: CveFilter) {
  let query = db.selectFrom('cves');
  if (!filter.includeRejected) query = query.where('state', '=', 'PUBLISHED');
  if (filter.q?.trim())
    for (const word of filter.q.trim().split(/\s+/).slice(0, 8))
      query = query.where(likeEscaped('search_text', containsPattern(word)));
  if (filter.minScore !== undefined) query = query.where('selected_score', '>=', filter.minScore);
  if (filter.kev !== undefined) query = query.where('kev', '=', filter.kev ? 1 : 0);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (filter.from) query = query.where('published_at', '>=', filter.from);
  if (filter.to)
    query = query.where(
      'published_at',
      '<=',
      filter.to.length === 10 ? `${filter.to}T23:59:59.999Z` : filter.to,
    );
  if (filter.vendor || filter.product) {
    const vendor = filter.vendor;
    const product = filter.product;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('cve_products as p')
          .select(sql<number>`1`.as('one'))
          .whereRef('p.cve_id', '=', 'cves.id')
          .$if(vendor !== undefined, (q) => q.where('p.vendor_key', '=', vendor as string))
          .$if(product !== undefined, (q) => q.where('p.product_key', '=', product as string)),
      ),
    );
  }
  return query;
}

/** One page of CVEs matching the filter, newest published first. */
export async function listCves(
  db: Kysely<Database>,
  filter: CveFilter,
  limit: number,
  offset: number,
): Promise<Cve[]> {
  const rows = await filtered(db, filter)
    .select(STATE_COLUMNS)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toCve);
}

/** How many CVEs match the filter. */
export async function countCves(db: Kysely<Database>, filter: CveFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** CVEs whose material fields changed after `since`, oldest change first. */
export async function listCvesChangedSince(
  db: Kysely<Database>,
  since: string,
  options: { minScore?: number; limit?: number } = {},
): Promise<Cve[]> {
  let query = db
    .selectFrom('cves')
    .select(STATE_COLUMNS)
    .where('material_changed_at', '>', since)
    .where('state', '=', 'PUBLISHED');
  if (options.minScore !== undefined) query = query.where('selected_score', '>=', options.minScore);
  const rows = await query
    .orderBy('material_changed_at', 'asc')
    .orderBy('id')
    .limit(options.limit ?? 10_000)
    .execute();
  return rows.map(toCve);
}

/** Ids of the published CVEs whose index names this vendor (and product, unless null). */
export async function listCandidateCveIds(
  db: Kysely<Database>,
  vendorKey: string,
  productKey: string | null,
): Promise<string[]> {
  let query = db
    .selectFrom('cve_products')
    .innerJoin('cves', 'cves.id', 'cve_products.cve_id')
    .select('cve_products.cve_id')
    .distinct()
    .where('vendor_key', '=', vendorKey)
    .where('cves.state', '=', 'PUBLISHED');
  if (productKey !== null) query = query.where('product_key', '=', productKey);
  const rows = await query.execute();
  return rows.map((r) => r.cve_id);
}

/** Published CVEs per month of publication and severity, from a date. */
export async function countCvesByMonth(
  db: Kysely<Database>,
  from: string,
): Promise<{ month: string; severity: string; count: number }[]> {
  const month = sql<string>`substr(published_at, 1, 7)`;
  const rows = await db
    .selectFrom('cves')
    .select([month.as('month'), 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('published_at', '>=', from)
    .where('state', '=', 'PUBLISHED')
    .groupBy([month, 'severity'])
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, severity: r.severity, count: Number(r.n) }));
}

/** KEV additions per month (CISA's `dateAdded`), from a date. */
export async function countKevAdditionsByMonth(
  db: Kysely<Database>,
  from: string,
): Promise<{ month: string; count: number }[]> {
  const month = sql<string>`substr(kev_date_added, 1, 7)`;
  const rows = await db
    .selectFrom('cves')
    .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('kev', '=', 1)
    .where('kev_date_added', '>=', from.slice(0, 10))
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
}
