/**
 * Input checks of bulletins and news items (pure): plain texts without control characters,
 * documentation links as "label | url" lines, CVE id lists, risks. Errors name the field.
 */
import { HygieError } from '../../lib/errors.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { BULLETIN_RISKS } from './bulletin.proposal.js';
import type { BulletinLink, BulletinRisk } from './bulletin.types.js';

/** Field limits (characters). */
export const LIMITS = { title: 300, summary: 20_000, affectedSystems: 20_000, solution: 10_000, note: 500, body: 50_000, links: 50, url: 2_000, label: 300, cves: 200 } as const;

function fieldError(field: string, reason: string): HygieError {
  return new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_FIELD_INVALID, { field, reason }, [{ field, message: reason }]);
}

function hasForbiddenControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f) return true;
  }
  return false;
}

/** A plain text as typed: line ends normalised, trimmed, no control character, at most `max` characters. */
export function cleanText(value: string | undefined, field: string, max: number): string {
  const v = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (v.length > max) throw fieldError(field, `${max} characters at most (${v.length} given)`);
  if (hasForbiddenControl(v)) throw fieldError(field, 'control characters are not allowed');
  return v;
}

/** Checked risk codes (duplicates removed, order of the catalogue). */
export function parseRisks(values: readonly string[] | undefined): BulletinRisk[] {
  const wanted = new Set<string>();
  for (const v of values ?? []) {
    const code = v.trim();
    if (code === '') continue;
    if (!(BULLETIN_RISKS as readonly string[]).includes(code)) {
      throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_RISK_UNKNOWN, { value: code.slice(0, 60), allowed: BULLETIN_RISKS.join(', ') }, [{ field: 'risks', message: code.slice(0, 60) }]);
    }
    wanted.add(code);
  }
  return BULLETIN_RISKS.filter((r) => wanted.has(r));
}

/** True for an absolute http(s) URL. */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function linkOf(label: string | undefined, url: string, line: number): BulletinLink {
  const u = url.trim();
  if (!isWebUrl(u) || u.length > LIMITS.url || hasForbiddenControl(u) || /\s/.test(u)) {
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_REFERENCE_INVALID, { line, value: u.slice(0, 120) }, [{ field: 'references', line, message: u.slice(0, 120) }]);
  }
  const l = (label ?? '').trim();
  if (l.length > LIMITS.label || hasForbiddenControl(l)) throw fieldError('references', `line ${line}: label of ${LIMITS.label} characters at most, no control character`);
  return { label: l || new URL(u).hostname, url: u };
}

/** Documentation links from form lines ("label | url" or "url") or from API objects. */
export function parseReferences(input: string | readonly { readonly label?: string; readonly url: string }[] | undefined): BulletinLink[] {
  if (input === undefined) return [];
  const links: BulletinLink[] = [];
  if (typeof input === 'string') {
    const lines = input.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      const bar = line.lastIndexOf('|');
      links.push(bar >= 0 ? linkOf(line.slice(0, bar), line.slice(bar + 1), i + 1) : linkOf(undefined, line, i + 1));
    });
  } else {
    input.forEach((r, i) => links.push(linkOf(r.label, r.url, i + 1)));
  }
  if (links.length > LIMITS.links) throw fieldError('references', `${LIMITS.links} links at most`);
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(l.url) ? false : (seen.add(l.url), true)));
}

/** The form text of documentation links, one "label | url" per line. */
export function referencesText(links: readonly BulletinLink[]): string {
  return links.map((l) => `${l.label} | ${l.url}`).join('\n');
}

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;

/** CVE ids from a list or from text separated by spaces, commas or new lines (upper-cased, unique, in order). */
export function parseCveIds(input: string | readonly string[] | undefined): string[] {
  if (input === undefined) return [];
  const parts = (typeof input === 'string' ? input.split(/[\s,;]+/) : input).map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const out: string[] = [];
  for (const id of parts) {
    if (!CVE_ID.test(id)) throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_BULLETIN_CVE_UNKNOWN, { id: id.slice(0, 40) }, [{ field: 'cveIds', message: id.slice(0, 40) }]);
    if (!out.includes(id)) out.push(id);
  }
  if (out.length > LIMITS.cves) throw fieldError('cveIds', `${LIMITS.cves} CVEs at most`);
  return out;
}

/** A date filter value (YYYY-MM-DD) or undefined when empty. */
export function dateOrUndefined(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}
