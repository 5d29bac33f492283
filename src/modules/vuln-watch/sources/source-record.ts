/**
 * What each CVE source contributes to a knowledge-base record, as its pure `parse` returns it.
 * The knowledge base keeps each source's contribution and merges them (`cve.merge.ts`), so an
 * update of one source never erases what another one said.
 */
import type { AffectedProduct, Configuration, CvssMetric, EpssScore, KevEntry } from '../vuln-watch.types.js';

/** The sources, in the order their folders are listed. */
export type SourceName = 'nvd' | 'cve5' | 'kev' | 'epss';

/** Every source name (for `--source` and checks). */
export const SOURCE_NAMES: readonly SourceName[] = ['nvd', 'cve5', 'kev', 'epss'];

/** A reference link and its tags. */
export interface CveReference {
  readonly url: string;
  readonly tags?: string[];
}

/** What an NVD record or a CVE 5 record says about one CVE. */
export interface RecordContribution {
  readonly source: 'nvd' | 'cve5';
  readonly id: string;
  /** `lastModified` (NVD) or `dateUpdated` (CVE 5), ISO-8601 UTC: drives incremental updates. */
  readonly modifiedAt: string;
  readonly publishedAt: string | null;
  readonly state: 'PUBLISHED' | 'REJECTED';
  readonly vulnStatus: string | null;
  readonly title: string | null;
  readonly description: string;
  readonly cwes: string[];
  readonly references: CveReference[];
  readonly metrics: CvssMetric[];
  readonly configurations: Configuration[];
  readonly affected: AffectedProduct[];
  /** KEV facts the record itself carries (NVD `cisa*` fields, CISA-ADP `kev` metric). */
  readonly kev: KevEntry | null;
}

/** One entry of CISA's KEV catalogue. */
export interface KevContribution {
  readonly source: 'kev';
  readonly id: string;
  readonly entry: KevEntry;
  readonly description: string;
}

/** One row of a FIRST EPSS file. */
export interface EpssContribution {
  readonly source: 'epss';
  readonly id: string;
  readonly epss: EpssScore;
}

/** Any contribution. */
export type Contribution = RecordContribution | KevContribution | EpssContribution;

/**
 * Outcome of parsing one raw record: the contribution (with the problems that did not stop it,
 * e.g. a CVSS vector left out), or why the record was refused (with its id when readable).
 */
export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly problems: readonly string[] }
  | { readonly ok: false; readonly id: string | null; readonly reason: string };

/** The CVE id pattern of the CVE program. */
export const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;

/** Normalises a source timestamp (`2024-02-09T09:15:08.087`, no zone = UTC) to ISO-8601 UTC; null when unreadable. */
export function isoTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A plain object, or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** An array, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty trimmed string, or null. */
export function asText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The English text of a `[{lang, value}]` list (else the first one), or ''. */
export function englishText(list: unknown): string {
  const items = asArray(list)
    .map(asObject)
    .filter((o): o is Record<string, unknown> => o !== null);
  const en = items.find((o) => typeof o.lang === 'string' && o.lang.toLowerCase().startsWith('en'));
  const chosen = en ?? items[0];
  return chosen && typeof chosen.value === 'string' ? chosen.value.trim() : '';
}
