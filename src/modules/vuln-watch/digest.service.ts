/**
 * Digests: what each subscription is told, and when. The `vuln-watch.send-digests` job
 * (`sendDigests`) runs every 15 minutes:
 *
 * 1. it takes the active subscriptions that are due (`digest.schedule.ts`);
 * 2. it walks once over the CVEs whose material fields changed since the oldest of their
 *    cursors (minus one hour of overlap, for imports that committed late), and matches each
 *    CVE against each subscription (`subscription.match.ts`);
 * 3. per subscription, a matching CVE goes in the digest when it was never sent to it ("new"),
 *    or when its material fingerprint changed in a way worth telling (« mise à jour »:
 *    higher score, KEV addition, affected versions; `digest.fingerprint.ts`);
 * 4. in one transaction per subscription: it claims the run (the subscription's `last_run_at`
 *    must still be what it read, so a second run, concurrent or not, sends nothing twice),
 *    queues the e-mail in the outbox, and records the fingerprints sent.
 *
 * No e-mail is sent when nothing is new. The preview page runs steps 2–3 without sending.
 */
import { hasRole, systemActor, type Role, type UserActor } from '../../platform/auth/actor.js';
import { contextFor, type Platform, type ServiceContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/index.js';
import { getUser, type User } from '../accounts/index.js';
import { getStructureSummaries } from '../registry/index.js';
import { renderDigestMail, type DigestLinks } from './digest.mail.js';
import { materialChanges, materialFingerprint } from './digest.fingerprint.js';
import { isDigestDue } from './digest.schedule.js';
import { affectedInWords } from './digest.words.js';
import { listDeployments } from './kb.js';
import { cveNamesOf, matchSubscription, type WatchedDeployment } from './subscription.match.js';
import { walkChangedCves } from './subscription.queries.js';
import { claimSubscriptionRun, findDeliveries, listActiveSubscriptions, upsertDeliveries } from './subscription.repository.js';
import { getMySubscription } from './subscription.service.js';
import type { Digest, DigestItem, MatchReason, Subscription } from './subscription.types.js';
import { signUnsubscribeToken } from './unsubscribe.token.js';
import type { Cve } from './vuln-watch.types.js';

/** Name of the digest job. */
export const SEND_DIGESTS_JOB = 'vuln-watch.send-digests';
/** CVEs listed in one e-mail; the others are counted and listed in the private space. */
export const MAX_DIGEST_ITEMS = 50;
/** Changes re-read before a subscription's cursor, for imports that committed after a run read. */
export const CURSOR_OVERLAP_MS = 60 * 60_000;

/** What one digest pass did. */
export interface DigestRunReport {
  /** Active subscriptions due now. */
  readonly due: number;
  /** E-mails queued. */
  readonly sent: number;
  /** CVEs in them (listed or counted). */
  readonly cves: number;
  /** Due, but the owner is disabled or gone: nothing sent, cursor moved on. */
  readonly skipped: number;
  /** Due, but another run had just evaluated it. */
  readonly lost: number;
}

/** The links of digests under `config.publicUrl`; CVEs link to the public CVE page. */
export function digestLinks(platform: Pick<Platform, 'config'>): DigestLinks {
  const base = platform.config.publicUrl;
  return {
    cve: (id) => `${base}/cves/${encodeURIComponent(id)}`,
    manage: (id) => `${base}/espace/abonnements/${encodeURIComponent(id)}`,
    unsubscribe: (id) => `${base}/desabonnement?token=${encodeURIComponent(signUnsubscribeToken(platform.config.secret, id))}`,
  };
}

const STAFF: readonly Role[] = ['admin', 'analyst', 'auditor'];

function ownerActor(user: User): UserActor {
  return { kind: 'user', userId: user.id, role: user.role, structureIds: user.structureIds, label: user.email };
}

/**
 * The deployments a subscription watches, grouped by product and version, with the owner's
 * current rights: a beneficiary's own structures (the tied one if it still acts for it), CERT
 * staff the tied structure or the whole constituency, nobody else.
 */
async function deploymentsFor(platform: Platform, s: Subscription, owner: User): Promise<WatchedDeployment[]> {
  if (!s.deployedProducts) return [];
  const actor = ownerActor(owner);
  const staff = hasRole(actor, ...STAFF);
  let structureIds: readonly string[] | null;
  if (s.structureId) structureIds = staff || owner.structureIds.includes(s.structureId) ? [s.structureId] : [];
  else if (owner.role === 'beneficiary') structureIds = owner.structureIds;
  else structureIds = staff ? null : [];
  if (structureIds !== null && structureIds.length === 0) return [];
  const rows = await listDeployments(platform.db, structureIds === null ? {} : { structureIds });
  const system = contextFor(platform, systemActor('digest'));
  const names = new Map((await getStructureSummaries(system, [...new Set(rows.map((r) => r.structureId))])).map((x) => [x.id as string, x.name]));
  const grouped = new Map<string, { vendor: string; product: string; productName: string; version: string | null; structureNames: string[] }>();
  for (const d of rows) {
    const key = `${d.product.vendor}|${d.product.product}|${d.version ?? ''}`;
    const entry = grouped.get(key) ?? { vendor: d.product.vendor, product: d.product.product, productName: d.product.displayName, version: d.version, structureNames: [] };
    const name = names.get(d.structureId) ?? d.structureId;
    if (!entry.structureNames.includes(name)) entry.structureNames.push(name);
    grouped.set(key, entry);
  }
  return [...grouped.values()];
}

/** A subscription ready to be matched: its deployments and where its walk starts. */
interface Prepared {
  readonly subscription: Subscription;
  readonly deployments: readonly WatchedDeployment[];
  readonly since: string;
}

/** A matching CVE before the noise control. */
interface Candidate {
  readonly cve: Cve;
  readonly reasons: MatchReason[];
}

function sinceOf(s: Subscription): string {
  return new Date(Date.parse(s.cursorAt) - CURSOR_OVERLAP_MS).toISOString();
}

/** One walk over the changed CVEs, matched against every prepared subscription. */
async function collectCandidates(platform: Platform, prepared: readonly Prepared[]): Promise<Map<string, { candidates: Candidate[]; maxSeen: string | null }>> {
  const out = new Map(prepared.map((p) => [p.subscription.id, { candidates: [] as Candidate[], maxSeen: null as string | null }]));
  if (prepared.length === 0) return out;
  const since = prepared.map((p) => p.since).reduce((a, b) => (a < b ? a : b));
  for await (const page of walkChangedCves(platform.db, since)) {
    for (const cve of page) {
      const names = cveNamesOf(cve);
      for (const p of prepared) {
        if (cve.materialChangedAt <= p.since) continue;
        const acc = out.get(p.subscription.id);
        if (!acc) continue;
        if (acc.maxSeen === null || cve.materialChangedAt > acc.maxSeen) acc.maxSeen = cve.materialChangedAt;
        const reasons = matchSubscription(cve, p.subscription, p.deployments, names);
        if (reasons) acc.candidates.push({ cve, reasons });
      }
    }
  }
  return out;
}

function byImportance(a: DigestItem, b: DigestItem): number {
  return Number(b.kev) - Number(a.kev) || (b.score ?? -1) - (a.score ?? -1) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.cveId.localeCompare(b.cveId);
}

/** Keeps what is new or materially changed since the last digest; every item, most important first. */
async function noiseControlled(platform: Platform, s: Subscription, candidates: readonly Candidate[], lang: Lang): Promise<DigestItem[]> {
  const links = digestLinks(platform);
  const sent = await findDeliveries(platform.db, s.id, candidates.map((c) => c.cve.id));
  const items: DigestItem[] = [];
  for (const { cve, reasons } of candidates) {
    const fingerprint = materialFingerprint(cve);
    const previous = sent.get(cve.id);
    const changes = previous ? materialChanges(previous, fingerprint) : [];
    if (changes === null) continue;
    items.push({
      cveId: cve.id,
      status: previous ? 'update' : 'new',
      changes,
      reasons,
      title: cve.title,
      description: cve.description,
      score: cve.selectedScore?.score ?? null,
      scoreVersion: cve.selectedScore?.version ?? null,
      vector: cve.selectedScore?.vector ?? null,
      scoreSource: cve.selectedScore?.source ?? null,
      kev: cve.kev !== null,
      kevDateAdded: cve.kev?.dateAdded ?? null,
      publishedAt: cve.publishedAt,
      affectedLines: affectedInWords(cve, lang),
      url: links.cve(cve.id),
      fingerprint,
      materialChangedAt: cve.materialChangedAt,
    });
  }
  return items.sort(byImportance);
}

function digestOf(s: Subscription, items: readonly DigestItem[]): Digest {
  const update = items.filter((i) => i.status === 'update').length;
  return {
    subscriptionId: s.id,
    items: items.slice(0, MAX_DIGEST_ITEMS),
    omitted: Math.max(items.length - MAX_DIGEST_ITEMS, 0),
    counts: { new: items.length - update, update, kev: items.filter((i) => i.kev).length },
  };
}

async function findOwner(platform: Platform, ownerId: string): Promise<User | null> {
  try {
    return await getUser(contextFor(platform, systemActor('digest')), ownerId);
  } catch {
    return null;
  }
}

/** Runs one digest pass (the job's handler): see the file comment. */
export async function sendDigests(platform: Platform): Promise<DigestRunReport> {
  const now = platform.clock.now();
  const at = now.toISOString();
  const due = (await listActiveSubscriptions(platform.db)).filter((s) => isDigestDue(s, now));
  const owners = new Map<string, User | null>();
  const prepared: (Prepared & { owner: User | null })[] = [];
  for (const s of due) {
    if (!owners.has(s.ownerId)) owners.set(s.ownerId, await findOwner(platform, s.ownerId));
    const owner = owners.get(s.ownerId) ?? null;
    const usable = owner !== null && owner.status === 'active';
    prepared.push({ subscription: s, owner: usable ? owner : null, deployments: usable ? await deploymentsFor(platform, s, owner) : [], since: sinceOf(s) });
  }
  const matched = await collectCandidates(platform, prepared.filter((p) => p.owner !== null));
  const report = { due: due.length, sent: 0, cves: 0, skipped: 0, lost: 0 };
  const links = digestLinks(platform);

  for (const p of prepared) {
    const s = p.subscription;
    const found = matched.get(s.id);
    // A skipped subscription (owner disabled) moves on: re-enabling its owner does not replay the backlog.
    const seen = p.owner ? found?.maxSeen : at;
    const cursorAt = seen && seen > s.cursorAt ? seen : s.cursorAt;
    const lang = p.owner?.lang ?? 'fr';
    const items = p.owner && found ? await noiseControlled(platform, s, found.candidates, lang) : [];
    const owner = p.owner;
    const won = await platform.db.transaction().execute(async (trx) => {
      const claimed = await claimSubscriptionRun(trx, s.id, s.lastRunAt, { runAt: at, cursorAt, sentAt: owner && items.length > 0 ? at : null });
      if (!claimed || !owner || items.length === 0) return claimed;
      const mail = renderDigestMail({ subscription: s, digest: digestOf(s, items), lang, links });
      await queueMail(trx, platform.clock, {
        to: owner.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          'List-Unsubscribe': `<${links.unsubscribe(s.id)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `<${s.id}.subscriptions.hygie>`,
          'Auto-Submitted': 'auto-generated',
        },
      });
      await upsertDeliveries(trx, s.id, items, at);
      return true;
    });
    if (!won) report.lost++;
    else if (!owner) report.skipped++;
    else if (items.length > 0) {
      report.sent++;
      report.cves += items.length;
    }
  }
  if (report.due > 0) platform.log.info({ component: 'digests', ...report }, 'digests evaluated');
  return report;
}

/** What the next digest of one of the acting user's subscriptions would hold if it left now. */
export async function previewDigest(ctx: ServiceContext, id: string): Promise<Digest> {
  const s = await getMySubscription(ctx, id);
  const owner = await findOwner(ctx, s.ownerId);
  if (!owner) return digestOf(s, []);
  const prepared: Prepared = { subscription: s, deployments: await deploymentsFor(ctx, s, owner), since: sinceOf(s) };
  const found = (await collectCandidates(ctx, [prepared])).get(s.id);
  return digestOf(s, await noiseControlled(ctx, s, found?.candidates ?? [], ctx.lang));
}
