import { describe, expect, it } from 'vitest';
import type { CertificateObservation } from '../scanner.types.js';
import { certificateCovers, certificateNames, nameMatches } from './certificate-names.js';

const cert = (subject: string, sans: string[]): CertificateObservation => ({
  subject,
  issuer: subject,
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2027-01-01T00:00:00Z',
  subjectAltNames: sans,
  selfSigned: true,
});

describe('certificate names', () => {
  it('uses SANs, else the CN, with one-label wildcards', () => {
    expect(certificateNames(cert('CN=ignored', ['www.chu-lab.test', '127.100.1.20']))).toEqual([
      'www.chu-lab.test',
    ]);
    expect(certificateNames(cert('O=Fortinet, CN=FGT60FTK20000000', []))).toEqual(['fgt60ftk20000000']);
    expect(nameMatches('*.chu-lab.test', 'vpn.chu-lab.test')).toBe(true);
    expect(nameMatches('*.chu-lab.test', 'a.vpn.chu-lab.test')).toBe(false);
    expect(nameMatches('*.chu-lab.test', 'chu-lab.test')).toBe(false);
    expect(certificateCovers(cert('CN=x', ['WWW.CHU-LAB.TEST']), 'www.chu-lab.test.')).toBe(true);
    expect(certificateCovers(cert('CN=x', ['127.100.1.20']), '127.100.1.20')).toBe(true);
  });
});
