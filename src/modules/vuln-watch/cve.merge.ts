/**
 * Merges what each source said about a CVE into one `Cve` (pure). The knowledge base stores
 * each source's contribution as it came and merges on read, so a new NVD record never erases
 * the CNA's affected versions, nor a KEV update the NVD configurations.
 */
import { createHash } from 'node:crypto';
import { searchKey } from '../../db/portable.js';
import { criterionOf } from './cpe/configuration-match.js';
import { isPlaceholderName, productKey, vendorKey } from './cpe/product-names.js';
import { selectScore, severityOf } from './scores/score-selection.js';
import type { AffectedProduct, Cve, CvssMetric, EpssScore, KevEntry } from './vuln-watch.types.js';
import type { CveReference, KevContribution, RecordContribution } from './sources/source-record.js';

/** Everything the knowledge base holds about one CVE, per source. */
export interface CveParts {
  readonly id: string;
  readonly nvd: RecordContribution | null;
  readonly cve5: RecordContribution | null;
  readonly kev: KevContribution | null;
  readonly epss: EpssScore | null;
}

function earliest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string');
  return present.length > 0 ? present.reduce((a, b) => (b < a ? b : a)) : null;
}

function latest(...values: (string | null | undefined)[]): string | null {
  const present = values.filter((v): v is string => typeof v === 'string');
  return present.length > 0 ? present.reduce((a, b) => (b > a ? b : a)) : null;
}

function mergeReferences(...lists: (readonly CveReference[] | undefined)[]): CveReference[] {
  const byUrl = new Map<string, Set<string>>();
  for (const list of lists) {
    for (const r of list ?? []) {
      const tags = byUrl.get(r.url) ?? new Set<string>();
      for (const t of r.tags ?? []) tags.add(t);
      byUrl.set(r.url, tags);
    }
  }
  return [...byUrl].map(([url, tags]) => (tags.size > 0 ? { url, tags: [...tags] } : { url }));
}

