import { describe, expect, it } from 'vitest';
import { mergeCve } from './cve.merge.js';
import { affectedInWords } from './digest.words.js';
import { FIXTURES, cve5Record, nvdRecord } from './sources/fixtures.js';
import type { AffectedProduct } from './vuln-watch.types.js';

const real = (id: string, nvd = false) =>
  mergeCve({ id, nvd: nvd ? nvdRecord(FIXTURES.nvdFkie, id) : null, cve5: cve5Record(id), kev: null, epss: null }, '2026-01-01T00:00:00.000Z');

describe('affected versions in words', () => {
  it('reads NVD configurations (FortiOS CVE-2024-21762), French and English', () => {
    expect(affectedInWords(real('CVE-2024-21762', true), 'fr')).toContain(
      'fortinet fortios : de 6.0.0 (incluse) à 6.0.18 (exclue) ; de 6.2.0 (incluse) à 6.2.16 (exclue) ; de 6.4.0 (incluse) à 6.4.15 (exclue) ; de 7.0.0 (incluse) à 7.0.14 (exclue) ; de 7.2.0 (incluse) à 7.2.7 (exclue) ; de 7.4.0 (incluse) à 7.4.3 (exclue)',
    );
    expect(affectedInWords(real('CVE-2024-21762', true), 'en')[1]).toMatch(/^fortinet fortios : from 6\.0\.0 \(included\) before 6\.0\.18 ;/);
  });

  it('reads the CNA affected data when NVD has no configuration (PAN-OS CVE-2024-3400), leaving unaffected products out', () => {
    expect(affectedInWords(real('CVE-2024-3400'), 'fr')).toEqual([
      'Palo Alto Networks PAN-OS : de 10.2.0 (incluse) à 10.2.9-h1 (exclue) ; de 11.0.0 (incluse) à 11.0.4-h1 (exclue) ; de 11.1.0 (incluse) à 11.1.2-h3 (exclue)',
    ]);
  });

  it.each<[label: string, entry: AffectedProduct, line: string]>([
    ['open upper bound', { vendor: 'V', product: 'P', provider: 'cna', versions: [{ version: '2.0', status: 'affected', lessThan: '*' }] }, 'V P : 2.0 et suivantes'],
    ['up to, included', { vendor: 'V', product: 'P', provider: 'cna', versions: [{ version: '0', status: 'affected', lessThanOrEqual: '3.1 ' }] }, 'V P : jusqu’à 3.1 (incluse)'],
    ['fix inside the range', { vendor: 'V', product: 'P', provider: 'cna', versions: [{ version: '1.0', status: 'affected', lessThan: '2.0', changes: [{ at: '1.5', status: 'unaffected' }] }] }, 'V P : de 1.0 (incluse) à 2.0 (exclue) (corrigée en 1.5)'],
    ['no versions given', { vendor: 'V', product: 'P', provider: 'cna' }, 'V P : versions non précisées'],
    ['other versions affected', { vendor: 'V', product: 'P', provider: 'cna', defaultStatus: 'affected', versions: [{ version: '4.0', status: 'unaffected' }] }, 'V P : autres versions : concernées'],
  ])('%s', (_label, entry, line) => {
    expect(affectedInWords({ configurations: [], affected: [entry] }, 'fr')).toEqual([line]);
  });

  it('keeps a few lines and counts the rest', () => {
    const many: AffectedProduct[] = Array.from({ length: 7 }, (_, i) => ({ vendor: 'V', product: `P${i}`, provider: 'cna', versions: [{ version: '1', status: 'affected' }] }));
    const lines = affectedInWords({ configurations: [], affected: many }, 'fr');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('et 3 autre(s)');
  });
});
