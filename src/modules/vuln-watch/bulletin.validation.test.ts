import { describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { cleanText, isWebUrl, parseCveIds, parseReferences, parseRisks, referencesText } from './bulletin.validation.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HygieError) return error.code;
    throw error;
  }
  return 'none';
}

describe('bulletin input checks', () => {
  it('reads documentation links as "label | url" lines or bare URLs, and writes them back', () => {
    const links = parseReferences('Avis Fortinet | https://fortiguard.com/psirt/FG-IR-24-015\n\nhttps://nvd.nist.gov/vuln/detail/CVE-2024-21762\r\nhttps://nvd.nist.gov/vuln/detail/CVE-2024-21762');
    expect(links).toEqual([
      { label: 'Avis Fortinet', url: 'https://fortiguard.com/psirt/FG-IR-24-015' },
      { label: 'nvd.nist.gov', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-21762' },
    ]);
    expect(parseReferences(referencesText(links))).toEqual(links);
    expect(parseReferences([{ url: 'https://example.org/a' }])).toEqual([{ label: 'example.org', url: 'https://example.org/a' }]);
  });

  it('refuses links that are not http(s), naming the line', () => {
    expect(codeOf(() => parseReferences('ok | https://example.org\njavascript:alert(1)'))).toBe('VULNWATCH_BULLETIN_REFERENCE_INVALID');
    try {
      parseReferences('https://example.org\nx | ftp://example.org');
    } catch (error) {
      expect((error as HygieError).details[0]).toMatchObject({ field: 'references', line: 2 });
    }
    expect(isWebUrl('https://example.org/x')).toBe(true);
    expect(isWebUrl('data:text/html,x')).toBe(false);
  });

  it('reads CVE ids separated by spaces, commas or new lines', () => {
    expect(parseCveIds('cve-2024-3400, CVE-2023-4966\nCVE-2024-3400')).toEqual(['CVE-2024-3400', 'CVE-2023-4966']);
    expect(parseCveIds(['CVE-2024-21762'])).toEqual(['CVE-2024-21762']);
    expect(codeOf(() => parseCveIds('CVE-24-1'))).toBe('VULNWATCH_BULLETIN_CVE_UNKNOWN');
  });

  it('cleans texts and refuses control characters and overlong values', () => {
    expect(cleanText('  a\r\nb\tc  ', 'summary', 100)).toBe('a\nb\tc');
    expect(codeOf(() => cleanText('a\u0000b', 'summary', 100))).toBe('VULNWATCH_BULLETIN_FIELD_INVALID');
    expect(codeOf(() => cleanText('abcdef', 'title', 5))).toBe('VULNWATCH_BULLETIN_FIELD_INVALID');
  });

  it('accepts only known risks, in the catalogue order', () => {
    expect(parseRisks(['xss', 'remote-code-execution', 'xss', ''])).toEqual(['remote-code-execution', 'xss']);
    expect(codeOf(() => parseRisks(['world-domination']))).toBe('VULNWATCH_BULLETIN_RISK_UNKNOWN');
  });
});
