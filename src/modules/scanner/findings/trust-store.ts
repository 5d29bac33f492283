/**
 * The trust anchors certificates are judged against (configurable: a CERT may add its sector's private
 * CAs; the lab CA in tests). Built once from PEM text, then used by pure checks. A certificate is
 * issued by a trusted CA when its issuer is the subject of an anchor, or when the handshake that
 * observed it verified its chain (`trustError` empty or about something else than the issuer).
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateObservation } from '../scanner.types.js';

/** One trust anchor, reduced to what the checks compare. */
export interface TrustAnchor {
  /** `C=…, O=…, CN=…` in the certificate's order, as the probes write subjects. */
  readonly subject: string;
  readonly fingerprintSha256: string;
}

/** Anchors, plus whether the verdict of the observing handshake counts (its own store). */
export interface TrustStore {
  readonly anchors: readonly TrustAnchor[];
  /**
   * When true (the default), a chain the probe's handshake verified is trusted even if its issuer is
   * not an anchor here (the probe used the system store or a CA bundle).
   */
  readonly trustObservedVerdict: boolean;
}

/** `C=FR\nO=Lab\nCN=x` or `C=FR, O=Lab, CN=x` → `c=fr, o=lab, cn=x` (comparison form). */
export function comparableName(dn: string): string {
  return dn
    .split(/\n|,\s*(?=[A-Za-z.0-9]+=)/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .join(', ');
}

/** Splits a PEM bundle into certificates; malformed blocks are skipped, not fatal. */
export function buildTrustStore(pems: readonly string[], trustObservedVerdict = true): TrustStore {
  const anchors: TrustAnchor[] = [];
  for (const pem of pems) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    for (const block of blocks) {
      try {
        const cert = new X509Certificate(block);
        anchors.push({ subject: comparableName(cert.subject), fingerprintSha256: cert.fingerprint256 });
      } catch {
        // Not a certificate: ignored.
      }
    }
  }
  return { anchors, trustObservedVerdict };
}

/** An empty store that still accepts what the observing handshake verified. */
export const OBSERVED_VERDICT_ONLY: TrustStore = { anchors: [], trustObservedVerdict: true };

/** Handshake errors that say nothing about who issued the certificate. */
const NOT_ABOUT_ISSUER = [
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'certificate does not cover',
  'Hostname/IP does not match',
];

/** Who issued a certificate, as far as the store and the observing handshake tell. */
export type IssuerVerdict = 'trusted' | 'untrusted' | 'self-signed' | 'unknown';

/**
 * Judges the issuer: an anchor itself or issued by an anchor → trusted; self-signed → self-signed;
 * a chain the observing handshake verified (or rejected only for its dates or names) → trusted when
 * `trustObservedVerdict`; an issuer error → untrusted; no trust information at all → unknown.
 */
export function judgeIssuer(certificate: CertificateObservation, store: TrustStore): IssuerVerdict {
  const fingerprint = certificate.fingerprintSha256?.toUpperCase();
  if (fingerprint && store.anchors.some((a) => a.fingerprintSha256.toUpperCase() === fingerprint)) {
    return 'trusted';
  }
  if (certificate.selfSigned) return 'self-signed';
  const issuer = comparableName(certificate.issuer);
  if (store.anchors.some((a) => a.subject === issuer)) return 'trusted';
  if (!store.trustObservedVerdict) return 'untrusted';
  if (certificate.trusted === true) return 'trusted';
  const error = certificate.trustError;
  if (error === null) return certificate.trusted === false ? 'untrusted' : 'trusted';
  if (error === undefined) return certificate.trusted === false ? 'untrusted' : 'unknown';
  return NOT_ABOUT_ISSUER.some((e) => error.includes(e)) ? 'trusted' : 'untrusted';
}
