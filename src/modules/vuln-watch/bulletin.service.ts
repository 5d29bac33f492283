/**
 * Bulletin use cases: read (public: published only), write a draft, publish it (reference and
 * revision 1), revise a published bulletin (every change is a public revision with its note,
 * as CERT-FR does), withdraw, and acknowledge changes the knowledge base reported. Every write
 * is audit-logged in its transaction. Proposals from the knowledge base: `bulletin-proposal.service.ts`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { searchKey } from '../../db/portable.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { pageWindow, type Page, type PageRequest } from '../../lib/pagination.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { draftContent, factsSummary } from './bulletin.proposal.js';
import {
  findBulletin,
  findLastReferenceNumber,
  insertBulletin,
  insertBulletinRevision,
  listBulletinRevisions,
  updateBulletin,
} from './bulletin.repository.js';
import { listBulletins, listPublishedFacets, pageOfBulletins, type BulletinOrder } from './bulletin-search.repository.js';
import type { Bulletin, BulletinContent, BulletinCve, BulletinDraftInput, BulletinFilter, BulletinProduct, BulletinRevision, BulletinStatus } from './bulletin.types.js';
import { cleanText, LIMITS, parseCveIds, parseReferences, parseRisks } from './bulletin.validation.js';
import { buildCpe, findCves, listProducts, matchCve } from './kb.js';
import { canReadBulletin, canReadPublishedBulletins, canReadUnpublishedBulletins, canWriteBulletins } from './vuln-watch.policy.js';
import type { Cve, Product } from './vuln-watch.types.js';

/** Prefix of bulletin references: `AVI-2026-0001` (CERT-FR calls its bulletins "avis"). */
export const REFERENCE_PREFIX = 'AVI';

/** Path of a bulletin's public page. */
export function bulletinPath(id: string): string {
  return `/bulletins/${encodeURIComponent(id)}`;
}

/** The accent-free text `q` searches: reference, title, texts, CVE ids, product names. */
export function bulletinSearchText(b: Pick<Bulletin, 'reference' | 'title' | 'summary' | 'affectedSystems' | 'solution' | 'cves' | 'products'>): string {
  return searchKey(
    [b.reference ?? '', b.title, b.cves.map((c) => c.cveId).join(' '), b.products.map((p) => `${p.displayName} ${p.vendor} ${p.product.replace(/_/g, ' ')}`).join(' '), b.summary, b.affectedSystems, b.solution].join(' '),
  ).slice(0, 30_000);
}

/** A product as a bulletin names it. */
export function bulletinProductOf(p: Product): BulletinProduct {
  return { id: p.id, vendor: p.vendor, product: p.product, displayName: p.displayName, category: p.category };
}

/** The facts a bulletin records for its CVEs, as the knowledge base says now. */
export function currentFacts(ids: readonly string[], cves: readonly Cve[], previous: readonly BulletinCve[] = []): BulletinCve[] {
  const byId = new Map(cves.map((c) => [c.id, c]));
  return ids.map((id) => {
    const cve = byId.get(id);
    const before = previous.find((p) => p.cveId === id);
    if (!cve) return before ?? { cveId: id, score: null, kev: false, seenChangedAt: null };
    return { cveId: id, score: cve.selectedScore?.score ?? null, kev: cve.kev !== null, seenChangedAt: cve.materialChangedAt };
  });
}

/** The catalogue products a set of CVEs affects (NVD configuration, else CVE 5 data). */
export function productsAffectedBy(cves: readonly Cve[], catalogue: readonly Product[]): Product[] {
  const systems = catalogue.map((p) => ({ product: p, cpe: buildCpe({ vendor: p.vendor, product: p.product }) }));
  return systems.filter((s) => cves.some((c) => matchCve(c, [s.cpe]) !== null)).map((s) => s.product);
}

/** What a revision publishes (kept in the revision history). */
function snapshotOf(b: Bulletin): unknown {
  return {
    reference: b.reference,
    title: b.title,
    summary: b.summary,
    risks: b.risks,
    affectedSystems: b.affectedSystems,
    solution: b.solution,
    references: b.references,
    cves: b.cves.map((c) => ({ id: c.cveId, score: c.score, kev: c.kev })),
    products: b.products.map((p) => p.displayName),
    maxScore: b.maxScore,
    severity: b.severity,
    kev: b.kev,
  };
}

async function loadCves(db: Kysely<Database>, ids: readonly string[]): Promise<Cve[]> {
  const cves = await findCves(db, ids);
  const missing = ids.find((id) => !cves.some((c) => c.id === id));
  if (missing) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_CVE_UNKNOWN, { id: missing }, [{ field: 'cveIds', message: missing }]);
  return cves;
}

