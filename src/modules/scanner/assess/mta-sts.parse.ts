/**
 * MTA-STS (RFC 8461): the `_mta-sts` TXT record (`v=STSv1; id=…`) and the policy file served at
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`. TLS-RPT (RFC 8460): the `_smtp._tls` record.
 * Pure; never throws.
 */

/** The policy file's fields. */
export interface MtaStsPolicy {
  readonly version: string | null;
  readonly mode: 'enforce' | 'testing' | 'none' | null;
  readonly mx: readonly string[];
  readonly maxAge: number | null;
  /** What makes the policy invalid (receivers then ignore it). */
  readonly errors: readonly string[];
}

/** True for `v=STSv1…`. */
export function isMtaStsRecord(txt: string): boolean {
  return /^\s*v\s*=\s*STSv1\s*(?:;|$)/.test(txt);
}

/** The `id` of an `_mta-sts` record, or null when missing or malformed. */
export function mtaStsRecordId(txt: string): string | null {
  const m = /(?:^|;)\s*id\s*=\s*([A-Za-z0-9]{1,32})\s*(?:;|$)/.exec(txt);
  return m ? (m[1] as string) : null;
}

/** Parses the policy file (`key: value` lines, CRLF or LF). */
export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const errors: string[] = [];
  let version: string | null = null;
  let mode: MtaStsPolicy['mode'] = null;
  let maxAge: number | null = null;
  const mx: string[] = [];
  for (const line of String(text).split(/\r?\n/).slice(0, 200)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(`"${line.slice(0, 60)}" is not a key: value line`);
      continue;
    }
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'version') version = value;
    else if (key === 'mode') {
      if (value === 'enforce' || value === 'testing' || value === 'none') mode = value;
      else errors.push(`mode "${value}" is not enforce, testing or none`);
    } else if (key === 'mx') mx.push(value.toLowerCase());
    else if (key === 'max_age') {
      maxAge = /^\d{1,10}$/.test(value) ? Number(value) : null;
      if (maxAge === null) errors.push(`max_age "${value}" is not a number of seconds`);
    }
  }
  if (version !== 'STSv1') errors.push('version is not STSv1');
  if (mode === null && !errors.some((e) => e.startsWith('mode'))) errors.push('no mode');
  if (maxAge === null && !errors.some((e) => e.startsWith('max_age'))) errors.push('no max_age');
  if (mode !== 'none' && mx.length === 0) errors.push('no mx pattern');
  return { version, mode, mx, maxAge, errors };
}

/** True when `host` is covered by an MTA-STS `mx` pattern (`*.example.org` covers one label). */
export function mxPatternCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) {
    const rest = p.slice(2);
    return h.endsWith(`.${rest}`) && !h.slice(0, -rest.length - 1).includes('.');
  }
  return p === h;
}

/** True for `v=TLSRPTv1…`. */
export function isTlsRptRecord(txt: string): boolean {
  return /^\s*v\s*=\s*TLSRPTv1\s*(?:;|$)/.test(txt);
}

/** The `rua` addresses of a TLS-RPT record. */
export function tlsRptRua(txt: string): string[] {
  const m = /(?:^|;)\s*rua\s*=\s*([^;]+)/.exec(txt);
  return m
    ? (m[1] as string)
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
    : [];
}
