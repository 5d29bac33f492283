import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app supports) and
 * the encryption of TOTP secrets at rest.
 *
 * Secrets are stored as AES-256-GCM ciphertext under a key derived from `config.secret` with
 * HKDF-SHA256 (own `info` label, so the key is used for nothing else). The user id is the
 * additional authenticated data: a ciphertext copied to another user's row does not decrypt.
 */

const PERIOD_SECONDS = 30;
const FORMAT_VERSION = 'v1';
const HKDF_INFO = 'hygie/accounts/totp-secret/v1';
const HKDF_SALT = 'hygie-totp-secret-encryption';

/** The 32-byte AES key for TOTP secrets, derived from the server secret. */
export function deriveTotpKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(serverSecret, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
}

/** Encrypts a base32 TOTP secret for storage: `v1.<iv>.<ciphertext>.<tag>` (base64url parts). */
export function encryptTotpSecret(serverSecret: string, userId: string, base32Secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveTotpKey(serverSecret), iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(base32Secret, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

/** Decrypts a stored TOTP secret; null when it was tampered with, belongs to another user or the key changed. */
export function decryptTotpSecret(serverSecret: string, userId: string, stored: string): string | null {
  const [version, iv, ciphertext, tag, ...rest] = stored.split('.');
  if (version !== FORMAT_VERSION || iv === undefined || ciphertext === undefined || tag === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveTotpKey(serverSecret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** A new random TOTP secret (20 bytes, base32, as authenticator apps expect). */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(issuer: string, accountLabel: string, base32Secret: string): string {
  return generateURI({ issuer, label: accountLabel, secret: base32Secret, period: PERIOD_SECONDS, digits: 6 });
}

/** The code an authenticator shows at `now` (tests and the demo use it). */
export function totpCodeAt(base32Secret: string, now: Date): Promise<string> {
  return generate({ secret: base32Secret, epoch: Math.floor(now.getTime() / 1000), period: PERIOD_SECONDS });
}

/**
 * Checks a code at `now`, accepting the previous and the next step (clock drift). Returns the
 * time step the code belongs to, or null. A code whose step is not after `lastStep` (the step of
 * the last accepted code) is refused: a code cannot be replayed.
 */
export async function verifyTotpCode(
  base32Secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret: base32Secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    period: PERIOD_SECONDS,
    epochTolerance: PERIOD_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  // The functional API's result type also covers HOTP, which has no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
