/**
 * Severity rules of the catalogue: a CVSS base score gives the severity (≥ 9.0 critical, ≥ 7.0 high,
 * ≥ 4.0 medium, > 0 low); a CVE that CISA lists as known exploited, on a service reachable by the
 * scanner (hence exposed), is critical whatever its score.
 */
import type { FindingSeverity } from './finding.types.js';

/** Severities from the most to the least serious. */
export const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rank for sorting: 0 = critical … 4 = info. */
export function severityRank(severity: FindingSeverity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `a` is more serious than `b`. */
export function isMoreSevere(a: FindingSeverity, b: FindingSeverity): boolean {
  return severityRank(a) < severityRank(b);
}

/** The catalogue's CVSS bands; a score of 0 (or none) is `info`. */
export function severityFromCvss(score: number | null | undefined): FindingSeverity {
  if (score === null || score === undefined || !Number.isFinite(score) || score <= 0) return 'info';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/**
 * Severity of a CVE on a service: KEV on an exposed service → critical; else the CVSS band; a CVE
 * nobody scored yet is `medium` (unknown is not harmless).
 */
export function severityOfVulnerability(input: {
  readonly cvss: number | null;
  readonly kev: boolean;
  readonly exposed: boolean;
}): FindingSeverity {
  if (input.kev && input.exposed) return 'critical';
  if (input.cvss === null) return 'medium';
  return severityFromCvss(input.cvss);
}
