/**
 * Reads NVD-style applicability configurations (NVD `configurations`, CVE 5 `cpeApplicability`)
 * leniently: a criterion whose CPE does not parse is left out and reported, the rest is kept.
 */
import type { Configuration, ConfigurationNode, CpeMatch } from '../vuln-watch.types.js';
import { CpeError, formatCpe, parseCpe } from './cpe.js';

function obj(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function bound(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function operatorOf(value: unknown): 'AND' | 'OR' | undefined {
  return value === 'AND' || value === 'OR' ? value : undefined;
}

/** Criteria recur across thousands of records: their canonical form is remembered (bounded). */
const canonicalCriteria = new Map<string, string>();

function readCpeMatch(raw: unknown, problems: string[]): CpeMatch | null {
  const m = obj(raw);
  if (!m) return null;
  const criteria =
    typeof m.criteria === 'string' ? m.criteria : typeof m.cpe23Uri === 'string' ? m.cpe23Uri : null;
  if (criteria === null) {
    problems.push('a cpeMatch entry has no criteria: left out');
    return null;
  }
  let canonical = canonicalCriteria.get(criteria);
  if (canonical === undefined) {
    try {
      canonical = formatCpe(parseCpe(criteria));
    } catch (error) {
      if (!(error instanceof CpeError)) throw error;
      problems.push(`${error.message}: criterion left out`);
      return null;
    }
    if (canonicalCriteria.size > 50_000) canonicalCriteria.clear();
    canonicalCriteria.set(criteria, canonical);
  }
  const out: { -readonly [K in keyof CpeMatch]: CpeMatch[K] } = {
    vulnerable: m.vulnerable !== false,
    criteria: canonical,
  };
  const bounds = [
    ['versionStartIncluding', bound(m.versionStartIncluding)],
    ['versionStartExcluding', bound(m.versionStartExcluding)],
    ['versionEndIncluding', bound(m.versionEndIncluding)],
    ['versionEndExcluding', bound(m.versionEndExcluding)],
  ] as const;
  for (const [key, value] of bounds) if (value !== undefined) out[key] = value;
  return out;
}

function readNode(raw: unknown, problems: string[]): ConfigurationNode | null {
  const n = obj(raw);
  if (!n) return null;
  const cpeMatch = (Array.isArray(n.cpeMatch) ? n.cpeMatch : Array.isArray(n.cpe_match) ? n.cpe_match : [])
    .map((m) => readCpeMatch(m, problems))
    .filter((m): m is CpeMatch => m !== null);
  if (cpeMatch.length === 0) return null;
  return {
    operator: operatorOf(n.operator) ?? 'OR',
    ...(n.negate === true ? { negate: true } : {}),
    cpeMatch,
  };
}

/** Reads a configurations array; problems (bad CPEs, empty nodes) are appended to `problems`. */
export function readConfigurations(raw: unknown, problems: string[]): Configuration[] {
  if (!Array.isArray(raw)) return [];
  const out: Configuration[] = [];
  for (const item of raw) {
    const c = obj(item);
    if (!c) continue;
    const nodes = (Array.isArray(c.nodes) ? c.nodes : [])
      .map((n) => readNode(n, problems))
      .filter((n): n is ConfigurationNode => n !== null);
    if (nodes.length === 0) continue;
    const operator = operatorOf(c.operator);
    out.push({ ...(operator ? { operator } : {}), ...(c.negate === true ? { negate: true } : {}), nodes });
  }
  return out;
}
