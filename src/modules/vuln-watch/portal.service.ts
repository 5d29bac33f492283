/**
 * The public portal's reads that gather several parts: the CVE page (the knowledge base's CVE
 * and the published bulletins that cover it) and the Atom feed (bulletins and news items).
 */
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { findPublishedBulletinsForCves, type BulletinLinkInfo } from './bulletin.queries.js';
import { bulletinMessages } from './bulletin.messages.js';
import { listLatestPublishedBulletins } from './bulletin-search.repository.js';
import { bulletinPath } from './bulletin.service.js';
import { getCve } from './kb.js';
import { listNews } from './news.repository.js';
import { newsPath } from './news.service.js';
import { renderAtomFeed, type FeedEntry } from './portal.feed.js';
import { canReadCves, canReadPublishedBulletins } from './vuln-watch.policy.js';
import type { Cve } from './vuln-watch.types.js';

/** Entries in the Atom feed. */
export const FEED_SIZE = 50;

/** A CVE and the published bulletins that cover it. */
export async function readCvePage(
  ctx: ServiceContext,
  id: string,
): Promise<{ cve: Cve; bulletins: BulletinLinkInfo[] }> {
  authorize(ctx.actor, canReadCves(ctx.actor));
  const cve = await getCve(ctx.db, id);
  const bulletins = (await findPublishedBulletinsForCves(ctx.db, [cve.id])).get(cve.id) ?? [];
  return { cve, bulletins };
}

function excerpt(text: string, max = 1200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The Atom feed of the latest published bulletins and news items, newest change first. */
export async function buildAtomFeed(ctx: ServiceContext): Promise<string> {
  authorize(ctx.actor, canReadPublishedBulletins(ctx.actor));
  const base = ctx.config.publicUrl;
  const [bulletins, news] = await Promise.all([
    listLatestPublishedBulletins(ctx.db, FEED_SIZE),
    listNews(ctx.db, { statuses: ['published'] }, FEED_SIZE, 0),
  ]);
  const entries: FeedEntry[] = [
    ...bulletins.map((b) => ({
      id: `urn:uuid:${b.id}`,
      title: `${b.reference ? `${b.reference} – ` : ''}${b.title}`,
      link: `${base}${bulletinPath(b.id)}`,
      updated: b.publishedAt ?? b.updatedAt,
      published: b.firstPublishedAt,
      summary: excerpt(b.summary),
      categories: ['bulletin', b.severity, ...(b.kev ? ['kev'] : []), ...b.cves.map((c) => c.cveId)],
    })),
    ...news.map((n) => ({
      id: `urn:uuid:${n.id}`,
      title: n.title,
      link: `${base}${newsPath(n.id)}`,
      updated: n.publishedAt ?? n.updatedAt,
      published: n.firstPublishedAt,
      summary: excerpt(n.summary),
      categories: ['actualite', n.kind],
    })),
  ]
    .sort((a, b) => b.updated.localeCompare(a.updated))
    .slice(0, FEED_SIZE);
  return renderAtomFeed(
    {
      id: `${base}/bulletins.atom`,
      title: bulletinMessages.feedTitle[ctx.lang],
      self: `${base}/bulletins.atom`,
      alternate: `${base}/bulletins`,
      author: 'Hygie',
      fallbackUpdated: '2000-01-01T00:00:00.000Z',
      lang: ctx.lang,
    },
    entries,
  );
}
