/**
 * Tables of the `vuln-watch` module's knowledge base: CVEs (each source's contribution kept as
 * JSON text and merged on read, plus the merged columns that queries filter on), the
 * vendor/product index used to find candidate CVEs for a CPE, the product catalogue, the
 * deployments of products at structures, and the record of every import run.
 */

/** One CVE. */
export interface CveTable {
  id: string;
  /** PUBLISHED or REJECTED. */
  state: string;
  published_at: string | null;
  /** Newest `lastModified` / `dateUpdated` of the record sources. */
  source_modified_at: string | null;
  vuln_status: string | null;
  title: string | null;
  description: string;
  /** The score the "≥ 7" rule selected; null when not yet scored. */
  selected_score: number | null;
  /** critical | high | medium | low | none | unscored. */
  severity: string;
  /** 1 when the CVE is in CISA's KEV catalogue (or a source says so). */
  kev: number;
  kev_date_added: string | null;
  epss_score: number | null;
  epss_percentile: number | null;
  epss_date: string | null;
  /** Comma-separated sources that contributed: nvd,cve5,kev,epss. */
  sources: string;
  /** Hash of the material fields (score, KEV, description, affected products and versions). */
  material_hash: string;
  /** When the material hash last changed (creation included): digests and bulletins key on it. */
  material_changed_at: string;
  /** Accent-free id, title, names and description for `q` searches. */
  search_text: string;
  nvd_modified_at: string | null;
  /** JSON: the NVD record as parsed (RecordContribution). */
  nvd_data: string | null;
  cve5_modified_at: string | null;
  /** JSON: the CVE 5 record as parsed (RecordContribution). */
  cve5_data: string | null;
  /** JSON: the KEV catalogue entry (KevContribution). */
  kev_data: string | null;
  created_at: string;
  updated_at: string;
}

/** Which vendor/product names a CVE mentions, and through which data: the candidate index of matching. */
export interface CveProductTable {
  cve_id: string;
  /** Normalised names (lower case, letters and digits only, aliases applied). */
  vendor_key: string;
  product_key: string;
  /** Names as the source wrote them. */
  vendor: string;
  product: string;
  /** nvd (configuration criteria) | cve5-cpe | cve5-name | kev. */
  source: string;
}

/** A product of the catalogue. */
export interface ProductTable {
  id: string;
  vendor: string;
  product: string;
  display_name: string;
  category: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

/** A product deployed at a structure (one row per version; '' when the version is not known). */
export interface DeploymentTable {
  id: string;
  structure_id: string;
  product_id: string;
  version: string;
  declared_by: string;
  declared_by_label: string;
  created_at: string;
}

/** One run of `hygie cve import` (or of the import job). */
export interface VulnImportRunTable {
  id: string;
  /** Comma-separated formats seen: nvd, cve5, kev, epss. */
  source: string;
  /** JSON array of the inputs (paths, URLs). */
  inputs: string;
  status: string;
  /** JSON: read, inserted, updated, unchanged, older, rejected, problems, … */
  counts: string;
  /** JSON array of the first errors (record id, where, reason). */
  errors: string;
  error_count: number;
  actor_label: string;
  started_at: string;
  finished_at: string | null;
}

/** Tables owned by the vuln-watch knowledge base. */
export interface VulnWatchKbTables {
  cves: CveTable;
  cve_products: CveProductTable;
  products: ProductTable;
  deployments: DeploymentTable;
  vuln_import_runs: VulnImportRunTable;
}
