/**
 * Reading RESP replies to PING and INFO server: simple strings, errors and one bulk string, and the
 * `key:value` lines of INFO. Pure; never throws.
 */

/** What the reply to PING means. */
export type PingReply =
  | { readonly kind: 'pong' }
  /** The server wants AUTH (NOAUTH, or an ACL WRONGPASS / NOPERM answer). */
  | { readonly kind: 'auth-required'; readonly message: string }
  /** Protected mode: the server refuses clients from other hosts without a password. */
  | { readonly kind: 'protected-mode'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/** Error prefixes a Redis server uses; anything else after '-' is not taken as Redis. */
const ERROR_PREFIXES = /^(ERR|NOAUTH|DENIED|WRONGPASS|NOPERM|LOADING|BUSY|MISCONF|READONLY|MASTERDOWN)\b/;
const MAX_LINE = 4096;

/** True once a whole line (CRLF) arrived, or 4 KiB without one (a read may stop). */
export function lineComplete(bytes: Buffer): boolean {
  return bytes.includes('\r\n') || bytes.length >= MAX_LINE;
}

function firstLine(bytes: Buffer): string | null {
  const end = bytes.indexOf('\r\n');
  if (end < 0 || end > MAX_LINE) return null;
  return bytes.subarray(0, end).toString('latin1');
}

/** Interprets the reply to PING; null when it is not RESP. */
export function parsePingReply(bytes: Buffer): PingReply | null {
  const line = firstLine(bytes);
  if (line === null || /[^\x20-\x7e]/.test(line)) return null;
  if (line === '+PONG') return { kind: 'pong' };
  if (!line.startsWith('-') || !ERROR_PREFIXES.test(line.slice(1))) return null;
  const message = line.slice(1, 301);
  if (/^(NOAUTH|WRONGPASS|NOPERM)\b/.test(message)) return { kind: 'auth-required', message };
  if (message.startsWith('DENIED') && /protected mode/i.test(message))
    return { kind: 'protected-mode', message };
  return { kind: 'error', message };
}

/** A bulk string reply, or why there is none yet. */
export type BulkReply =
  | { readonly kind: 'bulk'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid' };

/** Reads a `$<len>\r\n<bytes>\r\n` reply (or an error line). */
export function parseBulkReply(bytes: Buffer, maxLength = 1024 * 1024): BulkReply {
  const line = firstLine(bytes);
  if (line === null) return bytes.length >= MAX_LINE ? { kind: 'invalid' } : { kind: 'incomplete' };
  if (line.startsWith('-'))
    return { kind: 'error', message: line.slice(1, 301).replace(/[^\x20-\x7e]/g, '?') };
  const m = /^\$(\d{1,9})$/.exec(line);
  if (!m?.[1]) return { kind: 'invalid' };
  const length = Number(m[1]);
  if (length > maxLength) return { kind: 'invalid' };
  const start = line.length + 2;
  if (bytes.length < start + length) return { kind: 'incomplete' };
  return { kind: 'bulk', text: bytes.subarray(start, start + length).toString('utf8') };
}

/** True once a bulk reply is complete or cannot be one (a read may stop). */
export function bulkComplete(bytes: Buffer): boolean {
  return parseBulkReply(bytes).kind !== 'incomplete';
}

/** The `key:value` lines of an INFO reply (section headers and blank lines skipped). */
export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/).slice(0, 1000)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    if (!/^[a-z0-9_]+$/i.test(key) || key === '__proto__') continue;
    out[key] = line.slice(colon + 1, colon + 301).replace(/[^\x20-\x7e]/g, '?');
  }
  return out;
}

/** Product and version named by INFO server: Valkey and Dragonfly declare themselves, else Redis. */
export function productFromInfo(info: Readonly<Record<string, string>>): {
  product: string;
  version?: string;
  cpe?: string;
} {
  const valkey = info.valkey_version;
  if (valkey !== undefined) return { product: 'Valkey', version: valkey };
  const dragonfly = info.dragonfly_version;
  if (dragonfly !== undefined) return { product: 'Dragonfly', version: dragonfly.replace(/^df-v?/, '') };
  const redis = info.redis_version;
  if (redis === undefined || !/^\d+\.\d+(\.\d+)?$/.test(redis)) return { product: 'Redis' };
  return { product: 'Redis', version: redis, cpe: `cpe:2.3:a:redis:redis:${redis}:*:*:*:*:*:*:*` };
}
