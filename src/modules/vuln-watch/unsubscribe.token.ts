/**
 * One-click unsubscribe tokens: `<subscription id>.<HMAC-SHA256(secret, purpose + id)>`, in
 * base64url. A token proves that its holder received a digest of that one subscription; it
 * needs no login, never expires (old e-mails must keep working) and unlocks nothing but turning
 * that subscription off. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// Domain separation: the same secret signs CSRF tokens and cookies.
const PURPOSE = 'hygie:vuln-watch:unsubscribe:v1:';
const ID = /^[0-9A-Za-z-]{1,64}$/;

function mac(secret: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(PURPOSE + subscriptionId).digest('base64url');
}

/** The unsubscribe token of a subscription. */
export function signUnsubscribeToken(secret: string, subscriptionId: string): string {
  if (!ID.test(subscriptionId)) throw new Error('signUnsubscribeToken: not a subscription id');
  return `${subscriptionId}.${mac(secret, subscriptionId)}`;
}

/** The subscription id a token was signed for, or null when it was not signed with this secret. */
export function verifyUnsubscribeToken(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  if (!ID.test(id)) return null;
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(token.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
