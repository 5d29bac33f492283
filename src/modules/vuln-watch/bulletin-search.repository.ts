/**
 * The bulletins SQL for lists: the filter (statuses, words, severity, dates, products), a page of
 * bulletins with its count, and the published lists, counts and facets the portal needs.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { containsPattern, likeEscaped } from '../../db/portable.js';
import { withLinks } from './bulletin.repository.js';
import type { Bulletin, BulletinFilter } from './bulletin.types.js';

/** How a list is ordered: public (newest first publication), review queue, or last change. */
export type BulletinOrder = 'published' | 'review' | 'updated';

function endOfDay(date: string): string {
  return date.length === 10 ? `${date}T23:59:59.999Z` : date;
}

/** The accent-free search words of a query (at most 8). */
function wordsOf(q: string | undefined): string[] {
  return q?.trim() ? q.trim().split(/\s+/).slice(0, 8) : [];
}

/** Every word, anywhere in the words of the bulletin (`s` = vuln_bulletin_search). */
function allWords(words: readonly string[]) {
  return sql<boolean>`(${sql.join(
    words.map((word) => likeEscaped('s.search_text', containsPattern(word))),
    sql` and `,
  )})`;
}

/**
 * The filtered bulletins. Product filters are a non-correlated `id IN (…)` subquery (one join of
 * the product links, not one per bulletin row). Words either come as the ids that match them
 * (`matching`, found beforehand by one scan of the narrow search table), or, when they match
 * many bulletins, as a subquery (a count: one scan) or a per-row probe (a page: stops when full).
 */
function filtered(
  db: Kysely<Database>,
  filter: BulletinFilter,
  use: 'page' | 'count',
  matching?: readonly string[],
) {
  let query = db.selectFrom('vuln_bulletins as b');
  const statuses = filter.statuses && filter.statuses.length > 0 ? [...filter.statuses] : ['published'];
  query = query.where('b.status', 'in', statuses);
  const words = wordsOf(filter.q);
  if (matching) query = query.where('b.id', 'in', [...matching]);
  else if (words.length > 0 && use === 'count')
    query = query.where(
      'b.id',
      'in',
      db.selectFrom('vuln_bulletin_search as s').select('s.bulletin_id').where(allWords(words)),
    );
  // Many matches: a page walks the list in order and stops once full.
  else if (words.length > 0)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('vuln_bulletin_search as s')
          .select(sql<number>`1`.as('one'))
          .whereRef('s.bulletin_id', '=', 'b.id')
          .where(allWords(words)),
      ),
    );
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
export async function pageOfBulletins(
  db: Kysely<Database>,
  filter: BulletinFilter,
  limit: number,
  offset: number,
  order: BulletinOrder = 'published',
): Promise<{ items: Bulletin[]; total: number }> {
  const words = wordsOf(filter.q);
  let matching: string[] | undefined;
  if (words.length > 0) {
    const rows = await db
      .selectFrom('vuln_bulletin_search as s')
      .select('s.bulletin_id')
      .where(allWords(words))
      .limit(MAX_MATCHING_IDS + 1)
      .execute();
    if (rows.length === 0) return { items: [], total: 0 };
    if (rows.length <= MAX_MATCHING_IDS) matching = rows.map((r) => r.bulletin_id);
  }
  const [items, total] = await Promise.all([
    listBulletins(db, filter, limit, offset, order, matching),
    countBulletins(db, filter, matching),
  ]);
  return { items, total };
}

/** A page of bulletins matching the filter (`matching`: the ids that match its words, when known). */
export async function listBulletins(
  db: Kysely<Database>,
  filter: BulletinFilter,
  limit: number,
  offset: number,
  order: BulletinOrder = 'published',
  matching?: readonly string[],
): Promise<Bulletin[]> {
  let query = filtered(db, filter, 'page', matching).selectAll('b');
  if (order === 'published') query = query.orderBy('b.first_published_at', 'desc').orderBy('b.id', 'desc');
  else if (order === 'updated') query = query.orderBy('b.updated_at', 'desc').orderBy('b.id', 'desc');
  else
    query = query
      .orderBy('b.kev', 'desc')
      .orderBy(sql`coalesce(b.max_score, -1)`, 'desc')
      .orderBy('b.created_at', 'desc')
      .orderBy('b.id', 'desc');
  const rows = await query.limit(limit).offset(offset).execute();
  return withLinks(db, rows);
}

/** How many bulletins match the filter (`matching`: as for `listBulletins`). */
export async function countBulletins(
  db: Kysely<Database>,
  filter: BulletinFilter,
  matching?: readonly string[],
): Promise<number> {
  const row = await filtered(db, filter, 'count', matching)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published bulletins per product category (a bulletin counts once per category it names). */
export async function countPublishedBulletinsByCategory(
  db: Kysely<Database>,
  from: string,
): Promise<{ category: string; count: number }[]> {
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
export async function countPublishedBulletinsWithoutProduct(
  db: Kysely<Database>,
  from: string,
): Promise<number> {
  const row = await db
    .selectFrom('vuln_bulletins as b')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.status', '=', 'published')
    .where('b.first_published_at', '>=', from)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('vuln_bulletin_products as bp')
            .select(sql<number>`1`.as('one'))
            .whereRef('bp.bulletin_id', '=', 'b.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Vendors, products and categories named by published bulletins (the filter choices of the portal). */
export async function listPublishedFacets(db: Kysely<Database>): Promise<{
  vendors: string[];
  products: { id: string; vendor: string; displayName: string }[];
  categories: string[];
}> {
  const rows = await db
    .selectFrom('products as p')
    .select(['p.id', 'p.vendor', 'p.display_name', 'p.category'])
    .where(
      'p.id',
      'in',
      db
        .selectFrom('vuln_bulletin_products as bp')
        .select('bp.product_id')
        .where('bp.status', '=', 'published'),
    )
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
): Promise<
  { cveId: string; id: string; reference: string | null; title: string; publishedAt: string | null }[]
> {
  const out: {
    cveId: string;
    id: string;
    reference: string | null;
    title: string;
    publishedAt: string | null;
  }[] = [];
  for (let i = 0; i < cveIds.length; i += 500) {
    const rows = await db
      .selectFrom('vuln_bulletin_cves as c')
      .innerJoin('vuln_bulletins as b', 'b.id', 'c.bulletin_id')
      .select(['c.cve_id', 'b.id', 'b.reference', 'b.title', 'b.published_at'])
      .where('c.cve_id', 'in', cveIds.slice(i, i + 500))
      .where('b.status', '=', 'published')
      .orderBy('b.first_published_at', 'desc')
      .execute();
    out.push(
      ...rows.map((r) => ({
        cveId: r.cve_id,
        id: r.id,
        reference: r.reference,
        title: r.title,
        publishedAt: r.published_at,
      })),
    );
  }
  return out;
}

/** Published bulletins whose latest revision is after `since`, oldest first (digests, feed). */
export async function listBulletinsPublishedSince(
  db: Kysely<Database>,
  since: string,
  limit: number,
): Promise<Bulletin[]> {
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
  const rows = await db
    .selectFrom('vuln_bulletins')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withLinks(db, rows);
}
