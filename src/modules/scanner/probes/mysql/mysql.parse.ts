/**
 * Reading the greeting a MySQL-protocol server sends on connect (Protocol::Handshake v10, or an ERR
 * packet when it refuses the client), and naming the product from the version string. Pure; never throws.
 */

/** Server capability flags worth reporting (CLIENT_* in the protocol documentation). */
const CAPABILITIES: readonly [number, string][] = [
  [0x00000200, 'protocol-41'],
  [0x00000800, 'ssl'],
  [0x00008000, 'secure-connection'],
  [0x00080000, 'plugin-auth'],
  [0x00100000, 'connect-attrs'],
  [0x00400000, 'session-track'],
  [0x01000000, 'deprecate-eof'],
  [0x02000000, 'optional-resultset-metadata'],
  [0x04000000, 'query-attributes'],
];

/** What the greeting says. */
export type MysqlGreeting =
  | {
      readonly kind: 'handshake';
      readonly protocolVersion: number;
      readonly serverVersion: string;
      readonly capabilityFlags: number;
      readonly capabilities: string[];
      readonly sslSupported: boolean;
      readonly authPlugin?: string;
    }
  | { readonly kind: 'error'; readonly code: number; readonly message: string };

/** A packet: 3-byte little-endian length, sequence id, payload. */
export function packetComplete(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  return bytes.length >= 4 + bytes.readUIntLE(0, 3);
}

function printable(bytes: Buffer, max = 300): string {
  return bytes
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, max);
}

/** Parses the first packet of a connection; null when it is not a MySQL greeting. */
export function parseGreeting(bytes: Buffer): MysqlGreeting | null {
  if (bytes.length < 5) return null;
  const length = bytes.readUIntLE(0, 3);
  if (length < 1 || bytes.readUInt8(3) !== 0 || bytes.length < 4 + length) return null;
  const p = bytes.subarray(4, 4 + length);
  const first = p.readUInt8(0);
  if (first === 0xff) {
    if (p.length < 3) return null;
    const code = p.readUInt16LE(1);
    // Errors before the handshake carry no SQLSTATE marker; skip one if present.
    const rest = p.subarray(3);
    const text = rest.readUInt8(0) === 0x23 && rest.length >= 6 ? rest.subarray(6) : rest;
    if (code < 1000 || code > 65000) return null;
    return { kind: 'error', code, message: printable(text) };
  }
  if (first !== 10 && first !== 9) return null;
  const nul = p.indexOf(0, 1);
  if (nul < 2 || nul > 128) return null;
  const serverVersion = p.subarray(1, nul).toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(serverVersion) || !/^\d/.test(serverVersion)) return null;
  if (first === 9) {
    return {
      kind: 'handshake',
      protocolVersion: 9,
      serverVersion,
      capabilityFlags: 0,
      capabilities: [],
      sslSupported: false,
    };
  }
  // connection id (4), auth data part 1 (8), filler (1), capability flags low (2).
  let at = nul + 1 + 4 + 8 + 1;
  if (p.length < at + 2) return null;
  let flags = p.readUInt16LE(at);
  at += 2;
  let authPlugin: string | undefined;
  if (p.length >= at + 16) {
    // charset (1), status (2), capability flags high (2), auth data length (1), reserved (10).
    flags = (flags | (p.readUInt16LE(at + 3) << 16)) >>> 0;
    const authLength = p.readUInt8(at + 5);
    at += 16;
    if ((flags & 0x00008000) !== 0) at += Math.max(13, authLength - 8);
    if ((flags & 0x00080000) !== 0 && at < p.length) {
      const end = p.indexOf(0, at);
      const name = printable(p.subarray(at, end < 0 ? p.length : end), 64);
      if (name !== '') authPlugin = name;
    }
  }
  return {
    kind: 'handshake',
    protocolVersion: 10,
    serverVersion,
    capabilityFlags: flags,
    capabilities: CAPABILITIES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n),
    sslSupported: (flags & 0x00000800) !== 0,
    ...(authPlugin === undefined ? {} : { authPlugin }),
  };
}

/** Product, version and CPE named by a server version string. */
export interface MysqlProduct {
  readonly product: string;
  readonly version?: string;
  readonly cpe?: string;
}

/**
 * Names the product: MariaDB (whose 10.x+ strings start with the `5.5.5-` replication prefix),
 * TiDB, or MySQL for a bare version (forks such as Percona Server look the same from here).
 */
export function productFromVersion(serverVersion: string): MysqlProduct {
  const mariadb = /^(?:5\.5\.5-)?(\d+\.\d+\.\d+)-MariaDB/i.exec(serverVersion);
  if (mariadb?.[1]) {
    return {
      product: 'MariaDB',
      version: mariadb[1],
      cpe: `cpe:2.3:a:mariadb:mariadb:${mariadb[1]}:*:*:*:*:*:*:*`,
    };
  }
  const tidb = /-TiDB-v(\d+\.\d+\.\d+)/.exec(serverVersion);
  if (tidb?.[1]) return { product: 'TiDB', version: tidb[1] };
  const mysql = /^(\d+\.\d+\.\d+)/.exec(serverVersion);
  if (mysql?.[1]) {
    return { product: 'MySQL', version: mysql[1], cpe: `cpe:2.3:a:oracle:mysql:${mysql[1]}:*:*:*:*:*:*:*` };
  }
  return { product: 'MySQL' };
}
