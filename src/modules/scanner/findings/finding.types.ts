/**
 * Findings: one problem on one target, as the report and the alerts show it. Field names follow the
 * contract `hygie.scan/1` (`findings[]`); the French and English texts, references, CVSS vector and
 * status are Hygie's additions (extra properties are allowed by the contract).
 */
import type { AssessmentInput } from '../assess/assessment.types.js';
import type { EndOfLifeCatalogue } from '../checks/end-of-life.js';
import type { TrustStore } from './trust-store.js';
import type { VulnerabilityRecord } from './vulnerability-lookup.js';

/** Severities of the catalogue, most serious first. */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The report's "type de vulnérabilité" (`../shared/contracts/checks.md`, Categories). */
export type FindingCategory =
  | 'identity-spoofing'
  | 'misconfiguration'
  | 'obsolete-software'
  | 'known-vulnerability'
  | 'exposed-service'
  | 'weak-authentication'
  | 'information-leak'
  | 'takeover'
  | 'compromise';

/** Where an analyst stands on a finding (set by the lifecycle, later; absent = open). */
export type FindingStatus = 'open' | 'acknowledged' | 'resolved' | 'false-positive' | 'accepted-risk';

/** Languages the texts exist in. */
export type FindingLanguage = 'fr' | 'en';

/** A text in both languages. */
export interface LocalisedText {
  readonly fr: string;
  readonly en: string;
}

/** What a finding is about: a domain, a host address, a port, a name, a URL (any subset). */
export interface FindingTarget {
  readonly domain?: string;
  readonly address?: string;
  readonly port?: number;
  readonly hostname?: string;
  readonly url?: string;
}

/** One problem on one target. `title`, `description`, `recommendation` are in the report's language. */
export interface Finding {
  /** Stable fingerprint (`fingerprint.ts`): same check, target and discriminator → same id, every scan. */
  readonly id: string;
  readonly check: string;
  readonly category: FindingCategory;
  readonly severity: FindingSeverity;
  readonly target: FindingTarget;
  readonly title: string;
  readonly description: string;
  readonly recommendation: string;
  readonly titleFr: string;
  readonly titleEn: string;
  readonly descriptionFr: string;
  readonly descriptionEn: string;
  readonly recommendationFr: string;
  readonly recommendationEn: string;
  /** What was seen, short; never part of the id. */
  readonly evidence: string;
  readonly references: readonly string[];
  readonly cve: readonly string[];
  readonly cvss: number | null;
  readonly cvssVector: string | null;
  readonly kev: boolean;
  readonly status?: FindingStatus;
}

/** Catalogue metadata of a check: what it detects and what to tell the hospital. */
export interface CheckDefinition {
  /** `<family>.<what>`, as in CATALOGUE.md; never renamed once released. */
  readonly id: string;
  readonly category: FindingCategory;
  /** Default severity; `from-cvss` for CVE-based checks (the score decides). */
  readonly severity: FindingSeverity | 'from-cvss';
  readonly title: LocalisedText;
  /** What it is and why it matters for a hospital. */
  readonly description: LocalisedText;
  /** What to do, and how to verify the fix. */
  readonly recommendation: LocalisedText;
  /** ANSSI guides, RFCs, vendor documentation. */
  readonly references: readonly string[];
}

/** What judgement needs besides the observations: the clock, the trust anchors, reference data. */
export interface CheckContext {
  /** The scan's time: certificate and end-of-life dates are judged against it. */
  readonly now: Date;
  readonly trustStore: TrustStore;
  readonly endOfLife: EndOfLifeCatalogue;
  /** CVEs already looked up, keyed by `vulnerabilityKey(cpe, version)`; empty without a lookup. */
  readonly vulnerabilities: ReadonlyMap<string, readonly VulnerabilityRecord[]>;
}

/** A check: its catalogue entry and a pure judgement from observations to findings. */
export interface Check {
  readonly definition: CheckDefinition;
  /** Pure: same input and context → same findings. Never throws on odd observations. */
  evaluate(input: AssessmentInput, context: CheckContext): Finding[];
}
