/**
 * Building findings from a check's definition and what it saw: the stable id, the texts in both
 * languages (French in `title`/`description`/`recommendation` unless `localiseFinding` says otherwise).
 */
import { findingId } from './fingerprint.js';
import type {
  CheckDefinition,
  Finding,
  FindingLanguage,
  FindingSeverity,
  FindingTarget,
  LocalisedText,
} from './finding.types.js';

/** Longest evidence kept: short, what was seen. */
export const MAX_EVIDENCE = 600;

/** What one check saw on one target. */
export interface FindingSpec {
  readonly target: FindingTarget;
  /** Short, factual: what was seen (a header, a record, a path and its first line). */
  readonly evidence: string;
  /** Tells apart several findings of one check on one target (a path, a CVE, a name server). */
  readonly discriminator?: string;
  /** Overrides the definition's default (VNC without authentication, CVSS-based …). */
  readonly severity?: FindingSeverity;
  /** Replaces the definition's title (a CVE's own title …). */
  readonly title?: LocalisedText;
  /** Text appended to the definition's description (the specific case). */
  readonly detail?: LocalisedText;
  readonly cve?: readonly string[];
  readonly cvss?: number | null;
  readonly cvssVector?: string | null;
  readonly kev?: boolean;
  /** References added to the definition's (a CVE's advisory …). */
  readonly references?: readonly string[];
}

/** Keeps evidence one short paragraph, control characters escaped. */
export function shortEvidence(text: string, max = MAX_EVIDENCE): string {
  let clean = '';
  for (const c of text.replace(/\r\n?/g, '\n')) {
    const code = c.charCodeAt(0);
    if (c === '\n') clean += ' ⏎ ';
    else if (code < 0x20 || code === 0x7f) clean += `\\x${code.toString(16).padStart(2, '0')}`;
    else clean += c;
  }
  clean = clean.trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Drops undefined fields of a target so that stored findings stay small and comparable. */
function compactTarget(target: FindingTarget): FindingTarget {
  return Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined && v !== ''));
}

/** One finding of `definition` on `spec.target`. */
export function buildFinding(definition: CheckDefinition, spec: FindingSpec): Finding {
  const severity: FindingSeverity =
    spec.severity ?? (definition.severity === 'from-cvss' ? 'medium' : definition.severity);
  const title = spec.title ?? definition.title;
  const description: LocalisedText = spec.detail
    ? {
        fr: `${definition.description.fr}\n\n${spec.detail.fr}`,
        en: `${definition.description.en}\n\n${spec.detail.en}`,
      }
    : definition.description;
  const target = compactTarget(spec.target);
  return {
    id: findingId(definition.id, target, spec.discriminator),
    check: definition.id,
    category: definition.category,
    severity,
    target,
    title: title.fr,
    description: description.fr,
    recommendation: definition.recommendation.fr,
    titleFr: title.fr,
    titleEn: title.en,
    descriptionFr: description.fr,
    descriptionEn: description.en,
    recommendationFr: definition.recommendation.fr,
    recommendationEn: definition.recommendation.en,
    evidence: shortEvidence(spec.evidence),
    references: [...definition.references, ...(spec.references ?? [])],
    cve: [...(spec.cve ?? [])],
    cvss: spec.cvss ?? null,
    cvssVector: spec.cvssVector ?? null,
    kev: spec.kev ?? false,
  };
}

/** The same finding with `title`, `description`, `recommendation` in `language`. */
export function localiseFinding(finding: Finding, language: FindingLanguage): Finding {
  return language === 'fr'
    ? {
        ...finding,
        title: finding.titleFr,
        description: finding.descriptionFr,
        recommendation: finding.recommendationFr,
      }
    : {
        ...finding,
        title: finding.titleEn,
        description: finding.descriptionEn,
        recommendation: finding.recommendationEn,
      };
}