async function loadProducts(db: Kysely<Database>, ids: readonly string[]): Promise<{ chosen: Product[]; catalogue: Product[] }> {
  const catalogue = await listProducts(db);
  const chosen = ids.map((id) => {
    const p = catalogue.find((c) => c.id === id);
    if (!p) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_PRODUCT_UNKNOWN, { id: id.slice(0, 60) }, [{ field: 'productIds', message: id.slice(0, 60) }]);
    return p;
  });
  return { chosen, catalogue };
}

function readable(ctx: ServiceContext, b: Bulletin | undefined): Bulletin {
  if (!b || !canReadBulletin(ctx.actor, b.status)) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_NOT_FOUND);
  return b;
}

async function writable(ctx: ServiceContext, db: Kysely<Database>, id: string): Promise<Bulletin> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const b = await findBulletin(db, id);
  if (!b) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_NOT_FOUND);
  return b;
}

function statusError(status: BulletinStatus, action: string): HygieError {
  return new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_STATUS, { status, action });
}

// ---- Reads ----

/** A page of bulletins. Anyone reads published ones; other statuses are for CERT writers. */
export async function browseBulletins(ctx: ServiceContext, filter: BulletinFilter & PageRequest, order: BulletinOrder = 'published'): Promise<Page<Bulletin>> {
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : (['published'] as const);
  if (statuses.some((s) => s !== 'published') && !canReadUnpublishedBulletins(ctx.actor)) {
    if (ctx.actor.kind === 'anonymous') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_STATUS_FILTER);
  }
  const { page, pageSize, limit, offset } = pageWindow(filter, 20, 100);
  const query: BulletinFilter = { ...filter, statuses };
  const { items, total } = await pageOfBulletins(ctx.db, query, limit, offset, order);
  return { items, total, page, pageSize };
}

/** One bulletin (drafts and withdrawn ones answer "not found" to those who may not see them). */
export async function readBulletin(ctx: ServiceContext, id: string): Promise<Bulletin> {
  return readable(ctx, await findBulletin(ctx.db, id));
}

/** A bulletin's published revisions, oldest first. */
export async function readBulletinRevisions(ctx: ServiceContext, id: string): Promise<BulletinRevision[]> {
  readable(ctx, await findBulletin(ctx.db, id));
  return listBulletinRevisions(ctx.db, id);
}

/** The review queue: drafts (exploited and highest scores first) and published bulletins with changes to review. */
export async function listBulletinsToReview(ctx: ServiceContext, request: PageRequest = {}): Promise<{ drafts: Page<Bulletin>; pending: Bulletin[] }> {
  authorize(ctx.actor, canReadUnpublishedBulletins(ctx.actor));
  const drafts = await browseBulletins(ctx, { ...request, statuses: ['draft'] }, 'review');
  const pending = await listBulletins(ctx.db, { statuses: ['published'], pendingOnly: true }, 200, 0, 'updated');
  return { drafts, pending };
}

/** The vendors, products and categories that published bulletins name (the public filter choices). */
export async function bulletinFilterChoices(ctx: ServiceContext): Promise<Awaited<ReturnType<typeof listPublishedFacets>>> {
  authorize(ctx.actor, canReadPublishedBulletins(ctx.actor));
  return listPublishedFacets(ctx.db);
}

/** The catalogue, for the "products concerned" choice of the bulletin form (CERT writers). */
export async function bulletinFormProducts(ctx: ServiceContext): Promise<Product[]> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  return listProducts(ctx.db);
}

// ---- Writes ----

interface Prepared {
  readonly content: BulletinContent;
  readonly cveIds: string[];
  readonly cves: Cve[];
  readonly products: Product[];
}

