/**
 * CVE JSON 5.x records (cvelistV5, CISA Vulnrichment): one record → a record contribution with
 * the CNA's and the ADPs' affected products, metrics, CWEs and references. Pure; never throws.
 */
import { readConfigurations } from '../../cpe/configuration.parse.js';
import { CpeError, formatCpe, parseCpe } from '../../cpe/cpe.js';
import { readMetric } from '../../scores/cvss-metric.js';
import type {
  AffectedProduct,
  Configuration,
  CvssMetric,
  CvssVersion,
  KevEntry,
  MetricProvider,
} from '../../vuln-watch.types.js';
import {
  asArray,
  asObject,
  asText,
  CVE_ID,
  englishText,
  isoTimestamp,
  type ParseOutcome,
  type RecordContribution,
} from '../source-record.js';

const METRIC_KEYS: readonly (readonly [string, CvssVersion])[] = [
  ['cvssV4_0', '4.0'],
  ['cvssV3_1', '3.1'],
  ['cvssV3_0', '3.0'],
  ['cvssV2_0', '2.0'],
];

const STATUSES = new Set(['affected', 'unaffected', 'unknown']);

type Status = 'affected' | 'unaffected' | 'unknown';

function status(value: unknown): Status | undefined {
  return typeof value === 'string' && STATUSES.has(value) ? (value as Status) : undefined;
}

function readVersions(raw: unknown): NonNullable<AffectedProduct['versions']> {
  const out: NonNullable<AffectedProduct['versions']>[number][] = [];
  for (const item of asArray(raw)) {
    const v = asObject(item);
    const version = typeof v?.version === 'string' ? v.version : null;
    const st = status(v?.status);
    if (!v || version === null || !st) continue;
    const changes = asArray(v.changes)
      .map(asObject)
      .filter(
        (c): c is Record<string, unknown> =>
          c !== null && typeof c.at === 'string' && status(c.status) !== undefined,
      )
      .map((c) => ({ at: c.at as string, status: status(c.status) as Status }));
    out.push({
      version,
      status: st,
      ...(typeof v.versionType === 'string' ? { versionType: v.versionType } : {}),
      ...(typeof v.lessThan === 'string' ? { lessThan: v.lessThan } : {}),
      ...(typeof v.lessThanOrEqual === 'string' ? { lessThanOrEqual: v.lessThanOrEqual } : {}),
      ...(changes.length > 0 ? { changes } : {}),
    });
  }
  return out;
}

function readAffected(raw: unknown, provider: string, problems: string[]): AffectedProduct[] {
  const out: AffectedProduct[] = [];
  for (const item of asArray(raw)) {
    const a = asObject(item);
    if (!a) continue;
    const cpes: string[] = [];
    for (const c of asArray(a.cpes)) {
      if (typeof c !== 'string') continue;
      try {
        cpes.push(formatCpe(parseCpe(c)));
      } catch (error) {
        if (!(error instanceof CpeError)) throw error;
        problems.push(`${provider} affected ${error.message}: CPE left out`);
      }
    }
    const versions = readVersions(a.versions);
    const defaultStatus = status(a.defaultStatus);
    out.push({
      vendor: asText(a.vendor) ?? asText(a.collectionURL) ?? 'n/a',
      product: asText(a.product) ?? asText(a.packageName) ?? 'n/a',
      ...(cpes.length > 0 ? { cpes } : {}),
      ...(defaultStatus ? { defaultStatus } : {}),
      ...(versions.length > 0 ? { versions } : {}),
      provider,
    });
  }
  return out;
}

function readMetrics(
  raw: unknown,
  source: string,
  provider: MetricProvider,
  problems: string[],
  kev: { entry: KevEntry | null },
): CvssMetric[] {
  const out: CvssMetric[] = [];
  for (const item of asArray(raw)) {
    const m = asObject(item);
    if (!m) continue;
    for (const [key, version] of METRIC_KEYS) {
      const data = asObject(m[key]);
      if (!data) continue;
      const reading = readMetric({
        version,
        vector: data.vectorString,
        baseScore: data.baseScore,
        baseSeverity: data.baseSeverity,
        source,
        type: 'Secondary',
        provider,
      });
      if (reading.problem) problems.push(reading.problem);
      if (reading.warning) problems.push(reading.warning);
      if (reading.metric) out.push(reading.metric);
    }
    const other = asObject(m.other);
    if (other?.type === 'kev') {
      const content = asObject(other.content);
      const dateAdded = asText(content?.dateAdded);
      if (dateAdded) {
        kev.entry = {
          dateAdded: dateAdded.slice(0, 10),
          dueDate: null,
          requiredAction: null,
          vulnerabilityName: null,
          knownRansomwareCampaignUse: null,
          vendorProject: null,
          product: null,
        };
      }
    }
  }
  return out;
}

