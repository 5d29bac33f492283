/**
 * Affected configurations and versions in words, for CVE pages, bulletins and e-mails
 * ("FortiOS from 7.0.0 (including) up to 7.0.14 (excluding)"). Pure.
 */
import { resolveBound } from './cpe/affected-match.js';
import { cpeValueText, type CpeName } from './cpe/cpe.js';
import { criterionOf } from './cpe/configuration-match.js';
import { describeBounds } from './versions/version-compare.js';
import type { AffectedProduct, Configuration, CpeMatch } from './vuln-watch.types.js';

function productWords(name: CpeName): string {
  return `${cpeValueText(name.vendor)} ${cpeValueText(name.product)}`.replace(/_/g, ' ');
}

function entryWords(m: CpeMatch): string {
  const name = criterionOf(m.criteria);
  if (!name) return m.criteria;
  const bounds = {
    ...(m.versionStartIncluding !== undefined ? { startIncluding: m.versionStartIncluding } : {}),
    ...(m.versionStartExcluding !== undefined ? { startExcluding: m.versionStartExcluding } : {}),
    ...(m.versionEndIncluding !== undefined ? { endIncluding: m.versionEndIncluding } : {}),
    ...(m.versionEndExcluding !== undefined ? { endExcluding: m.versionEndExcluding } : {}),
  };
  let version: string;
  if (name.version.kind === 'text') version = name.version.text;
  else if (name.version.kind === 'na') version = '';
  else version = describeBounds(bounds);
  if (name.update.kind === 'text') version = `${version} ${name.update.text}`.trim();
  const extras = [name.swEdition, name.targetSw, name.targetHw]
    .filter((v) => v.kind === 'text')
    .map(cpeValueText);
  return `${productWords(name)}${version ? ` ${version}` : ''}${extras.length > 0 ? ` [${extras.join(', ')}]` : ''}${m.vulnerable ? '' : ' (platform)'}`;
}

/** One line per NVD configuration, e.g. "fortinet fortios from 7.0.0 (including) up to 7.0.14 (excluding)". */
export function configurationsInWords(configurations: readonly Configuration[], maxEntries = 12): string[] {
  return configurations.map((config) => {
    const nodes = config.nodes.map((node) => {
      const entries = node.cpeMatch.slice(0, maxEntries).map(entryWords);
      const more = node.cpeMatch.length > maxEntries ? ` (+${node.cpeMatch.length - maxEntries} more)` : '';
      const text = entries.join(node.operator === 'AND' ? ' and ' : ' or ') + more;
      return node.negate ? `not (${text})` : text;
    });
    const joined = nodes.join(
      (config.operator ?? (config.nodes.length > 1 ? 'AND' : 'OR')) === 'AND' ? ', running on ' : ' or ',
    );
    return config.negate ? `not (${joined})` : joined;
  });
}

function versionWords(v: NonNullable<AffectedProduct['versions']>[number]): string {
  const written = v.lessThan ?? v.lessThanOrEqual;
  const upper = written === undefined ? undefined : resolveBound(v, written);
  const from = ['0', '*', 'n/a', ''].includes(v.version.trim()) ? '' : v.version.trim();
  let text: string;
  if (upper === undefined) text = from || v.version.trim();
  else if (upper.trim() === '*') text = from ? `${from} and later` : 'all versions';
  else
    text =
      `${from ? `${from} ` : ''}before ${v.lessThan !== undefined ? upper.trim() : `${upper.trim()} (included)`}`.replace(
        /^before (.*) \(included\)$/,
        'up to $1',
      );
  const changes = (v.changes ?? []).map((c) => `${c.status} from ${resolveBound(v, c.at).trim()}`).join(', ');
  return `${text}: ${v.status}${changes ? ` (${changes})` : ''}`;
}

/** One line per affected product of the CVE 5 data, e.g. "Palo Alto Networks PAN-OS (CNA): 10.2.0 before 10.2.9-h1: affected". */
export function affectedVersionsInWords(affected: readonly AffectedProduct[], maxVersions = 10): string[] {
  return affected
    .filter((a) => a.vendor !== 'n/a' || a.product !== 'n/a')
    .map((a) => {
      const who =
        a.provider === 'cna' ? 'CNA' : a.provider === 'kev' ? 'KEV' : a.provider.replace(/^adp:/, '');
      const versions = (a.versions ?? []).slice(0, maxVersions).map(versionWords);
      const more =
        (a.versions ?? []).length > maxVersions ? `; +${(a.versions ?? []).length - maxVersions} more` : '';
      const rest = a.defaultStatus ? `; other versions: ${a.defaultStatus}` : '';
      return `${a.vendor} ${a.product} (${who}): ${versions.length > 0 ? versions.join('; ') + more : 'versions not given'}${rest}`;
    });
}