/** Applies an input over a current content (fields left undefined keep their value). */
async function prepare(db: Kysely<Database>, input: BulletinDraftInput, current: Bulletin | null): Promise<Prepared> {
  const cveIds = input.cveIds !== undefined ? parseCveIds(input.cveIds) : (current?.cves.map((c) => c.cveId) ?? []);
  const cves = await loadCves(db, cveIds);
  const { chosen, catalogue } = await loadProducts(db, input.productIds ? [...new Set(input.productIds.filter((p) => p.trim() !== ''))] : (current?.products.map((p) => p.id) ?? []));
  const products = chosen.length > 0 || input.productIds !== undefined ? chosen : productsAffectedBy(cves, catalogue);
  const base: BulletinContent = current ?? draftContent(cves, products);
  const content: BulletinContent = {
    title: input.title !== undefined ? cleanText(input.title, 'title', LIMITS.title) : base.title,
    summary: input.summary !== undefined ? cleanText(input.summary, 'summary', LIMITS.summary) : base.summary,
    risks: input.risks !== undefined ? parseRisks(input.risks) : base.risks,
    affectedSystems: input.affectedSystems !== undefined ? cleanText(input.affectedSystems, 'affectedSystems', LIMITS.affectedSystems) : base.affectedSystems,
    solution: input.solution !== undefined ? cleanText(input.solution, 'solution', LIMITS.solution) : base.solution,
    references: input.references !== undefined ? parseReferences(input.references) : base.references,
  };
  return { content, cveIds, cves, products };
}

/** The fields missing for publication, as error details. */
export function missingForPublication(content: BulletinContent): { field: string; message: string }[] {
  const missing: { field: string; message: string }[] = [];
  for (const field of ['title', 'summary', 'affectedSystems', 'solution'] as const) if (content[field].trim() === '') missing.push({ field, message: 'required to publish' });
  return missing;
}

/** Writes a new draft by hand; fields left empty are pre-filled from its CVEs. */
export async function createBulletin(ctx: ServiceContext, input: BulletinDraftInput): Promise<Bulletin> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const at = ctx.clock.now().toISOString();
  const by = actorLabel(ctx.actor);
  const p = await prepare(ctx.db, input, null);
  const facts = currentFacts(p.cveIds, p.cves);
  const bulletin: Bulletin = {
    id: newId(),
    reference: null,
    status: 'draft',
    origin: 'manual',
    ...p.content,
    cves: facts,
    products: p.products.map(bulletinProductOf),
    ...factsSummary(facts),
    revision: 0,
    pendingUpdate: [],
    edited: true,
    firstPublishedAt: null,
    publishedAt: null,
    withdrawnAt: null,
    withdrawnReason: null,
    createdBy: by,
    updatedBy: by,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertBulletin(trx, bulletin, bulletinSearchText(bulletin));
    await recordAudit(ctx, { action: 'vuln-watch.create-bulletin', objectType: 'bulletin', objectId: bulletin.id, details: { title: bulletin.title, cves: p.cveIds } }, trx);
  });
  return bulletin;
}

async function addRevision(ctx: ServiceContext, trx: Kysely<Database>, b: Bulletin, note: string): Promise<void> {
  await insertBulletinRevision(trx, { id: newId(), bulletinId: b.id, number: b.revision, at: b.updatedAt, note, actorLabel: actorLabel(ctx.actor), snapshot: snapshotOf(b) });
}

/**
 * Changes a bulletin. A draft is simply saved. A published bulletin gets a new public revision
 * at once, with `revisionNote` (required) — CERT-FR practice: the public text never differs from
 * the last revision. Facts (scores, KEV) are refreshed from the knowledge base either way.
 */
export async function editBulletin(ctx: ServiceContext, id: string, input: BulletinDraftInput): Promise<Bulletin> {
  const current = await writable(ctx, ctx.db, id);
  if (current.status === 'withdrawn') throw statusError(current.status, 'edit');
  const note = cleanText(input.revisionNote, 'revisionNote', LIMITS.note);
  if (current.status === 'published' && note === '') {
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_REVISION_NOTE_REQUIRED, {}, [{ field: 'revisionNote', message: 'required' }]);
  }
  const p = await prepare(ctx.db, input, current);
  const at = ctx.clock.now().toISOString();
  const facts = currentFacts(p.cveIds, p.cves, current.cves);
  const published = current.status === 'published';
  const next: Bulletin = {
    ...current,
    ...p.content,
    cves: facts,
    products: p.products.map(bulletinProductOf),
    ...factsSummary(facts),
    pendingUpdate: [],
    edited: true,
    revision: published ? current.revision + 1 : current.revision,
    publishedAt: published ? at : current.publishedAt,
    updatedBy: actorLabel(ctx.actor),
    updatedAt: at,
  };
  if (published) {
    const missing = missingForPublication(next);
    if (missing.length > 0) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_INCOMPLETE, {}, missing);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateBulletin(trx, next, bulletinSearchText(next));
    if (published) await addRevision(ctx, trx, next, note);
    await recordAudit(
      ctx,
      { action: published ? 'vuln-watch.revise-bulletin' : 'vuln-watch.edit-bulletin', objectType: 'bulletin', objectId: id, details: { reference: next.reference, revision: next.revision, ...(published ? { note } : {}), cves: p.cveIds } },
      trx,
    );
  });
  return next;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /unique/i.test(e.message ?? '');
}

