/**
 * Pure reading of an HTTP answer for the scan result: headers with lower-case names, the body as
 * text in its declared charset, the `<title>`, and where the favicon is.
 */

/** Most characters of a title kept. */
const MAX_TITLE = 300;
/** Most characters of the body kept in `bodySample`. */
export const BODY_SAMPLE_CHARS = 64 * 1024;

/**
 * Header names lower-cased; repeats joined with `, ` except Set-Cookie, joined with a newline
 * (its values contain commas), so that cookies can be read back one per line.
 */
export function headersRecord(raw: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of raw.slice(0, 500)) {
    const key = name.toLowerCase();
    const sep = key === 'set-cookie' ? '\n' : ', ';
    out[key] = key in out ? `${out[key]}${sep}${value}` : value;
  }
  return out;
}

const LABELS: Readonly<Record<string, BufferEncoding>> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'iso-8859-1': 'latin1',
  'iso-8859-15': 'latin1',
  latin1: 'latin1',
  'windows-1252': 'latin1',
  'us-ascii': 'latin1',
  ascii: 'latin1',
};

/** The body as text: charset from Content-Type, else `<meta charset>`, else UTF-8 when valid, else Latin-1. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const declared =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  const encoding = declared ? LABELS[declared.toLowerCase()] : undefined;
  if (encoding) return body.toString(encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return body.toString('latin1');
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the common HTML entities of a title (`&amp;`, `&#233;`, `&#xE9;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** The page `<title>`, whitespace collapsed and entities decoded; undefined when absent or empty. */
export function extractTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]{0,4096}?)<\/title\s*>/i.exec(html.slice(0, BODY_SAMPLE_CHARS));
  if (!m) return undefined;
  const title = decodeEntities((m[1] as string).replace(/\s+/g, ' ').trim()).slice(0, MAX_TITLE);
  return title === '' ? undefined : title;
}

/** Favicon URLs to try, in order: `<link rel~=icon href>` of the page, then `/favicon.ico`. */
export function faviconCandidates(html: string, pageUrl: string): string[] {
  const out: string[] = [];
  for (const m of html.slice(0, BODY_SAMPLE_CHARS).matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = /\brel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const relValue = (rel?.[1] ?? rel?.[2] ?? rel?.[3] ?? '').toLowerCase().split(/\s+/);
    if (!relValue.includes('icon')) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (!value || value.startsWith('data:')) continue;
    try {
      out.push(new URL(decodeEntities(value), pageUrl).href);
    } catch {
      // an unusable href is skipped
    }
    if (out.length >= 2) break;
  }
  try {
    const fallback = new URL('/favicon.ico', pageUrl).href;
    if (!out.includes(fallback)) out.push(fallback);
  } catch {
    // pageUrl is always absolute here
  }
  return out;
}

/** Scheme, host and port of a URL, for "is this still the probed service?". */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
