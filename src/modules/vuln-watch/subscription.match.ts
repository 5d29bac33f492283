/**
 * Does a CVE belong in a subscription's digest, and why? Pure: the digest job and the preview
 * page call it with the CVE, the subscription's criteria and the deployments it may watch.
 *
 * - The WATCH criteria are alternatives (any one is enough): a vendor, a product, a keyword of
 *   the description or title, a product deployed at the structure(s) in an affected version.
 *   With none of them, every CVE passing the filters matches (a "score ≥ 9" or "every KEV
 *   addition" subscription).
 * - The FILTERS all apply: the minimum score (a CVE nobody scored yet passes only with
 *   `includeUnscored` and a watch criterion, shown as "not yet scored"), "KEV only".
 * - Vendors and products are compared by normalised names (`Palo Alto Networks` =
 *   `paloaltonetworks`), over the vulnerable NVD criteria, the CVE 5 affected entries that are
 *   not wholly unaffected, and KEV's names. Deployments are matched version-aware with the
 *   knowledge base's matcher (NVD configurations, else CVE 5 affected data).
 * - Keywords: accents and case ignored, whole words (`PACS` does not match `IMPACS`), a keyword
 *   of several words matches them in sequence.
 */
import { buildCpe, matchCve, parseCpe, type CpeName } from './kb.js';
import { isPlaceholderName, productKey, vendorKey } from './cpe/product-names.js';
import type { MatchReason, Subscription } from './subscription.types.js';
import type { AffectedProduct, Cve } from './vuln-watch.types.js';

/** What the matcher needs of a subscription. */
export type SubscriptionCriteria = Pick<Subscription, 'vendors' | 'products' | 'keywords' | 'minScore' | 'kevOnly' | 'includeUnscored' | 'deployedProducts'>;

/** A product deployed at a structure the subscription may watch. */
export interface WatchedDeployment {
  /** The structures that declared this product in this version. */
  readonly structureNames: readonly string[];
  readonly vendor: string;
  readonly product: string;
  readonly productName: string;
  readonly version: string | null;
}

/** Lower case, accents removed, every run of non-letters/digits turned into one space. */
export function keywordText(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** True when the keyword occurs in the text as whole words (accents and case ignored). */
export function containsKeyword(text: string, keyword: string): boolean {
  const needle = keywordText(keyword);
  if (needle.trim() === '') return false;
  return keywordText(text).includes(needle);
}

/** The vendor/product keys a CVE says are vulnerable, and its vendor keys. */
export interface CveNames {
  readonly vendors: ReadonlySet<string>;
  /** `vendorKey|productKey`. */
  readonly products: ReadonlySet<string>;
}

const parsed = new Map<string, CpeName | null>();

function cpeNamesOf(cpe: string): { vendor: string; product: string } | null {
  let name = parsed.get(cpe);
  if (name === undefined) {
    try {
      name = parseCpe(cpe);
    } catch {
      name = null;
    }
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(cpe, name);
  }
  if (!name || name.vendor.kind !== 'text' || name.product.kind !== 'text' || name.vendor.wildcards || name.product.wildcards) return null;
  return { vendor: name.vendor.text, product: name.product.text };
}

function whollyUnaffected(a: AffectedProduct): boolean {
  const versions = a.versions ?? [];
  if (versions.length === 0) return a.defaultStatus === 'unaffected';
  const anyAffected = versions.some((v) => v.status === 'affected' || (v.changes ?? []).some((c) => c.status === 'affected'));
  return !anyAffected && a.defaultStatus !== 'affected';
}

/** The names a CVE concerns (computed once per CVE, reused for every subscription). */
export function cveNamesOf(cve: Pick<Cve, 'configurations' | 'affected' | 'kev'>): CveNames {
  const vendors = new Set<string>();
  const products = new Set<string>();
  const add = (vendor: string, product: string): void => {
    if (isPlaceholderName(vendor)) return;
    const v = vendorKey(vendor);
    if (v === '') return;
    vendors.add(v);
    if (!isPlaceholderName(product)) products.add(`${v}|${productKey(v, product)}`);
  };
  for (const config of cve.configurations) {
    if (config.negate) continue;
    for (const node of config.nodes) {
      if (node.negate) continue;
      for (const m of node.cpeMatch) {
        const names = m.vulnerable ? cpeNamesOf(m.criteria) : null;
        if (names) add(names.vendor, names.product);
      }
    }
  }
  for (const a of cve.affected) {
    if (whollyUnaffected(a)) continue;
    add(a.vendor, a.product);
    for (const cpe of a.cpes ?? []) {
      const names = cpeNamesOf(cpe);
      if (names) add(names.vendor, names.product);
    }
  }
  if (cve.kev?.vendorProject && cve.kev.product) add(cve.kev.vendorProject, cve.kev.product);
  return { vendors, products };
}

/** True when the subscription has at least one watch criterion (vendor, product, keyword, deployments). */
export function hasWatchCriteria(s: SubscriptionCriteria): boolean {
  return s.vendors.length > 0 || s.products.length > 0 || s.keywords.length > 0 || s.deployedProducts;
}

/**
 * Why the CVE belongs in the subscription's digest, or null when it does not. `names` may be
 * passed when the caller matches one CVE against many subscriptions.
 */
export function matchSubscription(
  cve: Cve,
  s: SubscriptionCriteria,
  deployments: readonly WatchedDeployment[] = [],
  names: CveNames = cveNamesOf(cve),
): MatchReason[] | null {
  if (cve.state === 'REJECTED') return null;
  if (s.kevOnly && !cve.kev) return null;
  const score = cve.selectedScore?.score ?? null;
  const watching = hasWatchCriteria(s);
  if (s.minScore !== null) {
    if (score === null ? !(s.includeUnscored && watching) : score < s.minScore) return null;
  }
  if (!watching) return [{ kind: 'filters-only' }];

  const reasons: MatchReason[] = [];
  for (const vendor of s.vendors) {
    if (names.vendors.has(vendorKey(vendor))) reasons.push({ kind: 'vendor', vendor });
  }
  for (const p of s.products) {
    const v = vendorKey(p.vendor);
    if (names.products.has(`${v}|${productKey(v, p.product)}`)) reasons.push({ kind: 'product', displayName: p.displayName });
  }
  if (s.keywords.length > 0) {
    const text = `${cve.title ?? ''} ${cve.description}`;
    for (const keyword of s.keywords) if (containsKeyword(text, keyword)) reasons.push({ kind: 'keyword', keyword });
  }
  if (s.deployedProducts) {
    for (const d of deployments) {
      if (!names.vendors.has(vendorKey(d.vendor))) continue;
      const hit = matchCve(cve, [buildCpe({ vendor: d.vendor, product: d.product, ...(d.version ? { version: d.version } : {}) })]);
      if (hit) reasons.push({ kind: 'deployment', structureNames: d.structureNames, productName: d.productName, version: d.version, certainty: hit.certainty });
    }
  }
  return reasons.length > 0 ? reasons : null;
}
