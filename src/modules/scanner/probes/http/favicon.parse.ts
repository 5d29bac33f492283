/**
 * Favicon hashes. `faviconHash` in the result is Shodan's (`http.favicon.hash`): MurmurHash3
 * x86 32-bit, seed 0, of the base64 text with a newline every 76 characters and one at the end
 * (Python's `base64.encodebytes`), as a signed decimal. The MD5 (hex) is kept too: recog's
 * `favicons.xml` is keyed by it.
 */
import { createHash } from 'node:crypto';

/** MurmurHash3 x86 32-bit of bytes; unsigned 32-bit result. */
export function murmurhash3(bytes: Buffer, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = bytes.length - (bytes.length % 4);
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes.readUInt32LE(i);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = bytes.length % 4;
  if (tail === 3) k ^= (bytes[blocks + 2] as number) << 16;
  if (tail >= 2) k ^= (bytes[blocks + 1] as number) << 8;
  if (tail >= 1) {
    k ^= bytes[blocks] as number;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Base64 with a line feed after every 76 characters and at the end (`base64.encodebytes`). */
export function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\n`;
  return out;
}

/** Shodan's favicon hash: signed 32-bit MurmurHash3 of `base64Lines(bytes)`, as decimal text. */
export function shodanFaviconHash(bytes: Buffer): string {
  return String(murmurhash3(Buffer.from(base64Lines(bytes), 'latin1')) | 0);
}

/** MD5 of the bytes, lower-case hex (recog's favicon key). */
export function faviconMd5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
