/** News items of the portal: malicious activities targeting health and medico-social structures. */
import type { BulletinLink } from './bulletin.types.js';

/** What kind of activity a news item reports. */
export type NewsKind = 'phishing' | 'ransomware' | 'ddos' | 'intrusion' | 'fraud' | 'data-leak' | 'exploitation' | 'other';

/** Every news kind, in the order forms list them. */
export const NEWS_KINDS: readonly NewsKind[] = ['phishing', 'ransomware', 'ddos', 'intrusion', 'fraud', 'data-leak', 'exploitation', 'other'];

/** draft (analysts only) → published (public) → withdrawn. */
export type NewsStatus = 'draft' | 'published' | 'withdrawn';

/** A news item. */
export interface NewsItem {
  readonly id: string;
  readonly status: NewsStatus;
  readonly kind: NewsKind;
  readonly title: string;
  /** One or two sentences, shown in lists and in the Atom feed. */
  readonly summary: string;
  readonly body: string;
  readonly references: readonly BulletinLink[];
  readonly firstPublishedAt: string | null;
  /** Date of the latest published change. */
  readonly publishedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string | null;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the form and the API give for a news item (every field optional on a change). */
export interface NewsInput {
  readonly kind?: string;
  readonly title?: string;
  readonly summary?: string;
  readonly body?: string;
  readonly references?: string | readonly { readonly label?: string; readonly url: string }[];
}
