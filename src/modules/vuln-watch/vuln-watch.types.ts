/**
 * The vulnerability-watch knowledge base, shared by its parts (sources, CPE matching, bulletins,
 * portal, subscriptions). Extend, never break.
 */

/** CVSS versions we keep; 2.0 only for old records. */
export type CvssVersion = '4.0' | '3.1' | '3.0' | '2.0';

/** One CVSS metric as a source gave it. */
export interface CvssMetric {
  readonly version: CvssVersion;
  readonly vector: string;
  readonly baseScore: number;
  readonly baseSeverity: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | null;
  /** Who gave it: `nvd@nist.gov`, a CNA's e-mail or UUID, `CISA-ADP` … */
  readonly source: string;
  /** NVD's own (`Primary`) or another provider's (`Secondary`: CNA, ADP). */
  readonly type: 'Primary' | 'Secondary';
  /** The provider's role, which the score selection rule uses (absent: derived from `type`). */
  readonly provider?: MetricProvider;
}

/** Who gave a metric: NVD, the CVE's CNA, an ADP (CISA Vulnrichment), or another source. */
export type MetricProvider = 'nvd' | 'cna' | 'adp' | 'other';

/** The score the "≥ 7" threshold uses, and where it came from (see `docs/vuln-watch.md`). */
export interface SelectedScore {
  readonly score: number;
  readonly version: CvssVersion;
  readonly vector: string;
  readonly source: string;
  /** Why this metric was chosen, in words, e.g. "highest of NVD and CNA (CNA 9.4 > NVD 7.5)". */
  readonly rule: string;
}

/** Severity buckets for display and filters (CVSS ≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low). */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unscored';

/** A CPE match criterion in NVD configuration form. */
export interface CpeMatch {
  readonly vulnerable: boolean;
  readonly criteria: string;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
}

/** A node of an NVD configuration: OR/AND over CPE matches, possibly negated. */
export interface ConfigurationNode {
  readonly operator: 'OR' | 'AND';
  readonly negate?: boolean;
  readonly cpeMatch: CpeMatch[];
}

/** One NVD configuration: nodes joined by `operator` (AND = app on platform), possibly negated. */
export interface Configuration {
  readonly operator?: 'OR' | 'AND';
  readonly negate?: boolean;
  readonly nodes: ConfigurationNode[];
}

/** CVE 5 `affected[]` entry (CNA or CISA-ADP), kept for the fallback when NVD has no configuration. */
export interface AffectedProduct {
  readonly vendor: string;
  readonly product: string;
  readonly cpes?: string[];
  readonly defaultStatus?: 'affected' | 'unaffected' | 'unknown';
  readonly versions?: {
    readonly version: string;
    readonly status: 'affected' | 'unaffected' | 'unknown';
    readonly versionType?: string;
    readonly lessThan?: string;
    readonly lessThanOrEqual?: string;
    readonly changes?: { readonly at: string; readonly status: 'affected' | 'unaffected' | 'unknown' }[];
  }[];
  /** `cna` or `adp:<shortName>` (e.g. `adp:CISA-ADP`). */
  readonly provider: string;
}

/** KEV facts from CISA's catalogue. */
export interface KevEntry {
  readonly dateAdded: string;
  readonly dueDate: string | null;
  readonly requiredAction: string | null;
  readonly vulnerabilityName: string | null;
  readonly knownRansomwareCampaignUse: 'Known' | 'Unknown' | null;
  readonly vendorProject: string | null;
  readonly product: string | null;
}

/** FIRST EPSS probability and percentile for a date. */
export interface EpssScore {
  readonly score: number;
  readonly percentile: number;
  readonly date: string;
}

/** A CVE as the knowledge base holds it, merged from every source. */
export interface Cve {
  readonly id: string;
  readonly publishedAt: string | null;
  /** The newest `lastModified` / `dateUpdated` of the sources, drives incremental updates. */
  readonly sourceModifiedAt: string | null;
  readonly vulnStatus: string | null;
  readonly title: string | null;
  readonly description: string;
  readonly cwes: string[];
  readonly references: { readonly url: string; readonly tags?: string[] }[];
  readonly metrics: CvssMetric[];
  /** Null when no source scored it yet: "not yet scored", never dropped. */
  readonly selectedScore: SelectedScore | null;
  readonly severity: Severity;
  readonly configurations: Configuration[];
  readonly affected: AffectedProduct[];
  readonly kev: KevEntry | null;
  readonly epss: EpssScore | null;
  /** When a field that matters to subscribers last changed (score, KEV, affected, description). */
  readonly materialChangedAt: string;
  readonly sources: ('nvd' | 'cve5' | 'kev' | 'epss')[];
  /** `REJECTED` when the CVE program withdrew the id (kept, shown as such, never alerted on). */
  readonly state?: 'PUBLISHED' | 'REJECTED';
}

/** A product of the catalogue: what the CERT watches for its constituency. */
export interface Product {
  readonly id: string;
  /** CPE vendor and product, e.g. `fortinet` / `fortios`. */
  readonly vendor: string;
  readonly product: string;
  readonly displayName: string;
  readonly category: ProductCategory;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Product categories used by filters and indicators. */
export type ProductCategory =
  | 'vpn'
  | 'firewall'
  | 'hypervisor'
  | 'mail'
  | 'web-server'
  | 'pacs-imaging'
  | 'ehr'
  | 'remote-access'
  | 'operating-system'
  | 'database'
  | 'network-device'
  | 'medical-device'
  | 'library'
  | 'other';

/** A product deployed at a structure, declared by the structure, an analyst or (later) the scanner. */
export interface Deployment {
  /** Storage id (to remove one declaration). */
  readonly id?: string;
  readonly structureId: string;
  readonly productId: string;
  readonly version: string | null;
  readonly declaredBy: 'structure' | 'analyst' | 'scanner';
  readonly createdAt: string;
}
