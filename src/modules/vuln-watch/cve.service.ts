/**
 * CVE use cases for any caller (HTTP, CLI): read a CVE, search, match a CPE. CVE data is public
 * (policy `canReadCves`); ids and CPEs are validated with catalogue errors.
 */
import type { Page } from '../../lib/pagination.js';
import { HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { formatCpe } from './cpe/cpe.js';
import {
  getCve,
  matchCpe,
  readCandidateCpe,
  searchCves,
  type CpeMatchResult,
  type CveSearch,
} from './cve.queries.js';
import { CVE_ID } from './sources/source-record.js';
import { VulnWatchKbErrors } from './vuln-watch.errors.js';
import { canReadCves } from './vuln-watch.policy.js';
import type { Cve } from './vuln-watch.types.js';

/** A CVE in lists and matches. */
export interface CveSummary {
  readonly id: string;
  readonly title: string | null;
  readonly description: string;
  readonly publishedAt: string | null;
  readonly score: number | null;
  readonly scoreVersion: string | null;
  readonly severity: Cve['severity'];
  readonly kev: boolean;
  readonly kevDateAdded: string | null;
  readonly epss: number | null;
}

/** The list form of a CVE (description cut at 400 characters). */
export function summariseCve(cve: Cve): CveSummary {
  return {
    id: cve.id,
    title: cve.title,
    description: cve.description.length > 400 ? `${cve.description.slice(0, 399)}…` : cve.description,
    publishedAt: cve.publishedAt,
    score: cve.selectedScore?.score ?? null,
    scoreVersion: cve.selectedScore?.version ?? null,
    severity: cve.severity,
    kev: cve.kev !== null,
    kevDateAdded: cve.kev?.dateAdded ?? null,
    epss: cve.epss?.score ?? null,
  };
}

/** Normalises a CVE id as typed (`cve-2024-3400 `) or refuses it. */
export function normaliseCveId(id: string): string {
  const value = id.trim().toUpperCase();
  if (!CVE_ID.test(value))
    throw new HygieError(VulnWatchKbErrors.VULNWATCH_CVE_ID_INVALID, { id: id.slice(0, 40) });
  return value;
}

/** One CVE with all it holds. */
export async function readCve(ctx: ServiceContext, id: string): Promise<Cve> {
  authorize(ctx.actor, canReadCves(ctx.actor));
  return getCve(ctx.db, normaliseCveId(id));
}

/** A page of CVEs matching the filters. */
export async function browseCves(ctx: ServiceContext, search: CveSearch): Promise<Page<Cve>> {
  authorize(ctx.actor, canReadCves(ctx.actor));
  return searchCves(ctx.db, search);
}

/** The CVEs that concern a CPE (and optionally the platform it runs on), each with its rule. */
export async function matchCpeForReader(
  ctx: ServiceContext,
  cpe: string,
  platforms: readonly string[] = [],
): Promise<{ cpe: string; matches: CpeMatchResult[] }> {
  authorize(ctx.actor, canReadCves(ctx.actor));
  const name = readCandidateCpe(cpe);
  const matches = await matchCpe(ctx.db, name, { platforms });
  return { cpe: formatCpe(name), matches };
}
