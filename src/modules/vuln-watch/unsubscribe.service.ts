/**
 * One-click unsubscribe (RFC 8058): whoever holds the signed token of a digest may turn that one
 * subscription off, without logging in. The subscription is paused, not deleted (its owner can
 * turn it back on); the change is audit-logged. A bad or tampered token changes nothing.
 */
import { HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { findSubscription, updateSubscriptionActive } from './subscription.repository.js';
import { VulnWatchSubscriptionErrors } from './subscription.errors.js';
import { verifyUnsubscribeToken } from './unsubscribe.token.js';

/** What the unsubscribe pages show: the subscription's name and state, or `gone` when deleted. */
export type UnsubscribeTarget = { readonly state: 'gone' } | { readonly state: 'active' | 'inactive'; readonly name: string };

function subscriptionIdOf(ctx: ServiceContext, token: unknown): string {
  const id = verifyUnsubscribeToken(ctx.config.secret, token);
  if (!id) throw new HygieError(VulnWatchSubscriptionErrors.VULNWATCH_SUBSCRIPTION_TOKEN_INVALID);
  return id;
}

/** The subscription a token designates (for the confirmation page); changes nothing. */
export async function describeUnsubscribeTarget(ctx: ServiceContext, token: unknown): Promise<UnsubscribeTarget> {
  const s = await findSubscription(ctx.db, subscriptionIdOf(ctx, token));
  if (!s) return { state: 'gone' };
  return { state: s.active ? 'active' : 'inactive', name: s.name };
}

/** Turns off the subscription a token designates; idempotent. Returns its state before. */
export async function unsubscribeByToken(ctx: ServiceContext, token: unknown): Promise<UnsubscribeTarget> {
  const id = subscriptionIdOf(ctx, token);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await findSubscription(trx, id);
    if (!s) return { state: 'gone' } as const;
    if (await updateSubscriptionActive(trx, id, false, ctx.clock.now().toISOString())) {
      await recordAudit(ctx, { action: 'vuln-watch.unsubscribe', objectType: 'subscription', objectId: id, details: { via: 'one-click link', name: s.name } }, trx);
    }
    return { state: s.active ? 'active' : 'inactive', name: s.name } as const;
  });
}
