/**
 * THE PROPOSAL RULE (pure): when the knowledge base hands over CVEs (`vuln-watch.propose-bulletins`),
 * what happens to the bulletins. Documented in `docs/vuln-watch.md` ("Bulletins: the proposal rule").
 *
 * 1. A CVE matters only when it affects at least one catalogue product (NVD configuration, else
 *    the CVE 5 affected data: `matchCve`) and is not REJECTED.
 * 2. One bulletin per CVE: a CVE that no bulletin covers yet gets a new DRAFT when it is
 *    eligible: selected score ≥ ALERT_THRESHOLD (7), or in CISA's KEV catalogue (every KEV
 *    addition on a catalogue product is proposed, whatever its score).
 * 3. A CVE already covered (by its own proposal or by a bulletin an analyst grouped it into):
 *    - nothing changed since the bulletin last looked (`materialChangedAt` ≤ seen) → nothing;
 *    - the bulletin is a draft → its facts are refreshed (and its text rewritten while no
 *      analyst has edited it); changes are listed for the analyst when the text was edited;
 *    - it is published → the public text is NOT touched: the changes (score, KEV addition, new
 *      product, other material change) are listed as "update pending" for an analyst, who
 *      publishes a revision or acknowledges them;
 *    - it was withdrawn (or discarded as a draft) → it is reopened as a draft only for a KEV
 *      addition (exploitation changes the CERT's assessment); other changes are only recorded.
 */
import { affectedVersionsInWords, configurationsInWords } from './kb.js';
import type { BulletinChange, BulletinContent, BulletinCve, BulletinLink, BulletinRisk, BulletinStatus } from './bulletin.types.js';
import type { Cve, Product, Severity } from './vuln-watch.types.js';

/** The threshold of the selection rule (same as the knowledge base's `ALERT_THRESHOLD`). */
export interface ProposalRuleOptions {
  readonly threshold: number;
}

/** What a CVE decision looks at about one bulletin that already covers the CVE. */
export interface CoveringBulletin {
  readonly id: string;
  readonly status: BulletinStatus;
  /** Facts the bulletin holds for this CVE. */
  readonly fact: BulletinCve;
  /** Catalogue product ids the bulletin names. */
  readonly productIds: readonly string[];
}

/** What to do for one CVE. */
export type ProposalAction =
  | { readonly action: 'create' }
  | { readonly action: 'refresh-draft'; readonly bulletinId: string; readonly changes: readonly BulletinChange[] }
  | { readonly action: 'flag-published'; readonly bulletinId: string; readonly changes: readonly BulletinChange[] }
  | { readonly action: 'reopen'; readonly bulletinId: string; readonly changes: readonly BulletinChange[] }
  | { readonly action: 'record-seen'; readonly bulletinId: string };

/** Why nothing is done for a CVE. */
export type ProposalSkip = 'rejected' | 'not-in-catalogue' | 'below-threshold' | 'unchanged';

/** The decision for one CVE: actions on bulletins, or why none. */
export interface ProposalDecision {
  readonly cveId: string;
  readonly actions: readonly ProposalAction[];
  readonly skipped: ProposalSkip | null;
}

/** True when a CVE deserves a bulletin: selected score ≥ threshold, or known exploited (KEV). */
export function isEligible(cve: Pick<Cve, 'selectedScore' | 'kev'>, options: ProposalRuleOptions): boolean {
  return (cve.selectedScore?.score ?? -1) >= options.threshold || cve.kev !== null;
}

/** Changes between what a bulletin holds for a CVE and the CVE now. */
export function changesOf(cve: Pick<Cve, 'id' | 'selectedScore' | 'kev' | 'state'>, fact: BulletinCve, newProducts: readonly Product[]): BulletinChange[] {
  const changes: BulletinChange[] = [];
  const score = cve.selectedScore?.score ?? null;
  if (cve.state === 'REJECTED') changes.push({ kind: 'rejected', cveId: cve.id });
  if (score !== fact.score) changes.push({ kind: 'score', cveId: cve.id, from: fact.score, to: score });
  if (cve.kev && !fact.kev) changes.push({ kind: 'kev', cveId: cve.id, dateAdded: cve.kev.dateAdded });
  for (const p of newProducts) changes.push({ kind: 'product', cveId: cve.id, product: p.displayName });
  if (changes.length === 0) changes.push({ kind: 'content', cveId: cve.id });
  return changes;
}

