/**
 * The bulletins SQL: bulletins with their CVEs and products, revisions, and the lists, counts and
 * facets the portal needs. Reads the knowledge base's `products` table for names and categories.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { BulletinTable } from '../../db/tables/vuln-watch-bulletins.js';
import { containsPattern, fromDbJson, likeEscaped, toDbJson } from '../../db/portable.js';
import type { CoveringBulletin } from './bulletin.proposal.js';
import type {
  Bulletin,
  BulletinChange,
  BulletinCve,
  BulletinFilter,
  BulletinLink,
  BulletinOrigin,
  BulletinProduct,
  BulletinRevision,
  BulletinRisk,
  BulletinStatus,
} from './bulletin.types.js';
import type { Severity } from './vuln-watch.types.js';

/** How a list is ordered: public (newest first publication), review queue, or last change. */
export type BulletinOrder = 'published' | 'review' | 'updated';

function toBulletin(row: Selectable<BulletinTable>, cves: readonly BulletinCve[], products: readonly BulletinProduct[]): Bulletin {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as BulletinStatus,
    origin: row.origin as BulletinOrigin,
    title: row.title,
    summary: row.summary,
    risks: fromDbJson<BulletinRisk[]>(row.risks, []),
    affectedSystems: row.affected_systems,
    solution: row.solution,
    references: fromDbJson<BulletinLink[]>(row.reference_links, []),
    cves,
    products,
    maxScore: row.max_score === null ? null : Number(row.max_score),
    severity: row.severity as Severity,
    kev: row.kev === 1,
    revision: Number(row.revision),
    pendingUpdate: fromDbJson<BulletinChange[]>(row.pending_update, []),
    edited: row.edited === 1,
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rowOf(b: Bulletin, proposalKey: string | null): BulletinTable {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    origin: b.origin,
    proposal_key: proposalKey,
    title: b.title,
    summary: b.summary,
    risks: toDbJson(b.risks),
    affected_systems: b.affectedSystems,
    solution: b.solution,
    reference_links: toDbJson(b.references),
    max_score: b.maxScore,
    severity: b.severity,
    kev: b.kev ? 1 : 0,
    revision: b.revision,
    pending_update: b.pendingUpdate.length > 0 ? toDbJson(b.pendingUpdate) : null,
    edited: b.edited ? 1 : 0,
    first_published_at: b.firstPublishedAt,
    published_at: b.publishedAt,
    withdrawn_at: b.withdrawnAt,
    withdrawn_reason: b.withdrawnReason,
    created_by: b.createdBy,
    updated_by: b.updatedBy,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

async function replaceLinks(db: Kysely<Database>, b: Bulletin, searchText: string): Promise<void> {
  await db
    .insertInto('vuln_bulletin_search')
    .values({ bulletin_id: b.id, search_text: searchText })
    .onConflict((oc) => oc.column('bulletin_id').doUpdateSet({ search_text: searchText }))
    .execute();
  await db.deleteFrom('vuln_bulletin_cves').where('bulletin_id', '=', b.id).execute();
  await db.deleteFrom('vuln_bulletin_products').where('bulletin_id', '=', b.id).execute();
  if (b.cves.length > 0) {
    await db
      .insertInto('vuln_bulletin_cves')
      .values(b.cves.map((c, position) => ({ bulletin_id: b.id, cve_id: c.cveId, score: c.score, kev: c.kev ? 1 : 0, seen_changed_at: c.seenChangedAt, position })))
      .execute();
  }
  if (b.products.length > 0) {
    await db
      .insertInto('vuln_bulletin_products')
      .values(b.products.map((p) => ({ bulletin_id: b.id, product_id: p.id, status: b.status })))
      .execute();
  }
}

/**
 * Stores a new bulletin with its CVEs and products. With a `proposalKey` (the CVE of a
 * proposal) a concurrent duplicate is ignored: false when another bulletin holds the key.
 */
export async function insertBulletin(db: Kysely<Database>, b: Bulletin, searchText: string, proposalKey: string | null = null): Promise<boolean> {
  const result = await db
    .insertInto('vuln_bulletins')
    .values(rowOf(b, proposalKey))
    .onConflict((oc) => oc.column('proposal_key').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
  await replaceLinks(db, b, searchText);
  return true;
}

/** Replaces a bulletin's fields, CVEs and products. */
export async function updateBulletin(db: Kysely<Database>, b: Bulletin, searchText: string): Promise<void> {
  const { id: _id, proposal_key: _key, created_at: _created, created_by: _by, ...fields } = rowOf(b, null);
  await db.updateTable('vuln_bulletins').set(fields).where('id', '=', b.id).execute();
  await replaceLinks(db, b, searchText);
}

/** Marks that a proposal looked at a CVE's change (the bulletin's text is left as it is). */
export async function updateBulletinCveSeen(db: Kysely<Database>, bulletinId: string, cveId: string, seenChangedAt: string): Promise<void> {
  await db.updateTable('vuln_bulletin_cves').set({ seen_changed_at: seenChangedAt }).where('bulletin_id', '=', bulletinId).where('cve_id', '=', cveId).execute();
}

/** Sets the changes waiting for review on a bulletin. */
export async function updatePendingUpdate(db: Kysely<Database>, bulletinId: string, changes: readonly BulletinChange[], at: string, by: string): Promise<void> {
  await db
    .updateTable('vuln_bulletins')
    .set({ pending_update: changes.length > 0 ? toDbJson(changes) : null, updated_at: at, updated_by: by })
    .where('id', '=', bulletinId)
    .execute();
}

async function linksOf(db: Kysely<Database>, ids: readonly string[]): Promise<{ cves: Map<string, BulletinCve[]>; products: Map<string, BulletinProduct[]> }> {
  const cves = new Map<string, BulletinCve[]>();
  const products = new Map<string, BulletinProduct[]>();
  if (ids.length === 0) return { cves, products };
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const cveRows = await db.selectFrom('vuln_bulletin_cves').selectAll().where('bulletin_id', 'in', slice).orderBy('bulletin_id').orderBy('position').execute();
    for (const r of cveRows) {
      const list = cves.get(r.bulletin_id) ?? [];
      list.push({ cveId: r.cve_id, score: r.score === null ? null : Number(r.score), kev: r.kev === 1, seenChangedAt: r.seen_changed_at });
      cves.set(r.bulletin_id, list);
    }
    const productRows = await db
      .selectFrom('vuln_bulletin_products as bp')
      .innerJoin('products as p', 'p.id', 'bp.product_id')
      .select(['bp.bulletin_id', 'p.id', 'p.vendor', 'p.product', 'p.display_name', 'p.category'])
      .where('bp.bulletin_id', 'in', slice)
      .orderBy('p.display_name')
      .execute();
    for (const r of productRows) {
      const list = products.get(r.bulletin_id) ?? [];
      list.push({ id: r.id, vendor: r.vendor, product: r.product, displayName: r.display_name, category: r.category });
      products.set(r.bulletin_id, list);
    }
  }
  return { cves, products };
}

async function withLinks(db: Kysely<Database>, rows: readonly Selectable<BulletinTable>[]): Promise<Bulletin[]> {
  const { cves, products } = await linksOf(db, rows.map((r) => r.id));
  return rows.map((r) => toBulletin(r, cves.get(r.id) ?? [], products.get(r.id) ?? []));
}

/** One bulletin with its CVEs and products, or undefined. */
export async function findBulletin(db: Kysely<Database>, id: string): Promise<Bulletin | undefined> {
  const row = await db.selectFrom('vuln_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return (await withLinks(db, [row]))[0];
}

/** One bulletin by its public reference (`AVI-2026-0001`), or undefined. */
export async function findBulletinByReference(db: Kysely<Database>, reference: string): Promise<Bulletin | undefined> {
  const row = await db.selectFrom('vuln_bulletins').selectAll().where('reference', '=', reference).executeTakeFirst();
  if (!row) return undefined;
  return (await withLinks(db, [row]))[0];
}

function endOfDay(date: string): string {
  return date.length === 10 ? `${date}T23:59:59.999Z` : date;
}

/** The accent-free search words of a query (at most 8). */
function wordsOf(q: string | undefined): string[] {
  return q?.trim() ? q.trim().split(/\s+/).slice(0, 8) : [];
}

/** Every word, anywhere in the words of the bulletin (`s` = vuln_bulletin_search). */
function allWords(words: readonly string[]) {
  return sql<boolean>`(${sql.join(words.map((word) => likeEscaped('s.search_text', containsPattern(word))), sql` and `)})`;
}

/**
 * The filtered bulletins. Product filters are a non-correlated `id IN (…)` subquery (one join of
 * the product links, not one per bulletin row). Words either come as the ids that match them
 * (`matching`, found beforehand by one scan of the narrow search table), or, when they match
 * many bulletins, as a subquery (a count: one scan) or a per-row probe (a page: stops when full).
 */
function filtered(db: Kysely<Database>, filter: BulletinFilter, use: 'page' | 'count', matching?: readonly string[]) {
  let query = db.selectFrom('vuln_bulletins as b');
  const statuses = filter.statuses && filter.statuses.length > 0 ? [...filter.statuses] : ['published'];
  query = query.where('b.status', 'in', statuses);
  const words = wordsOf(filter.q);
  if (matching) query = query.where('b.id', 'in', [...matching]);
  else if (words.length > 0 && use === 'count') query = query.where('b.id', 'in', db.selectFrom('vuln_bulletin_search as s').select('s.bulletin_id').where(allWords(words)));
  // Many matches: a page walks the list in order and stops once full.
  else if (words.length > 0) query = query.where((eb) => eb.exists(eb.selectFrom('vuln_bulletin_search as s').select(sql<number>`1`.as('one')).whereRef('s.bulletin_id', '=', 'b.id').where(allWords(words))));
  if (filter.severity) query = query.where('b.severity', '=', filter.severity);
  if (filter.kev !== undefined) query = query.where('b.kev', '=', filter.kev ? 1 : 0);
  if (filter.from) query = query.where('b.first_published_at', '>=', filter.from);
  if (filter.to) query = query.where('b.first_published_at', '<=', endOfDay(filter.to));
  if (filter.pendingOnly) query = query.where('b.pending_update', 'is not', null);
  if (filter.vendor || filter.productId || filter.category) {
    const { vendor, productId, category } = filter;
    const linked = db
      .selectFrom('vuln_bulletin_products as bp')
      .innerJoin('products as p', 'p.id', 'bp.product_id')
      .select('bp.bulletin_id')
      .$if(vendor !== undefined, (q) => q.where('p.vendor', '=', vendor as string))
      .$if(productId !== undefined, (q) => q.where('p.id', '=', productId as string))
      .$if(category !== undefined, (q) => q.where('p.category', '=', category as string));
    query = query.where('b.id', 'in', linked);
  }
  return query;
}

/** Above this many bulletins matching the words, the words are matched inside the list and count queries. */
const MAX_MATCHING_IDS = 1_000;

/**
 * One page of bulletins matching the filter, and how many match. The words are matched once, by
 * one scan of the narrow search table (the cost of a search), before the list and the count;
 * no match answers at once.
 */
export async function pageOfBulletins(db: Kysely<Database>, filter: BulletinFilter, limit: number, offset: number, order: BulletinOrder = 'published'): Promise<{ items: Bulletin[]; total: number }> {
  const words = wordsOf(filter.q);
  let matching: string[] | undefined;
  if (words.length > 0) {
    const rows = await db.selectFrom('vuln_bulletin_search as s').select('s.bulletin_id').where(allWords(words)).limit(MAX_MATCHING_IDS + 1).execute();
    if (rows.length === 0) return { items: [], total: 0 };
    if (rows.length <= MAX_MATCHING_IDS) matching = rows.map((r) => r.bulletin_id);
  }
  const [items, total] = await Promise.all([listBulletins(db, filter, limit, offset, order, matching), countBulletins(db, filter, matching)]);
  return { items, total };
}

/** A page of bulletins matching the filter (`matching`: the ids that match its words, when known). */
export async function listBulletins(db: Kysely<Database>, filter: BulletinFilter, limit: number, offset: number, order: BulletinOrder = 'published', matching?: readonly string[]): Promise<Bulletin[]> {
  let query = filtered(db, filter, 'page', matching).selectAll('b');
  if (order === 'published') query = query.orderBy('b.first_published_at', 'desc').orderBy('b.id', 'desc');
  else if (order === 'updated') query = query.orderBy('b.updated_at', 'desc').orderBy('b.id', 'desc');
  else query = query.orderBy('b.kev', 'desc').orderBy(sql`coalesce(b.max_score, -1)`, 'desc').orderBy('b.created_at', 'desc').orderBy('b.id', 'desc');
  const rows = await query.limit(limit).offset(offset).execute();
  return withLinks(db, rows);
}

/** How many bulletins match the filter (`matching`: as for `listBulletins`). */
export async function countBulletins(db: Kysely<Database>, filter: BulletinFilter, matching?: readonly string[]): Promise<number> {
  const row = await filtered(db, filter, 'count', matching).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** For each CVE, the bulletins that cover it (with the facts they hold for it). */
export async function listCoveringBulletins(db: Kysely<Database>, cveIds: readonly string[]): Promise<Map<string, CoveringBulletin[]>> {
  const out = new Map<string, CoveringBulletin[]>();
  if (cveIds.length === 0) return out;
  const rows: { bulletin_id: string; cve_id: string; score: number | null; kev: number; seen_changed_at: string | null; status: string }[] = [];
  for (let i = 0; i < cveIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('vuln_bulletin_cves as c')
        .innerJoin('vuln_bulletins as b', 'b.id', 'c.bulletin_id')
        .select(['c.bulletin_id', 'c.cve_id', 'c.score', 'c.kev', 'c.seen_changed_at', 'b.status'])
        .where('c.cve_id', 'in', cveIds.slice(i, i + 500))
        .orderBy('b.created_at')
        .execute()),
    );
  }
  const bulletinIds = [...new Set(rows.map((r) => r.bulletin_id))];
  const productIds = new Map<string, string[]>();
  for (let i = 0; i < bulletinIds.length; i += 500) {
    const ps = await db.selectFrom('vuln_bulletin_products').selectAll().where('bulletin_id', 'in', bulletinIds.slice(i, i + 500)).execute();
    for (const p of ps) productIds.set(p.bulletin_id, [...(productIds.get(p.bulletin_id) ?? []), p.product_id]);
  }
  for (const r of rows) {
    const list = out.get(r.cve_id) ?? [];
    list.push({
      id: r.bulletin_id,
      status: r.status as BulletinStatus,
      fact: { cveId: r.cve_id, score: r.score === null ? null : Number(r.score), kev: r.kev === 1, seenChangedAt: r.seen_changed_at },
      productIds: productIds.get(r.bulletin_id) ?? [],
    });
    out.set(r.cve_id, list);
  }
  return out;
}

/** Stores a published revision. */
export async function insertBulletinRevision(db: Kysely<Database>, revision: BulletinRevision & { id: string; bulletinId: string; snapshot: unknown }): Promise<void> {
  await db
    .insertInto('vuln_bulletin_revisions')
    .values({ id: revision.id, bulletin_id: revision.bulletinId, number: revision.number, at: revision.at, note: revision.note, actor_label: revision.actorLabel, snapshot: toDbJson(revision.snapshot) })
    .execute();
}

/** A bulletin's revisions, oldest first. */
export async function listBulletinRevisions(db: Kysely<Database>, bulletinId: string): Promise<BulletinRevision[]> {
  const rows = await db.selectFrom('vuln_bulletin_revisions').select(['number', 'at', 'note', 'actor_label']).where('bulletin_id', '=', bulletinId).orderBy('number').execute();
  return rows.map((r) => ({ number: Number(r.number), at: r.at, note: r.note, actorLabel: r.actor_label }));
}

/** The highest sequence number used by references starting with `prefix` (e.g. `AVI-2026-`). */
export async function findLastReferenceNumber(db: Kysely<Database>, prefix: string): Promise<number> {
  const rows = await db.selectFrom('vuln_bulletins').select('reference').where('reference', 'like', `${prefix}%`).execute();
  return rows.reduce((max, r) => Math.max(max, Number(/(\d+)$/.exec(r.reference ?? '')?.[1] ?? 0)), 0);
}

/** Published bulletins per product category (a bulletin counts once per category it names). */
export async function countPublishedBulletinsByCategory(db: Kysely<Database>, from: string): Promise<{ category: string; count: number }[]> {
  const rows = await db
    .selectFrom('vuln_bulletins as b')
    .innerJoin('vuln_bulletin_products as bp', 'bp.bulletin_id', 'b.id')
    .innerJoin('products as p', 'p.id', 'bp.product_id')
    .select(['p.category', (eb) => eb.fn.count<number>('b.id').distinct().as('n')])
    .where('b.status', '=', 'published')
    .where('b.first_published_at', '>=', from)
    .groupBy('p.category')
    .orderBy('p.category')
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

/** Published bulletins without any catalogue product since a date (the "other" bar of the chart). */
export async function countPublishedBulletinsWithoutProduct(db: Kysely<Database>, from: string): Promise<number> {
  const row = await db
    .selectFrom('vuln_bulletins as b')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.status', '=', 'published')
    .where('b.first_published_at', '>=', from)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('vuln_bulletin_products as bp').select(sql<number>`1`.as('one')).whereRef('bp.bulletin_id', '=', 'b.id'))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Vendors, products and categories named by published bulletins (the filter choices of the portal). */
export async function listPublishedFacets(db: Kysely<Database>): Promise<{ vendors: string[]; products: { id: string; vendor: string; displayName: string }[]; categories: string[] }> {
  const rows = await db
    .selectFrom('products as p')
    .select(['p.id', 'p.vendor', 'p.display_name', 'p.category'])
    .where('p.id', 'in', db.selectFrom('vuln_bulletin_products as bp').select('bp.product_id').where('bp.status', '=', 'published'))
    .orderBy('p.display_name')
    .execute();
  return {
    vendors: [...new Set(rows.map((r) => r.vendor))].sort(),
    products: rows.map((r) => ({ id: r.id, vendor: r.vendor, displayName: r.display_name })),
    categories: [...new Set(rows.map((r) => r.category))].sort(),
  };
}

/** Published bulletins that cover these CVEs (one row per CVE and bulletin), newest first. */
export async function listPublishedBulletinsOfCves(
  db: Kysely<Database>,
  cveIds: readonly string[],
): Promise<{ cveId: string; id: string; reference: string | null; title: string; publishedAt: string | null }[]> {
  const out: { cveId: string; id: string; reference: string | null; title: string; publishedAt: string | null }[] = [];
  for (let i = 0; i < cveIds.length; i += 500) {
    const rows = await db
      .selectFrom('vuln_bulletin_cves as c')
      .innerJoin('vuln_bulletins as b', 'b.id', 'c.bulletin_id')
      .select(['c.cve_id', 'b.id', 'b.reference', 'b.title', 'b.published_at'])
      .where('c.cve_id', 'in', cveIds.slice(i, i + 500))
      .where('b.status', '=', 'published')
      .orderBy('b.first_published_at', 'desc')
      .execute();
    out.push(...rows.map((r) => ({ cveId: r.cve_id, id: r.id, reference: r.reference, title: r.title, publishedAt: r.published_at })));
  }
  return out;
}

/** Published bulletins whose latest revision is after `since`, oldest first (digests, feed). */
export async function listBulletinsPublishedSince(db: Kysely<Database>, since: string, limit: number): Promise<Bulletin[]> {
  const rows = await db
    .selectFrom('vuln_bulletins')
    .selectAll()
    .where('status', '=', 'published')
    .where('published_at', '>', since)
    .orderBy('published_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return withLinks(db, rows);
}

/** The latest published bulletins by date of their latest revision, newest first (Atom feed). */
export async function listLatestPublishedBulletins(db: Kysely<Database>, limit: number): Promise<Bulletin[]> {
  const rows = await db.selectFrom('vuln_bulletins').selectAll().where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return withLinks(db, rows);
}
