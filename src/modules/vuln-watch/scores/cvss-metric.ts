import type { CvssMetric, CvssVersion, MetricProvider } from '../vuln-watch.types.js';
import { checkVector, computeBaseScore, severityWord } from './cvss-vector.js';

/** A metric as a source wrote it, before checking. */
export interface RawMetric {
  readonly version: CvssVersion;
  readonly vector: unknown;
  readonly baseScore: unknown;
  readonly baseSeverity?: unknown;
  readonly source: string;
  readonly type: 'Primary' | 'Secondary';
  readonly provider: MetricProvider;
}

/** A checked metric, or why it was left out; `warning` notes a score that disagrees with its vector. */
export interface MetricReading {
  readonly metric: CvssMetric | null;
  readonly problem?: string;
  readonly warning?: string;
}

const SEVERITIES = new Set(['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/**
 * Checks one metric: the vector must parse for its version; the base score must be a number
 * from 0 to 10 (computed from a 3.x vector when missing). A 3.x score that differs from what its
 * vector computes is kept as given, with a warning.
 */
export function readMetric(raw: RawMetric): MetricReading {
  const check = checkVector(raw.vector, raw.version);
  if (!check.ok) {
    return {
      metric: null,
      problem: `CVSS ${raw.version} vector ${JSON.stringify(raw.vector ?? null)} does not parse (${check.reason})`,
    };
  }
  const computed = computeBaseScore(check.vector, raw.version);
  let baseScore =
    typeof raw.baseScore === 'number' && raw.baseScore >= 0 && raw.baseScore <= 10 ? raw.baseScore : null;
  let warning: string | undefined;
  if (baseScore === null) {
    if (computed === null) {
      return {
        metric: null,
        problem: `CVSS ${raw.version} base score ${JSON.stringify(raw.baseScore ?? null)} is not a number from 0 to 10`,
      };
    }
    baseScore = computed;
    warning = `CVSS ${raw.version} base score missing: ${computed} computed from the vector`;
  } else if (computed !== null && Math.abs(computed - baseScore) > 0.05) {
    warning = `CVSS ${raw.version} base score ${baseScore} given by ${raw.source}, the vector computes ${computed}`;
  }
  const given = typeof raw.baseSeverity === 'string' ? raw.baseSeverity.toUpperCase() : '';
  const baseSeverity = (
    SEVERITIES.has(given) ? given : severityWord(baseScore, raw.version)
  ) as CvssMetric['baseSeverity'];
  const metric: CvssMetric = {
    version: raw.version,
    vector: check.vector,
    baseScore,
    baseSeverity,
    source: raw.source,
    type: raw.type,
    provider: raw.provider,
  };
  return warning ? { metric, warning } : { metric };
}
