/**
 * SPF records (RFC 7208 §4.6, §5, §6, §7) parsed into terms, with the syntax errors that make a
 * receiver return `permerror`. Pure; never throws. The DNS walk through `include` and `redirect`
 * is `spf.evaluate.ts`.
 */
import { isIP } from 'node:net';

/** `+` pass, `-` fail, `~` softfail, `?` neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** Mechanisms of RFC 7208 §5. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** One directive (`[qualifier]mechanism[:value][/cidr]`). */
export interface SpfMechanism {
  readonly kind: 'mechanism';
  readonly qualifier: SpfQualifier;
  readonly name: SpfMechanismName;
  /** domain-spec or network; absent for `all` and bare `a`/`mx`/`ptr`. */
  readonly value?: string;
  readonly cidr4?: number;
  readonly cidr6?: number;
  readonly raw: string;
}

/** One modifier (`name=value`): `redirect`, `exp`, or an unknown one (ignored by receivers). */
export interface SpfModifier {
  readonly kind: 'modifier';
  readonly name: string;
  readonly value: string;
  readonly raw: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

/** A parsed record: its terms in order and what is wrong with it. */
export interface SpfRecord {
  readonly terms: readonly SpfTerm[];
  /** Syntax errors (each one alone makes the record a `permerror`). */
  readonly errors: readonly string[];
}

const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);

/** Mechanisms and modifiers whose evaluation asks DNS (RFC 7208 §4.6.4: at most 10 in total). */
const LOOKUP_TERMS = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

/** True for a TXT string that is an SPF record (`v=spf1` then a space or the end). */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1(?:\s|$)/i.test(txt.trim());
}

/** True when evaluating `term` costs a DNS query counted against the limit of 10. */
export function countsAsLookup(term: SpfTerm): boolean {
  return LOOKUP_TERMS.has(term.name);
}

/** RFC 7208 §7.1 macro-string: `%{x…}`, `%%`, `%_`, `%-`; any other `%` is an error. */
function macroError(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return `character 0x${c.toString(16)} not allowed`;
    if (value[i] !== '%') continue;
    const next = value[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i++;
      continue;
    }
    if (next !== '{') return 'bad macro: "%" must be followed by {, %, _ or -';
    const end = value.indexOf('}', i);
    if (end < 0) return 'bad macro: missing "}"';
    if (!/^[slodiphcrtv]\d*r?[-.+,/_=]*$/i.test(value.slice(i + 2, end))) {
      return `bad macro %{${value.slice(i + 2, end)}}`;
    }
    i = end;
  }
  return null;
}

/** A domain-spec must end with a macro expansion or a top label (RFC 7208 §7.1). */
function domainSpecError(value: string): string | null {
  if (value === '') return 'empty domain';
  const macro = macroError(value);
  if (macro) return macro;
  if (/%\{[^}]*\}$/.test(value)) return null;
  const labels = value.replace(/\.$/, '').split('.');
  if (labels.length < 2 || labels.some((l) => l === '' || l.length > 63)) return `"${value}" is not a domain`;
  const top = labels[labels.length - 1] as string;
  if (!/^(?=.*[a-z])[a-z0-9-]+$/i.test(top) || top.startsWith('-') || top.endsWith('-')) {
    return `"${value}" does not end with a top-level label`;
  }
  return null;
}

