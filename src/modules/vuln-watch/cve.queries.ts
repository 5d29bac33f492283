/**
 * Knowledge-base questions for trusted callers (other parts of the module, jobs, the CLI):
 * functions take `db` first and apply no authorisation — services do that. Search, CPE
 * matching with the rule in words, CVEs concerning a catalogue product, monthly counts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { HygieError } from '../../lib/errors.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { buildCpe, CpeError, parseCpe, type CpeName } from './cpe/cpe.js';
import { matchCve, type CveMatch, type MatchOptions } from './cpe/cpe-match.js';
import { productKey, vendorKey } from './cpe/product-names.js';
import {
  countCves,
  countCvesByMonth,
  countKevAdditionsByMonth,
  findCve,
  listCandidateCveIds,
  listCves,
  listCvesByIds,
  type CveFilter,
} from './cve.repository.js';
import { findProduct } from './product.repository.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';
import type { Cve, Severity } from './vuln-watch.types.js';

/** A CVE that concerns a CPE, and why. */
export interface CpeMatchResult {
  readonly cve: Cve;
  readonly match: CveMatch;
}

/** Search filters (vendor and product as CPE or CNA names, normalised before lookup). */
export interface CveSearch extends Omit<CveFilter, 'vendor' | 'product'> {
  readonly vendor?: string;
  readonly product?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** One CVE, or a VULNWATCH_CVE_NOT_FOUND error. */
export async function getCve(db: Kysely<Database>, id: string): Promise<Cve> {
  const cve = await findCve(db, id.trim().toUpperCase());
  if (!cve) throw new HygieError(VulnWatchKbErrors.VULNWATCH_CVE_NOT_FOUND, { id });
  return cve;
}

/** These CVEs (unknown ids left out), in the order given. */
export async function findCves(db: Kysely<Database>, ids: readonly string[]): Promise<Cve[]> {
  return listCvesByIds(db, ids);
}

/** A page of CVEs, newest published first. */
export async function searchCves(db: Kysely<Database>, search: CveSearch): Promise<Page<Cve>> {
  const { page, pageSize, limit, offset } = pageWindow(search, 25, 200);
  const vendor = search.vendor?.trim() ? vendorKey(search.vendor) : undefined;
  const product = search.product?.trim() ? productKey(vendor ?? '', search.product) : undefined;
  const filter: CveFilter = {
    ...search,
    ...(vendor !== undefined ? { vendor } : {}),
    ...(product !== undefined ? { product } : {}),
  };
  const [items, total] = await Promise.all([listCves(db, filter, limit, offset), countCves(db, filter)]);
  return { items, total, page, pageSize };
}

/** Parses a CPE typed by a user (trailing attributes may be left out), as a catalogue error. */
export function readCandidateCpe(text: string): CpeName {
  try {
    return parseCpe(text, { allowShort: true });
  } catch (error) {
    if (error instanceof CpeError)
      throw new HygieError(VulnWatchKbErrors.VULNWATCH_CPE_INVALID, {
        cpe: text.slice(0, 300),
        reason: error.reason,
      });
    throw error;
  }
}

function byScore(a: CpeMatchResult, b: CpeMatchResult): number {
  const sa = a.cve.selectedScore?.score ?? -1;
  const sb = b.cve.selectedScore?.score ?? -1;
  return (
    sb - sa ||
    (b.cve.publishedAt ?? '').localeCompare(a.cve.publishedAt ?? '') ||
    a.cve.id.localeCompare(b.cve.id)
  );
}

/**
 * The CVEs that concern a system, each with its matching rule: candidates come from the
 * vendor/product index, then each is checked with NVD configuration semantics or, without NVD
 * configuration, the CVE 5 affected data. The first CPE names the product; the others (optional)
 * describe the platform it runs on. Highest score first.
 */
export async function matchCpe(
  db: Kysely<Database>,
  cpe: string | CpeName,
  options: MatchOptions & { platforms?: readonly (string | CpeName)[] } = {},
): Promise<CpeMatchResult[]> {
  const name = typeof cpe === 'string' ? readCandidateCpe(cpe) : cpe;
  if (name.vendor.kind !== 'text' || name.vendor.wildcards) {
    throw new HygieError(VulnWatchKbErrors.VULNWATCH_CPE_INVALID, {
      cpe: typeof cpe === 'string' ? cpe : 'cpe',
      reason: 'give the vendor (no wildcard) so that candidates can be looked up',
    });
  }
  const vk = vendorKey(name.vendor.text);
  const pk =
    name.product.kind === 'text' && !name.product.wildcards ? productKey(vk, name.product.text) : null;
  const system = [
    name,
    ...(options.platforms ?? []).map((p) => (typeof p === 'string' ? readCandidateCpe(p) : p)),
  ];
  const cves = await listCvesByIds(db, await listCandidateCveIds(db, vk, pk));
  const out: CpeMatchResult[] = [];
  for (const cve of cves) {
    const match = matchCve(cve, system, options);
    if (match) out.push({ cve, match });
  }
  return out.sort(byScore);
}

/** The CVEs that concern a catalogue product (at a version, when given). */
export async function cvesAffectingProduct(
  db: Kysely<Database>,
  productId: string,
  version?: string | null,
): Promise<CpeMatchResult[]> {
  const product = await findProduct(db, productId);
  if (!product) throw new HygieError(VulnWatchKbErrors.VULNWATCH_PRODUCT_NOT_FOUND);
  return matchCpe(
    db,
    buildCpe({ vendor: product.vendor, product: product.product, ...(version ? { version } : {}) }),
  );
}

/** CVEs published per month, by severity (for the indicators page). */
export interface MonthlySeverityCount {
  readonly month: string;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly total: number;
}

/** Published CVEs per month since `from` (YYYY-MM or ISO date), by severity. */
export async function cveCountsByMonth(
  db: Kysely<Database>,
  options: { from: string },
): Promise<MonthlySeverityCount[]> {
  const rows = await countCvesByMonth(db, options.from);
  const months = new Map<string, Record<Severity, number>>();
  for (const r of rows) {
    const m = months.get(r.month) ?? { critical: 0, high: 0, medium: 0, low: 0, none: 0, unscored: 0 };
    m[r.severity as Severity] = (m[r.severity as Severity] ?? 0) + r.count;
    months.set(r.month, m);
  }
  return [...months].map(([month, counts]) => ({
    month,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  }));
}

/** KEV additions per month since `from` (by CISA's `dateAdded`). */
export async function kevAdditionsByMonth(
  db: Kysely<Database>,
  options: { from: string },
): Promise<{ month: string; count: number }[]> {
  return countKevAdditionsByMonth(db, options.from);
}
