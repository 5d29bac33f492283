/**
 * Subscriptions of the private space ("Mes abonnements") and the digests they receive. A
 * subscription belongs to one user, optionally to one of that user's structures, and says what
 * to watch (vendors, products, keywords, the products deployed at the structures), which filters
 * apply (minimum score, KEV only) and how often to send (immediate, daily, weekly).
 */

/** How often a subscription's digest goes out. */
export type DigestFrequency = 'immediate' | 'daily' | 'weekly';

/** Every frequency, in the order forms list them. */
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['immediate', 'daily', 'weekly'];

/** A watched product: a catalogue product (by id) or a free vendor/product pair. */
export interface WatchedProduct {
  /** Catalogue product id; null for a free pair. */
  readonly productId: string | null;
  /** CPE or CNA vendor name, e.g. `fortinet` or `Palo Alto Networks`. */
  readonly vendor: string;
  /** CPE or CNA product name, e.g. `fortios` or `PAN-OS`. */
  readonly product: string;
  /** What pages and e-mails show: the catalogue's display name, or `vendor product`. */
  readonly displayName: string;
}

/** A subscription as its owner sees it. */
export interface Subscription {
  readonly id: string;
  readonly ownerId: string;
  /** The structure it is for (its deployments); null: every structure the owner acts for. */
  readonly structureId: string | null;
  readonly name: string;
  readonly vendors: readonly string[];
  readonly products: readonly WatchedProduct[];
  readonly keywords: readonly string[];
  /** Minimum selected CVSS score (0–10); null: any score. */
  readonly minScore: number | null;
  readonly kevOnly: boolean;
  /** Also send CVEs nobody has scored yet, when they match a vendor, product, keyword or deployment. */
  readonly includeUnscored: boolean;
  /** Watch the products deployed at the structure(s), version-aware. */
  readonly deployedProducts: boolean;
  readonly frequency: DigestFrequency;
  /** Hour of a daily or weekly digest, 0–23, Europe/Paris. */
  readonly hour: number;
  /** Day of a weekly digest, 1 = Monday … 7 = Sunday (ISO 8601). */
  readonly weekday: number;
  readonly active: boolean;
  /** Material changes of the knowledge base up to this time have been considered. */
  readonly cursorAt: string;
  /** Last evaluation by the digest job (sent or not). */
  readonly lastRunAt: string | null;
  /** Last digest actually queued. */
  readonly lastSentAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a user gives to create or change a subscription (forms and API). */
export interface SubscriptionDraft {
  readonly name?: string;
  readonly structureId?: string | null;
  readonly vendors?: readonly string[];
  /** Catalogue product ids or free pairs. */
  readonly products?: readonly ({ readonly productId: string } | { readonly vendor: string; readonly product: string })[];
  readonly keywords?: readonly string[];
  readonly minScore?: number | null;
  readonly kevOnly?: boolean;
  readonly includeUnscored?: boolean;
  readonly deployedProducts?: boolean;
  readonly frequency?: string;
  readonly hour?: number;
  readonly weekday?: number;
  readonly active?: boolean;
}

/** Why a CVE is in a digest: which criterion of the subscription it met. */
export type MatchReason =
  | { readonly kind: 'vendor'; readonly vendor: string }
  | { readonly kind: 'product'; readonly displayName: string }
  | { readonly kind: 'keyword'; readonly keyword: string }
  | {
      readonly kind: 'deployment';
      /** The structures running this product version (several for CERT staff watching the constituency). */
      readonly structureNames: readonly string[];
      readonly productName: string;
      readonly version: string | null;
      /** `confirmed`: the version is inside an affected range; otherwise it could not be checked. */
      readonly certainty: 'confirmed' | 'version-not-checked' | 'platform-assumed';
    }
  /** No watch criterion: every CVE that passes the filters (minimum score, KEV only). */
  | { readonly kind: 'filters-only' };

/** What the subscriber was last told about a CVE: the fields whose change is worth a new e-mail. */
export interface MaterialFingerprint {
  readonly score: number | null;
  readonly kev: boolean;
  /** Short hash of the affected configurations and versions (NVD configurations, CVE 5 affected). */
  readonly affected: string;
}

/** What changed since the last digest that mentioned a CVE. */
export type MaterialChange =
  | { readonly kind: 'score-raised'; readonly from: number | null; readonly to: number }
  | { readonly kind: 'kev-added' }
  | { readonly kind: 'affected-changed' };

/** One CVE of a digest. */
export interface DigestItem {
  readonly cveId: string;
  /** `new`: never sent to this subscription; `update`: sent before, materially changed since. */
  readonly status: 'new' | 'update';
  readonly changes: readonly MaterialChange[];
  readonly reasons: readonly MatchReason[];
  readonly title: string | null;
  readonly description: string;
  readonly score: number | null;
  readonly scoreVersion: string | null;
  readonly vector: string | null;
  readonly scoreSource: string | null;
  readonly kev: boolean;
  readonly kevDateAdded: string | null;
  readonly publishedAt: string | null;
  /** Affected versions in words (French), a few lines. */
  readonly affectedLines: readonly string[];
  /** Absolute link to the public CVE page (or its bulletin). */
  readonly url: string;
  readonly fingerprint: MaterialFingerprint;
  readonly materialChangedAt: string;
}

/** A digest ready to send (or to preview). */
export interface Digest {
  readonly subscriptionId: string;
  readonly items: readonly DigestItem[];
  /** Matching items left out of the e-mail (it lists at most `MAX_DIGEST_ITEMS`). */
  readonly omitted: number;
  /** Over every item, listed or left out. */
  readonly counts: { readonly new: number; readonly update: number; readonly kev: number };
}

/** One CVE already sent to a subscription. */
export interface Delivery {
  readonly cveId: string;
  readonly fingerprint: MaterialFingerprint;
  readonly firstSentAt: string;
  readonly lastSentAt: string;
}
