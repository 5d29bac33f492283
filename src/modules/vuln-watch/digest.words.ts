/**
 * Affected versions in French (or English) words for digests: one line per product, e.g.
 * « fortinet fortios : de 7.0.0 (incluse) à 7.0.14 (exclue) ; de 7.2.0 (incluse) à 7.2.7
 * (exclue) ». From the NVD configurations when there are some, else from the CVE 5 affected data
 * (the CNA's first, CISA-ADP's when the CNA gave none). Pure.
 */
import { parseCpe, type CpeName } from './kb.js';
import type { AffectedProduct, Cve, CpeMatch } from './vuln-watch.types.js';
import type { Lang } from '../../platform/i18n/i18n.js';

const WORDS = {
  fr: {
    from: (v: string) => `à partir de ${v} (incluse)`,
    after: (v: string) => `après ${v}`,
    to: (v: string) => `jusqu’à ${v} (incluse)`,
    before: (v: string) => `avant ${v}`,
    all: 'toutes versions',
    notGiven: 'versions non précisées',
    fixedIn: (v: string) => `corrigée en ${v}`,
    andLater: (v: string) => `${v} et suivantes`,
    others: (n: number) => `et ${n} autre(s)`,
    otherVersionsAffected: 'autres versions : concernées',
  },
  en: {
    from: (v: string) => `from ${v} (included)`,
    after: (v: string) => `after ${v}`,
    to: (v: string) => `up to ${v} (included)`,
    before: (v: string) => `before ${v}`,
    all: 'all versions',
    notGiven: 'versions not given',
    fixedIn: (v: string) => `fixed in ${v}`,
    andLater: (v: string) => `${v} and later`,
    others: (n: number) => `and ${n} more`,
    otherVersionsAffected: 'other versions: affected',
  },
} as const;

type Words = (typeof WORDS)[Lang];

function cpeOf(criteria: string): CpeName | null {
  try {
    return parseCpe(criteria);
  } catch {
    return null;
  }
}

function text(value: CpeName['vendor']): string {
  return value.kind === 'text' ? value.text.replace(/_/g, ' ') : value.kind === 'na' ? '-' : '*';
}

function boundsWords(m: CpeMatch, w: Words, lang: Lang): string {
  const s = m.versionStartIncluding?.trim();
  const sx = m.versionStartExcluding?.trim();
  const e = m.versionEndIncluding?.trim();
  const ex = m.versionEndExcluding?.trim();
  const start = s ? w.from(s) : sx ? w.after(sx) : '';
  const end = e ? w.to(e) : ex ? w.before(ex) : '';
  if (start && end) {
    if (lang === 'fr') return `de ${s ?? sx}${s ? ' (incluse)' : ' (exclue)'} à ${e ?? ex}${e ? ' (incluse)' : ' (exclue)'}`;
    return `${start} ${end}`;
  }
  return start || end || w.all;
}

function configurationLines(cve: Pick<Cve, 'configurations'>, w: Words, lang: Lang, perProduct: number): string[] {
  const byProduct = new Map<string, string[]>();
  for (const config of cve.configurations) {
    if (config.negate) continue;
    for (const node of config.nodes) {
      if (node.negate) continue;
      for (const m of node.cpeMatch) {
        if (!m.vulnerable) continue;
        const name = cpeOf(m.criteria);
        if (!name) continue;
        const product = `${text(name.vendor)} ${text(name.product)}`;
        const version = name.version.kind === 'text' ? `${name.version.text}${name.update.kind === 'text' ? ` ${name.update.text}` : ''}` : boundsWords(m, w, lang);
        const list = byProduct.get(product) ?? [];
        if (!list.includes(version)) list.push(version);
        byProduct.set(product, list);
      }
    }
  }
  return [...byProduct].map(([product, versions]) => {
    const shown = versions.slice(0, perProduct).join(' ; ');
    const more = versions.length > perProduct ? ` ${w.others(versions.length - perProduct)}` : '';
    return `${product} : ${shown}${more}`;
  });
}

function versionEntryWords(v: NonNullable<AffectedProduct['versions']>[number], w: Words, lang: Lang): string | null {
  const affected = v.status === 'affected' || (v.changes ?? []).some((c) => c.status === 'affected');
  if (!affected) return null;
  const from = ['0', '*', 'n/a', '', '-'].includes(v.version.trim().toLowerCase()) ? '' : v.version.trim();
  const upper = (v.lessThan ?? v.lessThanOrEqual)?.trim();
  let out: string;
  if (upper === undefined) out = from || w.all;
  else if (upper === '*') out = from ? w.andLater(from) : w.all;
  else if (lang === 'fr') out = from ? `de ${from} (incluse) à ${upper} (${v.lessThan !== undefined ? 'exclue' : 'incluse'})` : v.lessThan !== undefined ? w.before(upper) : w.to(upper);
  else out = from ? `${w.from(from)} ${v.lessThan !== undefined ? w.before(upper) : w.to(upper)}` : v.lessThan !== undefined ? w.before(upper) : w.to(upper);
  // A fix at the range's own upper bound says nothing more.
  const fixed = (v.changes ?? []).filter((c) => c.status === 'unaffected' && c.at.trim() !== upper).map((c) => w.fixedIn(c.at.trim()));
  return fixed.length > 0 ? `${out} (${fixed.join(', ')})` : out;
}

function affectedLines(affected: readonly AffectedProduct[], w: Words, lang: Lang, perProduct: number): string[] {
  const relevant = (list: readonly AffectedProduct[]) =>
    list
      .filter((a) => a.vendor.trim().toLowerCase() !== 'n/a' || a.product.trim().toLowerCase() !== 'n/a')
      .map((a) => {
        const versions = (a.versions ?? []).map((v) => versionEntryWords(v, w, lang)).filter((x): x is string => x !== null);
        const others = a.defaultStatus === 'affected' ? [w.otherVersionsAffected] : [];
        if ((a.versions ?? []).length === 0 && a.defaultStatus !== 'unaffected') versions.push(w.notGiven);
        const all = [...versions, ...others];
        if (all.length === 0) return null;
        const shown = all.slice(0, perProduct).join(' ; ');
        const more = all.length > perProduct ? ` ${w.others(all.length - perProduct)}` : '';
        return `${a.vendor.trim()} ${a.product.trim()} : ${shown}${more}`;
      })
      .filter((x): x is string => x !== null);
  const cna = relevant(affected.filter((a) => a.provider === 'cna'));
  const lines = cna.length > 0 ? cna : relevant(affected.filter((a) => a.provider !== 'cna'));
  return [...new Set(lines)];
}

/** At most `maxLines` lines saying which products and versions a CVE affects. */
export function affectedInWords(cve: Pick<Cve, 'configurations' | 'affected'>, lang: Lang, maxLines = 4, perProduct = 6): string[] {
  const w = WORDS[lang];
  const lines = cve.configurations.length > 0 ? configurationLines(cve, w, lang, perProduct) : affectedLines(cve.affected, w, lang, perProduct);
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines), w.others(lines.length - maxLines)];
}
