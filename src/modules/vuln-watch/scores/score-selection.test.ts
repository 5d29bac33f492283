import { describe, expect, it } from 'vitest';
import { mergeCve } from '../cve.merge.js';
import { FIXTURES, cve5Record, nvdRecord } from '../sources/fixtures.js';
import type { CvssMetric } from '../vuln-watch.types.js';
import { selectScore, severityOf } from './score-selection.js';

const at = '2026-01-01T00:00:00.000Z';

describe('score selection rule on real records', () => {
  it('CVE-2023-4966 Citrix Bleed: CNA 9.4 beats NVD 7.5 (the highest of NVD and CNA)', () => {
    const s = selectScore(nvdRecord(FIXTURES.nvdFkie, 'CVE-2023-4966').metrics);
    expect(s).toMatchObject({ score: 9.4, version: '3.1', source: 'secure@citrix.com' });
    expect(s?.rule).toBe('highest of NVD and CNA: CNA (secure@citrix.com) CVSS 3.1 9.4 > NVD CVSS 3.1 7.5');
    expect(severityOf(s)).toBe('critical');
  });

  it('CVE-2024-3400 early NVD record: only the CNA scored it (10.0)', () => {
    const s = selectScore(nvdRecord(FIXTURES.nvdFkie, 'CVE-2024-3400').metrics);
    expect(s).toMatchObject({
      score: 10,
      rule: 'CNA (psirt@paloaltonetworks.com) CVSS 3.1 10.0 (only the CNA scored it)',
    });
  });

  it('CVE-2024-28877: the CNA speaks through its newest version (4.0 8.7, not its 3.1 8.8)', () => {
    const s = selectScore(cve5Record('CVE-2024-28877').metrics);
    expect(s).toMatchObject({ score: 8.7, version: '4.0' });
    expect(s?.rule).toContain('its newest CVSS version is used');
  });

  it('CVE-2024-22394: neither NVD nor the CNA scored it, CISA-ADP did (9.8)', () => {
    const s = selectScore(cve5Record('CVE-2024-22394').metrics);
    expect(s).toMatchObject({ score: 9.8, source: 'CISA-ADP' });
    expect(s?.rule).toMatch(/^neither NVD nor the CNA scored it: ADP CISA-ADP CVSS 3\.1 9\.8/);
  });

  it('CVE-2011-3336 (derived NVD): NVD speaks through 3.1 (7.5), not its older 2.0 (7.8)', () => {
    const s = selectScore(nvdRecord(FIXTURES.nvdDerived, 'CVE-2011-3336').metrics);
    expect(s).toMatchObject({ score: 7.5, version: '3.1' });
  });

  it('CVE-2005-1466 (derived NVD): an old record with CVSS 2.0 only uses it', () => {
    expect(selectScore(nvdRecord(FIXTURES.nvdDerived, 'CVE-2005-1466').metrics)).toMatchObject({
      version: '2.0',
    });
  });

  it('CVE-2022-2097: no score anywhere → not yet scored, never dropped', () => {
    const cve = mergeCve(
      { id: 'CVE-2022-2097', nvd: null, cve5: cve5Record('CVE-2022-2097'), kev: null, epss: null },
      at,
    );
    expect(cve.selectedScore).toBeNull();
    expect(cve.severity).toBe('unscored');
  });

  it('CVE-2024-3400 merged (NVD + CVE 5): the CNA metric given by both sources counts once', () => {
    const cve = mergeCve(
      {
        id: 'CVE-2024-3400',
        nvd: nvdRecord(FIXTURES.nvdFkie, 'CVE-2024-3400'),
        cve5: cve5Record('CVE-2024-3400'),
        kev: null,
        epss: null,
      },
      at,
    );
    expect(cve.metrics.filter((m) => m.provider === 'cna' && m.version === '3.1')).toHaveLength(1);
    expect(cve.selectedScore?.score).toBe(10);
  });
});

describe('score selection rule, constructed cases', () => {
  const metric = (
    provider: CvssMetric['provider'],
    version: CvssMetric['version'],
    baseScore: number,
    source = provider ?? 'x',
  ): CvssMetric => ({
    version,
    vector: `v${version}`,
    baseScore,
    baseSeverity: null,
    source,
    type: provider === 'nvd' ? 'Primary' : 'Secondary',
    provider,
  });
  it('a CNA 4.0 score does not hide a higher NVD 3.1 score (different scales: the higher alerts)', () => {
    expect(selectScore([metric('cna', '4.0', 6.9), metric('nvd', '3.1', 7.5)])).toMatchObject({
      score: 7.5,
      version: '3.1',
    });
  });
  it('ADP scores are ignored when NVD or the CNA scored', () => {
    expect(selectScore([metric('adp', '3.1', 9.8, 'CISA-ADP'), metric('nvd', '3.1', 5.3)])).toMatchObject({
      score: 5.3,
    });
  });
  it('ties prefer the newer version, then NVD', () => {
    expect(selectScore([metric('cna', '3.1', 7.5), metric('nvd', '3.1', 7.5)])).toMatchObject({
      source: 'nvd',
    });
    expect(selectScore([metric('cna', '4.0', 7.5), metric('nvd', '3.1', 7.5)])).toMatchObject({
      version: '4.0',
    });
  });
  it('buckets scores into severities', () => {
    const s = (score: number) => severityOf({ score, version: '3.1', vector: '', source: '', rule: '' });
    expect([s(9), s(8.9), s(7), s(6.9), s(4), s(0.1), s(0)]).toEqual([
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'none',
    ]);
  });
});
