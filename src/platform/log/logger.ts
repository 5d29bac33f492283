import { pino, type Logger as PinoLogger } from 'pino';

/** Structured JSON logger (pino). */
export type Logger = PinoLogger;

/**
 * Paths whose values never reach a log line: passwords, tokens, cookies, TOTP secrets, SMTP
 * credentials. Redaction is by key, wherever the key appears one or two levels deep.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  'newPassword',
  'token',
  'secret',
  'totpSecret',
  'totp_secret',
  'password_hash',
  'smtpUrl',
  'authorization',
  'cookie',
  'code',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.totpSecret',
  '*.totp_secret',
  '*.password_hash',
  '*.smtpUrl',
  '*.code',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Creates the process logger; `destination` lets tests capture lines. */
export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
): Logger {
  const options = { level, redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
