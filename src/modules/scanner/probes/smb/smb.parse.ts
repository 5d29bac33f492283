/**
 * Reading SMB negotiation answers: NetBIOS session framing (RFC 1002), the SMB2 NEGOTIATE response
 * (MS-SMB2 2.2.4) and the SMB1 NEGOTIATE response (MS-CIFS 2.2.4.52.2). Pure; never throws.
 */

/** One NetBIOS session-service packet, or why there is none yet. */
export type SessionPacket =
  | { readonly kind: 'packet'; readonly type: number; readonly payload: Buffer }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly reason: string };

const SESSION_TYPES = new Set([0x00, 0x82, 0x83, 0x84, 0x85]);

/** Reads the first session packet: 1 type byte, then a 24-bit length (17 bits in RFC 1002). */
export function readSessionPacket(bytes: Buffer): SessionPacket {
  if (bytes.length < 4) return { kind: 'incomplete' };
  const type = bytes.readUInt8(0);
  if (!SESSION_TYPES.has(type))
    return { kind: 'invalid', reason: `not a NetBIOS session packet (type 0x${type.toString(16)})` };
  const length = bytes.readUInt32BE(0) & 0x00ffffff;
  if (bytes.length < 4 + length) return { kind: 'incomplete' };
  return { kind: 'packet', type, payload: bytes.subarray(4, 4 + length) };
}

/** True once a whole session packet arrived, or the bytes cannot be one: a read may stop. */
export function sessionPacketDone(bytes: Buffer): boolean {
  return readSessionPacket(bytes).kind !== 'incomplete';
}

/** NEGATIVE SESSION RESPONSE error codes (RFC 1002 4.3.4). */
const SESSION_ERRORS: Readonly<Record<number, string>> = {
  0x80: 'not listening on called name',
  0x81: 'not listening for calling name',
  0x82: 'called name not present',
  0x83: 'called name present, but insufficient resources',
  0x8f: 'unspecified error',
};

/** What the answer to a SESSION REQUEST said. */
export type SessionAnswer =
  | { readonly kind: 'positive' }
  | { readonly kind: 'negative'; readonly reason: string }
  | { readonly kind: 'other'; readonly reason: string };

/** Interprets the answer to a NetBIOS SESSION REQUEST. */
export function parseSessionAnswer(bytes: Buffer): SessionAnswer {
  const p = readSessionPacket(bytes);
  if (p.kind === 'incomplete') return { kind: 'other', reason: `incomplete answer (${bytes.length} bytes)` };
  if (p.kind === 'invalid') return { kind: 'other', reason: p.reason };
  if (p.type === 0x82) return { kind: 'positive' };
  if (p.type === 0x83) {
    const code = p.payload.length > 0 ? p.payload.readUInt8(0) : -1;
    return { kind: 'negative', reason: SESSION_ERRORS[code] ?? `error 0x${code.toString(16)}` };
  }
  if (p.type === 0x84) return { kind: 'negative', reason: 'retarget session response' };
  return { kind: 'other', reason: `unexpected session packet type 0x${p.type.toString(16)}` };
}

/** Dialect revision as people write it ("3.1.1"); unknown values in hex. */
export function dialectName(revision: number): string {
  const known: Readonly<Record<number, string>> = {
    0x0202: '2.0.2',
    0x0210: '2.1',
    0x0300: '3.0',
    0x0302: '3.0.2',
    0x0311: '3.1.1',
    0x02ff: '2.???',
  };
  return known[revision] ?? `0x${revision.toString(16).padStart(4, '0')}`;
}

const CAPABILITIES: readonly [number, string][] = [
  [0x01, 'dfs'],
  [0x02, 'leasing'],
  [0x04, 'large-mtu'],
  [0x08, 'multi-channel'],
  [0x10, 'persistent-handles'],
  [0x20, 'directory-leasing'],
  [0x40, 'encryption'],
  [0x80, 'notifications'],
];

const CIPHER_NAMES: Readonly<Record<number, string>> = {
  1: 'AES-128-CCM',
  2: 'AES-128-GCM',
  3: 'AES-256-CCM',
  4: 'AES-256-GCM',
};

