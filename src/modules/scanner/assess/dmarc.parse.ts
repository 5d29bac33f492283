/**
 * DMARC records (RFC 7489 §6.3, with the DMARCbis `np` and `t` tags tolerated): tag-value list,
 * `v=DMARC1` first, `p` required. Pure; never throws. An invalid record is ignored by receivers
 * (as if there were none), so the check treats it like a missing one.
 */

/** Policies a domain owner can request. */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** A parsed DMARC record. */
export interface DmarcRecord {
  readonly raw: string;
  /** `p`: null when missing or invalid (then the record is invalid). */
  readonly policy: DmarcPolicy | null;
  /** `sp` (subdomains); null when absent (the domain's `p` applies). */
  readonly subdomainPolicy: DmarcPolicy | null;
  /** `rua` aggregate-report addresses. */
  readonly rua: readonly string[];
  readonly ruf: readonly string[];
  /** `pct` (default 100). */
  readonly pct: number;
  readonly adkim: 'r' | 's';
  readonly aspf: 'r' | 's';
  /** Every tag as written (lower-case names). */
  readonly tags: Readonly<Record<string, string>>;
  /** What makes the record invalid (receivers then ignore it). */
  readonly errors: readonly string[];
  /** Odd but harmless (unknown tags, bad `pct` …). */
  readonly warnings: readonly string[];
}

const POLICIES = new Set(['none', 'quarantine', 'reject']);
const KNOWN_TAGS = new Set([
  'v',
  'p',
  'sp',
  'np',
  'rua',
  'ruf',
  'pct',
  'adkim',
  'aspf',
  'fo',
  'rf',
  'ri',
  't',
  'psd',
]);

/** True for a TXT string that announces DMARC (`v=DMARC1`, spaces tolerated). */
export function isDmarcRecord(txt: string): boolean {
  return /^\s*v\s*=\s*DMARC1\s*(?:;|$)/i.test(txt);
}

function uris(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

/** Parses one DMARC TXT record. */
export function parseDmarc(text: string): DmarcRecord {
  const raw = String(text);
  const errors: string[] = [];
  const warnings: string[] = [];
  const tags: Record<string, string> = {};
  const parts = raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, 64);
  parts.forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      errors.push(`"${part.slice(0, 40)}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (i === 0 && name !== 'v') errors.push('the first tag must be v=DMARC1');
    if (name in tags) warnings.push(`tag "${name}" repeated (the first one counts)`);
    else tags[name] = value;
    if (!KNOWN_TAGS.has(name)) warnings.push(`unknown tag "${name}"`);
  });
  if (parts.length === 0) errors.push('empty record');
  if ((tags.v ?? '').toUpperCase() !== 'DMARC1') errors.push('v is not DMARC1');
  const p = tags.p?.toLowerCase();
  let policy: DmarcPolicy | null = null;
  if (p === undefined) errors.push('no p= tag (policy)');
  else if (!POLICIES.has(p)) errors.push(`p=${tags.p ?? ''} is not none, quarantine or reject`);
  else policy = p as DmarcPolicy;
  const sp = tags.sp?.toLowerCase();
  let subdomainPolicy: DmarcPolicy | null = null;
  if (sp !== undefined) {
    if (POLICIES.has(sp)) subdomainPolicy = sp as DmarcPolicy;
    else warnings.push(`sp=${tags.sp ?? ''} is not a policy (ignored)`);
  }
  let pct = 100;
  if (tags.pct !== undefined) {
    const n = /^\d{1,3}$/.test(tags.pct) ? Number(tags.pct) : NaN;
    if (Number.isNaN(n) || n > 100) warnings.push(`pct=${tags.pct} is not 0-100 (100 assumed)`);
    else pct = n;
  }
  const alignment = (v: string | undefined, tag: string): 'r' | 's' => {
    if (v === undefined) return 'r';
    const l = v.toLowerCase();
    if (l === 'r' || l === 's') return l;
    warnings.push(`${tag}=${v} is not r or s (r assumed)`);
    return 'r';
  };
  const rua = uris(tags.rua);
  const ruf = uris(tags.ruf);
  for (const u of [...rua, ...ruf]) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) warnings.push(`"${u.slice(0, 60)}" is not a URI (mailto:…)`);
  }
  return {
    raw,
    policy,
    subdomainPolicy,
    rua,
    ruf,
    pct,
    adkim: alignment(tags.adkim, 'adkim'),
    aspf: alignment(tags.aspf, 'aspf'),
    tags,
    errors,
    warnings,
  };
}
