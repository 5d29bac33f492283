/**
 * Banners as text for people and for fingerprints: printable escaping with a byte cap, and the
 * first lines of a greeting.
 */

/** Most bytes of a banner kept in a result. */
export const BANNER_MAX_BYTES = 512;

const ESCAPES: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };

/**
 * Printable form of raw bytes: ASCII kept, `\r \n \t \\` escaped, every other byte as `\xNN`;
 * at most `maxBytes` bytes, with `…` when cut.
 */
export function printableBanner(bytes: Buffer, maxBytes: number = BANNER_MAX_BYTES): string {
  let out = '';
  const n = Math.min(bytes.length, maxBytes);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    const esc = ESCAPES[b];
    if (esc !== undefined) out += esc;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > maxBytes ? `${out}…` : out;
}

/** True when most of the bytes are printable ASCII or line ends: a text banner rather than binary. */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable / bytes.length >= 0.9;
}

/** Latin-1 text of the bytes up to the first line end (without it), at most `max` characters. */
export function firstLine(bytes: Buffer, max = 1024): string {
  const text = bytes.subarray(0, max).toString('latin1');
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}
