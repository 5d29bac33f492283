/**
 * DNS domain names as entered for a constituency (its zones, mail domains, web sites): normalised to
 * lower-case ASCII (IDN converted to punycode with the WHATWG/UTS #46 mapping of `node:url`) and checked
 * against the hostname rules of RFC 1035 / RFC 1123, relaxed to allow underscores for service labels
 * such as `_dmarc` or `_domainkey` (RFC 8552).
 */
import { domainToASCII } from 'node:url';

/** Outcome of reading a domain name typed or imported by a user. */
export type DomainResult = { ok: true; value: string } | { ok: false; reason: string };

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/** Lower-case ASCII form without the trailing root dot, or a reason; shared by the strict and loose readers. */
function toAscii(input: string): DomainResult {
  const text = input.trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'The domain name is empty: enter a name such as example.fr.' };
  if (text.includes('@')) {
    return { ok: false, reason: 'This looks like an email address: enter only the part after the @.' };
  }
  if (/[/:]/.test(text)) {
    return {
      ok: false,
      reason: 'Enter only the domain name (example.fr), without https://, a port or a path.',
    };
  }
  if (/[\s%]/.test(text)) {
    return { ok: false, reason: 'A domain name cannot contain spaces or %: remove them.' };
  }
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  const ascii = name === '' ? '' : domainToASCII(name);
  if (ascii === '') {
    return {
      ok: false,
      reason: `"${input.trim()}" contains characters that are not allowed in a domain name.`,
    };
  }
  if (ascii.split('.').includes('')) {
    return {
      ok: false,
      reason: 'A domain name cannot have empty labels: remove the doubled or leading dot.',
    };
  }
  return { ok: true, value: ascii };
}

/** Validates a domain name and returns its canonical form: lower-case ASCII, punycode for IDN, no trailing dot. */
export function parseDomainName(input: string): DomainResult {
  const r = toAscii(input);
  if (!r.ok) return r;
  const name = r.value;
  const labels = name.split('.');
  for (const label of labels) {
    if (label.length > 63) {
      return {
        ok: false,
        reason: `Each label (the parts between dots) has at most 63 characters; "${label.slice(0, 20)}…" has ${label.length}.`,
      };
    }
    if (!LABEL.test(label)) {
      return {
        ok: false,
        reason: `The label "${label}" may use only letters, digits, hyphens and underscores, and cannot start or end with a hyphen.`,
      };
    }
  }
  if (name.length > 253) {
    return { ok: false, reason: `A domain name has at most 253 characters; this one has ${name.length}.` };
  }
  if (labels.length < 2) {
    return { ok: false, reason: 'A domain name needs at least two labels, such as example.fr.' };
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return {
      ok: false,
      reason: 'The last label cannot be only digits: enter a domain name, not an IP address.',
    };
  }
  return { ok: true, value: name };
}

/** Canonical form for comparisons, accepting single labels such as a TLD; undefined when unreadable. */
function comparable(name: string): string | undefined {
  const r = toAscii(name);
  return r.ok ? r.value : undefined;
}

/** True when `name` is `parent` itself or lies beneath it (label-wise, case- and IDN-insensitive). */
export function isSubdomainOf(name: string, parent: string): boolean {
  const n = comparable(name);
  const p = comparable(parent);
  if (n === undefined || p === undefined) return false;
  return n === p || n.endsWith(`.${p}`);
}

/** The value of the most specific entry whose domain is `name` or one of its parents (first entry wins a tie). */
export function longestSuffixMatch<T>(
  name: string,
  entries: readonly { domain: string; value: T }[],
): T | undefined {
  const n = comparable(name);
  if (n === undefined) return undefined;
  let best: { length: number; value: T } | undefined;
  for (const entry of entries) {
    const d = comparable(entry.domain);
    if (d === undefined || (best !== undefined && d.length <= best.length)) continue;
    if (n === d || n.endsWith(`.${d}`)) best = { length: d.length, value: entry.value };
  }
  return best?.value;
}
