/**
 * Tables of the `vuln-watch` module's private space: subscriptions (what a user watches and how
 * often it wants digests) and deliveries (per subscription and CVE, what the last digest said, so
 * that only new or materially changed CVEs are sent again).
 */

/** One subscription of a user. */
export interface SubscriptionTable {
  id: string;
  owner_user_id: string;
  /** The structure it is for; null: every structure the owner acts for. */
  structure_id: string | null;
  name: string;
  /** JSON array of vendor names. */
  vendors: string;
  /** JSON array of { productId, vendor, product, displayName }. */
  products: string;
  /** JSON array of keywords. */
  keywords: string;
  /** Minimum selected CVSS score; null: any. */
  min_score: number | null;
  kev_only: number;
  include_unscored: number;
  deployed_products: number;
  /** immediate | daily | weekly. */
  frequency: string;
  /** 0–23, Europe/Paris. */
  hour: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  active: number;
  /** Knowledge-base material changes up to this time have been considered. */
  cursor_at: string;
  last_run_at: string | null;
  last_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What the last digest of a subscription said about a CVE. */
export interface SubscriptionDeliveryTable {
  subscription_id: string;
  cve_id: string;
  /** JSON: { score, kev, affected } (MaterialFingerprint). */
  fingerprint: string;
  first_sent_at: string;
  last_sent_at: string;
}

/** Tables owned by the vuln-watch subscriptions and digests. */
export interface VulnWatchSubscriptionTables {
  subscriptions: SubscriptionTable;
  subscription_deliveries: SubscriptionDeliveryTable;
}