function readCwes(raw: unknown, into: Set<string>): void {
  for (const p of asArray(raw)) {
    for (const d of asArray(asObject(p)?.descriptions)) {
      const o = asObject(d);
      const id = asText(o?.cweId) ?? /\bCWE-\d+\b/.exec(asText(o?.description) ?? '')?.[0] ?? null;
      if (id && /^CWE-\d+$/.test(id)) into.add(id);
    }
  }
}

function readReferences(raw: unknown, into: Map<string, Set<string>>): void {
  for (const r of asArray(raw)) {
    const o = asObject(r);
    const url = asText(o?.url);
    if (!url) continue;
    const tags = into.get(url) ?? new Set<string>();
    for (const t of asArray(o?.tags)) if (typeof t === 'string') tags.add(t);
    into.set(url, tags);
  }
}

/** Parses one CVE JSON 5.x record. */
export function parseCve5Record(raw: unknown): ParseOutcome<RecordContribution> {
  const record = asObject(raw);
  const meta = asObject(record?.cveMetadata);
  const id = asText(meta?.cveId);
  if (!record || !meta) return { ok: false, id: null, reason: 'not a CVE 5 record (no cveMetadata)' };
  if (!id || !CVE_ID.test(id))
    return {
      ok: false,
      id,
      reason: `cveMetadata.cveId ${JSON.stringify(meta.cveId ?? null)} is not a CVE identifier`,
    };
  if (record.dataType !== undefined && record.dataType !== 'CVE_RECORD')
    return { ok: false, id, reason: `dataType ${JSON.stringify(record.dataType)} is not CVE_RECORD` };
  const dataVersion =
    typeof record.dataVersion === 'string' || typeof record.dataVersion === 'number'
      ? String(record.dataVersion)
      : '';
  if (!/^5\.\d+(\.\d+)?$/.test(dataVersion))
    return { ok: false, id, reason: `dataVersion "${dataVersion}" is not a CVE JSON 5.x version` };
  const modifiedAt =
    isoTimestamp(meta.dateUpdated) ?? isoTimestamp(meta.datePublished) ?? isoTimestamp(meta.dateReserved);
  if (!modifiedAt)
    return { ok: false, id, reason: 'no dateUpdated, datePublished or dateReserved timestamp' };
  const containers = asObject(record.containers);
  const cna = asObject(containers?.cna);
  if (!cna) return { ok: false, id, reason: 'no containers.cna' };

  const problems: string[] = [];
  const kev = { entry: null as KevEntry | null };
  const cwes = new Set<string>();
  const refs = new Map<string, Set<string>>();
  const cnaName =
    asText(meta.assignerShortName) ??
    asText(asObject(cna.providerMetadata)?.shortName) ??
    asText(meta.assignerOrgId) ??
    'cna';
  const metrics = readMetrics(cna.metrics, cnaName, 'cna', problems, kev);
  const affected = readAffected(cna.affected, 'cna', problems);
  readCwes(cna.problemTypes, cwes);
  readReferences(cna.references, refs);
  const configurations: Configuration[] = readConfigurations(asArray(cna.cpeApplicability), problems);

  for (const item of asArray(containers?.adp)) {
    const adp = asObject(item);
    if (!adp) continue;
    const name = asText(asObject(adp.providerMetadata)?.shortName) ?? 'ADP';
    metrics.push(...readMetrics(adp.metrics, name, name === 'CVE' ? 'other' : 'adp', problems, kev));
    affected.push(...readAffected(adp.affected, `adp:${name}`, problems));
    readCwes(adp.problemTypes, cwes);
    readReferences(adp.references, refs);
  }

  const state = meta.state === 'REJECTED' ? 'REJECTED' : 'PUBLISHED';
  const description = englishText(cna.descriptions) || englishText(cna.rejectedReasons);
  const contribution: RecordContribution = {
    source: 'cve5',
    id,
    modifiedAt,
    publishedAt: isoTimestamp(meta.datePublished),
    state,
    vulnStatus: null,
    title: asText(cna.title),
    description,
    cwes: [...cwes],
    references: [...refs].map(([url, tags]) => (tags.size > 0 ? { url, tags: [...tags] } : { url })),
    metrics,
    configurations,
    affected,
    kev: kev.entry,
  };
  return { ok: true, value: contribution, problems };
}
