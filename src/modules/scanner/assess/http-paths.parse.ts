/**
 * Pure parts of the HTTP path probes: which paths to ask, directories linked from a page, and how
 * much an answer looks like the server's answer to a random path (soft-404 detection: many servers
 * answer 200 with a "not found" or home page to anything). Content is judged by the checks.
 */
import type { PathReason } from './assessment.types.js';

/** A path to ask and why. */
export interface PathCandidate {
  readonly path: string;
  readonly reason: PathReason;
}

/** Secrets files: VCS metadata and environment files. */
export const SECRET_PATHS: readonly string[] = [
  '/.git/HEAD',
  '/.git/config',
  '/.env',
  '/.env.local',
  '/.env.production',
  '/.env.backup',
  '/.env.old',
];

/** Backup copies of server-side scripts and site archives. */
export const BACKUP_PATHS: readonly string[] = [
  '/index.php.bak',
  '/index.php~',
  '/index.php.old',
  '/config.php.bak',
  '/config.php~',
  '/wp-config.php.bak',
  '/configuration.php.bak',
  '/web.config.bak',
  '/backup.zip',
  '/backup.tar.gz',
  '/backup.sql',
  '/dump.sql',
  '/site.zip',
  '/www.zip',
];

/** Directories often left with automatic indexes. */
export const DIRECTORY_PATHS: readonly string[] = [
  '/documents/',
  '/docs/',
  '/backup/',
  '/backups/',
  '/uploads/',
  '/files/',
  '/fichiers/',
  '/data/',
  '/export/',
  '/archives/',
];

/** Most directories taken from links of the root page. */
export const MAX_LINKED_DIRECTORIES = 10;

/** Same-origin directory links (`href` ending with `/`) of a page, as absolute paths. */
export function linkedDirectories(html: string, pageUrl: string): string[] {
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const m of html.slice(0, 65_536).matchAll(/href\s*=\s*["']([^"'#?]{1,200})["']/gi)) {
    const href = (m[1] as string).trim();
    const otherScheme = /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^https?:/i.test(href);
    if (!href.endsWith('/') || href.startsWith('//') || otherScheme) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.origin !== base.origin || url.pathname === '/' || url.pathname.split('/').length > 4) continue;
    out.add(url.pathname);
    if (out.size >= MAX_LINKED_DIRECTORIES) break;
  }
  return [...out];
}

/** The paths to ask of one service, in order, each once. */
export function pathCandidates(rootHtml: string, rootUrl: string): PathCandidate[] {
  const seen = new Set<string>();
  const out: PathCandidate[] = [];
  const add = (path: string, reason: PathReason): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, reason });
  };
  for (const p of SECRET_PATHS) add(p, 'secret-file');
  for (const p of BACKUP_PATHS) add(p, 'backup-file');
  for (const p of linkedDirectories(rootHtml, rootUrl)) add(p, 'linked-directory');
  for (const p of DIRECTORY_PATHS) add(p, 'directory');
  return out;
}

/** Text of an answer for comparison: the asked path removed, numbers and spaces folded. */
function comparable(text: string, path: string): string {
  let t = text.toLowerCase();
  if (path !== '' && path !== '/') t = t.split(path.toLowerCase()).join(' ');
  return t
    .replace(/[0-9a-f]{8,}/g, ' ')
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

function shingles(text: string): Set<string> {
  const words = text.split(' ').filter(Boolean);
  const out = new Set<string>();
  if (words.length < 3) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + 3 <= words.length && out.size < 4000; i++) out.add(words.slice(i, i + 3).join(' '));
  return out;
}

/** One answer, as compared. */
export interface ComparedAnswer {
  readonly path: string;
  readonly status: number;
  readonly length: number;
  readonly sample: string;
}

/**
 * How much `answer` looks like `baseline` (the answer to a random path), 0–1: 0 when the status
 * differs, else the Jaccard similarity of word 3-shingles, weighed by the length ratio.
 */
export function soft404Similarity(answer: ComparedAnswer, baseline: ComparedAnswer | null): number {
  if (baseline === null || answer.status !== baseline.status) return 0;
  const a = shingles(comparable(answer.sample, answer.path));
  const b = shingles(comparable(baseline.sample, baseline.path));
  if (a.size === 0 && b.size === 0) return answer.length === baseline.length ? 1 : 0.5;
  let common = 0;
  for (const s of a) if (b.has(s)) common++;
  const jaccard = common / (a.size + b.size - common);
  const longer = Math.max(answer.length, baseline.length);
  const ratio = longer === 0 ? 1 : Math.min(answer.length, baseline.length) / longer;
  return Math.round(Math.min(1, jaccard * (0.5 + 0.5 * ratio)) * 1000) / 1000;
}

/** Printable text of a body sample (for JSON fixtures and evidence). */
export function bodyText(body: Buffer, maxChars = 4096): string {
  return body
    .subarray(0, maxChars * 2)
    .toString('utf8')
    .slice(0, maxChars)
    .split('\u0000')
    .join('\\0');
}
