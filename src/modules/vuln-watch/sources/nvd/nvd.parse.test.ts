import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rawNvdItem } from '../fixtures.js';
import { parseNvdItem } from './nvd.parse.js';

describe('parseNvdItem on real records', () => {
  it('reads CVE-2023-4966 (Citrix Bleed): both scores with their providers, CWE, KEV copy, configurations', () => {
    const outcome = parseNvdItem(rawNvdItem(FIXTURES.nvdFkie, 'CVE-2023-4966'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.value;
    expect(r).toMatchObject({
      source: 'nvd',
      id: 'CVE-2023-4966',
      modifiedAt: '2025-10-24T13:42:55.550Z',
      publishedAt: '2023-10-10T14:15:10.977Z',
      vulnStatus: 'Analyzed',
      state: 'PUBLISHED',
    });
    expect(r.metrics.map((m) => [m.provider, m.version, m.baseScore])).toEqual([
      ['cna', '3.1', 9.4],
      ['nvd', '3.1', 7.5],
    ]);
    expect(r.kev?.dateAdded).toBe('2023-10-18');
    expect(r.cwes).toContain('CWE-119');
    expect(r.configurations[0]?.nodes[0]?.cpeMatch).toHaveLength(9);
    expect(r.description).toMatch(/^Sensitive information disclosure/);
    expect(outcome.problems).toEqual([]);
  });

  it('reads the early CVE-2024-3400 record without configurations', () => {
    const outcome = parseNvdItem(rawNvdItem(FIXTURES.nvdFkie, 'CVE-2024-3400'));
    expect(outcome.ok && outcome.value.configurations).toEqual([]);
    expect(outcome.ok && outcome.value.metrics[0]).toMatchObject({
      provider: 'cna',
      baseScore: 10,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    });
  });

  it('reads every record of the three NVD samples, with CVSS 4.0 and 2.0 metrics where present', () => {
    let v40 = 0;
    let v2 = 0;
    for (const file of [FIXTURES.nvdFkie, FIXTURES.nvdOsv, FIXTURES.nvdDerived]) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { vulnerabilities: unknown[] };
      for (const item of doc.vulnerabilities) {
        const outcome = parseNvdItem(item);
        expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
        if (outcome.ok) {
          v40 += outcome.value.metrics.filter((m) => m.version === '4.0').length;
          v2 += outcome.value.metrics.filter((m) => m.version === '2.0').length;
        }
      }
    }
    expect(v40).toBeGreaterThan(0);
    expect(v2).toBeGreaterThan(300);
  });

  it('keeps the Cisco ASA criterion with its escaped parentheses', () => {
    const doc = JSON.parse(readFileSync(FIXTURES.nvdDerived, 'utf8')) as { vulnerabilities: unknown[] };
    const criteria = doc.vulnerabilities.flatMap((item) => {
      const outcome = parseNvdItem(item);
      return outcome.ok
        ? outcome.value.configurations.flatMap((c) =>
            c.nodes.flatMap((n) => n.cpeMatch.map((m) => m.criteria)),
          )
        : [];
    });
    expect(criteria).toContain(
      'cpe:2.3:a:cisco:adaptive_security_appliance_software:9.6\\(4.3\\):*:*:*:*:*:*:*',
    );
    expect(criteria.some((c) => c.includes('avalon_fetal\\/maternal_monitors_fm20'))).toBe(true);
  });
});

describe('parseNvdItem refusals and problems name the record', () => {
  it.each([
    [null, 'no "cve" object'],
    [{ cve: { id: 'CVE-24-1', lastModified: '2024-01-01T00:00:00' } }, 'is not a CVE identifier'],
    [
      { cve: { id: 'CVE-2024-0001', lastModified: 'yesterday' } },
      '"lastModified" "yesterday" is not a timestamp',
    ],
    [{ cve: { CVE_data_meta: { ID: 'CVE-2005-1466' } } }, 'legacy NVD 1.1 item'],
  ])('%j → %s', (raw, reason) => {
    const outcome = parseNvdItem(raw);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toContain(reason);
  });

  it('imports a record whose vector does not parse as "not yet scored" for that metric, and says why', () => {
    const raw = {
      cve: {
        id: 'CVE-2024-9999',
        published: '2024-01-01T00:00:00',
        lastModified: '2024-01-02T00:00:00',
        descriptions: [{ lang: 'en', value: 'x' }],
        metrics: {
          cvssMetricV31: [
            {
              source: 'nvd@nist.gov',
              type: 'Primary',
              cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:Q/AC:L', baseScore: 9.8 },
            },
          ],
        },
        configurations: [
          {
            nodes: [
              {
                operator: 'OR',
                cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:z:bad:part:*:*:*:*:*:*:*:*' }],
              },
            ],
          },
        ],
      },
    };
    const outcome = parseNvdItem(raw);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.metrics).toEqual([]);
    expect(outcome.problems.join('\n')).toContain(
      'CVSS 3.1 vector "CVSS:3.1/AV:Q/AC:L" does not parse (AV:Q is not one of N, A, L, P)',
    );
    expect(outcome.problems.join('\n')).toContain('unknown part "z"');
  });

  it('never throws on arbitrary JSON (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => parseNvdItem(value)).not.toThrow();
        expect(() => parseNvdItem({ cve: value })).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated real records (fast-check)', () => {
    const base = rawNvdItem(FIXTURES.nvdFkie, 'CVE-2024-21762') as { cve: Record<string, unknown> };
    const keys = Object.keys(base.cve);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        expect(() => parseNvdItem({ cve: { ...base.cve, [key]: value } })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