// DER encodings of the SPNEGO mechanism OIDs servers commonly announce.
const MECHANISMS: readonly [string, Buffer][] = [
  ['NTLMSSP', Buffer.from('060a2b06010401823702020a', 'hex')],
  ['Kerberos', Buffer.from('06092a864886f712010202', 'hex')],
  ['MS-Kerberos', Buffer.from('06092a864882f712010202', 'hex')],
  ['NEGOEX', Buffer.from('060a2b06010401823702021e', 'hex')],
];

/** A GUID in its usual text form (first three fields little-endian). */
export function formatGuid(b: Buffer): string {
  const hex = (x: Buffer): string => x.toString('hex');
  const le = (x: Buffer): string => hex(Buffer.from(x).reverse());
  return [
    le(b.subarray(0, 4)),
    le(b.subarray(4, 6)),
    le(b.subarray(6, 8)),
    hex(b.subarray(8, 10)),
    hex(b.subarray(10, 16)),
  ].join('-');
}

/**
 * The text a server GUID holds when it is not random: Samba fills it with its NetBIOS name, padded
 * with NUL bytes. Undefined for a real (random) GUID.
 */
export function guidAsName(b: Buffer): string | undefined {
  const m = /^([\x21-\x7e][\x20-\x7e]{0,14})\0+$/.exec(b.toString('latin1'));
  return m?.[1];
}

/** FILETIME (100 ns since 1601) as ISO-8601, or undefined when zero or out of range. */
export function filetimeToIso(low: number, high: number): string | undefined {
  const ticks = BigInt(high) * 0x1_0000_0000n + BigInt(low);
  if (ticks === 0n) return undefined;
  const ms = Number(ticks / 10_000n) - 11_644_473_600_000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || ms < 0 || ms > 8.64e15) return undefined;
  return date.toISOString();
}

/** Which SMB generation a session payload speaks, from its magic; null when neither. */
export function smbGeneration(payload: Buffer): 'smb1' | 'smb2' | null {
  if (payload.length < 4) return null;
  const magic = payload.readUInt32BE(0);
  return magic === 0xfe534d42 ? 'smb2' : magic === 0xff534d42 ? 'smb1' : null;
}

/** What an SMB2 NEGOTIATE response tells. */
export interface Smb2Negotiation {
  readonly dialect: string;
  readonly signingEnabled: boolean;
  readonly signingRequired: boolean;
  readonly serverGuid: string;
  /** NetBIOS name found in place of a random GUID (Samba). */
  readonly serverGuidName?: string;
  readonly capabilities: string[];
  readonly maxReadSize: number;
  readonly systemTime?: string;
  readonly serverStartTime?: string;
  /** Authentication mechanisms named in the SPNEGO hint (NTLMSSP, Kerberos …). */
  readonly securityMechanisms: string[];
  /** Cipher the server picked from our encryption context (3.1.1). */
  readonly encryptionCipher?: string;
}

/** Outcome of parsing an SMB2 NEGOTIATE response payload (without the 4-byte framing). */
export type Smb2Result =
  | { readonly ok: true; readonly negotiation: Smb2Negotiation }
  | { readonly ok: false; readonly reason: string };

function cipherFromContexts(payload: Buffer, offset: number, count: number): string | undefined {
  let at = offset;
  for (let i = 0; i < Math.min(count, 16) && at + 8 <= payload.length; i++) {
    const type = payload.readUInt16LE(at);
    const length = payload.readUInt16LE(at + 2);
    const data = at + 8;
    if (data + length > payload.length) return undefined;
    if (type === 0x0002 && length >= 4) {
      const cipher = payload.readUInt16LE(data + 2);
      return cipher === 0 ? 'none' : (CIPHER_NAMES[cipher] ?? `0x${cipher.toString(16)}`);
    }
    at = data + length + ((8 - (length % 8)) % 8);
  }
  return undefined;
}

