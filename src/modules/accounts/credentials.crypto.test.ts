import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateApiToken,
  generateOneTimePassword,
  generateOpaqueToken,
  hashPassword,
  hashToken,
  looksLikeApiToken,
  verifyPassword,
} from './credentials.crypto.js';

describe('token hashing', () => {
  it('stores the SHA-256 hex of a token, never the token', () => {
    const token = generateOpaqueToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  it('makes 32-byte random tokens', () => {
    const token = generateOpaqueToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateOpaqueToken()).not.toBe(token);
  });

  it('makes API tokens of the documented shape', () => {
    const token = generateApiToken();
    expect(token).toMatch(/^hyg_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(looksLikeApiToken(token)).toBe(true);
    expect(looksLikeApiToken('hyg_short')).toBe(false);
    expect(looksLikeApiToken(`xyz_${token.slice(4)}`)).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are 4 groups of 4 unambiguous characters, long enough for the password rules', () => {
    const otp = generateOneTimePassword();
    expect(otp).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(otp.length).toBeGreaterThanOrEqual(12);
    expect(generateOneTimePassword()).not.toBe(otp);
  });
});

describe('argon2id password hashes', () => {
  it('hash with argon2id and verify', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'wrong horse battery staple')).toBe(false);
  });

  it('answers false for a missing or malformed hash', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
  });
});