function cidrValue(text: string, max: number): number | null {
  if (!/^\d{1,3}$/.test(text) || (text.length > 1 && text.startsWith('0'))) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

interface Parsed {
  readonly term?: SpfTerm;
  readonly error?: string;
}

function parseMechanism(raw: string): Parsed {
  let rest = raw;
  let qualifier: SpfQualifier = '+';
  if ('+-~?'.includes(rest[0] ?? '')) {
    qualifier = rest[0] as SpfQualifier;
    rest = rest.slice(1);
  }
  const match = /^([a-z0-9]+)(.*)$/i.exec(rest);
  const name = match?.[1]?.toLowerCase() ?? '';
  if (!match || !MECHANISMS.has(name)) return { error: `unknown mechanism "${raw}"` };
  let tail = match[2] as string;
  const base = { kind: 'mechanism' as const, qualifier, name: name as SpfMechanismName, raw };
  switch (name) {
    case 'all':
      return tail === '' ? { term: base } : { error: `"${raw}": all takes no argument` };
    case 'include':
    case 'exists': {
      if (!tail.startsWith(':')) return { error: `"${raw}": ${name} needs a domain` };
      const value = tail.slice(1);
      const error = domainSpecError(value);
      return error ? { error: `"${raw}": ${error}` } : { term: { ...base, value } };
    }
    case 'ptr': {
      if (tail === '') return { term: base };
      if (!tail.startsWith(':')) return { error: `"${raw}": bad ptr syntax` };
      const value = tail.slice(1);
      const error = domainSpecError(value);
      return error ? { error: `"${raw}": ${error}` } : { term: { ...base, value } };
    }
    case 'a':
    case 'mx': {
      let cidr4: number | undefined;
      let cidr6: number | undefined;
      const dual = /(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(tail);
      if (dual && dual[0] !== '') {
        if (dual[1] !== undefined) {
          const v = cidrValue(dual[1], 32);
          if (v === null) return { error: `"${raw}": bad IPv4 prefix length` };
          cidr4 = v;
        }
        if (dual[2] !== undefined) {
          const v = cidrValue(dual[2], 128);
          if (v === null) return { error: `"${raw}": bad IPv6 prefix length` };
          cidr6 = v;
        }
        tail = tail.slice(0, tail.length - dual[0].length);
      }
      let value: string | undefined;
      if (tail !== '') {
        if (!tail.startsWith(':')) return { error: `"${raw}": bad ${name} syntax` };
        value = tail.slice(1);
        const error = domainSpecError(value);
        if (error) return { error: `"${raw}": ${error}` };
      }
      return {
        term: {
          ...base,
          ...(value === undefined ? {} : { value }),
          ...(cidr4 === undefined ? {} : { cidr4 }),
          ...(cidr6 === undefined ? {} : { cidr6 }),
        },
      };
    }
    case 'ip4': {
      const m = /^:([0-9.]+)(?:\/(\d+))?$/.exec(tail);
      if (!m || isIP(m[1] as string) !== 4) return { error: `"${raw}": bad IPv4 network` };
      const cidr = m[2] === undefined ? 32 : cidrValue(m[2], 32);
      if (cidr === null) return { error: `"${raw}": bad IPv4 prefix length` };
      return { term: { ...base, value: m[1] as string, cidr4: cidr } };
    }
    case 'ip6': {
      const m = /^:([0-9a-f:.]+)(?:\/(\d+))?$/i.exec(tail);
      if (!m || isIP(m[1] as string) !== 6) return { error: `"${raw}": bad IPv6 network` };
      const cidr = m[2] === undefined ? 128 : cidrValue(m[2], 128);
      if (cidr === null) return { error: `"${raw}": bad IPv6 prefix length` };
      return { term: { ...base, value: (m[1] as string).toLowerCase(), cidr6: cidr } };
    }
    default:
      return { error: `unknown mechanism "${raw}"` };
  }
}

function parseModifier(raw: string, eq: number): Parsed {
  const name = raw.slice(0, eq).toLowerCase();
  const value = raw.slice(eq + 1);
  if (!/^[a-z][a-z0-9_.-]*$/.test(name)) return { error: `bad modifier name "${raw.slice(0, eq)}"` };
  if (name === 'redirect' || name === 'exp') {
    const error = domainSpecError(value);
    if (error) return { error: `"${raw}": ${error}` };
  } else {
    const error = macroError(value);
    if (error) return { error: `"${raw}": ${error}` };
  }
  return { term: { kind: 'modifier', name, value, raw } };
}

/** Parses one SPF record (the TXT strings already joined). */
export function parseSpf(text: string): SpfRecord {
  const errors: string[] = [];
  const terms: SpfTerm[] = [];
  const trimmed = String(text).trim();
  if (!isSpfRecord(trimmed)) return { terms, errors: ['does not start with "v=spf1"'] };
  const parts = trimmed
    .slice(6)
    .split(/[ \t]+/)
    .filter(Boolean);
  for (const raw of parts.slice(0, 512)) {
    // A name before "=" (letters first) is a modifier; a mechanism never contains "=" before ":".
    const eq = raw.indexOf('=');
    const colon = raw.indexOf(':');
    const isModifier = eq > 0 && (colon < 0 || eq < colon) && /^[a-z]/i.test(raw);
    const parsed = isModifier ? parseModifier(raw, eq) : parseMechanism(raw);
    if (parsed.error) errors.push(parsed.error);
    if (parsed.term) terms.push(parsed.term);
  }
  if (parts.length > 512) errors.push('more than 512 terms');
  for (const name of ['redirect', 'exp']) {
    if (terms.filter((t) => t.kind === 'modifier' && t.name === name).length > 1) {
      errors.push(`"${name}" appears more than once`);
    }
  }
  return { terms, errors };
}

/** The `all` mechanism of a record, if any (evaluation stops there: terms after it never count). */
export function allMechanism(record: SpfRecord): SpfMechanism | undefined {
  return record.terms.find((t): t is SpfMechanism => t.kind === 'mechanism' && t.name === 'all');
}

/** The `redirect` modifier's domain (ignored by receivers when the record has an `all`). */
export function redirectOf(record: SpfRecord): string | undefined {
  const r = record.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
  return r?.kind === 'modifier' ? r.value : undefined;
}
