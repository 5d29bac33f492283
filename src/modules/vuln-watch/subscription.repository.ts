/** The SQL of subscriptions and of their deliveries (what each digest said about each CVE). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SubscriptionTable } from '../../db/tables/vuln-watch-subscriptions.js';
import { fromDbBool, fromDbJson, toDbBool, toDbJson } from '../../db/portable.js';
import { readFingerprint } from './digest.fingerprint.js';
import type { Delivery, DigestFrequency, MaterialFingerprint, Subscription, WatchedProduct } from './subscription.types.js';

function toSubscription(row: Selectable<SubscriptionTable>): Subscription {
  return {
    id: row.id,
    ownerId: row.owner_user_id,
    structureId: row.structure_id,
    name: row.name,
    vendors: fromDbJson<string[]>(row.vendors, []),
    products: fromDbJson<WatchedProduct[]>(row.products, []),
    keywords: fromDbJson<string[]>(row.keywords, []),
    minScore: row.min_score === null ? null : Number(row.min_score),
    kevOnly: fromDbBool(row.kev_only),
    includeUnscored: fromDbBool(row.include_unscored),
    deployedProducts: fromDbBool(row.deployed_products),
    frequency: row.frequency as DigestFrequency,
    hour: Number(row.hour),
    weekday: Number(row.weekday),
    active: fromDbBool(row.active),
    cursorAt: row.cursor_at,
    lastRunAt: row.last_run_at,
    lastSentAt: row.last_sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function editable(s: Subscription) {
  return {
    structure_id: s.structureId,
    name: s.name,
    vendors: toDbJson(s.vendors),
    products: toDbJson(s.products),
    keywords: toDbJson(s.keywords),
    min_score: s.minScore,
    kev_only: toDbBool(s.kevOnly),
    include_unscored: toDbBool(s.includeUnscored),
    deployed_products: toDbBool(s.deployedProducts),
    frequency: s.frequency,
    hour: s.hour,
    weekday: s.weekday,
    active: toDbBool(s.active),
    updated_at: s.updatedAt,
  };
}

/** Stores a new subscription. */
export async function insertSubscription(db: Kysely<Database>, s: Subscription): Promise<void> {
  await db
    .insertInto('subscriptions')
    .values({
      id: s.id,
      owner_user_id: s.ownerId,
      ...editable(s),
      cursor_at: s.cursorAt,
      last_run_at: s.lastRunAt,
      last_sent_at: s.lastSentAt,
      created_at: s.createdAt,
    })
    .execute();
}

/** Replaces the fields a user edits (criteria, schedule, active flag). */
export async function updateSubscription(db: Kysely<Database>, s: Subscription): Promise<void> {
  await db.updateTable('subscriptions').set(editable(s)).where('id', '=', s.id).execute();
}

/** Turns a subscription on or off; true when it changed. */
export async function updateSubscriptionActive(db: Kysely<Database>, id: string, active: boolean, at: string): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ active: toDbBool(active), updated_at: at })
    .where('id', '=', id)
    .where('active', '=', toDbBool(!active))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes a subscription (its deliveries go with it). */
export async function deleteSubscription(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('subscription_deliveries').where('subscription_id', '=', id).execute();
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

/** One subscription, or undefined. */
export async function findSubscription(db: Kysely<Database>, id: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** A user's subscriptions, oldest first. */
export async function listSubscriptionsOfOwner(db: Kysely<Database>, ownerId: string): Promise<Subscription[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('owner_user_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscription);
}

/** How many subscriptions a user has. */
export async function countSubscriptionsOfOwner(db: Kysely<Database>, ownerId: string): Promise<number> {
  const row = await db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_user_id', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every active subscription (the digest job decides which are due). */
export async function listActiveSubscriptions(db: Kysely<Database>): Promise<Subscription[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('active', '=', 1).orderBy('id').execute();
  return rows.map(toSubscription);
}

/**
 * Records an evaluation of a subscription by the digest job, only if no other run recorded one
 * since `previousRunAt` and it is still active: the claim that makes a run idempotent. Call it
 * first in the transaction that queues the digest. True when this run won.
 */
export async function claimSubscriptionRun(
  db: Kysely<Database>,
  id: string,
  previousRunAt: string | null,
  run: { runAt: string; cursorAt: string; sentAt: string | null },
): Promise<boolean> {
  let query = db
    .updateTable('subscriptions')
    .set({ last_run_at: run.runAt, cursor_at: run.cursorAt, ...(run.sentAt !== null ? { last_sent_at: run.sentAt } : {}) })
    .where('id', '=', id)
    .where('active', '=', 1);
  query = previousRunAt === null ? query.where('last_run_at', 'is', null) : query.where('last_run_at', '=', previousRunAt);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What was last sent to a subscription about these CVEs. */
export async function findDeliveries(db: Kysely<Database>, subscriptionId: string, cveIds: readonly string[]): Promise<Map<string, MaterialFingerprint>> {
  const out = new Map<string, MaterialFingerprint>();
  for (let i = 0; i < cveIds.length; i += 500) {
    const rows = await db
      .selectFrom('subscription_deliveries')
      .select(['cve_id', 'fingerprint'])
      .where('subscription_id', '=', subscriptionId)
      .where('cve_id', 'in', cveIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const fp = readFingerprint(r.fingerprint);
      if (fp) out.set(r.cve_id, fp);
    }
  }
  return out;
}

/** Records what a digest said about its CVEs (first time: inserted; again: fingerprint replaced). */
export async function upsertDeliveries(db: Kysely<Database>, subscriptionId: string, items: readonly { cveId: string; fingerprint: MaterialFingerprint }[], at: string): Promise<void> {
  for (let i = 0; i < items.length; i += 200) {
    const values = items.slice(i, i + 200).map((item) => ({
      subscription_id: subscriptionId,
      cve_id: item.cveId,
      fingerprint: toDbJson(item.fingerprint),
      first_sent_at: at,
      last_sent_at: at,
    }));
    await db
      .insertInto('subscription_deliveries')
      .values(values)
      .onConflict((oc) => oc.columns(['subscription_id', 'cve_id']).doUpdateSet((eb) => ({ fingerprint: eb.ref('excluded.fingerprint'), last_sent_at: eb.ref('excluded.last_sent_at') })))
      .execute();
  }
}

/** The CVEs last sent to a subscription, newest first. */
export async function listRecentDeliveries(db: Kysely<Database>, subscriptionId: string, limit: number): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('subscription_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('last_sent_at', 'desc')
    .orderBy('cve_id', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const fingerprint = readFingerprint(r.fingerprint);
    return fingerprint ? [{ cveId: r.cve_id, fingerprint, firstSentAt: r.first_sent_at, lastSentAt: r.last_sent_at }] : [];
  });
}
