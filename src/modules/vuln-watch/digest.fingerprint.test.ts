import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCve } from './cve.merge.js';
import { materialChanges, materialFingerprint, readFingerprint } from './digest.fingerprint.js';
import { FIXTURES, cve5Record, nvdRecord } from './sources/fixtures.js';
import type { MaterialFingerprint } from './subscription.types.js';
import type { Cve, KevEntry } from './vuln-watch.types.js';

function real(id: string, nvd = false): Cve {
  return mergeCve({ id, nvd: nvd ? nvdRecord(FIXTURES.nvdFkie, id) : null, cve5: cve5Record(id), kev: null, epss: null }, '2026-01-01T00:00:00.000Z');
}

const FORTIOS = real('CVE-2024-21762', true);
const APACHE = real('CVE-2024-38475'); // 9.1, in KEV only from 2025-05-01
const KEV: KevEntry = { dateAdded: '2025-05-01', dueDate: '2025-05-22', requiredAction: null, vulnerabilityName: null, knownRansomwareCampaignUse: 'Unknown', vendorProject: 'Apache', product: 'HTTP Server' };

describe('material fingerprint of real CVEs', () => {
  it('holds the selected score, the KEV flag and a hash of the affected data', () => {
    expect(materialFingerprint(FORTIOS)).toMatchObject({ score: 9.8, kev: true });
    expect(materialFingerprint(APACHE)).toMatchObject({ score: 9.1, kev: false });
    expect(materialFingerprint(FORTIOS).affected).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(materialFingerprint(FORTIOS).affected).not.toBe(materialFingerprint(APACHE).affected);
  });

  it('ignores cosmetic changes: description, title, references, CWE, EPSS, vector of the same score, whitespace in versions', () => {
    const before = materialFingerprint(FORTIOS);
    const cosmetic: Cve = {
      ...FORTIOS,
      description: `${FORTIOS.description} (reworded)`,
      title: 'Another title',
      references: [],
      cwes: ['CWE-787'],
      epss: { score: 0.9, percentile: 0.99, date: '2026-01-01' },
      selectedScore: FORTIOS.selectedScore ? { ...FORTIOS.selectedScore, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'other' } : null,
      configurations: FORTIOS.configurations.map((c) => ({ ...c, nodes: c.nodes.map((n) => ({ ...n, cpeMatch: n.cpeMatch.map((m) => ({ ...m, ...(m.versionEndExcluding ? { versionEndExcluding: `${m.versionEndExcluding} ` } : {}) })) })) })),
    };
    expect(materialFingerprint(cosmetic)).toEqual(before);
    expect(materialChanges(before, materialFingerprint(cosmetic))).toBeNull();
  });

  it('sees a score raise, a KEV addition and a change of the affected versions', () => {
    const sent = materialFingerprint(APACHE);
    const raised = materialFingerprint({ ...APACHE, selectedScore: { ...APACHE.selectedScore!, score: 9.8 } });
    expect(materialChanges(sent, raised)).toEqual([{ kind: 'score-raised', from: 9.1, to: 9.8 }]);
    expect(materialChanges(sent, materialFingerprint({ ...APACHE, kev: KEV }))).toEqual([{ kind: 'kev-added' }]);
    const narrowed = { ...FORTIOS, configurations: FORTIOS.configurations.map((c) => ({ ...c, nodes: c.nodes.map((n) => ({ ...n, cpeMatch: n.cpeMatch.slice(1) })) })) };
    expect(materialChanges(materialFingerprint(FORTIOS), materialFingerprint(narrowed))).toEqual([{ kind: 'affected-changed' }]);
  });

  it('does not re-send a lower score or a KEV removal', () => {
    const sent = materialFingerprint({ ...APACHE, kev: KEV });
    expect(materialChanges(sent, materialFingerprint({ ...APACHE, selectedScore: { ...APACHE.selectedScore!, score: 7.5 } }))).toBeNull();
    expect(materialChanges(sent, materialFingerprint(APACHE))).toBeNull();
  });

  it('sees a first score of a CVE sent while not yet scored', () => {
    const unscored = real('CVE-2023-41713');
    expect(materialFingerprint(unscored).score).toBeNull();
    expect(materialChanges(materialFingerprint(unscored), { ...materialFingerprint(unscored), score: 8.1 })).toEqual([{ kind: 'score-raised', from: null, to: 8.1 }]);
  });
});

describe('material changes (properties)', () => {
  const score = fc.option(fc.integer({ min: 0, max: 100 }).map((n) => n / 10), { nil: null });
  const fingerprint: fc.Arbitrary<MaterialFingerprint> = fc.record({ score, kev: fc.boolean(), affected: fc.string({ minLength: 1, maxLength: 16 }) });

  it('an unchanged fingerprint is never re-sent', () => {
    fc.assert(fc.property(fingerprint, (fp) => materialChanges(fp, fp) === null));
  });

  it('a higher score or a KEV addition is always re-sent; nothing else but the affected hash is', () => {
    fc.assert(
      fc.property(fingerprint, fingerprint, (a, b) => {
        const changes = materialChanges(a, b) ?? [];
        const raised = b.score !== null && (a.score === null || b.score > a.score);
        expect(changes.some((c) => c.kind === 'score-raised')).toBe(raised);
        expect(changes.some((c) => c.kind === 'kev-added')).toBe(b.kev && !a.kev);
        expect(changes.some((c) => c.kind === 'affected-changed')).toBe(a.affected !== b.affected);
      }),
    );
  });

  it('stored fingerprints read back as written; anything else reads as "never sent"', () => {
    fc.assert(
      fc.property(fingerprint, (fp) => {
        expect(readFingerprint(JSON.stringify(fp))).toEqual(fp);
      }),
    );
    for (const bad of ['', 'null', '{}', '{"kev":1,"affected":"x"}', 'not json']) expect(readFingerprint(bad)).toBeNull();
  });
});