/** NVD and CVE 5 both carry the CNA's and CISA's metrics: keep one of each. */
function mergeMetrics(...lists: (readonly CvssMetric[] | undefined)[]): CvssMetric[] {
  const seen = new Set<string>();
  const out: CvssMetric[] = [];
  for (const list of lists) {
    for (const m of list ?? []) {
      const key = `${m.version}|${m.vector}|${m.provider ?? m.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

function kevAffected(kev: KevContribution | null): AffectedProduct[] {
  if (!kev?.entry.vendorProject || !kev.entry.product) return [];
  return [
    {
      vendor: kev.entry.vendorProject,
      product: kev.entry.product,
      defaultStatus: 'unknown',
      provider: 'kev',
    },
  ];
}

/** The material fields of a merged record: what subscribers are told about. */
export interface MaterialFields {
  readonly selectedScore: number | null;
  readonly kevDateAdded: string | null;
  readonly description: string;
  readonly configurations: unknown;
  readonly affected: unknown;
}

/** A short hash of the material fields (score, KEV, description, affected products and versions). */
export function materialHash(fields: MaterialFields): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 22);
}

/** Merges the parts; `materialChangedAt` comes from storage (see `cve.repository.ts`). */
export function mergeCve(parts: CveParts, materialChangedAt: string): Cve {
  const { nvd, cve5, kev, epss } = parts;
  const metrics = mergeMetrics(nvd?.metrics, cve5?.metrics);
  const selectedScore = selectScore(metrics);
  const configurations =
    nvd && nvd.configurations.length > 0 ? nvd.configurations : (cve5?.configurations ?? []);
  const cveAffected = cve5?.affected ?? [];
  const affected = cveAffected.length > 0 || configurations.length > 0 ? cveAffected : kevAffected(kev);
  const kevEntry: KevEntry | null = kev?.entry ?? nvd?.kev ?? cve5?.kev ?? null;
  const rejected = (cve5 ?? nvd)?.state === 'REJECTED' || (nvd?.state === 'REJECTED' && !cve5);
  const sources: Cve['sources'] = [];
  if (nvd) sources.push('nvd');
  if (cve5) sources.push('cve5');
  if (kev) sources.push('kev');
  if (epss) sources.push('epss');
  return {
    id: parts.id,
    publishedAt: earliest(nvd?.publishedAt, cve5?.publishedAt),
    sourceModifiedAt: latest(nvd?.modifiedAt, cve5?.modifiedAt),
    vulnStatus: nvd?.vulnStatus ?? (rejected ? 'Rejected' : null),
    title: cve5?.title ?? kev?.entry.vulnerabilityName ?? nvd?.kev?.vulnerabilityName ?? null,
    description: cve5?.description || nvd?.description || kev?.description || '',
    cwes: [...new Set([...(nvd?.cwes ?? []), ...(cve5?.cwes ?? [])])].sort(),
    references: mergeReferences(nvd?.references, cve5?.references),
    metrics,
    selectedScore,
    severity: severityOf(selectedScore),
    configurations,
    affected,
    kev: kevEntry,
    epss,
    materialChangedAt,
    sources,
    state: rejected ? 'REJECTED' : 'PUBLISHED',
  };
}

/** The material fields of a merged CVE. */
export function materialFieldsOf(cve: Cve): MaterialFields {
  return {
    selectedScore: cve.selectedScore?.score ?? null,
    kevDateAdded: cve.kev?.dateAdded ?? null,
    description: cve.description,
    configurations: cve.configurations,
    affected: cve.affected,
  };
}

/** Accent-free text searched by `q`: id, title, description, vendor and product names. */
export function cveSearchText(cve: Cve): string {
  const names = new Set<string>();
  for (const a of cve.affected) if (a.vendor !== 'n/a') names.add(`${a.vendor} ${a.product}`);
  return searchKey(`${cve.id} ${cve.title ?? ''} ${[...names].join(' ')} ${cve.description}`).slice(0, 4000);
}

/** One row of the vendor/product index of a CVE. */
export interface CandidateName {
  readonly vendorKey: string;
  readonly productKey: string;
  readonly vendor: string;
  readonly product: string;
  readonly source: 'nvd' | 'cve5-cpe' | 'cve5-name' | 'kev';
}

function cpeNames(cpe: string): { vendor: string; product: string } | null {
  const name = criterionOf(cpe);
  if (
    !name ||
    name.vendor.kind !== 'text' ||
    name.product.kind !== 'text' ||
    name.vendor.wildcards ||
    name.product.wildcards
  )
    return null;
  return { vendor: name.vendor.text, product: name.product.text };
}

/** The vendor/product names a CVE mentions (vulnerable NVD criteria, CVE 5 CPEs and names, KEV), deduplicated. */
export function candidateNames(cve: Cve, kev: KevContribution | null): CandidateName[] {
  const out = new Map<string, CandidateName>();
  const add = (vendor: string, product: string, source: CandidateName['source']): void => {
    if (isPlaceholderName(vendor) || isPlaceholderName(product)) return;
    const v = vendorKey(vendor);
    const p = productKey(v, product);
    if (v === '' || p === '') return;
    const key = `${v}|${p}|${source}`;
    if (!out.has(key))
      out.set(key, {
        vendorKey: v,
        productKey: p,
        vendor: vendor.slice(0, 200),
        product: product.slice(0, 200),
        source,
      });
  };
  for (const config of cve.configurations) {
    for (const node of config.nodes) {
      if (node.negate) continue;
      for (const m of node.cpeMatch) {
        const names = m.vulnerable ? cpeNames(m.criteria) : null;
        if (names) add(names.vendor, names.product, 'nvd');
      }
    }
  }
  for (const a of cve.affected) {
    for (const cpe of a.cpes ?? []) {
      const names = cpeNames(cpe);
      if (names) add(names.vendor, names.product, 'cve5-cpe');
    }
    add(a.vendor, a.product, a.provider === 'kev' ? 'kev' : 'cve5-name');
  }
  if (kev?.entry.vendorProject && kev.entry.product) add(kev.entry.vendorProject, kev.entry.product, 'kev');
  return [...out.values()];
}
