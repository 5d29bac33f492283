import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures.js';
import { parseKevEntry } from './kev.parse.js';

describe('parseKevEntry', () => {
  const catalogue = JSON.parse(readFileSync(FIXTURES.kev, 'utf8')) as {
    count: number;
    vulnerabilities: unknown[];
  };

  it('reads all 1,404 entries of the 2025.08.25 catalogue', () => {
    expect(catalogue.vulnerabilities).toHaveLength(catalogue.count);
    expect(catalogue.vulnerabilities.map(parseKevEntry).every((o) => o.ok)).toBe(true);
  });

  it('reads one entry raw → expected', () => {
    const raw = catalogue.vulnerabilities.find((v) => (v as { cveID: string }).cveID === 'CVE-2024-3400');
    expect(parseKevEntry(raw)).toMatchObject({
      ok: true,
      value: {
        source: 'kev',
        id: 'CVE-2024-3400',
        entry: {
          dateAdded: '2024-04-12',
          vendorProject: 'Palo Alto Networks',
          product: 'PAN-OS',
          knownRansomwareCampaignUse: 'Known',
          dueDate: '2024-04-19',
        },
      },
    });
  });

  it('refuses an entry without a date, naming it', () => {
    expect(parseKevEntry({ cveID: 'CVE-2024-0001', dateAdded: '12/04/2024' })).toEqual({
      ok: false,
      id: 'CVE-2024-0001',
      reason: 'dateAdded "12/04/2024" is not a YYYY-MM-DD date',
    });
  });

  it('never throws (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void expect(() => parseKevEntry(v)).not.toThrow()),
      { numRuns: 500 },
    );
  });
});
