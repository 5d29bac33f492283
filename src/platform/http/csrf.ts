import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection by signed double submit: a random nonce lives in an httpOnly cookie, forms
 * carry HMAC(secret, nonce). A cross-site page can neither read the cookie nor forge the HMAC.
 */
export const CSRF_COOKIE = 'hygie_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A fresh nonce for the CSRF cookie. */
export function newCsrfNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** The token forms must send back for this nonce. */
export function csrfTokenFor(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

/** True when the submitted token matches the nonce of the cookie. */
export function isValidCsrfToken(secret: string, nonce: string | undefined, token: unknown): boolean {
  if (!nonce || typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(secret, nonce));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
