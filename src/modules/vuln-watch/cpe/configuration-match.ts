/**
 * NVD configuration semantics, evaluated for a system described by one or more candidate CPEs
 * (e.g. `cpe:2.3:o:fortinet:fortios:7.0.13` alone, or firmware + the hardware it runs on):
 *
 * - configurations are OR-ed; within one, `operator` AND (every node) or OR (any node) joins
 *   the nodes; a node joins its `cpeMatch` entries with its own `operator`; `negate` inverts a
 *   node or a whole configuration;
 * - a `cpeMatch` entry matches a candidate when part, vendor, product and the other attributes
 *   agree (ANY/NA/wildcards) and the version is the criterion's, or inside its
 *   versionStart/End Including/Excluding bounds;
 * - `vulnerable:false` entries (platforms) count for the AND, but a CVE is reported only when a
 *   `vulnerable:true` entry of a non-negated node matched a candidate;
 * - a node made only of platform entries of a part (hardware, OS) that no candidate names is
 *   "assumed" when `assumePlatforms` is on (one CPE asked on the command line does not say
 *   what it runs on); a candidate of that part that does not match makes the node false.
 */
import type { Configuration, ConfigurationNode, CpeMatch } from '../vuln-watch.types.js';
import {
  compareVersions,
  describeBounds,
  versionInRange,
  type VersionBounds,
} from '../versions/version-compare.js';
import {
  cpePartMatches,
  cpeValueMatches,
  cpeValueText,
  parseCpe,
  type CpeName,
  type CpeValue,
} from './cpe.js';

/** How sure a match is. */
export type MatchCertainty = 'confirmed' | 'version-not-checked' | 'platform-assumed';

/** A configuration that matched, in words. */
export interface ConfigurationHit {
  readonly index: number;
  readonly criteria: string;
  readonly rule: string;
  readonly certainty: MatchCertainty;
}

/** Matching options. */
export interface MatchOptions {
  /** Assume platform nodes of a part no candidate names (default true). */
  readonly assumePlatforms?: boolean;
}

const parsed = new Map<string, CpeName | null>();

/** Parses a stored criterion (cached: criteria recur across thousands of CVEs). */
export function criterionOf(criteria: string): CpeName | null {
  let hit = parsed.get(criteria);
  if (hit === undefined) {
    try {
      hit = parseCpe(criteria);
    } catch {
      hit = null;
    }
    if (parsed.size > 20_000) parsed.clear();
    parsed.set(criteria, hit);
  }
  return hit;
}

function boundsOf(m: CpeMatch): VersionBounds {
  return {
    ...(m.versionStartIncluding !== undefined ? { startIncluding: m.versionStartIncluding } : {}),
    ...(m.versionStartExcluding !== undefined ? { startExcluding: m.versionStartExcluding } : {}),
    ...(m.versionEndIncluding !== undefined ? { endIncluding: m.versionEndIncluding } : {}),
    ...(m.versionEndExcluding !== undefined ? { endExcluding: m.versionEndExcluding } : {}),
  };
}

function updateAgrees(criterion: CpeValue, candidate: CpeValue): boolean {
  if (criterion.kind === 'any' || candidate.kind === 'any') return true;
  if (criterion.kind !== 'text' || candidate.kind !== 'text') return criterion.kind === candidate.kind;
  return cpeValueMatches(criterion, candidate) || compareVersions(criterion.text, candidate.text) === 0;
}

/** Version (+ update) agreement of one entry and one candidate. */
function versionAgrees(
  m: CpeMatch,
  crit: CpeName,
  cand: CpeName,
): { ok: boolean; checked: boolean; words: string } {
  const bounds = boundsOf(m);
  const ranged = Object.keys(bounds).length > 0;
  const cv = cand.version;
  if (!updateAgrees(crit.update, cand.update)) return { ok: false, checked: true, words: '' };
  if (cv.kind === 'any') return { ok: true, checked: false, words: 'version not given: any version counts' };
  if (cv.kind === 'na')
    return { ok: crit.version.kind !== 'text' && !ranged, checked: true, words: 'no version (NA)' };
  const packedCandidate = cand.update.kind === 'text' ? `${cv.text}${cand.update.text}` : cv.text;
  if (crit.version.kind === 'na') return { ok: false, checked: true, words: '' };
  if (crit.version.kind === 'any') {
    if (!ranged) return { ok: true, checked: true, words: `all versions, ${packedCandidate} included` };
    return {
      ok: versionInRange(packedCandidate, bounds),
      checked: true,
      words: `${describeBounds(bounds)}: ${packedCandidate} is inside`,
    };
  }
  if (crit.version.wildcards)
    return {
      ok: cpeValueMatches(crit.version, cv),
      checked: true,
      words: `version pattern ${crit.version.text} accepts ${cv.text}`,
    };
  const packedCriterion =
    crit.update.kind === 'text' ? `${crit.version.text}${crit.update.text}` : crit.version.text;
  if (compareVersions(packedCandidate, packedCriterion) === 0)
    return { ok: true, checked: true, words: `version ${packedCriterion} = ${packedCandidate}` };
  if (compareVersions(cv.text, crit.version.text) === 0) {
    const updateGiven = crit.update.kind !== 'text' || cand.update.kind !== 'any';
    return {
      ok: true,
      checked: updateGiven,
      words: updateGiven
        ? `version ${crit.version.text} = ${cv.text}`
        : `version ${crit.version.text} = ${cv.text} (update ${cpeValueText(crit.update)} not given)`,
    };
  }
  return { ok: false, checked: true, words: '' };
}

