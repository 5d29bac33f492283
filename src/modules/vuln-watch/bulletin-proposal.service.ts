/**
 * `proposeBulletins`: applies the proposal rule (`bulletin.proposal.ts`) to CVEs the knowledge
 * base imported — new drafts, refreshed drafts, changes flagged on published bulletins, drafts
 * reopened by a KEV addition. Idempotent: a CVE whose change was already looked at is skipped.
 * Each bulletin change commits with its audit entry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { actorLabel } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { decideProposal, draftContent, factsSummary, type ProposalAction, type ProposalSkip } from './bulletin.proposal.js';
import { findBulletin, insertBulletin, listCoveringBulletins, updateBulletin, updateBulletinCveSeen, updatePendingUpdate } from './bulletin.repository.js';
import { bulletinProductOf, bulletinSearchText, currentFacts } from './bulletin.service.js';
import type { Bulletin, BulletinChange } from './bulletin.types.js';
import { ALERT_THRESHOLD, buildCpe, cvesAffectingProduct, findCves, listProducts, matchCve, type CpeName } from './kb.js';
import { canWriteBulletins } from './vuln-watch.policy.js';
import type { Cve, Product } from './vuln-watch.types.js';

/** What a proposal run did. */
export interface ProposalReport {
  /** CVEs looked at (known to the knowledge base). */
  cves: number;
  readonly created: string[];
  readonly refreshed: string[];
  readonly flagged: string[];
  readonly reopened: string[];
  readonly skipped: Record<ProposalSkip, number>;
}

const CHUNK = 200;

function mergeChanges(existing: readonly BulletinChange[], cveId: string, changes: readonly BulletinChange[]): BulletinChange[] {
  // The newest comparison against the published facts supersedes the earlier score/KEV entries of that CVE.
  const kept = existing.filter((c) => !(c.cveId === cveId && (c.kind === 'score' || c.kind === 'kev')));
  const seen = new Set<string>();
  return [...kept, ...changes].filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function apply(ctx: ServiceContext, trx: Kysely<Database>, action: ProposalAction, cve: Cve, affects: readonly Product[], report: ProposalReport): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const by = actorLabel(ctx.actor);
  const audit = (verb: string, bulletinId: string, details: Record<string, unknown>) =>
    recordAudit(ctx, { action: `vuln-watch.${verb}`, objectType: 'bulletin', objectId: bulletinId, details: { cveId: cve.id, ...details } }, trx);

  if (action.action === 'create') {
    const facts = currentFacts([cve.id], [cve]);
    const b: Bulletin = {
      id: newId(),
      reference: null,
      status: 'draft',
      origin: 'proposed',
      ...draftContent([cve], affects),
      cves: facts,
      products: affects.map(bulletinProductOf),
      ...factsSummary(facts),
      revision: 0,
      pendingUpdate: [],
      edited: false,
      firstPublishedAt: null,
      publishedAt: null,
      withdrawnAt: null,
      withdrawnReason: null,
      createdBy: by,
      updatedBy: by,
      createdAt: at,
      updatedAt: at,
    };
    if (await insertBulletin(trx, b, bulletinSearchText(b), cve.id)) {
      await audit('propose-bulletin', b.id, { score: cve.selectedScore?.score ?? null, kev: cve.kev !== null, products: affects.map((p) => p.displayName) });
      report.created.push(b.id);
    }
    return;
  }
  if (action.action === 'record-seen') {
    await updateBulletinCveSeen(trx, action.bulletinId, cve.id, cve.materialChangedAt);
    return;
  }
  if (action.action === 'flag-published') {
    const current = await findBulletin(trx, action.bulletinId);
    if (!current) return;
    await updatePendingUpdate(trx, current.id, mergeChanges(current.pendingUpdate, cve.id, action.changes), at, by);
    await updateBulletinCveSeen(trx, current.id, cve.id, cve.materialChangedAt);
    await audit('flag-bulletin-update', current.id, { changes: action.changes });
    report.flagged.push(current.id);
    return;
  }
  // refresh-draft, reopen: the draft follows the knowledge base.
  const current = await findBulletin(trx, action.bulletinId);
  if (!current) return;
  const ids = current.cves.map((c) => c.cveId);
  const cves = await findCves(trx, ids);
  const products = [...current.products];
  for (const p of affects) if (!products.some((q) => q.id === p.id)) products.push(bulletinProductOf(p));
  const facts = currentFacts(ids, cves, current.cves);
  const rewrite = !current.edited;
  const next: Bulletin = {
    ...current,
    ...(rewrite ? draftContent(cves, products) : {}),
    status: 'draft',
    cves: facts,
    products,
    ...factsSummary(facts),
    pendingUpdate: rewrite && action.action === 'refresh-draft' ? [] : mergeChanges(current.pendingUpdate, cve.id, action.changes),
    updatedBy: by,
    updatedAt: at,
  };
  await updateBulletin(trx, next, bulletinSearchText(next));
  await audit(action.action === 'reopen' ? 'reopen-bulletin' : 'refresh-bulletin', current.id, { changes: action.changes, rewritten: rewrite });
  (action.action === 'reopen' ? report.reopened : report.refreshed).push(current.id);
}

/** Applies the proposal rule to these CVEs (see the file comment); the system actor or CERT writers. */
export async function proposeBulletins(ctx: ServiceContext, cveIds: readonly string[]): Promise<ProposalReport> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const report: ProposalReport = {
    cves: 0,
    created: [],
    refreshed: [],
    flagged: [],
    reopened: [],
    skipped: { rejected: 0, 'not-in-catalogue': 0, 'below-threshold': 0, unchanged: 0 },
  };
  const ids = [...new Set(cveIds.map((id) => id.trim().toUpperCase()).filter((id) => id !== ''))];
  const catalogue = await listProducts(ctx.db);
  const systems: { product: Product; cpe: CpeName }[] = catalogue.map((p) => ({ product: p, cpe: buildCpe({ vendor: p.vendor, product: p.product }) }));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [cves, covering] = await Promise.all([findCves(ctx.db, chunk), listCoveringBulletins(ctx.db, chunk)]);
    for (const cve of cves) {
      report.cves++;
      const affects = systems.filter((s) => matchCve(cve, [s.cpe]) !== null).map((s) => s.product);
      const decision = decideProposal(cve, affects, covering.get(cve.id) ?? [], { threshold: ALERT_THRESHOLD });
      if (decision.skipped) report.skipped[decision.skipped]++;
      for (const action of decision.actions) {
        await ctx.db.transaction().execute((trx) => apply(ctx, trx, action, cve, affects, report));
      }
    }
  }
  return report;
}

/**
 * Applies the proposal rule to every CVE that affects a catalogue product: after a product is
 * added to the catalogue, its existing CVEs get their drafts (imports only hand over what changes).
 */
export async function proposeBulletinsForProduct(ctx: ServiceContext, productId: string): Promise<ProposalReport> {
  authorize(ctx.actor, canWriteBulletins(ctx.actor));
  const matches = await cvesAffectingProduct(ctx.db, productId);
  return proposeBulletins(ctx, matches.map((m) => m.cve.id));
}
