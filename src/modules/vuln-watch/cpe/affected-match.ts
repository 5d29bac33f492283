/**
 * The fallback when NVD has not analysed a CVE yet: CVE 5 `affected[]` entries of the CNA and
 * of CISA-ADP (and KEV's names). An entry names the candidate's product through its `cpes`
 * (first choice) or through its vendor/product names, normalised (`Palo Alto Networks` /
 * `PAN-OS` = `paloaltonetworks:pan-os`); its `versions[]` then say whether the version is
 * affected:
 *
 * - a range is `version` ≤ v < `lessThan` (or ≤ `lessThanOrEqual`); `version` "0", "*", "n/a"…
 *   means "from the first version", `lessThan` "*" means "no upper bound"; inside the range the
 *   last `changes[].at` ≤ v gives the status; a single `version` is that version only;
 * - a version no entry covers takes `defaultStatus` (unknown when absent);
 * - several entries covering v: any "affected" wins (err on the side of alerting);
 * - an entry with no versions at all says "this product" without versions: reported as
 *   affected, "versions not given", unless its default status is unaffected;
 * - with `versionType` "patch", a bound that does not start with the branch of `version` is a
 *   build of that branch (Citrix writes `version` "13.1", `lessThan` "49.13" for 13.1-49.13).
 */
import type { AffectedProduct } from '../vuln-watch.types.js';
import { compareVersions, isComparableVersion } from '../versions/version-compare.js';
import { cpePartMatches, cpeValueMatches, cpeValueText, type CpeName } from './cpe.js';
import { criterionOf, type MatchCertainty } from './configuration-match.js';
import { isPlaceholderName, productKey, vendorKey } from './product-names.js';

/** An affected entry that matched, in words. */
export interface AffectedHit {
  readonly via: 'cve5-cpe' | 'cve5-name';
  readonly provider: string;
  readonly rule: string;
  readonly certainty: MatchCertainty;
}

type Status = 'affected' | 'unaffected' | 'unknown';
type VersionEntry = NonNullable<AffectedProduct['versions']>[number];

function isOpenStart(version: string): boolean {
  const v = version.trim().toLowerCase();
  return v === '0' || v === '*' || v === '' || v === '-' || !isComparableVersion(v);
}

function providerWords(provider: string): string {
  if (provider === 'cna') return 'CNA';
  if (provider === 'kev') return 'CISA KEV';
  return provider.replace(/^adp:/, '');
}

/** A bound as written, or read relative to the branch (`13.1` + `49.13` → `13.1-49.13`) for patch versions. */
export function resolveBound(entry: VersionEntry, bound: string): string {
  if (entry.versionType?.trim().toLowerCase() !== 'patch' || isOpenStart(entry.version)) return bound;
  const major = /^\D*(\d+)/.exec(entry.version)?.[1];
  const boundMajor = /^\D*(\d+)/.exec(bound)?.[1];
  return major !== undefined && boundMajor !== undefined && major !== boundMajor
    ? `${entry.version.trim()}-${bound.trim()}`
    : bound;
}

/** Status of one version per one `versions[]` entry, or null when the entry does not cover it. */
function entryStatus(entry: VersionEntry, version: string): { status: Status; words: string } | null {
  const written = entry.lessThan ?? entry.lessThanOrEqual;
  const upper = written === undefined ? undefined : resolveBound(entry, written);
  if (upper === undefined) {
    if (!isComparableVersion(entry.version)) return null;
    return compareVersions(version, entry.version) === 0
      ? { status: entry.status, words: `${version} = listed version ${entry.version.trim()}` }
      : null;
  }
  const openEnd = upper.trim() === '*';
  if (!openEnd && !isComparableVersion(upper)) return null;
  const lowerOk = isOpenStart(entry.version) || compareVersions(version, entry.version) >= 0;
  const upperOk =
    openEnd ||
    (entry.lessThan !== undefined
      ? compareVersions(version, upper) < 0
      : compareVersions(version, upper) <= 0);
  if (!lowerOk || !upperOk) return null;
  let status = entry.status;
  let change = '';
  const changes = [...(entry.changes ?? [])]
    .filter((c) => isComparableVersion(c.at))
    .map((c) => ({ at: resolveBound(entry, c.at), status: c.status }))
    .sort((a, b) => compareVersions(a.at, b.at));
  for (const c of changes) {
    if (compareVersions(version, c.at) >= 0) {
      status = c.status;
      change = `, ${c.status} from ${c.at.trim()}`;
    }
  }
  const from = isOpenStart(entry.version) ? 'v' : `${entry.version.trim()} ≤ v`;
  const to = openEnd ? '' : entry.lessThan !== undefined ? ` < ${upper.trim()}` : ` ≤ ${upper.trim()}`;
  return { status, words: `${version} is in ${from}${to}${change}` };
}

