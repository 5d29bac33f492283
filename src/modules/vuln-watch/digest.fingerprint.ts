/**
 * Noise control of digests: what a subscriber was told about a CVE (its MATERIAL FINGERPRINT:
 * selected score, KEV flag, affected configurations and versions) and whether a later state of
 * the CVE is worth telling again. Pure.
 *
 * Worth a « mise à jour »: a higher score (or a first score), a KEV addition, a change of the
 * affected configurations or versions. Not worth it: a lower score, a KEV removal (rare
 * corrections), and everything cosmetic — description wording, references, CWE, EPSS, vector
 * of an unchanged score. The fingerprint stored is always the one last SENT, so a score that
 * drops and comes back is not sent twice.
 */
import { createHash } from 'node:crypto';
import type { MaterialChange, MaterialFingerprint } from './subscription.types.js';
import type { AffectedProduct, Configuration, Cve } from './vuln-watch.types.js';

const trim = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.trim());

function canonicalConfigurations(configurations: readonly Configuration[]): unknown {
  return configurations.map((c) => ({
    o: c.operator ?? null,
    n: c.negate ?? false,
    nodes: c.nodes.map((node) => ({
      o: node.operator,
      n: node.negate ?? false,
      m: node.cpeMatch
        .map((m) => [m.vulnerable, m.criteria, trim(m.versionStartIncluding) ?? '', trim(m.versionStartExcluding) ?? '', trim(m.versionEndIncluding) ?? '', trim(m.versionEndExcluding) ?? ''].join('|'))
        .sort(),
    })),
  }));
}

function canonicalAffected(affected: readonly AffectedProduct[]): unknown {
  return affected
    .map((a) =>
      JSON.stringify({
        p: a.provider,
        v: a.vendor.trim(),
        n: a.product.trim(),
        d: a.defaultStatus ?? null,
        c: [...(a.cpes ?? [])].sort(),
        r: (a.versions ?? []).map((v) => ({
          v: v.version.trim(),
          s: v.status,
          lt: trim(v.lessThan) ?? null,
          le: trim(v.lessThanOrEqual) ?? null,
          ch: (v.changes ?? []).map((c) => `${c.at.trim()}:${c.status}`),
        })),
      }),
    )
    .sort();
}

/** The fingerprint of a CVE as the knowledge base holds it now. */
export function materialFingerprint(cve: Pick<Cve, 'selectedScore' | 'kev' | 'configurations' | 'affected'>): MaterialFingerprint {
  const affected = createHash('sha256')
    .update(JSON.stringify([canonicalConfigurations(cve.configurations), canonicalAffected(cve.affected)]))
    .digest('base64url')
    .slice(0, 16);
  return { score: cve.selectedScore?.score ?? null, kev: cve.kev !== null, affected };
}

/**
 * What changed that the subscriber should hear about, comparing the fingerprint last sent with
 * the current one: `null` means "do not send" (nothing material, or only decreases); an empty
 * previous (never sent) is handled by the caller as a new CVE.
 */
export function materialChanges(sent: MaterialFingerprint, now: MaterialFingerprint): MaterialChange[] | null {
  const changes: MaterialChange[] = [];
  if (now.score !== null && (sent.score === null || now.score > sent.score + 1e-9)) changes.push({ kind: 'score-raised', from: sent.score, to: now.score });
  if (now.kev && !sent.kev) changes.push({ kind: 'kev-added' });
  if (now.affected !== sent.affected) changes.push({ kind: 'affected-changed' });
  return changes.length > 0 ? changes : null;
}

/** Parses a stored fingerprint (tolerant: an unreadable one counts as "never sent"). */
export function readFingerprint(text: string): MaterialFingerprint | null {
  try {
    const value = JSON.parse(text) as Partial<MaterialFingerprint>;
    if (typeof value.affected !== 'string' || typeof value.kev !== 'boolean') return null;
    return { score: typeof value.score === 'number' ? value.score : null, kev: value.kev, affected: value.affected };
  } catch {
    return null;
  }
}
