import { describe, expect, it } from 'vitest';
import { buildFinding, localiseFinding, shortEvidence } from './finding.build.js';
import type { CheckDefinition } from './finding.types.js';

const definition: CheckDefinition = {
  id: 'software.known-cve',
  category: 'known-vulnerability',
  severity: 'from-cvss',
  title: { fr: 'Vulnérabilité connue', en: 'Known vulnerability' },
  description: { fr: 'Description', en: 'Description EN' },
  recommendation: { fr: 'Mettre à jour', en: 'Update' },
  references: ['https://nvd.nist.gov/'],
};

describe('buildFinding', () => {
  it('fills both languages, French by default, and the contract fields', () => {
    const f = buildFinding(definition, {
      target: { address: '127.100.6.10', port: 22, hostname: undefined, url: '' },
      evidence: 'OpenSSH 9.2p1',
      discriminator: 'CVE-2023-51385',
      severity: 'critical',
      cve: ['CVE-2023-51385'],
      cvss: 9.8,
      kev: false,
      detail: { fr: 'Détail', en: 'Detail' },
      references: ['https://nvd.nist.gov/vuln/detail/CVE-2023-51385'],
    });
    expect(f).toMatchObject({
      check: 'software.known-cve',
      category: 'known-vulnerability',
      severity: 'critical',
      target: { address: '127.100.6.10', port: 22 },
      title: 'Vulnérabilité connue',
      titleEn: 'Known vulnerability',
      description: 'Description\n\nDétail',
      recommendation: 'Mettre à jour',
      cve: ['CVE-2023-51385'],
      cvss: 9.8,
      cvssVector: null,
      kev: false,
    });
    expect(f.references).toHaveLength(2);
    expect(localiseFinding(f, 'en')).toMatchObject({
      title: 'Known vulnerability',
      description: 'Description EN\n\nDetail',
      recommendation: 'Update',
    });
  });

  it('keeps evidence short and printable', () => {
    expect(shortEvidence('a\r\nb\u0000c')).toBe('a ⏎ b\\x00c');
    expect(shortEvidence('x'.repeat(2000))).toHaveLength(600);
  });
});
