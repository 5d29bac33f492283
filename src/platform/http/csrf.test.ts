import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrfTokenFor, isValidCsrfToken, newCsrfNonce } from './csrf.js';

describe('CSRF tokens', () => {
  const secret = 's'.repeat(40);
  it('accepts the token of the cookie nonce and nothing else', () => {
    const nonce = newCsrfNonce();
    expect(isValidCsrfToken(secret, nonce, csrfTokenFor(secret, nonce))).toBe(true);
    expect(isValidCsrfToken(secret, nonce, csrfTokenFor(secret, newCsrfNonce()))).toBe(false);
    expect(isValidCsrfToken(secret, undefined, csrfTokenFor(secret, nonce))).toBe(false);
    expect(isValidCsrfToken(secret, nonce, undefined)).toBe(false);
    expect(isValidCsrfToken('other'.repeat(10), nonce, csrfTokenFor(secret, nonce))).toBe(false);
  });
  it('rejects arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (token) => {
        const nonce = 'fixed-nonce';
        fc.pre(token !== csrfTokenFor(secret, nonce));
        expect(isValidCsrfToken(secret, nonce, token)).toBe(false);
      }),
    );
  });
});