/** Applies the proposal rule (file comment) to one CVE. */
export function decideProposal(
  cve: Pick<Cve, 'id' | 'selectedScore' | 'kev' | 'state' | 'materialChangedAt'>,
  affects: readonly Product[],
  covering: readonly CoveringBulletin[],
  options: ProposalRuleOptions,
): ProposalDecision {
  const none = (skipped: ProposalSkip): ProposalDecision => ({ cveId: cve.id, actions: [], skipped });
  if (covering.length === 0) {
    if (cve.state === 'REJECTED') return none('rejected');
    if (affects.length === 0) return none('not-in-catalogue');
    if (!isEligible(cve, options)) return none('below-threshold');
    return { cveId: cve.id, actions: [{ action: 'create' }], skipped: null };
  }
  const actions: ProposalAction[] = [];
  const active = covering.some((b) => b.status !== 'withdrawn');
  for (const b of covering) {
    if (b.fact.seenChangedAt !== null && cve.materialChangedAt <= b.fact.seenChangedAt) continue;
    const newProducts = affects.filter((p) => !b.productIds.includes(p.id));
    const changes = changesOf(cve, b.fact, newProducts);
    if (b.status === 'draft') actions.push({ action: 'refresh-draft', bulletinId: b.id, changes });
    else if (b.status === 'published') actions.push({ action: 'flag-published', bulletinId: b.id, changes });
    else if (!active && cve.state !== 'REJECTED' && affects.length > 0 && changes.some((c) => c.kind === 'kev')) actions.push({ action: 'reopen', bulletinId: b.id, changes });
    else actions.push({ action: 'record-seen', bulletinId: b.id });
  }
  return { cveId: cve.id, actions, skipped: actions.length === 0 ? 'unchanged' : null };
}

/** Severity bucket of a score (same buckets as the knowledge base: ≥ 9, ≥ 7, ≥ 4, > 0, 0). */
export function severityOfScore(score: number | null): Severity {
  if (score === null) return 'unscored';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

/** Highest score and KEV flag of a set of CVE facts. */
export function factsSummary(facts: readonly Pick<BulletinCve, 'score' | 'kev'>[]): { maxScore: number | null; severity: Severity; kev: boolean } {
  const scores = facts.map((f) => f.score).filter((s): s is number => s !== null);
  const maxScore = scores.length > 0 ? Math.max(...scores) : null;
  return { maxScore, severity: severityOfScore(maxScore), kev: facts.some((f) => f.kev) };
}

// ---- Risks from CWEs ----

const RISK_CWES: Readonly<Record<Exclude<BulletinRisk, 'unspecified'>, readonly number[]>> = {
  'remote-code-execution': [77, 78, 94, 95, 96, 98, 119, 120, 121, 122, 416, 434, 502, 787, 917, 1336],
  'privilege-escalation': [250, 266, 269, 274, 648, 732],
  'security-bypass': [284, 285, 287, 288, 290, 294, 306, 307, 345, 347, 639, 640, 862, 863, 1390],
  confidentiality: [22, 23, 35, 89, 200, 201, 209, 312, 319, 359, 522, 532, 538, 611, 798, 918],
  integrity: [89, 345, 610, 601],
  'denial-of-service': [400, 404, 476, 674, 770, 835],
  xss: [79, 80],
  csrf: [352],
};

/** Every risk, in the order CERT-FR bulletins and our forms list them. */
export const BULLETIN_RISKS: readonly BulletinRisk[] = [
  'remote-code-execution',
  'privilege-escalation',
  'security-bypass',
  'confidentiality',
  'integrity',
  'denial-of-service',
  'xss',
  'csrf',
  'unspecified',
];

/** The risks suggested by a CVE's weaknesses (CWE ids); "unspecified" when none is known. */
export function risksFromCwes(cwes: readonly string[]): BulletinRisk[] {
  const numbers = new Set(cwes.map((c) => /^CWE-(\d+)$/i.exec(c.trim())?.[1]).filter((n): n is string => n !== undefined).map(Number));
  const risks = BULLETIN_RISKS.filter((r) => r !== 'unspecified' && RISK_CWES[r].some((n) => numbers.has(n)));
  return risks.length > 0 ? risks : ['unspecified'];
}

// ---- The draft text ----

const RISK_WORDS: Readonly<Record<BulletinRisk, string>> = {
  'remote-code-execution': 'une exécution de code arbitraire à distance',
  'privilege-escalation': 'une élévation de privilèges',
  'security-bypass': 'un contournement de la politique de sécurité',
  confidentiality: 'une atteinte à la confidentialité des données',
  integrity: 'une atteinte à l’intégrité des données',
  'denial-of-service': 'un déni de service',
  xss: 'une injection de code indirecte à distance (XSS)',
  csrf: 'une falsification de requêtes intersites (CSRF)',
  unspecified: 'un problème de sécurité non spécifié par l’éditeur',
};

const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  critical: 'critique',
  high: 'élevée',
  medium: 'moyenne',
  low: 'faible',
  none: 'nulle',
  unscored: 'non évaluée',
};

