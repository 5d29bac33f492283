/**
 * Knowledge-base reads the digests need that `kb.ts` does not offer: the CVEs whose material
 * fields changed after a time, walked in pages by (material_changed_at, id) so that a large
 * import (every row with the same timestamp) is read whole and exactly once. Trusted callers
 * only (the digest job, previews): no authorisation here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findCves } from './kb.js';
import type { Cve } from './vuln-watch.types.js';

/** Where a walk over changed CVEs stands. */
export interface ChangedCursor {
  readonly at: string;
  readonly id: string;
}

/** The next page of ids of published CVEs whose material fields changed after `since`, after `after`. */
export async function listChangedCveIds(db: Kysely<Database>, since: string, after: ChangedCursor | null, limit: number): Promise<ChangedCursor[]> {
  let query = db.selectFrom('cves').select(['id', 'material_changed_at']).where('state', '=', 'PUBLISHED').where('material_changed_at', '>', since);
  if (after) {
    query = query.where((eb) => eb.or([eb('material_changed_at', '>', after.at), eb.and([eb('material_changed_at', '=', after.at), eb('id', '>', after.id)])]));
  }
  const rows = await query.orderBy('material_changed_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ at: r.material_changed_at, id: r.id }));
}

/**
 * Walks every published CVE materially changed after `since`, page by page (merged records from
 * the knowledge base), oldest change first.
 */
export async function* walkChangedCves(db: Kysely<Database>, since: string, pageSize = 500): AsyncGenerator<Cve[]> {
  let after: ChangedCursor | null = null;
  for (;;) {
    const page = await listChangedCveIds(db, since, after, pageSize);
    if (page.length === 0) return;
    yield await findCves(db, page.map((p) => p.id));
    after = page[page.length - 1] ?? null;
    if (page.length < pageSize) return;
  }
}
