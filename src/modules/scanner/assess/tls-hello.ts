/**
 * A hand-built TLS 1.2 ClientHello offering only chosen cipher suites, and the reading of the
 * server's first record: which suite it picked, or its alert. Used for the weak suites Node's
 * OpenSSL 3 can no longer offer (export, RC4, 3DES, single DES): a server that answers with a
 * ServerHello choosing one of them accepts it, which is all `tls.cipher-weak` needs to know. Pure.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { CipherGroup } from './assessment.types.js';

/** IANA cipher suites of each weak family (RFC 4346/5246 registries). */
export const WEAK_SUITES: Readonly<Record<CipherGroup, Readonly<Record<number, string>>>> = {
  export: {
    0x0003: 'TLS_RSA_EXPORT_WITH_RC4_40_MD5',
    0x0006: 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5',
    0x0008: 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA',
    0x000b: 'TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA',
    0x000e: 'TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA',
    0x0011: 'TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA',
    0x0014: 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA',
    0x0017: 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5',
    0x0019: 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA',
  },
  null: {
    0x0001: 'TLS_RSA_WITH_NULL_MD5',
    0x0002: 'TLS_RSA_WITH_NULL_SHA',
    0x003b: 'TLS_RSA_WITH_NULL_SHA256',
    0xc001: 'TLS_ECDH_ECDSA_WITH_NULL_SHA',
    0xc006: 'TLS_ECDHE_ECDSA_WITH_NULL_SHA',
    0xc00b: 'TLS_ECDH_RSA_WITH_NULL_SHA',
    0xc010: 'TLS_ECDHE_RSA_WITH_NULL_SHA',
    0xc015: 'TLS_ECDH_anon_WITH_NULL_SHA',
  },
  rc4: {
    0x0004: 'TLS_RSA_WITH_RC4_128_MD5',
    0x0005: 'TLS_RSA_WITH_RC4_128_SHA',
    0x0018: 'TLS_DH_anon_WITH_RC4_128_MD5',
    0xc002: 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA',
    0xc007: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
    0xc00c: 'TLS_ECDH_RSA_WITH_RC4_128_SHA',
    0xc011: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
    0xc016: 'TLS_ECDH_anon_WITH_RC4_128_SHA',
  },
  '3des': {
    0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    0x000d: 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA',
    0x0010: 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA',
    0x0013: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA',
    0x0016: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
    0x001b: 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA',
    0xc003: 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA',
    0xc008: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
    0xc00d: 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA',
    0xc012: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
    0xc017: 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA',
    0x0009: 'TLS_RSA_WITH_DES_CBC_SHA',
    0x000c: 'TLS_DH_DSS_WITH_DES_CBC_SHA',
    0x000f: 'TLS_DH_RSA_WITH_DES_CBC_SHA',
    0x0012: 'TLS_DHE_DSS_WITH_DES_CBC_SHA',
    0x0015: 'TLS_DHE_RSA_WITH_DES_CBC_SHA',
    0x001a: 'TLS_DH_anon_WITH_DES_CBC_SHA',
  },
  anonymous: {
    0x0034: 'TLS_DH_anon_WITH_AES_128_CBC_SHA',
    0x003a: 'TLS_DH_anon_WITH_AES_256_CBC_SHA',
    0x006c: 'TLS_DH_anon_WITH_AES_128_CBC_SHA256',
    0x006d: 'TLS_DH_anon_WITH_AES_256_CBC_SHA256',
    0x00a6: 'TLS_DH_anon_WITH_AES_128_GCM_SHA256',
    0x00a7: 'TLS_DH_anon_WITH_AES_256_GCM_SHA384',
    0x0046: 'TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA',
    0x0089: 'TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA',
    0xc018: 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA',
    0xc019: 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA',
  },
};

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}

function extension(type: number, data: Buffer): Buffer {
  return Buffer.concat([u16(type), u16(data.length), data]);
}

