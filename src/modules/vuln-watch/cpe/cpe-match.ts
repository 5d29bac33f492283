/**
 * Does a CVE concern a system, and by which rule? NVD configurations when the CVE has any
 * (`configuration-match.ts`); otherwise, because NVD analysis lags by weeks, the CVE 5
 * `affected` data of the CNA and CISA-ADP, through their CPEs and then their vendor/product
 * names (`affected-match.ts`). The answer carries the rule in words for analysts and e-mails.
 */
import type { Cve } from '../vuln-watch.types.js';
import type { CpeName } from './cpe.js';
import { matchAffected } from './affected-match.js';
import { matchConfigurations, type MatchCertainty, type MatchOptions } from './configuration-match.js';

/** How a CVE was found to concern a system. */
export type MatchVia = 'nvd-configuration' | 'cve5-cpe' | 'cve5-name';

/** A CVE that concerns the system, with the rule that says so. */
export interface CveMatch {
  readonly cveId: string;
  readonly via: MatchVia;
  /** The rule in words, e.g. "NVD configuration 1: cpe:2.3:o:fortinet:fortios:… (from 7.0.0 …)". */
  readonly rule: string;
  readonly certainty: MatchCertainty;
}

export type { MatchCertainty, MatchOptions };

/** Matches one CVE against a system (one or more candidate CPEs); null when it does not concern it. */
export function matchCve(
  cve: Pick<Cve, 'id' | 'configurations' | 'affected'>,
  system: readonly CpeName[],
  options: MatchOptions = {},
): CveMatch | null {
  if (cve.configurations.length > 0) {
    const hit = matchConfigurations(cve.configurations, system, options);
    return hit ? { cveId: cve.id, via: 'nvd-configuration', rule: hit.rule, certainty: hit.certainty } : null;
  }
  for (const candidate of system) {
    const hit = matchAffected(cve.affected, candidate);
    if (hit)
      return {
        cveId: cve.id,
        via: hit.via,
        rule: `no NVD configuration yet; ${hit.rule}`,
        certainty: hit.certainty,
      };
  }
  return null;
}
