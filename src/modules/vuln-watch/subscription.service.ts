/**
 * Subscriptions of the private space: a user creates, reads, changes and deletes their own
 * (nobody else's: another user's subscription is "not found"), optionally for one of their
 * structures. Authorisation, validation and audit entries live here.
 */
import { HygieError, type ErrorDetail } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { hasRole, type UserActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { translator } from '../../platform/i18n/i18n.js';
import { recordAudit } from '../audit-log/index.js';
import { getStructure, getStructureSummaries, searchStructures } from '../registry/index.js';
import { findProduct, listProducts } from './kb.js';
import { hasWatchCriteria, keywordText } from './subscription.match.js';
import { subscriptionMessages } from './subscription.messages.js';
import {
  countSubscriptionsOfOwner,
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listRecentDeliveries,
  listSubscriptionsOfOwner,
  updateSubscription,
} from './subscription.repository.js';
import { VulnWatchSubscriptionErrors } from './subscription.errors.js';
import { DIGEST_FREQUENCIES, type Delivery, type DigestFrequency, type Subscription, type SubscriptionDraft, type WatchedProduct } from './subscription.types.js';
import { canHaveSubscriptions, canManageSubscription, canSubscribeForStructure, canWatchDeployments } from './vuln-watch.policy.js';
import type { Product } from './vuln-watch.types.js';

/** Subscriptions one user may keep. */
export const MAX_SUBSCRIPTIONS_PER_USER = 50;
/** Vendors, products or keywords one subscription may list (each). */
export const MAX_CRITERIA = 50;
/** The minimum score a new subscription gets when none is given (the bulletin threshold). */
export const DEFAULT_MIN_SCORE = 7;
/** A new subscription's first digest covers the material changes of this many days before it. */
export const FIRST_DIGEST_LOOKBACK_DAYS = 30;

const CONTROL = /\p{Cc}/u;

function userActor(ctx: ServiceContext): UserActor {
  authorize(ctx.actor, canHaveSubscriptions(ctx.actor));
  return ctx.actor as UserActor;
}

/** The actor's own subscription, or "not found" (also for someone else's: its existence is not told). */
async function requireOwn(ctx: ServiceContext, id: string): Promise<Subscription> {
  userActor(ctx);
  const s = await findSubscription(ctx.db, id);
  if (!s || !canManageSubscription(ctx.actor, s.ownerId)) throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_NOT_FOUND);
  return s;
}

function cleanList(values: readonly string[] | undefined, field: string, details: ErrorDetail[], ctx: ServiceContext): string[] {
  const t = translator(ctx.lang, subscriptionMessages);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values ?? []) {
    const v = raw.trim().replace(/\s+/g, ' ');
    if (v === '') continue;
    if (v.length > 100 || CONTROL.test(v)) {
      details.push({ field, message: t('fieldList', { field: t(field === 'vendors' ? 'vendors' : 'products'), max: MAX_CRITERIA }) });
      continue;
    }
    const key = v.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  if (out.length > MAX_CRITERIA) details.push({ field, message: t('fieldList', { field: t(field === 'vendors' ? 'vendors' : 'products'), max: MAX_CRITERIA }) });
  return out.slice(0, MAX_CRITERIA);
}

function cleanKeywords(values: readonly string[] | undefined, details: ErrorDetail[], ctx: ServiceContext): string[] {
  const t = translator(ctx.lang, subscriptionMessages);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values ?? []) {
    const v = raw.trim().replace(/\s+/g, ' ');
    if (v === '') continue;
    const key = keywordText(v);
    if (v.length > 60 || CONTROL.test(v) || key.trim() === '') {
      details.push({ field: 'keywords', message: t('fieldKeyword', { value: v.slice(0, 60) }) });
      continue;
    }
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  if (out.length > MAX_CRITERIA) details.push({ field: 'keywords', message: t('fieldList', { field: t('keywords'), max: MAX_CRITERIA }) });
  return out;
}