/** "A, B et C". */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1] ?? ''}`;
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The lines of a CVE's affected versions, in words, kept to the products the bulletin names when possible. */
export function affectedLines(cve: Pick<Cve, 'configurations' | 'affected'>, products: readonly Pick<Product, 'product' | 'displayName'>[]): string[] {
  const lines = cve.configurations.length > 0 ? configurationsInWords(cve.configurations) : affectedVersionsInWords(cve.affected);
  const keys = products.flatMap((p) => [normalised(p.product), normalised(p.displayName)]).filter((k) => k.length >= 3);
  const kept = keys.length > 0 ? lines.filter((l) => keys.some((k) => normalised(l).includes(k))) : [];
  return kept.length > 0 ? kept : lines;
}

const NVD_URL = 'https://nvd.nist.gov/vuln/detail/';

/** Documentation links: vendor advisories and patches first, then the other references, then NVD. */
export function referencesOf(cves: readonly Pick<Cve, 'id' | 'references'>[], max = 12): BulletinLink[] {
  const rank = (tags: readonly string[] | undefined): number => (tags?.includes('Vendor Advisory') ? 0 : tags?.includes('Patch') ? 1 : tags?.includes('Mitigation') ? 2 : 3);
  const candidates = cves
    .flatMap((c) => c.references.map((r, i) => ({ url: r.url, rank: rank(r.tags), i })))
    .filter((r) => /^https?:\/\//i.test(r.url))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const out: BulletinLink[] = [];
  const seen = new Set<string>();
  for (const r of candidates) {
    if (out.length >= max) break;
    if (seen.has(r.url)) continue;
    seen.add(r.url);
    let label: string;
    try {
      label = new URL(r.url).hostname;
    } catch {
      continue;
    }
    out.push({ label, url: r.url });
  }
  for (const c of cves) if (!seen.has(NVD_URL + c.id)) out.push({ label: `${c.id} (NVD)`, url: NVD_URL + c.id });
  return out;
}

/**
 * The text of a proposed bulletin, in French, written from its CVEs and products: the analyst
 * reviews it (the CVE description stays in English, quoted, for the analyst to summarise).
 */
export function draftContent(cves: readonly Cve[], products: readonly Pick<Product, 'displayName' | 'product'>[]): BulletinContent {
  const names = products.map((p) => p.displayName);
  const where = names.length > 0 ? frenchList(names) : frenchList([...new Set(cves.flatMap((c) => c.affected.filter((a) => a.vendor !== 'n/a').map((a) => `${a.vendor} ${a.product}`)))].slice(0, 3)) || 'un produit';
  const several = cves.length > 1;
  const title = cves.length === 0 ? `Vulnérabilité dans ${where}` : several ? `Multiples vulnérabilités dans ${where}` : `Vulnérabilité dans ${where} (${cves[0]?.id ?? ''})`;
  const risks = [...new Set(cves.flatMap((c) => risksFromCwes(c.cwes)))];
  const risksShown = risks.length > 1 ? risks.filter((r) => r !== 'unspecified') : risks;
  const riskWords = frenchList(risksShown.map((r) => RISK_WORDS[r]));
  const paragraphs: string[] = [];
  paragraphs.push(
    several
      ? `De multiples vulnérabilités ont été découvertes dans ${where}. Certaines d’entre elles permettent à un attaquant de provoquer ${riskWords}.`
      : `Une vulnérabilité a été découverte dans ${where}. Elle permet à un attaquant de provoquer ${riskWords}.`,
  );
  const exploited = cves.filter((c) => c.kev !== null);
  if (exploited.length > 0) {
    paragraphs.push(
      exploited.length === 1 && !several
        ? `La CISA indique que cette vulnérabilité est activement exploitée (ajout au catalogue KEV le ${exploited[0]?.kev?.dateAdded ?? ''}).`
        : `La CISA indique que ${frenchList(exploited.map((c) => `${c.id} (le ${c.kev?.dateAdded ?? ''})`))} ${exploited.length > 1 ? 'sont activement exploitées' : 'est activement exploitée'} (catalogue KEV).`,
    );
  }
  for (const c of cves) {
    const score = c.selectedScore ? `score CVSS ${c.selectedScore.version} ${c.selectedScore.score.toFixed(1)}, sévérité ${SEVERITY_WORDS[c.severity]}` : 'pas encore de score CVSS';
    paragraphs.push(`${c.id} (${score}) – description d’origine (en anglais) : « ${c.description.trim()} »`);
  }
  const affectedSystems = [...new Set(cves.flatMap((c) => affectedLines(c, products).map((l) => (several ? `${c.id} : ${l}` : l))))].slice(0, 40).join('\n');
  const requiredActions = [...new Set(exploited.map((c) => c.kev?.requiredAction?.trim()).filter((a): a is string => !!a))];
  const solution = [
    'Se référer au bulletin de sécurité de l’éditeur pour l’obtention des correctifs (cf. section Documentation).',
    ...requiredActions.map((a) => `Mesure demandée par la CISA (en anglais) : « ${a} »`),
  ].join('\n\n');
  return { title, summary: paragraphs.join('\n\n'), risks, affectedSystems, solution, references: referencesOf(cves) };
}
