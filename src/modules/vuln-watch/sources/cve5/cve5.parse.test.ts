import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rawCve5Record } from '../fixtures.js';
import { parseCve5Record } from './cve5.parse.js';

describe('parseCve5Record on real records (vulnrichment sample)', () => {
  it('reads CVE-2024-3400: CNA and CISA-ADP affected entries, KEV and SSVC from the ADP', () => {
    const outcome = parseCve5Record(rawCve5Record('CVE-2024-3400'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.value;
    expect(r).toMatchObject({ source: 'cve5', id: 'CVE-2024-3400', state: 'PUBLISHED' });
    expect(r.title).toMatch(/PAN-OS/);
    const cna = r.affected.filter((a) => a.provider === 'cna');
    const adp = r.affected.filter((a) => a.provider === 'adp:CISA-ADP');
    expect(cna[0]).toMatchObject({
      vendor: 'Palo Alto Networks',
      product: 'PAN-OS',
      defaultStatus: 'unaffected',
    });
    expect(cna[0]?.versions?.find((v) => v.version === '10.2.0')).toMatchObject({
      status: 'affected',
      lessThan: '10.2.9-h1',
      changes: [{ at: '10.2.9-h1', status: 'unaffected' }],
    });
    expect(adp.map((a) => a.cpes?.[0])).toContain('cpe:2.3:o:paloaltonetworks:pan-os:10.2.0:*:*:*:*:*:*:*');
    expect(adp.map((a) => a.versions?.[0]?.lessThan)).toContain('10.2.9-h1 ');
    expect(r.kev?.dateAdded).toBe('2024-04-12');
    expect(r.metrics.some((m) => m.provider === 'cna' && m.baseScore === 10)).toBe(true);
  });

  it('reads all 224 records; 25 carry a CVSS 4.0 metric, 18 have no score at all', () => {
    const records = JSON.parse(readFileSync(FIXTURES.cve5, 'utf8')) as unknown[];
    expect(records).toHaveLength(224);
    const parsed = records.map(parseCve5Record);
    expect(parsed.every((p) => p.ok)).toBe(true);
    const values = parsed.flatMap((p) => (p.ok ? [p.value] : []));
    expect(values.filter((r) => r.metrics.some((m) => m.version === '4.0'))).toHaveLength(25);
    expect(values.filter((r) => r.metrics.length === 0)).toHaveLength(18);
  });
});

describe('parseCve5Record refusals', () => {
  it.each([
    [{}, 'no cveMetadata'],
    [
      {
        dataType: 'CVE_RECORD',
        dataVersion: '4.0',
        cveMetadata: { cveId: 'CVE-2020-0001', dateUpdated: '2020-01-01' },
        containers: { cna: {} },
      },
      'dataVersion "4.0" is not a CVE JSON 5.x version',
    ],
    [
      {
        dataType: 'CVE_RECORD',
        dataVersion: '5.1',
        cveMetadata: { cveId: 'CVE-2020-0001' },
        containers: { cna: {} },
      },
      'no dateUpdated',
    ],
    [
      {
        dataType: 'CVE_RECORD',
        dataVersion: '5.1',
        cveMetadata: { cveId: 'CVE-2020-0001', dateUpdated: '2020-01-01T00:00:00Z' },
      },
      'no containers.cna',
    ],
  ])('%j → %s', (raw, reason) => {
    const outcome = parseCve5Record(raw);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toContain(reason);
  });

  it('never throws on arbitrary JSON or mutated records (fast-check)', () => {
    const base = rawCve5Record('CVE-2024-3400') as Record<string, unknown>;
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('containers', 'cveMetadata', 'dataVersion', 'dataType'),
        (value, key) => {
          expect(() => parseCve5Record(value)).not.toThrow();
          expect(() => parseCve5Record({ ...base, [key]: value })).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
