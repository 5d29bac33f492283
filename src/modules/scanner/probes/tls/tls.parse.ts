/**
 * Pure TLS helpers: a certificate described the way the scan result reports it, the signature
 * algorithm read from the DER, and a hand-built SSLv3 ClientHello with the reading of its answer
 * (Node's OpenSSL cannot negotiate SSLv3 at all, so the scanner speaks the first flight itself).
 */
import { randomBytes, type X509Certificate } from 'node:crypto';
import type { CertificateObservation } from '../../scanner.types.js';

/** What the handshake said about trust, and the name the client asked for. */
export interface TrustContext {
  readonly authorized: boolean;
  readonly authorizationError: string | null;
  /** The name sent as SNI / expected in the certificate; null when only the IP is known. */
  readonly hostname: string | null;
}

/** `C=FR\nO=Lab\nCN=x` → `C=FR, O=Lab, CN=x`. */
export function distinguishedName(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');
}

/** `DNS:a, DNS:"b,c", IP Address:1.2.3.4` → `['a', 'b,c', '1.2.3.4']` (type prefixes dropped). */
export function parseSubjectAltNames(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const entry = /\s*([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g;
  for (const m of text.matchAll(entry)) {
    let value = (m[2] as string).trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    if (value !== '') out.push(value);
    if (out.length >= 500) break;
  }
  return out;
}

const SIGNATURE_OIDS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
};

/** Reads a DER tag-length header at `offset`: [tag, start of content, length] or null. */
function derHeader(der: Buffer, offset: number): [number, number, number] | null {
  if (offset + 2 > der.length) return null;
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > der.length) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    start += count;
  }
  if (start + length > der.length) return null;
  return [tag, start, length];
}

function oidText(bytes: Buffer): string {
  if (bytes.length === 0) return '';
  const first = bytes[0] as number;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const b of bytes.subarray(1)) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The certificate's signatureAlgorithm (name, or dotted OID when unknown); null if the DER is odd. */
export function signatureAlgorithmOf(der: Buffer): string | null {
  const cert = derHeader(der, 0);
  if (cert === null || cert[0] !== 0x30) return null;
  const tbs = derHeader(der, cert[1]);
  if (tbs === null || tbs[0] !== 0x30) return null;
  const algorithm = derHeader(der, tbs[1] + tbs[2]);
  if (algorithm === null || algorithm[0] !== 0x30) return null;
  const oid = derHeader(der, algorithm[1]);
  if (oid === null || oid[0] !== 0x06) return null;
  const dotted = oidText(der.subarray(oid[1], oid[1] + oid[2]));
  return SIGNATURE_OIDS[dotted] ?? dotted;
}

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp256r1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
  secp192r1: 192,
  prime192v1: 192,
  secp256k1: 256,
};

function keyOf(cert: X509Certificate): { keyType?: string; keyBits?: number } {
  try {
    const key = cert.publicKey;
    const type = key.asymmetricKeyType;
    const details = key.asymmetricKeyDetails ?? {};
    let bits = details.modulusLength;
    if (bits === undefined && details.namedCurve) bits = CURVE_BITS[details.namedCurve];
    if (bits === undefined && type === 'ed25519') bits = 256;
    if (bits === undefined && type === 'ed448') bits = 456;
    return { ...(type ? { keyType: type } : {}), ...(bits === undefined ? {} : { keyBits: bits }) };
  } catch {
    return {};
  }
}

function iso(date: string): string {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? date : d.toISOString();
}

/** True when the certificate names itself as issuer and its own key verifies its signature. */
export function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/** Describes a peer certificate for the scan result. */
export function describeCertificate(cert: X509Certificate, trust: TrustContext): CertificateObservation {
  let nameOk = true;
  if (trust.hostname !== null) {
    try {
      nameOk = cert.checkHost(trust.hostname) !== undefined;
    } catch {
      nameOk = false;
    }
  }
  // Node checks the chain first and reports a name mismatch only for a chain that verified: with no
  // name asked for, that mismatch (against the IP) says nothing, and the chain is what is judged.
  const authorized =
    trust.authorized ||
    (trust.hostname === null && trust.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID');
  const trusted = authorized && nameOk;
  const trustError = !authorized
    ? (trust.authorizationError ?? 'not trusted')
    : nameOk
      ? null
      : `certificate does not cover ${trust.hostname ?? ''}`;
  const signatureAlgorithm = signatureAlgorithmOf(cert.raw);
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    notBefore: iso(cert.validFrom),
    notAfter: iso(cert.validTo),
    subjectAltNames: parseSubjectAltNames(cert.subjectAltName),
    selfSigned: isSelfSigned(cert),
    trusted,
    trustError,
    fingerprintSha256: cert.fingerprint256,
    serialNumber: cert.serialNumber,
    ...keyOf(cert),
    ...(signatureAlgorithm === null ? {} : { signatureAlgorithm }),
  };
}

/** Cipher suites an SSLv3 server may pick (RSA/DHE with 3DES, RC4, AES, DES) + the SCSV. */
const SSL3_SUITES = [0x0035, 0x002f, 0x0039, 0x0033, 0x000a, 0x0016, 0x0005, 0x0004, 0x0009, 0x0015, 0x00ff];

/** A minimal SSLv3 ClientHello record (no extensions, null compression). */
export function sslv3ClientHello(random: Buffer = randomBytes(32)): Buffer {
  const suites = Buffer.alloc(SSL3_SUITES.length * 2);
  SSL3_SUITES.forEach((s, i) => suites.writeUInt16BE(s, i * 2));
  const body = Buffer.concat([
    Buffer.from([0x03, 0x00]),
    random.subarray(0, 32),
    Buffer.from([0x00]),
    Buffer.from([suites.length >> 8, suites.length & 0xff]),
    suites,
    Buffer.from([0x01, 0x00]),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0x16, 0x03, 0x00, handshake.length >> 8, handshake.length & 0xff]),
    handshake,
  ]);
}

/** What the server answered to the SSLv3 hello. */
export type Sslv3Answer =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'other-version'; readonly version: number }
  | { readonly kind: 'alert'; readonly level: number; readonly description: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'not-tls' };

/** True once the first record (5-byte header + its length) is complete: a `stopWhen`. */
export function hasFirstRecord(bytes: Buffer): boolean {
  if (bytes.length < 5) return false;
  if (bytes[0] !== 0x15 && bytes[0] !== 0x16) return true;
  return bytes.length >= 5 + bytes.readUInt16BE(3) || bytes.length >= 9 + 2;
}

/** Reads the server's first record: a ServerHello (with its version) or an alert. */
export function parseSslv3Answer(bytes: Buffer): Sslv3Answer {
  if (bytes.length < 5) return { kind: bytes.length === 0 ? 'incomplete' : 'not-tls' };
  const type = bytes[0] as number;
  const major = bytes[1] as number;
  if ((type !== 0x15 && type !== 0x16) || major !== 0x03) return { kind: 'not-tls' };
  if (type === 0x15) {
    if (bytes.length < 7) return { kind: 'incomplete' };
    return { kind: 'alert', level: bytes[5] as number, description: bytes[6] as number };
  }
  if (bytes.length < 11) return { kind: 'incomplete' };
  if (bytes[5] !== 0x02) return { kind: 'not-tls' };
  const version = bytes.readUInt16BE(9);
  return version === 0x0300 ? { kind: 'accepted' } : { kind: 'other-version', version };
}
