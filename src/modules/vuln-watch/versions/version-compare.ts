/**
 * A version comparator for the version schemes vendors really use, so that NVD ranges
 * (`versionStartIncluding` …) and CVE 5 ranges (`version` … `lessThan`) can be checked against
 * a deployed version. See `README.md` beside this file for the rule and its examples.
 *
 * Tokenisation rule (the whole comparator):
 * 1. Trim, lower-case; anything before the first digit is dropped (`v7.2.8`, `R9.3.1`,
 *    ` Build 9342`: vendors prefix versions with letters or product names).
 * 2. Split into runs of digits (numbers) and runs of letters (words); every other character
 *    (`.` `-` `_` `+` `:` `~` `(` `)` spaces …) only separates tokens.
 * 3. A word is a PRE-RELEASE marker when it is `dev`, `snapshot`, `alpha`, `beta`, `pre`,
 *    `preview`, `rc`, `cr`, `milestone`, or one of `a` `b` `c` `m` directly followed by a number
 *    (`1.0a1`, `9.0.0.M9`); every other word is a POST-RELEASE marker: PAN-OS hotfix `h`,
 *    OpenSSH `p`, Ivanti release `r`, VMware update `u` and its letters, OpenSSL letters, `sp`…
 * 4. Zero numbers directly before a word or at the end are dropped (`7.0` = `7.0.0` = `7`,
 *    `1.0.0-rc1` = `1-rc1`), so trailing `.0` never changes the order.
 * 5. The token lists are compared left to right; a missing token is END. Order of tokens:
 *    pre-release (dev < alpha < beta < pre/preview < rc, then by spelling) < END
 *    < post-release words (by spelling) < numbers (by value).
 * Hence `13.1` < `13.1-49.15`, `10.2.9` < `10.2.9-h1` < `10.2.10`, `8.9` < `8.9p1` < `9.0`,
 * `9.1` < `9.1R11` < `9.1R11.4`, `8.0` < `8.0U2` < `8.0U3`, `7.0U3` < `7.0U3o`,
 * `1.0.0-alpha` < `1.0.0-beta.2` < `1.0.0-rc.1` < `1.0.0`.
 * The order is total (antisymmetric, transitive): it is a lexicographic order over one totally
 * ordered alphabet, applied to a canonical form.
 */

/** One token of a canonical version. */
type Token =
  | { readonly kind: 'pre'; readonly rank: number; readonly text: string }
  | { readonly kind: 'post'; readonly text: string }
  | { readonly kind: 'num'; readonly digits: string };

const PRE_RELEASE_RANK: Readonly<Record<string, number>> = {
  dev: 0,
  snapshot: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  milestone: 3,
  m: 3,
  pre: 4,
  preview: 4,
  rc: 5,
  cr: 5,
  c: 5,
};

/** Words that are pre-release markers only when a number follows them (`1.0a1` but not `1.0.2a`). */
const SHORT_PRE_RELEASE = new Set(['a', 'b', 'c', 'm']);

const cache = new Map<string, readonly Token[]>();

/** The canonical token list of a version (memoised: the same few thousand strings recur). */
export function versionTokens(version: string): readonly Token[] {
  const hit = cache.get(version);
  if (hit) return hit;
  const tokens = tokenise(version);
  if (cache.size > 50_000) cache.clear();
  cache.set(version, tokens);
  return tokens;
}

function tokenise(version: string): Token[] {
  const text = version.trim().toLowerCase().replace(/^\D+/, '');
  const raw = text.match(/\d+|\p{L}+/gu) ?? [];
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i] as string;
    if (/^\d/.test(part)) {
      out.push({ kind: 'num', digits: part.replace(/^0+(?=\d)/, '') });
      continue;
    }
    const next = raw[i + 1];
    const followedByNumber = next !== undefined && /^\d/.test(next);
    const rank = PRE_RELEASE_RANK[part];
    const isPre = rank !== undefined && (!SHORT_PRE_RELEASE.has(part) || followedByNumber);
    // Drop zero numbers just before a word: `1.0.0-rc1` and `1-rc1` read the same.
    while (out.length > 0 && isZero(out[out.length - 1])) out.pop();
    out.push(isPre ? { kind: 'pre', rank, text: part } : { kind: 'post', text: part });
  }
  while (out.length > 0 && isZero(out[out.length - 1])) out.pop();
  return out;
}

function isZero(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'num' && token.digits === '0';
}

/** Class order: pre-release < END < post-release word < number. */
function classOf(token: Token | undefined): number {
  if (token === undefined) return 1;
  if (token.kind === 'pre') return 0;
  if (token.kind === 'post') return 2;
  return 3;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTokens(a: Token | undefined, b: Token | undefined): number {
  const ca = classOf(a);
  const cb = classOf(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  if (a === undefined || b === undefined) return 0;
  if (a.kind === 'num' && b.kind === 'num') {
    if (a.digits.length !== b.digits.length) return a.digits.length < b.digits.length ? -1 : 1;
    return compareText(a.digits, b.digits);
  }
  if (a.kind === 'pre' && b.kind === 'pre') {
    if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
    return compareText(a.text, b.text);
  }
  if (a.kind === 'post' && b.kind === 'post') return compareText(a.text, b.text);
  return 0;
}

/**
 * Compares two vendor version strings: negative when `a` is older, 0 when they are the same
 * version (`7.0` and `7.0.0`, `10.2.9-h1 ` and `10.2.9-H1`), positive when `a` is newer.
 */
export function compareVersions(a: string, b: string): number {
  const ta = versionTokens(a);
  const tb = versionTokens(b);
  const n = Math.max(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const c = compareTokens(ta[i], tb[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** True when the string holds at least one digit: something a range can be checked against. */
export function isComparableVersion(version: string): boolean {
  return /\d/.test(version);
}

/** Bounds of a version range, each optional; values are compared with `compareVersions`. */
export interface VersionBounds {
  readonly startIncluding?: string;
  readonly startExcluding?: string;
  readonly endIncluding?: string;
  readonly endExcluding?: string;
}

/** True when `version` lies within the bounds (a missing bound does not limit). */
export function versionInRange(version: string, bounds: VersionBounds): boolean {
  if (bounds.startIncluding !== undefined && compareVersions(version, bounds.startIncluding) < 0)
    return false;
  if (bounds.startExcluding !== undefined && compareVersions(version, bounds.startExcluding) <= 0)
    return false;
  if (bounds.endIncluding !== undefined && compareVersions(version, bounds.endIncluding) > 0) return false;
  if (bounds.endExcluding !== undefined && compareVersions(version, bounds.endExcluding) >= 0) return false;
  return true;
}

/** The bounds in words, e.g. "from 7.0.0 (including) up to 7.0.14 (excluding)". */
export function describeBounds(bounds: VersionBounds): string {
  const parts: string[] = [];
  if (bounds.startIncluding !== undefined) parts.push(`from ${bounds.startIncluding.trim()} (including)`);
  if (bounds.startExcluding !== undefined) parts.push(`after ${bounds.startExcluding.trim()} (excluding)`);
  if (bounds.endIncluding !== undefined) parts.push(`up to ${bounds.endIncluding.trim()} (including)`);
  if (bounds.endExcluding !== undefined) parts.push(`up to ${bounds.endExcluding.trim()} (excluding)`);
  return parts.length > 0 ? parts.join(' ') : 'all versions';
}
