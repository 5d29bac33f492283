/** The SQL of news items. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { NewsTable } from '../../db/tables/vuln-watch-bulletins.js';
import { containsPattern, fromDbJson, likeEscaped, toDbJson } from '../../db/portable.js';
import type { BulletinLink } from './bulletin.types.js';
import type { NewsItem, NewsKind, NewsStatus } from './news.types.js';

/** Filters of news lists. */
export interface NewsFilter {
  readonly q?: string;
  readonly kind?: NewsKind;
  /** Default: published. */
  readonly statuses?: readonly NewsStatus[];
}

function toNews(row: Selectable<NewsTable>): NewsItem {
  return {
    id: row.id,
    status: row.status as NewsStatus,
    kind: row.kind as NewsKind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    references: fromDbJson<BulletinLink[]>(row.reference_links, []),
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

function rowOf(n: NewsItem, searchText: string): NewsTable {
  return {
    id: n.id,
    status: n.status,
    kind: n.kind,
    title: n.title,
    summary: n.summary,
    body: n.body,
    reference_links: toDbJson(n.references),
    search_text: searchText,
    first_published_at: n.firstPublishedAt,
    published_at: n.publishedAt,
    withdrawn_at: n.withdrawnAt,
    withdrawn_reason: n.withdrawnReason,
    created_by: n.createdBy,
    updated_by: n.updatedBy,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}

/** Stores a new news item. */
export async function insertNews(db: Kysely<Database>, n: NewsItem, searchText: string): Promise<void> {
  await db.insertInto('vuln_news').values(rowOf(n, searchText)).execute();
}

/** Replaces a news item's fields. */
export async function updateNews(db: Kysely<Database>, n: NewsItem, searchText: string): Promise<void> {
  const { id: _id, created_at: _at, created_by: _by, ...fields } = rowOf(n, searchText);
  await db.updateTable('vuln_news').set(fields).where('id', '=', n.id).execute();
}

/** One news item, or undefined. */
export async function findNews(db: Kysely<Database>, id: string): Promise<NewsItem | undefined> {
  const row = await db.selectFrom('vuln_news').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNews(row) : undefined;
}

function filtered(db: Kysely<Database>, filter: NewsFilter) {
  let query = db.selectFrom('vuln_news').where('status', 'in', filter.statuses && filter.statuses.length > 0 ? [...filter.statuses] : ['published']);
  if (filter.q?.trim()) for (const word of filter.q.trim().split(/\s+/).slice(0, 8)) query = query.where(likeEscaped('search_text', containsPattern(word)));
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query;
}

/** A page of news items: published ones by latest change, others by creation, newest first. */
export async function listNews(db: Kysely<Database>, filter: NewsFilter, limit: number, offset: number): Promise<NewsItem[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('published_at', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map(toNews);
}

/** How many news items match. */
export async function countNews(db: Kysely<Database>, filter: NewsFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