/**
 * Publishes a draft: it gets its reference (`AVI-<year>-<n>`, at the first publication) and a
 * revision ("Version initiale", or the note given, e.g. when a reopened bulletin goes back online).
 */
export async function publishBulletin(ctx: ServiceContext, id: string, input: { note?: string } = {}): Promise<Bulletin> {
  const current = await writable(ctx, ctx.db, id);
  if (current.status !== 'draft') throw statusError(current.status, 'publish');
  const missing = missingForPublication(current);
  if (missing.length > 0) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_INCOMPLETE, {}, missing);
  const given = cleanText(input.note, 'note', LIMITS.note);
  const cves = await findCves(ctx.db, current.cves.map((c) => c.cveId));
  const facts = currentFacts(current.cves.map((c) => c.cveId), cves, current.cves);
  for (let attempt = 1; ; attempt++) {
    const at = ctx.clock.now().toISOString();
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        let reference = current.reference;
        if (!reference) {
          const prefix = `${REFERENCE_PREFIX}-${at.slice(0, 4)}-`;
          reference = `${prefix}${String((await findLastReferenceNumber(trx, prefix)) + 1).padStart(4, '0')}`;
        }
        const note = given || (current.revision === 0 ? 'Version initiale' : 'Nouvelle publication');
        const next: Bulletin = {
          ...current,
          reference,
          status: 'published',
          cves: facts,
          ...factsSummary(facts),
          pendingUpdate: [],
          revision: current.revision + 1,
          firstPublishedAt: current.firstPublishedAt ?? at,
          publishedAt: at,
          withdrawnAt: null,
          withdrawnReason: null,
          updatedBy: actorLabel(ctx.actor),
          updatedAt: at,
        };
        await updateBulletin(trx, next, bulletinSearchText(next));
        await addRevision(ctx, trx, next, note);
        await recordAudit(ctx, { action: 'vuln-watch.publish-bulletin', objectType: 'bulletin', objectId: id, details: { reference, revision: next.revision, note } }, trx);
        return next;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= 3) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_REFERENCE_TAKEN, { reference: current.reference ?? REFERENCE_PREFIX });
    }
  }
}

/**
 * Withdraws a bulletin: a draft is discarded, a published bulletin leaves the public lists and
 * the feed (a last revision records why). A reason is required for a published bulletin.
 */
export async function withdrawBulletin(ctx: ServiceContext, id: string, input: { reason?: string } = {}): Promise<Bulletin> {
  const current = await writable(ctx, ctx.db, id);
  if (current.status === 'withdrawn') throw statusError(current.status, 'withdraw');
  const reason = cleanText(input.reason, 'reason', LIMITS.note);
  const published = current.status === 'published';
  if (published && reason === '') throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_FIELD_INVALID, { field: 'reason', reason: 'required to withdraw a published bulletin' }, [{ field: 'reason', message: 'required' }]);
  const at = ctx.clock.now().toISOString();
  const next: Bulletin = {
    ...current,
    status: 'withdrawn',
    pendingUpdate: [],
    revision: published ? current.revision + 1 : current.revision,
    withdrawnAt: at,
    withdrawnReason: reason || null,
    updatedBy: actorLabel(ctx.actor),
    updatedAt: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await updateBulletin(trx, next, bulletinSearchText(next));
    if (published) await addRevision(ctx, trx, next, `Retrait : ${reason}`);
    await recordAudit(ctx, { action: 'vuln-watch.withdraw-bulletin', objectType: 'bulletin', objectId: id, details: { reference: next.reference, wasPublished: published, reason } }, trx);
  });
  return next;
}

/** Clears the changes reported on a bulletin without rewriting it (e.g. a change that does not matter to readers). */
export async function acknowledgeBulletinUpdate(ctx: ServiceContext, id: string): Promise<Bulletin> {
  const current = await writable(ctx, ctx.db, id);
  if (current.pendingUpdate.length === 0) return current;
  const at = ctx.clock.now().toISOString();
  const next: Bulletin = { ...current, pendingUpdate: [], updatedBy: actorLabel(ctx.actor), updatedAt: at };
  await ctx.db.transaction().execute(async (trx) => {
    await updateBulletin(trx, next, bulletinSearchText(next));
    await recordAudit(ctx, { action: 'vuln-watch.acknowledge-bulletin-update', objectType: 'bulletin', objectId: id, details: { changes: current.pendingUpdate } }, trx);
  });
  return next;
}