async function cleanProducts(ctx: ServiceContext, values: SubscriptionDraft['products'], details: ErrorDetail[]): Promise<WatchedProduct[]> {
  const t = translator(ctx.lang, subscriptionMessages);
  const out: WatchedProduct[] = [];
  const seen = new Set<string>();
  for (const p of values ?? []) {
    let watched: WatchedProduct;
    if ('productId' in p) {
      const product = await findProduct(ctx.db, p.productId);
      if (!product) throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_PRODUCT_UNKNOWN, { id: p.productId.slice(0, 100) }, [{ field: 'products', message: p.productId.slice(0, 100) }]);
      watched = { productId: product.id, vendor: product.vendor, product: product.product, displayName: product.displayName };
    } else {
      const vendor = p.vendor.trim();
      const name = p.product.trim();
      if (vendor === '' || name === '' || vendor.length > 100 || name.length > 100 || CONTROL.test(vendor + name)) {
        details.push({ field: 'products', message: t('fieldPair', { value: `${vendor}:${name}`.slice(0, 100) }) });
        continue;
      }
      watched = { productId: null, vendor, product: name, displayName: `${vendor} ${name}`.replace(/_/g, ' ') };
    }
    const key = `${watched.vendor.toLowerCase()}|${watched.product.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(watched);
    }
  }
  if (out.length > MAX_CRITERIA) details.push({ field: 'products', message: t('fieldList', { field: t('products'), max: MAX_CRITERIA }) });
  return out;
}

async function cleanStructure(ctx: ServiceContext, structureId: string | null | undefined, details: ErrorDetail[]): Promise<string | null> {
  const id = structureId?.trim() ?? '';
  if (id === '') return null;
  if (!canSubscribeForStructure(ctx.actor, id)) {
    throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_STRUCTURE_NOT_ALLOWED, {}, [{ field: 'structureId', message: translator(ctx.lang, subscriptionMessages)('fieldStructureNotAllowed') }]);
  }
  try {
    return (await getStructure(ctx, id)).id;
  } catch (error) {
    if (error instanceof HygieError && error.status === 404) {
      details.push({ field: 'structureId', message: translator(ctx.lang, subscriptionMessages)('fieldStructure') });
      return null;
    }
    throw error;
  }
}

/** Applies a draft over the current values (or the defaults), validated; throws with every problem found. */
async function resolveDraft(ctx: ServiceContext, draft: SubscriptionDraft, current: Subscription | null): Promise<Omit<Subscription, 'id' | 'ownerId' | 'cursorAt' | 'lastRunAt' | 'lastSentAt' | 'createdAt' | 'updatedAt'>> {
  const t = translator(ctx.lang, subscriptionMessages);
  const details: ErrorDetail[] = [];
  const name = (draft.name ?? current?.name ?? '').trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 100 || CONTROL.test(name)) details.push({ field: 'name', message: t('fieldName') });
  const structureId = draft.structureId !== undefined ? await cleanStructure(ctx, draft.structureId, details) : (current?.structureId ?? null);
  const vendors = draft.vendors !== undefined ? cleanList(draft.vendors, 'vendors', details, ctx) : [...(current?.vendors ?? [])];
  const products = draft.products !== undefined ? await cleanProducts(ctx, draft.products, details) : [...(current?.products ?? [])];
  const keywords = draft.keywords !== undefined ? cleanKeywords(draft.keywords, details, ctx) : [...(current?.keywords ?? [])];
  let minScore = draft.minScore !== undefined ? draft.minScore : current ? current.minScore : DEFAULT_MIN_SCORE;
  if (minScore !== null) {
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 10) details.push({ field: 'minScore', message: t('fieldScore') });
    else minScore = Math.round(minScore * 10) / 10;
  }
  const frequency = (draft.frequency ?? current?.frequency ?? 'daily') as DigestFrequency;
  if (!DIGEST_FREQUENCIES.includes(frequency)) details.push({ field: 'frequency', message: t('fieldFrequency') });
  const hour = draft.hour ?? current?.hour ?? 8;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) details.push({ field: 'hour', message: t('fieldHour') });
  const weekday = draft.weekday ?? current?.weekday ?? 1;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) details.push({ field: 'weekday', message: t('fieldWeekday') });
  const deployedProducts = draft.deployedProducts ?? current?.deployedProducts ?? false;
  if (details.length > 0) throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_INVALID, {}, details);
  // Only a newly asked watch of deployments needs the right (an existing one keeps working).
  if (deployedProducts && !(current?.deployedProducts ?? false) && !canWatchDeployments(ctx.actor)) {
    throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_DEPLOYMENTS_NOT_ALLOWED, {}, [{ field: 'deployedProducts', message: t('fieldDeploymentsNotAllowed') }]);
  }
  const resolved = {
    structureId,
    name,
    vendors,
    products,
    keywords,
    minScore,
    kevOnly: draft.kevOnly ?? current?.kevOnly ?? false,
    includeUnscored: draft.includeUnscored ?? current?.includeUnscored ?? true,
    deployedProducts,
    frequency,
    hour,
    weekday,
    active: draft.active ?? current?.active ?? true,
  };
  if (!hasWatchCriteria(resolved) && resolved.minScore === null && !resolved.kevOnly) {
    throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_NOTHING_WATCHED);
  }
  return resolved;
}

function auditDetails(s: Subscription): Record<string, unknown> {
  return {
    name: s.name,
    structureId: s.structureId,
    vendors: s.vendors,
    products: s.products.map((p) => `${p.vendor}:${p.product}`),
    keywords: s.keywords,
    minScore: s.minScore,
    kevOnly: s.kevOnly,
    includeUnscored: s.includeUnscored,
    deployedProducts: s.deployedProducts,
    frequency: s.frequency,
    hour: s.hour,
    weekday: s.weekday,
    active: s.active,
  };
}

/** The acting user's subscriptions. */
export async function listMySubscriptions(ctx: ServiceContext): Promise<Subscription[]> {
  const actor = userActor(ctx);
  return listSubscriptionsOfOwner(ctx.db, actor.userId);
}

/** One of the acting user's subscriptions. */
export async function getMySubscription(ctx: ServiceContext, id: string): Promise<Subscription> {
  return requireOwn(ctx, id);
}

/** Creates a subscription owned by the acting user; its first digest covers the last 30 days. */
export async function createSubscription(ctx: ServiceContext, draft: SubscriptionDraft): Promise<Subscription> {
  const actor = userActor(ctx);
  const values = await resolveDraft(ctx, draft, null);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const subscription: Subscription = {
    id: newId(),
    ownerId: actor.userId,
    ...values,
    cursorAt: new Date(now.getTime() - FIRST_DIGEST_LOOKBACK_DAYS * 86_400_000).toISOString(),
    lastRunAt: null,
    lastSentAt: null,
    createdAt: at,
    updatedAt: at,
  };
  return ctx.db.transaction().execute(async (trx) => {
    if ((await countSubscriptionsOfOwner(trx, actor.userId)) >= MAX_SUBSCRIPTIONS_PER_USER) {
      throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_LIMIT, { max: MAX_SUBSCRIPTIONS_PER_USER });
    }
    await insertSubscription(trx, subscription);
    await recordAudit(ctx, { action: 'vuln-watch.create-subscription', objectType: 'subscription', objectId: subscription.id, details: auditDetails(subscription) }, trx);
    return subscription;
  });
}

/** Changes one of the acting user's subscriptions; fields left undefined keep their value. */
export async function editSubscription(ctx: ServiceContext, id: string, draft: SubscriptionDraft): Promise<Subscription> {
  const current = await requireOwn(ctx, id);
  const values = await resolveDraft(ctx, draft, current);
  const next: Subscription = { ...current, ...values, updatedAt: ctx.clock.now().toISOString() };
  const before = auditDetails(current);
  const after = auditDetails(next);
  const changes = Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, from: before[k], to: after[k] }));
  if (changes.length === 0) return current;
  return ctx.db.transaction().execute(async (trx) => {
    await updateSubscription(trx, next);
    await recordAudit(ctx, { action: 'vuln-watch.edit-subscription', objectType: 'subscription', objectId: id, details: { changes } }, trx);
    return next;
  });
}

/** Deletes one of the acting user's subscriptions (and what its digests delivered). */
export async function removeSubscription(ctx: ServiceContext, id: string): Promise<void> {
  const current = await requireOwn(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSubscription(trx, id);
    await recordAudit(ctx, { action: 'vuln-watch.delete-subscription', objectType: 'subscription', objectId: id, details: auditDetails(current) }, trx);
  });
}

/** The CVEs last sent to one of the acting user's subscriptions. */
export async function listSubscriptionDeliveries(ctx: ServiceContext, id: string, limit = 100): Promise<Delivery[]> {
  const s = await requireOwn(ctx, id);
  return listRecentDeliveries(ctx.db, s.id, Math.min(Math.max(limit, 1), 500));
}

/** What the subscription form offers the acting user. */
export interface SubscriptionChoices {
  readonly products: readonly Product[];
  /** Distinct vendors of the catalogue. */
  readonly vendors: readonly string[];
  /** Structures the user may tie a subscription to (a beneficiary's own; staff: the first 500). */
  readonly structures: readonly { id: string; name: string }[];
  readonly canWatchDeployments: boolean;
}

/** The catalogue and structures the acting user may pick from. */
export async function subscriptionChoices(ctx: ServiceContext): Promise<SubscriptionChoices> {
  const actor = userActor(ctx);
  const products = await listProducts(ctx.db);
  const vendors = [...new Set(products.map((p) => p.vendor))].sort();
  let structures: { id: string; name: string }[] = [];
  if (actor.role === 'beneficiary') {
    structures = (await getStructureSummaries(ctx, actor.structureIds)).map((s) => ({ id: s.id, name: s.name }));
  } else if (hasRole(actor, 'admin', 'analyst', 'auditor')) {
    structures = (await searchStructures(ctx, { pageSize: 500 })).items.map((s) => ({ id: s.id, name: s.name }));
  }
  return { products, vendors, structures, canWatchDeployments: canWatchDeployments(actor) };
}

/** Names of structures for display (the ones the acting user may see). */
export async function structureNames(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await getStructureSummaries(ctx, ids)).map((s) => [s.id, s.name]));
}
