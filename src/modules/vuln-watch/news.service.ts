/**
 * News items on malicious activities targeting the sector: analysts write, publish, change and
 * withdraw them; anyone reads published ones. Every write is audit-logged in its transaction.
 */
import { searchKey } from '../../db/portable.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page, type PageRequest } from '../../lib/pagination.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { cleanText, LIMITS, parseReferences } from './bulletin.validation.js';
import { countNews, findNews, insertNews, listNews, updateNews, type NewsFilter } from './news.repository.js';
import { NEWS_KINDS, type NewsInput, type NewsItem, type NewsKind } from './news.types.js';
import { canReadBulletin, canReadUnpublishedBulletins, canWriteBulletins } from './vuln-watch.policy.js';

/** Path of a news item's public page. */
export function newsPath(id: string): string {
  return `/actualites/${encodeURIComponent(id)}`;
}

function newsSearchText(n: Pick<NewsItem, 'title' | 'summary' | 'body'>): string {
  return searchKey(`${n.title} ${n.summary} ${n.body}`).slice(0, 30_000);
}

function kindOf(value: string | undefined, fallback: NewsKind): NewsKind {
  if (value === undefined || value === '') return fallback;
  if (!(NEWS_KINDS as readonly string[]).includes(value)) {
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_KIND_UNKNOWN, { value: value.slice(0, 60), allowed: NEWS_KINDS.join(', ') }, [{ field: 'kind', message: value.slice(0, 60) }]);
  }
  return value as NewsKind;
}

function missingOf(n: Pick<NewsItem, 'title' | 'summary' | 'body'>): { field: string; message: string }[] {
  return (['title', 'summary', 'body'] as const).filter((f) => n[f].trim() === '').map((field) => ({ field, message: 'required to publish' }));
}

function statusError(status: string, action: string): HygieError {
  return new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_STATUS, { status, action });
}

async function writable(ctx: ServiceContext, id: string): Promise<NewsItem> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const n = await findNews(ctx.db, id);
  if (!n) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_NOT_FOUND);
  return n;
}

/** Refuses (401/403) anyone who may not write news items: the forms' pages call it first. */
export function requireNewsWriter(ctx: ServiceContext): void {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
}

/** A page of news items: published ones for everyone; other statuses for CERT writers. */
export async function browseNews(ctx: ServiceContext, filter: NewsFilter & PageRequest): Promise<Page<NewsItem>> {
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : (['published'] as const);
  if (statuses.some((s) => s !== 'published') && !canReadUnpublishedBulletins(ctx.actor)) {
    if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_STATUS_FILTER);
  }
  const { page, pageSize, limit, offset } = pageWindow(filter, 20, 100);
  const query = { ...filter, statuses };
  const [items, total] = await Promise.all([listNews(ctx.db, query, limit, offset), countNews(ctx.db, query)]);
  return { items, total, page, pageSize };
}

/** One news item (unpublished ones answer "not found" to those who may not see them). */
export async function readNews(ctx: ServiceContext, id: string): Promise<NewsItem> {
  const n = await findNews(ctx.db, id);
  if (!n || !canReadBulletin(ctx.actor, n.status)) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_NOT_FOUND);
  return n;
}

function apply(input: NewsInput, current: Pick<NewsItem, 'kind' | 'title' | 'summary' | 'body' | 'references'>): Pick<NewsItem, 'kind' | 'title' | 'summary' | 'body' | 'references'> {
  return {
    kind: kindOf(input.kind, current.kind),
    title: input.title !== undefined ? cleanText(input.title, 'title', LIMITS.title) : current.title,
    summary: input.summary !== undefined ? cleanText(input.summary, 'summary', LIMITS.solution) : current.summary,
    body: input.body !== undefined ? cleanText(input.body, 'body', LIMITS.body) : current.body,
    references: input.references !== undefined ? parseReferences(input.references) : current.references,
  };
}

/** Writes a news item as a draft. */
export async function createNews(ctx: ServiceContext, input: NewsInput): Promise<NewsItem> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const at = ctx.clock.now().toISOString();
  const by = actorLabel(ctx.actor);
  const fields = apply(input, { kind: 'other', title: '', summary: '', body: '', references: [] });
  if (fields.title === '') throw new HygieError(CommonErrors.COMMON_VALIDATION, {}, [{ field: 'title', message: 'required' }]);
  const item: NewsItem = { id: newId(), status: 'draft', ...fields, firstPublishedAt: null, publishedAt: null, withdrawnAt: null, withdrawnReason: null, createdBy: by, updatedBy: by, createdAt: at, updatedAt: at };
  await ctx.db.transaction().execute(async (trx) => {
    await insertNews(trx, item, newsSearchText(item));
    await recordAudit(ctx, { action: 'vuln-watch.create-news', objectType: 'news', objectId: item.id, details: { title: item.title, kind: item.kind } }, trx);
  });
  return item;
}

/** Changes a news item; a published one shows its new date of change. */
export async function editNews(ctx: ServiceContext, id: string, input: NewsInput): Promise<NewsItem> {
  const current = await writable(ctx, id);
  if (current.status === 'withdrawn') throw statusError(current.status, 'edit');
  const at = ctx.clock.now().toISOString();
  const next: NewsItem = { ...current, ...apply(input, current), publishedAt: current.status === 'published' ? at : current.publishedAt, updatedBy: actorLabel(ctx.actor), updatedAt: at };
  if (next.status === 'published') {
    const missing = missingOf(next);
    if (missing.length > 0) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_INCOMPLETE, {}, missing);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateNews(trx, next, newsSearchText(next));
    await recordAudit(ctx, { action: 'vuln-watch.edit-news', objectType: 'news', objectId: id, details: { title: next.title, status: next.status } }, trx);
  });
  return next;
}

/** Publishes a draft news item. */
export async function publishNews(ctx: ServiceContext, id: string): Promise<NewsItem> {
  const current = await writable(ctx, id);
  if (current.status !== 'draft') throw statusError(current.status, 'publish');
  const missing = missingOf(current);
  if (missing.length > 0) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_NEWS_INCOMPLETE, {}, missing);
  const at = ctx.clock.now().toISOString();
  const next: NewsItem = { ...current, status: 'published', firstPublishedAt: current.firstPublishedAt ?? at, publishedAt: at, updatedBy: actorLabel(ctx.actor), updatedAt: at };
  await ctx.db.transaction().execute(async (trx) => {
    await updateNews(trx, next, newsSearchText(next));
    await recordAudit(ctx, { action: 'vuln-watch.publish-news', objectType: 'news', objectId: id, details: { title: next.title } }, trx);
  });
  return next;
}

/** Withdraws a news item (a draft is discarded; a published one leaves the lists and the feed). */
export async function withdrawNews(ctx: ServiceContext, id: string, input: { reason?: string } = {}): Promise<NewsItem> {
  const current = await writable(ctx, id);
  if (current.status === 'withdrawn') throw statusError(current.status, 'withdraw');
  const reason = cleanText(input.reason, 'reason', LIMITS.note);
  const at = ctx.clock.now().toISOString();
  const next: NewsItem = { ...current, status: 'withdrawn', withdrawnAt: at, withdrawnReason: reason || null, updatedBy: actorLabel(ctx.actor), updatedAt: at };
  await ctx.db.transaction().execute(async (trx) => {
    await updateNews(trx, next, newsSearchText(next));
    await recordAudit(ctx, { action: 'vuln-watch.withdraw-news', objectType: 'news', objectId: id, details: { title: next.title, wasPublished: current.status === 'published', reason } }, trx);
  });
  return next;
}
