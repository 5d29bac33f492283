/**
 * NVD CVE API 2.0: one `vulnerabilities[]` item (`{ "cve": {…} }`) → a record contribution.
 * Pure; never throws on any JSON value (a refused item comes back with its id and reason).
 */
import { readConfigurations } from '../../cpe/configuration.parse.js';
import { readMetric } from '../../scores/cvss-metric.js';
import type { CvssMetric, CvssVersion, KevEntry, MetricProvider } from '../../vuln-watch.types.js';
import {
  asArray,
  asObject,
  asText,
  CVE_ID,
  englishText,
  isoTimestamp,
  type CveReference,
  type ParseOutcome,
  type RecordContribution,
} from '../source-record.js';

/** CISA's ADP organisation id, as NVD writes it in `source` of CISA-ADP metrics. */
export const CISA_ADP_ORG_ID = '134c704f-9b21-4f2e-91b3-4a467353bcc0';

const METRIC_KEYS: readonly (readonly [string, CvssVersion])[] = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
];

function providerOf(type: 'Primary' | 'Secondary', source: string, cna: string | null): MetricProvider {
  if (type === 'Primary') return 'nvd';
  if (cna !== null && source === cna) return 'cna';
  if (source === CISA_ADP_ORG_ID || /cisa/i.test(source)) return 'adp';
  return 'other';
}

function readMetrics(raw: unknown, cna: string | null, problems: string[]): CvssMetric[] {
  const metrics = asObject(raw);
  if (!metrics) return [];
  const out: CvssMetric[] = [];
  for (const [key, version] of METRIC_KEYS) {
    for (const item of asArray(metrics[key])) {
      const entry = asObject(item);
      const data = asObject(entry?.cvssData);
      if (!entry || !data) {
        problems.push(`${key} entry without cvssData: left out`);
        continue;
      }
      const source = asText(entry.source) ?? 'unknown';
      const type = entry.type === 'Primary' ? 'Primary' : 'Secondary';
      const reading = readMetric({
        version,
        vector: data.vectorString,
        baseScore: data.baseScore,
        baseSeverity: data.baseSeverity ?? entry.baseSeverity,
        source,
        type,
        provider: providerOf(type, source, cna),
      });
      if (reading.problem) problems.push(reading.problem);
      if (reading.warning) problems.push(reading.warning);
      if (reading.metric) out.push(reading.metric);
    }
  }
  return out;
}

function readCwes(raw: unknown): string[] {
  const cwes = new Set<string>();
  for (const w of asArray(raw)) {
    for (const d of asArray(asObject(w)?.description)) {
      const value = asText(asObject(d)?.value);
      if (value && /^CWE-\d+$/.test(value)) cwes.add(value);
    }
  }
  return [...cwes];
}

function readReferences(raw: unknown): CveReference[] {
  const out: CveReference[] = [];
  for (const r of asArray(raw)) {
    const o = asObject(r);
    const url = asText(o?.url);
    if (!url) continue;
    const tags = asArray(o?.tags).filter((t): t is string => typeof t === 'string');
    out.push(tags.length > 0 ? { url, tags } : { url });
  }
  return out;
}

function readKev(cve: Record<string, unknown>): KevEntry | null {
  const dateAdded = asText(cve.cisaExploitAdd);
  if (!dateAdded) return null;
  return {
    dateAdded,
    dueDate: asText(cve.cisaActionDue),
    requiredAction: asText(cve.cisaRequiredAction),
    vulnerabilityName: asText(cve.cisaVulnerabilityName),
    knownRansomwareCampaignUse: null,
    vendorProject: null,
    product: null,
  };
}

/** Parses one NVD 2.0 `vulnerabilities[]` item. */
export function parseNvdItem(raw: unknown): ParseOutcome<RecordContribution> {
  const cve = asObject(asObject(raw)?.cve);
  if (!cve) return { ok: false, id: null, reason: 'not an NVD 2.0 item (no "cve" object)' };
  const legacyMeta = asObject(cve.CVE_data_meta);
  if (legacyMeta)
    return {
      ok: false,
      id: asText(legacyMeta.ID),
      reason: 'legacy NVD 1.1 item (CVE_data_meta), not supported',
    };
  const id = asText(cve.id);
  if (!id || !CVE_ID.test(id))
    return { ok: false, id, reason: `"id" ${JSON.stringify(cve.id ?? null)} is not a CVE identifier` };
  const modifiedAt = isoTimestamp(cve.lastModified);
  if (!modifiedAt)
    return {
      ok: false,
      id,
      reason: `"lastModified" ${JSON.stringify(cve.lastModified ?? null)} is not a timestamp`,
    };
  const problems: string[] = [];
  const cna = asText(cve.sourceIdentifier);
  const vulnStatus = asText(cve.vulnStatus);
  const contribution: RecordContribution = {
    source: 'nvd',
    id,
    modifiedAt,
    publishedAt: isoTimestamp(cve.published),
    state: vulnStatus?.toLowerCase() === 'rejected' ? 'REJECTED' : 'PUBLISHED',
    vulnStatus,
    title: null,
    description: englishText(cve.descriptions),
    cwes: readCwes(cve.weaknesses),
    references: readReferences(cve.references),
    metrics: readMetrics(cve.metrics, cna, problems),
    configurations: readConfigurations(cve.configurations, problems),
    affected: [],
    kev: readKev(cve),
  };
  return { ok: true, value: contribution, problems };
}
