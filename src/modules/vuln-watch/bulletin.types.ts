/**
 * Bulletins of the vulnerability-watch portal, in the CERT-FR "avis" form: title, résumé, risks,
 * affected systems, solution, documentation, with a revision history. One bulletin covers one
 * or more CVEs and the catalogue products they affect.
 */
import type { Severity } from './vuln-watch.types.js';

/** draft (analysts only) → published (public) → withdrawn (gone from public lists). */
export type BulletinStatus = 'draft' | 'published' | 'withdrawn';

/** Proposed by the `vuln-watch.propose-bulletins` job, or written from scratch by an analyst. */
export type BulletinOrigin = 'proposed' | 'manual';

/** The risks CERT-FR names in its "avis" (labels in `bulletin.messages.ts`). */
export type BulletinRisk =
  | 'remote-code-execution'
  | 'privilege-escalation'
  | 'security-bypass'
  | 'confidentiality'
  | 'integrity'
  | 'denial-of-service'
  | 'xss'
  | 'csrf'
  | 'unspecified';

/** A link of the "Documentation" section. */
export interface BulletinLink {
  readonly label: string;
  readonly url: string;
}

/** A CVE a bulletin covers, with the facts its text was written from. */
export interface BulletinCve {
  readonly cveId: string;
  readonly score: number | null;
  readonly kev: boolean;
  /** The CVE's `materialChangedAt` last looked at by a proposal. */
  readonly seenChangedAt: string | null;
}

/** A catalogue product a bulletin concerns (as the catalogue names it). */
export interface BulletinProduct {
  readonly id: string;
  readonly vendor: string;
  readonly product: string;
  readonly displayName: string;
  readonly category: string;
}

/** What an analyst writes. */
export interface BulletinContent {
  readonly title: string;
  readonly summary: string;
  readonly risks: readonly BulletinRisk[];
  readonly affectedSystems: string;
  readonly solution: string;
  readonly references: readonly BulletinLink[];
}

/** A change the knowledge base saw on a bulletin's CVE since its text was written. */
export type BulletinChange =
  | { readonly kind: 'score'; readonly cveId: string; readonly from: number | null; readonly to: number | null }
  | { readonly kind: 'kev'; readonly cveId: string; readonly dateAdded: string }
  | { readonly kind: 'product'; readonly cveId: string; readonly product: string }
  | { readonly kind: 'content'; readonly cveId: string }
  | { readonly kind: 'rejected'; readonly cveId: string };

/** A bulletin with its CVEs and products. */
export interface Bulletin extends BulletinContent {
  readonly id: string;
  readonly reference: string | null;
  readonly status: BulletinStatus;
  readonly origin: BulletinOrigin;
  readonly cves: readonly BulletinCve[];
  readonly products: readonly BulletinProduct[];
  readonly maxScore: number | null;
  readonly severity: Severity;
  readonly kev: boolean;
  /** Number of the published revision; 0 while never published. */
  readonly revision: number;
  /** Changes waiting for an analyst's review; empty when none. */
  readonly pendingUpdate: readonly BulletinChange[];
  /** True once an analyst changed the text (proposals no longer rewrite it). */
  readonly edited: boolean;
  readonly firstPublishedAt: string | null;
  readonly publishedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string | null;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One published revision (CERT-FR "Gestion détaillée du document"). */
export interface BulletinRevision {
  readonly number: number;
  readonly at: string;
  readonly note: string;
  readonly actorLabel: string;
}

/** Filters of bulletin lists (public pages, API, digests). */
export interface BulletinFilter {
  /** Words, each matched anywhere in the reference, title, texts, CVE ids and product names. */
  readonly q?: string;
  /** CPE vendor name, e.g. `fortinet`. */
  readonly vendor?: string;
  /** Catalogue product id. */
  readonly productId?: string;
  /** Product category (`vpn`, `firewall`, …). */
  readonly category?: string;
  readonly severity?: Severity;
  readonly kev?: boolean;
  /** First published from / to (YYYY-MM-DD, inclusive). */
  readonly from?: string;
  readonly to?: string;
  /** Statuses listed (default: published). Only CERT writers may ask for others. */
  readonly statuses?: readonly BulletinStatus[];
  /** Only bulletins with changes waiting for review. */
  readonly pendingOnly?: boolean;
}

/** What the edit form and the API give for a bulletin (every field optional on a change). */
export interface BulletinDraftInput {
  readonly title?: string;
  readonly summary?: string;
  readonly risks?: readonly string[];
  readonly affectedSystems?: string;
  readonly solution?: string;
  /** Lines "label | url" or "url" (form), or objects (API). */
  readonly references?: string | readonly { readonly label?: string; readonly url: string }[];
  /** CVE ids, as a list or as text separated by spaces, commas or new lines. */
  readonly cveIds?: string | readonly string[];
  readonly productIds?: readonly string[];
  /** Required when changing a published bulletin: the note of the new revision. */
  readonly revisionNote?: string;
}
