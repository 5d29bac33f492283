import { describe, expect, it } from 'vitest';
import { FIXTURES, cve5Record, nvdRecord } from './sources/fixtures.js';
import { affectedVersionsInWords, configurationsInWords } from './cve.words.js';

describe('configurations and affected versions in words', () => {
  it('says the FortiOS ranges of CVE-2024-21762', () => {
    const [line] = configurationsInWords(nvdRecord(FIXTURES.nvdFkie, 'CVE-2024-21762').configurations);
    expect(line).toContain('fortinet fortios from 7.0.0 (including) up to 7.0.14 (excluding)');
  });
  it('says an AND configuration with its platform', () => {
    expect(configurationsInWords(nvdRecord(FIXTURES.nvdDerived, 'CVE-2009-1122').configurations)).toEqual([
      'microsoft internet information services 5.0, running on microsoft windows 2000 sp4 (platform)',
    ]);
  });
  it('says the CVE 5 versions of PAN-OS and the Citrix builds', () => {
    const panos = affectedVersionsInWords(cve5Record('CVE-2024-3400').affected);
    expect(panos[0]).toContain('Palo Alto Networks PAN-OS (CNA):');
    expect(panos[0]).toContain('10.2.0 before 10.2.9-h1: affected (unaffected from 10.2.9-h1)');
    expect(panos[0]).toContain('other versions: unaffected');
    expect(affectedVersionsInWords(cve5Record('CVE-2023-3466').affected)[0]).toContain(
      '13.1 before 13.1-49.13: affected',
    );
  });
});
