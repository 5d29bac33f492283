import { describe, expect, it } from 'vitest';
import { decryptTotpSecret, deriveTotpKey, encryptTotpSecret, generateTotpSecret, totpCodeAt, totpUri, verifyTotpCode } from './totp.crypto.js';

const SERVER_SECRET = 'test-secret-test-secret-test-secret-0123456789';

describe('TOTP secret encryption at rest', () => {
  const secret = generateTotpSecret();

  it('round-trips and never stores the secret in clear', () => {
    const stored = encryptTotpSecret(SERVER_SECRET, 'user-1', secret);
    expect(stored.startsWith('v1.')).toBe(true);
    expect(stored).not.toContain(secret);
    expect(decryptTotpSecret(SERVER_SECRET, 'user-1', stored)).toBe(secret);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptTotpSecret(SERVER_SECRET, 'user-1', secret)).not.toBe(encryptTotpSecret(SERVER_SECRET, 'user-1', secret));
  });

  it('refuses another user, another server key and any tampering', () => {
    const stored = encryptTotpSecret(SERVER_SECRET, 'user-1', secret);
    expect(decryptTotpSecret(SERVER_SECRET, 'user-2', stored)).toBeNull();
    expect(decryptTotpSecret(`${SERVER_SECRET}-rotated`, 'user-1', stored)).toBeNull();
    const parts = stored.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(decryptTotpSecret(SERVER_SECRET, 'user-1', [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.'))).toBeNull();
    expect(decryptTotpSecret(SERVER_SECRET, 'user-1', 'garbage')).toBeNull();
  });

  it('derives a 32-byte key distinct from the server secret', () => {
    const key = deriveTotpKey(SERVER_SECRET);
    expect(key).toHaveLength(32);
    expect(key.toString('utf8')).not.toContain(SERVER_SECRET.slice(0, 8));
  });
});

describe('TOTP codes', () => {
  const secret = generateTotpSecret();
  const now = new Date('2026-11-29T09:00:10.000Z');

  it('accept the current step and one step either side, not two', async () => {
    const code = await totpCodeAt(secret, now);
    expect(await verifyTotpCode(secret, code, now, null)).toBe(Math.floor(now.getTime() / 30_000));
    expect(await verifyTotpCode(secret, code, new Date(now.getTime() + 30_000), null)).not.toBeNull();
    expect(await verifyTotpCode(secret, code, new Date(now.getTime() - 30_000), null)).not.toBeNull();
    expect(await verifyTotpCode(secret, code, new Date(now.getTime() + 90_000), null)).toBeNull();
  });

  it('refuse a code whose step was already used (replay)', async () => {
    const code = await totpCodeAt(secret, now);
    const step = await verifyTotpCode(secret, code, now, null);
    expect(step).not.toBeNull();
    expect(await verifyTotpCode(secret, code, now, step)).toBeNull();
    const later = new Date(now.getTime() + 30_000);
    expect(await verifyTotpCode(secret, await totpCodeAt(secret, later), later, step)).toBe((step ?? 0) + 1);
  });

  it('refuse malformed codes without calling the library', async () => {
    expect(await verifyTotpCode(secret, 'abcdef', now, null)).toBeNull();
    expect(await verifyTotpCode(secret, '12345', now, null)).toBeNull();
  });

  it('build an otpauth URI naming the issuer and the account', () => {
    const uri = totpUri('Hygie', 'jeanne@example.fr', secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Hygie:jeanne%40example\.fr\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});
