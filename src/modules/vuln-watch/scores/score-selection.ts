/**
 * The SELECTION RULE: which of a CVE's CVSS metrics the "score ≥ 7" threshold, the severity
 * filter and the bulletins use. Documented in `docs/vuln-watch.md` ("Score selection").
 *
 * 1. Providers that count: NVD (`Primary`) and the CVE's CNA. Only when neither scored the CVE,
 *    the ADPs (CISA Vulnrichment) and other secondary sources count.
 * 2. Each provider speaks through its newest CVSS version (4.0 > 3.1 > 3.0 > 2.0); several
 *    metrics of that version from one provider (CNA scenarios) → its highest.
 * 3. Across providers, the HIGHEST base score wins (ties: newer version, then NVD).
 *
 * Why, for a CERT: a missed alert costs more than an extra bulletin proposal that an analyst
 * discards. NVD and CNAs often disagree (CVE-2023-4966: Citrix 9.4, NVD 7.5) and NVD analysis
 * lags by weeks, so neither may silence the other; each provider's newest version is its
 * current judgement (a CNA publishing 4.0 beside an old 3.1 has rescored), but a CNA's 4.0 does
 * not hide NVD's 3.1 (the two scales differ, the higher one alerts). CISA's ADP scores fill the
 * gap for records nobody else scored yet. No score at all → null: "not yet scored".
 */
import type {
  CvssMetric,
  CvssVersion,
  MetricProvider,
  SelectedScore,
  Severity,
} from '../vuln-watch.types.js';

const VERSION_RANK: Readonly<Record<CvssVersion, number>> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };

/** The metric's provider role, derived from `type` when the source did not say. */
export function providerOf(metric: CvssMetric): MetricProvider {
  if (metric.provider) return metric.provider;
  return metric.type === 'Primary' ? 'nvd' : 'cna';
}

function label(metric: CvssMetric): string {
  const provider = providerOf(metric);
  const who =
    provider === 'nvd'
      ? 'NVD'
      : provider === 'cna'
        ? `CNA (${metric.source})`
        : provider === 'adp'
          ? `ADP ${metric.source}`
          : metric.source;
  return `${who} CVSS ${metric.version} ${metric.baseScore.toFixed(1)}`;
}

/** Better of two metrics of one provider: newer version, then higher score. */
function newerThenHigher(a: CvssMetric, b: CvssMetric): CvssMetric {
  const rank = VERSION_RANK[a.version] - VERSION_RANK[b.version];
  if (rank !== 0) return rank > 0 ? a : b;
  return b.baseScore > a.baseScore ? b : a;
}

/** Winner across providers: higher score, then newer version, then NVD. */
function higherAcross(a: CvssMetric, b: CvssMetric): CvssMetric {
  if (a.baseScore !== b.baseScore) return a.baseScore > b.baseScore ? a : b;
  const rank = VERSION_RANK[a.version] - VERSION_RANK[b.version];
  if (rank !== 0) return rank > 0 ? a : b;
  return providerOf(b) === 'nvd' && providerOf(a) !== 'nvd' ? b : a;
}

/** Applies the selection rule; null when nothing scored the CVE ("not yet scored"). */
export function selectScore(metrics: readonly CvssMetric[]): SelectedScore | null {
  const primary = metrics.filter((m) => providerOf(m) === 'nvd' || providerOf(m) === 'cna');
  const pool = primary.length > 0 ? primary : metrics;
  if (pool.length === 0) return null;

  const perProvider = new Map<string, CvssMetric>();
  for (const m of pool) {
    const key = `${providerOf(m)}|${m.source}`;
    const current = perProvider.get(key);
    perProvider.set(key, current ? newerThenHigher(current, m) : m);
  }
  const picks = [...perProvider.values()];
  const winner = picks.reduce(higherAcross);
  const others = picks.filter((m) => m !== winner);

  let rule: string;
  if (primary.length === 0) {
    rule = `neither NVD nor the CNA scored it: ${label(winner)}${others.length > 0 ? ` (highest of ${picks.map(label).join(', ')})` : ''}`;
  } else if (others.length === 0) {
    rule = `${label(winner)} (only ${providerOf(winner) === 'nvd' ? 'NVD' : 'the CNA'} scored it${olderVersionsNote(pool, winner)})`;
  } else {
    rule = `highest of NVD and CNA: ${label(winner)}${others.map((o) => (o.baseScore === winner.baseScore ? ` = ${label(o)}` : ` > ${label(o)}`)).join('')}`;
  }
  return {
    score: winner.baseScore,
    version: winner.version,
    vector: winner.vector,
    source: winner.source,
    rule,
  };
}

function olderVersionsNote(pool: readonly CvssMetric[], winner: CvssMetric): string {
  const older = pool.filter((m) => m.version !== winner.version && m.source === winner.source);
  return older.length > 0 ? `; its newest CVSS version is used` : '';
}

/** Severity bucket of the selected score (≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low, 0 none). */
export function severityOf(selected: SelectedScore | null): Severity {
  if (selected === null) return 'unscored';
  const s = selected.score;
  if (s >= 9) return 'critical';
  if (s >= 7) return 'high';
  if (s >= 4) return 'medium';
  if (s > 0) return 'low';
  return 'none';
}

/** The bulletin threshold: a selected score of 7 or more. */
export const ALERT_THRESHOLD = 7;