const OTHER_ATTRIBUTES = [
  'vendor',
  'product',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;

/** One entry against one candidate. */
export function cpeMatchAccepts(
  m: CpeMatch,
  cand: CpeName,
): { ok: boolean; checked: boolean; words: string } {
  const crit = criterionOf(m.criteria);
  if (!crit || !cpePartMatches(crit.part, cand.part)) return { ok: false, checked: true, words: '' };
  for (const a of OTHER_ATTRIBUTES)
    if (!cpeValueMatches(crit[a], cand[a])) return { ok: false, checked: true, words: '' };
  return versionAgrees(m, crit, cand);
}

interface NodeResult {
  readonly value: boolean;
  readonly assumed: boolean;
  readonly vulnerableHits: string[];
  readonly platformHits: string[];
  readonly unchecked: boolean;
}

function partsOf(node: ConfigurationNode): Set<string> {
  return new Set(node.cpeMatch.map((m) => criterionOf(m.criteria)?.part ?? '*'));
}

function evaluateNode(
  node: ConfigurationNode,
  system: readonly CpeName[],
  assumePlatforms: boolean,
): NodeResult {
  const vulnerableHits: string[] = [];
  const platformHits: string[] = [];
  let unchecked = false;
  const accepted = node.cpeMatch.map((m) => {
    for (const cand of system) {
      const r = cpeMatchAccepts(m, cand);
      if (!r.ok) continue;
      (m.vulnerable ? vulnerableHits : platformHits).push(`${m.criteria}${r.words ? ` (${r.words})` : ''}`);
      if (!r.checked) unchecked = true;
      return true;
    }
    return false;
  });
  let value = node.operator === 'AND' ? accepted.every(Boolean) : accepted.some(Boolean);
  let assumed = false;
  // Never assume inside a negated node: assuming the excluded platform would hide the CVE.
  if (!value && assumePlatforms && !node.negate && node.cpeMatch.every((m) => !m.vulnerable)) {
    const parts = partsOf(node);
    const named = system.some((c) => c.part !== '*' && parts.has(c.part));
    if (!named) {
      value = true;
      assumed = true;
    }
  }
  if (node.negate)
    return { value: !value, assumed: false, vulnerableHits: [], platformHits: [], unchecked: false };
  return { value, assumed, vulnerableHits, platformHits, unchecked };
}

function platformWords(node: ConfigurationNode): string {
  const first = node.cpeMatch[0]?.criteria ?? '';
  return node.cpeMatch.length > 1 ? `${first} or ${node.cpeMatch.length - 1} other platform(s)` : first;
}

/** Evaluates every configuration; the first that reports the CVE, in words, or null. */
export function matchConfigurations(
  configurations: readonly Configuration[],
  system: readonly CpeName[],
  options: MatchOptions = {},
): ConfigurationHit | null {
  const assumePlatforms = options.assumePlatforms ?? true;
  for (const [index, config] of configurations.entries()) {
    const results = config.nodes.map((node) => evaluateNode(node, system, assumePlatforms));
    const operator = config.operator ?? (config.nodes.length > 1 ? 'AND' : 'OR');
    let value = operator === 'AND' ? results.every((r) => r.value) : results.some((r) => r.value);
    if (config.negate) value = !value;
    const vulnerable = results.flatMap((r) => r.vulnerableHits);
    if (!value || config.negate || vulnerable.length === 0) continue;
    const parts: string[] = [`NVD configuration ${index + 1}: ${vulnerable[0] as string}`];
    config.nodes.forEach((node, i) => {
      const r = results[i] as NodeResult;
      if (node.negate) parts.push(`AND NOT ${platformWords(node)} (no candidate matches it)`);
      else if (r.assumed) parts.push(`AND on platform ${platformWords(node)} (assumed: no platform given)`);
      else if (r.vulnerableHits.length === 0 && r.platformHits.length > 0)
        parts.push(`AND on platform ${r.platformHits[0] as string}`);
    });
    const certainty: MatchCertainty = results.some((r) => r.unchecked)
      ? 'version-not-checked'
      : results.some((r) => r.assumed)
        ? 'platform-assumed'
        : 'confirmed';
    return { index, criteria: vulnerable[0]?.split(' (')[0] ?? '', rule: parts.join(' '), certainty };
  }
  return null;
}