/** The status of a version for one affected entry, with the reason in words. */
export function affectedStatus(
  entry: AffectedProduct,
  version: string | null,
): { status: Status; words: string; certainty: MatchCertainty } {
  const versions = entry.versions ?? [];
  const fallback: Status = entry.defaultStatus ?? 'unknown';
  if (versions.length === 0) {
    const status = fallback === 'unaffected' ? 'unaffected' : 'affected';
    return {
      status,
      words:
        status === 'affected'
          ? `product listed without versions (default status ${fallback})`
          : 'default status unaffected',
      certainty: 'version-not-checked',
    };
  }
  if (version === null) {
    const any =
      fallback === 'affected' ||
      versions.some((v) => v.status === 'affected' || (v.changes ?? []).some((c) => c.status === 'affected'));
    return {
      status: any ? 'affected' : fallback,
      words: 'version not given: some versions are affected',
      certainty: 'version-not-checked',
    };
  }
  const covering = versions
    .map((v) => entryStatus(v, version))
    .filter((r): r is { status: Status; words: string } => r !== null);
  const affected = covering.find((r) => r.status === 'affected');
  if (affected) return { status: 'affected', words: `${affected.words} → affected`, certainty: 'confirmed' };
  if (covering[0])
    return {
      status: covering[0].status,
      words: `${covering[0].words} → ${covering[0].status}`,
      certainty: 'confirmed',
    };
  return {
    status: fallback,
    words: `${version} is not listed → default status ${fallback}`,
    certainty: 'confirmed',
  };
}

function identityByCpe(entry: AffectedProduct, cand: CpeName): string | null {
  for (const cpe of entry.cpes ?? []) {
    const c = criterionOf(cpe);
    if (
      c &&
      c.vendor.kind === 'text' &&
      cpePartMatches(c.part, cand.part) &&
      cpeValueMatches(c.vendor, cand.vendor) &&
      cpeValueMatches(c.product, cand.product)
    )
      return cpe;
  }
  return null;
}

function identityByName(entry: AffectedProduct, cand: CpeName): boolean {
  if (
    cand.vendor.kind !== 'text' ||
    cand.product.kind !== 'text' ||
    cand.vendor.wildcards ||
    cand.product.wildcards
  )
    return false;
  if (isPlaceholderName(entry.vendor) || isPlaceholderName(entry.product)) return false;
  const v = vendorKey(entry.vendor);
  if (v !== vendorKey(cand.vendor.text)) return false;
  return productKey(v, entry.product) === productKey(v, cand.product.text);
}

/** Evaluates the affected entries for one candidate; the best affected hit, or null. */
export function matchAffected(affected: readonly AffectedProduct[], cand: CpeName): AffectedHit | null {
  const version =
    cand.version.kind === 'text'
      ? cand.version.text + (cand.update.kind === 'text' ? cand.update.text : '')
      : null;
  const hits: (AffectedHit & { rank: number })[] = [];
  for (const entry of affected) {
    const cpe = identityByCpe(entry, cand);
    const byName = cpe === null && identityByName(entry, cand);
    if (cpe === null && !byName) continue;
    const st = affectedStatus(entry, version);
    if (st.status !== 'affected') continue;
    const who = providerWords(entry.provider);
    const identity =
      cpe !== null
        ? `via CPE ${cpe}`
        : `names "${entry.vendor}" / "${entry.product}" = ${cpeValueText(cand.vendor)}:${cpeValueText(cand.product)}`;
    hits.push({
      via: cpe !== null ? 'cve5-cpe' : 'cve5-name',
      provider: entry.provider,
      rule: `CVE 5 affected data (${who}, ${identity}): ${st.words}`,
      certainty: st.certainty,
      rank:
        (cpe !== null ? 0 : 2) + (entry.provider === 'cna' ? 0 : 1) + (st.certainty === 'confirmed' ? 0 : 4),
    });
  }
  if (hits.length === 0) return null;
  const best = hits.reduce((a, b) => (b.rank < a.rank ? b : a));
  return { via: best.via, provider: best.provider, rule: best.rule, certainty: best.certainty };
}
