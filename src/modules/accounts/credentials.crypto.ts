import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * Hashing and random material of the accounts module: argon2id for passwords, SHA-256 for
 * high-entropy tokens (session cookies, reset links, API tokens), readable one-time passwords.
 */

// `Algorithm` is a const enum in the typings, which isolatedModules cannot inline: 2 = Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** An argon2id PHC string for a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when the password matches the hash. With a null hash (unknown e-mail, account without a
 * password) a dummy hash is still verified, so that the answer takes the same time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password (16 random characters, about 79 bits, shown as 4 groups of 4). */
export function generateOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += READABLE[randomInt(READABLE.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A random 32-byte token, base64url: session cookies and password-reset links. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Prefix of API tokens, so that secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'hyg_';

/** A new API token: `hyg_` + 32 random bytes in base64url. */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** True when a string has the shape of an API token (cheap check before any database access). */
export function looksLikeApiToken(value: string): boolean {
  return /^hyg_[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * SHA-256 (hex) of a token: what the database stores. A fast hash is right here because the
 * tokens carry 256 random bits; a leaked table gives nothing to brute-force.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