/** A TLS 1.2 ClientHello record offering `suites` (with SNI when `servername` is a name). */
export function clientHello(
  suites: readonly number[],
  servername?: string,
  random: Buffer = randomBytes(32),
): Buffer {
  const suiteBytes = Buffer.concat(suites.map(u16));
  const extensions: Buffer[] = [];
  if (servername && isIP(servername) === 0 && /^[a-z0-9.-]{1,253}$/i.test(servername)) {
    const name = Buffer.from(servername.replace(/\.$/, ''), 'ascii');
    const entry = Buffer.concat([Buffer.from([0x00]), u16(name.length), name]);
    extensions.push(extension(0x0000, Buffer.concat([u16(entry.length), entry])));
  }
  const groups = Buffer.concat([0x001d, 0x0017, 0x0018, 0x0019].map(u16));
  extensions.push(extension(0x000a, Buffer.concat([u16(groups.length), groups])));
  extensions.push(extension(0x000b, Buffer.from([0x01, 0x00])));
  const sigalgs = Buffer.concat(
    [
      0x0401, 0x0501, 0x0601, 0x0201, 0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0402, 0x0202,
    ].map(u16),
  );
  extensions.push(extension(0x000d, Buffer.concat([u16(sigalgs.length), sigalgs])));
  extensions.push(extension(0xff01, Buffer.from([0x00])));
  const ext = Buffer.concat(extensions);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    random.subarray(0, 32),
    Buffer.from([0x00]),
    u16(suiteBytes.length),
    suiteBytes,
    Buffer.from([0x01, 0x00]),
    u16(ext.length),
    ext,
  ]);
  const handshake = Buffer.concat([
    Buffer.from([0x01, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff]),
    body,
  ]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), u16(handshake.length), handshake]);
}

/** What the server answered to the hello. */
export type HelloAnswer =
  | { readonly kind: 'server-hello'; readonly version: number; readonly suite: number }
  | { readonly kind: 'alert'; readonly level: number; readonly description: number }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'not-tls' };

/** True once the server's first record is complete (or cannot be TLS): a `stopWhen`. */
export function firstRecordDone(bytes: Buffer): boolean {
  if (bytes.length < 5) return false;
  if ((bytes[0] !== 0x15 && bytes[0] !== 0x16) || bytes[1] !== 0x03) return true;
  return bytes.length >= 5 + bytes.readUInt16BE(3);
}

/** Reads the first record: the ServerHello's version and suite, or the alert. Never throws. */
export function readServerHello(bytes: Buffer): HelloAnswer {
  if (bytes.length < 5) return bytes.length === 0 ? { kind: 'incomplete' } : { kind: 'not-tls' };
  const type = bytes[0] as number;
  if ((type !== 0x15 && type !== 0x16) || bytes[1] !== 0x03) return { kind: 'not-tls' };
  if (type === 0x15) {
    if (bytes.length < 7) return { kind: 'incomplete' };
    return { kind: 'alert', level: bytes[5] as number, description: bytes[6] as number };
  }
  if (bytes.length < 44) return { kind: 'incomplete' };
  if (bytes[5] !== 0x02) return { kind: 'not-tls' };
  const version = bytes.readUInt16BE(9);
  const sessionIdLength = bytes[43] as number;
  if (sessionIdLength > 32) return { kind: 'not-tls' };
  if (bytes.length < 46 + sessionIdLength) return { kind: 'incomplete' };
  return { kind: 'server-hello', version, suite: bytes.readUInt16BE(44 + sessionIdLength) };
}

/** `0x0303` → `TLSv1.2`. */
export function protocolName(version: number): string {
  switch (version) {
    case 0x0300:
      return 'SSLv3';
    case 0x0301:
      return 'TLSv1';
    case 0x0302:
      return 'TLSv1.1';
    case 0x0303:
      return 'TLSv1.2';
    case 0x0304:
      return 'TLSv1.3';
    default:
      return `0x${version.toString(16).padStart(4, '0')}`;
  }
}
