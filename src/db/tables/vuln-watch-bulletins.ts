/**
 * Tables of the `vuln-watch` module's editorial part: bulletins (CERT-FR style "avis", proposed
 * from the knowledge base or written by an analyst), the CVEs and catalogue products each one
 * covers, its revision history, and news items on malicious activities targeting the sector.
 */

/** One bulletin: the working copy (draft) or the public text (published, withdrawn). */
export interface BulletinTable {
  id: string;
  /** Public reference (`AVI-2026-0001`), given at first publication; null for drafts never published. */
  reference: string | null;
  /** draft | published | withdrawn. */
  status: string;
  /** proposed (by the `vuln-watch.propose-bulletins` job) | manual. */
  origin: string;
  /** The CVE id a proposal was made for (unique: one proposal per CVE); null for manual bulletins. */
  proposal_key: string | null;
  title: string;
  /** Résumé (French). */
  summary: string;
  /** JSON array of risk codes (BulletinRisk). */
  risks: string;
  /** Systèmes affectés: products and versions in words, one per line. */
  affected_systems: string;
  /** Solution: the recommended action. */
  solution: string;
  /** JSON array of { label, url } (Documentation). */
  reference_links: string;
  /** Highest selected score of its CVEs, as last published (or as drafted). */
  max_score: number | null;
  /** critical | high | medium | low | none | unscored (of max_score). */
  severity: string;
  /** 1 when one of its CVEs is in CISA's KEV catalogue. */
  kev: number;
  /** Revision number of the published text; 0 while never published. */
  revision: number;
  /** JSON array of changes seen in the knowledge base since the text was last written; null when none. */
  pending_update: string | null;
  /** 1 once an analyst changed the text: proposals then stop rewriting it. */
  edited: number;
  first_published_at: string | null;
  /** Date of the latest published revision. */
  published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

/**
 * The words of a bulletin, apart from its wide row: a search scans this narrow table only
 * (accent-free reference, title, CVE ids, product names and texts, matched with LIKE).
 */
export interface BulletinSearchTable {
  bulletin_id: string;
  search_text: string;
}

/** A CVE a bulletin covers, with the facts the text was written from. */
export interface BulletinCveTable {
  bulletin_id: string;
  cve_id: string;
  /** Selected score when the text was last written. */
  score: number | null;
  kev: number;
  /** The CVE's `material_changed_at` last looked at by a proposal (changes after it are new). */
  seen_changed_at: string | null;
  position: number;
}

/** A catalogue product a bulletin concerns. */
export interface BulletinProductTable {
  bulletin_id: string;
  product_id: string;
  /** The bulletin's status, copied here so that "products with published bulletins" reads one index. */
  status: string;
}

/** One published revision of a bulletin (CERT-FR "Gestion détaillée du document"). */
export interface BulletinRevisionTable {
  id: string;
  bulletin_id: string;
  number: number;
  at: string;
  /** What changed, e.g. "Version initiale", "Ajout de la référence KEV", "Retrait : …". */
  note: string;
  actor_label: string;
  /** JSON: the public content at that revision. */
  snapshot: string;
}

/** A news item on malicious activity targeting the sector. */
export interface NewsTable {
  id: string;
  /** draft | published | withdrawn. */
  status: string;
  /** NewsKind: phishing, ransomware, ddos, … */
  kind: string;
  title: string;
  /** Chapô: one or two sentences shown in lists and feeds. */
  summary: string;
  body: string;
  /** JSON array of { label, url }. */
  reference_links: string;
  search_text: string;
  first_published_at: string | null;
  /** Date of the latest published change. */
  published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

/** Tables owned by the bulletins, portal and news part of vuln-watch. */
export interface VulnWatchBulletinTables {
  vuln_bulletins: BulletinTable;
  vuln_bulletin_search: BulletinSearchTable;
  vuln_bulletin_cves: BulletinCveTable;
  vuln_bulletin_products: BulletinProductTable;
  vuln_bulletin_revisions: BulletinRevisionTable;
  vuln_news: NewsTable;
}