/** Parses an SMB2 NEGOTIATE response (the session payload: SMB2 header + body). */
export function parseSmb2Negotiate(payload: Buffer): Smb2Result {
  if (payload.length < 4 || payload.readUInt32BE(0) !== 0xfe534d42)
    return { ok: false, reason: 'not an SMB2 message' };
  if (payload.length < 64 + 65 - 1)
    return { ok: false, reason: `SMB2 answer too short (${payload.length} bytes)` };
  const status = payload.readUInt32LE(8);
  const command = payload.readUInt16LE(12);
  if (command !== 0) return { ok: false, reason: `SMB2 answer to command ${command}, not NEGOTIATE` };
  if (status !== 0)
    return {
      ok: false,
      reason: `SMB2 NEGOTIATE failed with status 0x${status.toString(16).padStart(8, '0')}`,
    };
  const b = 64;
  if (payload.readUInt16LE(b) !== 65) return { ok: false, reason: 'unexpected SMB2 NEGOTIATE response size' };
  const securityMode = payload.readUInt16LE(b + 2);
  const revision = payload.readUInt16LE(b + 4);
  const contextCount = payload.readUInt16LE(b + 6);
  const capabilitiesBits = payload.readUInt32LE(b + 24);
  const blobOffset = payload.readUInt16LE(b + 56);
  const blobLength = payload.readUInt16LE(b + 58);
  const contextOffset = payload.readUInt32LE(b + 60);
  const blob = payload.subarray(
    Math.min(blobOffset, payload.length),
    Math.min(blobOffset + blobLength, payload.length),
  );
  const systemTime = filetimeToIso(payload.readUInt32LE(b + 40), payload.readUInt32LE(b + 44));
  const serverStartTime = filetimeToIso(payload.readUInt32LE(b + 48), payload.readUInt32LE(b + 52));
  const guidName = guidAsName(payload.subarray(b + 8, b + 24));
  const cipher = revision === 0x0311 ? cipherFromContexts(payload, contextOffset, contextCount) : undefined;
  return {
    ok: true,
    negotiation: {
      dialect: dialectName(revision),
      signingEnabled: (securityMode & 0x01) !== 0,
      signingRequired: (securityMode & 0x02) !== 0,
      serverGuid: formatGuid(payload.subarray(b + 8, b + 24)),
      ...(guidName === undefined ? {} : { serverGuidName: guidName }),
      capabilities: CAPABILITIES.filter(([bit]) => (capabilitiesBits & bit) !== 0).map(([, n]) => n),
      maxReadSize: payload.readUInt32LE(b + 32),
      ...(systemTime === undefined ? {} : { systemTime }),
      ...(serverStartTime === undefined ? {} : { serverStartTime }),
      securityMechanisms: MECHANISMS.filter(([, oid]) => blob.includes(oid)).map(([n]) => n),
      ...(cipher === undefined ? {} : { encryptionCipher: cipher }),
    },
  };
}

/** What the answer to an SMB1 NEGOTIATE for "NT LM 0.12" means. */
export type Smb1Answer =
  | { readonly kind: 'accepted'; readonly signingRequired: boolean }
  /** An SMB1 answer that picks no dialect (index 0xFFFF) or reports an error status. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** The server answered in SMB2: it does not speak SMB1. */
  | { readonly kind: 'smb2' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Interprets an SMB1 NEGOTIATE response payload (without the 4-byte framing). */
export function parseSmb1Negotiate(payload: Buffer): Smb1Answer {
  if (payload.length >= 4 && payload.readUInt32BE(0) === 0xfe534d42) return { kind: 'smb2' };
  if (payload.length < 4 || payload.readUInt32BE(0) !== 0xff534d42)
    return { kind: 'invalid', reason: 'not an SMB message' };
  if (payload.length < 35)
    return { kind: 'invalid', reason: `SMB1 answer too short (${payload.length} bytes)` };
  if (payload.readUInt8(4) !== 0x72) return { kind: 'invalid', reason: 'SMB1 answer to another command' };
  const status = payload.readUInt32LE(5);
  if (status !== 0)
    return {
      kind: 'refused',
      reason: `SMB1 NEGOTIATE failed with status 0x${status.toString(16).padStart(8, '0')}`,
    };
  const wordCount = payload.readUInt8(32);
  const dialectIndex = payload.readUInt16LE(33);
  if (dialectIndex === 0xffff) return { kind: 'refused', reason: 'no SMB1 dialect accepted' };
  if (dialectIndex !== 0) return { kind: 'invalid', reason: `dialect index ${dialectIndex} out of range` };
  // NT LM 0.12 answer: 17 words; SecurityMode bit 0x08 = signatures required.
  const securityMode = wordCount >= 17 && payload.length > 35 ? payload.readUInt8(35) : 0;
  return { kind: 'accepted', signingRequired: (securityMode & 0x08) !== 0 };
}
