/**
 * Published bulletins for trusted callers of the module (subscriptions and digests, indicators,
 * the CVE page): functions take `db` first, apply no authorisation and return PUBLISHED
 * bulletins only, so whatever they return may be shown or mailed to anyone.
 *
 * For digests: `listPublishedBulletinsSince(db, lastDigestAt)` gives what was published or
 * revised since (a revision moves `publishedAt`; `revision` says which one), and
 * `findPublishedBulletinsForCves(db, ids)` links the CVEs of a digest to their bulletins.
 * Link to a bulletin with `publicUrl + bulletinPath(id)`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import {
  countPublishedBulletinsByCategory as countByCategory,
  countPublishedBulletinsWithoutProduct,
  listBulletinsPublishedSince,
  listPublishedBulletinsOfCves,
} from './bulletin-search.repository.js';
import { findBulletin } from './bulletin.repository.js';
import type { Bulletin } from './bulletin.types.js';

export { bulletinPath } from './bulletin.service.js';
export type { Bulletin, BulletinCve, BulletinProduct, BulletinRisk, BulletinLink } from './bulletin.types.js';

/** A bulletin as a link: what a digest or a CVE page shows. */
export interface BulletinLinkInfo {
  readonly id: string;
  readonly reference: string | null;
  readonly title: string;
  readonly publishedAt: string | null;
}

/** One published bulletin, or undefined (drafts and withdrawn bulletins are undefined too). */
export async function findPublishedBulletin(db: Kysely<Database>, id: string): Promise<Bulletin | undefined> {
  const b = await findBulletin(db, id);
  return b?.status === 'published' ? b : undefined;
}

/** Bulletins published or revised after `since` (ISO timestamp), oldest first, at most `limit`. */
export async function listPublishedBulletinsSince(
  db: Kysely<Database>,
  since: string,
  limit = 500,
): Promise<Bulletin[]> {
  return listBulletinsPublishedSince(db, since, Math.min(Math.max(limit, 1), 5000));
}

/** For each CVE id, the published bulletins that cover it (newest first); CVEs without any are absent. */
export async function findPublishedBulletinsForCves(
  db: Kysely<Database>,
  cveIds: readonly string[],
): Promise<Map<string, BulletinLinkInfo[]>> {
  const out = new Map<string, BulletinLinkInfo[]>();
  for (const r of await listPublishedBulletinsOfCves(db, [...new Set(cveIds)])) {
    const list = out.get(r.cveId) ?? [];
    list.push({ id: r.id, reference: r.reference, title: r.title, publishedAt: r.publishedAt });
    out.set(r.cveId, list);
  }
  return out;
}

/** Published bulletins per product category since a date (first publication); `none` counts those without a catalogue product. */
export async function countPublishedBulletinsByCategory(
  db: Kysely<Database>,
  from: string,
): Promise<{ category: string; count: number }[]> {
  const [rows, none] = await Promise.all([
    countByCategory(db, from),
    countPublishedBulletinsWithoutProduct(db, from),
  ]);
  return none > 0 ? [...rows, { category: 'none', count: none }] : rows;
}
