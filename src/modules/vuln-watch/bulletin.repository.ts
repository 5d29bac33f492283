/**
 * The bulletins SQL: bulletins with their CVEs and products, and revisions (lists, counts and
 * facets: `bulletin-search.repository.ts`). Reads the knowledge base's `products` table for names.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { BulletinTable } from '../../db/tables/vuln-watch-bulletins.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import type { CoveringBulletin } from './bulletin.proposal.js';
import type {
  Bulletin,
  BulletinChange,
  BulletinCve,
  BulletinLink,
  BulletinOrigin,
  BulletinProduct,
  BulletinRevision,
  BulletinRisk,
  BulletinStatus,
} from './bulletin.types.js';
import type { Severity } from './vuln-watch.types.js';

function toBulletin(
  row: Selectable<BulletinTable>,
  cves: readonly BulletinCve[],
  products: readonly BulletinProduct[],
): Bulletin {
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
      .values(
        b.cves.map((c, position) => ({
          bulletin_id: b.id,
          cve_id: c.cveId,
          score: c.score,
          kev: c.kev ? 1 : 0,
          seen_changed_at: c.seenChangedAt,
          position,
        })),
      )
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
export async function insertBulletin(
  db: Kysely<Database>,
  b: Bulletin,
  searchText: string,
  proposalKey: string | null = null,
): Promise<boolean> {
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
export async function updateBulletinCveSeen(
  db: Kysely<Database>,
  bulletinId: string,
  cveId: string,
  seenChangedAt: string,
): Promise<void> {
  await db
    .updateTable('vuln_bulletin_cves')
    .set({ seen_changed_at: seenChangedAt })
    .where('bulletin_id', '=', bulletinId)
    .where('cve_id', '=', cveId)
    .execute();
}

/** Sets the changes waiting for review on a bulletin. */
export async function updatePendingUpdate(
  db: Kysely<Database>,
  bulletinId: string,
  changes: readonly BulletinChange[],
  at: string,
  by: string,
): Promise<void> {
  await db
    .updateTable('vuln_bulletins')
    .set({ pending_update: changes.length > 0 ? toDbJson(changes) : null, updated_at: at, updated_by: by })
    .where('id', '=', bulletinId)
    .execute();
}

async function linksOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ cves: Map<string, BulletinCve[]>; products: Map<string, BulletinProduct[]> }> {
  const cves = new Map<string, BulletinCve[]>();
  const products = new Map<string, BulletinProduct[]>();
  if (ids.length === 0) return { cves, products };
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const cveRows = await db
      .selectFrom('vuln_bulletin_cves')
      .selectAll()
      .where('bulletin_id', 'in', slice)
      .orderBy('bulletin_id')
      .orderBy('position')
      .execute();
    for (const r of cveRows) {
      const list = cves.get(r.bulletin_id) ?? [];
      list.push({
        cveId: r.cve_id,
        score: r.score === null ? null : Number(r.score),
        kev: r.kev === 1,
        seenChangedAt: r.seen_changed_at,
      });
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
      list.push({
        id: r.id,
        vendor: r.vendor,
        product: r.product,
        displayName: r.display_name,
        category: r.category,
      });
      products.set(r.bulletin_id, list);
    }
  }
  return { cves, products };
}

/** Rows as bulletins, with their CVEs and products. */
export async function withLinks(
  db: Kysely<Database>,
  rows: readonly Selectable<BulletinTable>[],
): Promise<Bulletin[]> {
  const { cves, products } = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toBulletin(r, cves.get(r.id) ?? [], products.get(r.id) ?? []));
}

/** One bulletin with its CVEs and products, or undefined. */
export async function findBulletin(db: Kysely<Database>, id: string): Promise<Bulletin | undefined> {
  const row = await db.selectFrom('vuln_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return (await withLinks(db, [row]))[0];
}

/** One bulletin by its public reference (`AVI-2026-0001`), or undefined. */
export async function findBulletinByReference(
  db: Kysely<Database>,
  reference: string,
): Promise<Bulletin | undefined> {
  const row = await db
    .selectFrom('vuln_bulletins')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await withLinks(db, [row]))[0];
}

/** For each CVE, the bulletins that cover it (with the facts they hold for it). */
export async function listCoveringBulletins(
  db: Kysely<Database>,
  cveIds: readonly string[],
): Promise<Map<string, CoveringBulletin[]>> {
  const out = new Map<string, CoveringBulletin[]>();
  if (cveIds.length === 0) return out;
  const rows: {
    bulletin_id: string;
    cve_id: string;
    score: number | null;
    kev: number;
    seen_changed_at: string | null;
    status: string;
  }[] = [];
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
    const ps = await db
      .selectFrom('vuln_bulletin_products')
      .selectAll()
      .where('bulletin_id', 'in', bulletinIds.slice(i, i + 500))
      .execute();
    for (const p of ps)
      productIds.set(p.bulletin_id, [...(productIds.get(p.bulletin_id) ?? []), p.product_id]);
  }
  for (const r of rows) {
    const list = out.get(r.cve_id) ?? [];
    list.push({
      id: r.bulletin_id,
      status: r.status as BulletinStatus,
      fact: {
        cveId: r.cve_id,
        score: r.score === null ? null : Number(r.score),
        kev: r.kev === 1,
        seenChangedAt: r.seen_changed_at,
      },
      productIds: productIds.get(r.bulletin_id) ?? [],
    });
    out.set(r.cve_id, list);
  }
  return out;
}

/** Stores a published revision. */
export async function insertBulletinRevision(
  db: Kysely<Database>,
  revision: BulletinRevision & { id: string; bulletinId: string; snapshot: unknown },
): Promise<void> {
  await db
    .insertInto('vuln_bulletin_revisions')
    .values({
      id: revision.id,
      bulletin_id: revision.bulletinId,
      number: revision.number,
      at: revision.at,
      note: revision.note,
      actor_label: revision.actorLabel,
      snapshot: toDbJson(revision.snapshot),
    })
    .execute();
}

/** A bulletin's revisions, oldest first. */
export async function listBulletinRevisions(
  db: Kysely<Database>,
  bulletinId: string,
): Promise<BulletinRevision[]> {
  const rows = await db
    .selectFrom('vuln_bulletin_revisions')
    .select(['number', 'at', 'note', 'actor_label'])
    .where('bulletin_id', '=', bulletinId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ number: Number(r.number), at: r.at, note: r.note, actorLabel: r.actor_label }));
}

/** The highest sequence number used by references starting with `prefix` (e.g. `AVI-2026-`). */
export async function findLastReferenceNumber(db: Kysely<Database>, prefix: string): Promise<number> {
  const rows = await db
    .selectFrom('vuln_bulletins')
    .select('reference')
    .where('reference', 'like', `${prefix}%`)
    .execute();
  return rows.reduce((max, r) => Math.max(max, Number(/(\d+)$/.exec(r.reference ?? '')?.[1] ?? 0)), 0);
}
