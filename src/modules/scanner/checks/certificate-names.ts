/** Which names a certificate covers (RFC 9525 §6.3: DNS SANs, else the CN; one-label wildcards). Pure. */
import { isIP } from 'node:net';
import type { CertificateObservation } from '../scanner.types.js';

/** The DNS names a certificate is valid for (SANs, or the subject CN when it has no SAN). */
export function certificateNames(certificate: CertificateObservation): string[] {
  const sans = certificate.subjectAltNames.filter((n) => isIP(n) === 0).map((n) => n.toLowerCase());
  if (sans.length > 0) return sans;
  const cn = /(?:^|,\s*)CN=([^,]+)/i.exec(certificate.subject)?.[1]?.trim().toLowerCase();
  return cn ? [cn] : [];
}

/** True when `pattern` (a certificate name, maybe `*.x.y`) matches `name`. */
export function nameMatches(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const n = name.toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) {
    const rest = p.slice(1);
    return n.endsWith(rest) && !n.slice(0, n.length - rest.length).includes('.') && n.length > rest.length;
  }
  return p === n;
}

/** True when the certificate covers `name` (an IP literal is matched against IP SANs). */
export function certificateCovers(certificate: CertificateObservation, name: string): boolean {
  if (isIP(name) !== 0) return certificate.subjectAltNames.includes(name);
  return certificateNames(certificate).some((p) => nameMatches(p, name));
}
