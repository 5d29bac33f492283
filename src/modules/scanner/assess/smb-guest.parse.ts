/**
 * Reading the SMB2 answers of an anonymous session: header status and ids (MS-SMB2 2.2.1), the
 * dialect and security buffer of NEGOTIATE, the NTLMSSP challenge inside SPNEGO, SessionFlags of
 * SESSION_SETUP, ShareType of TREE_CONNECT. Pure; never throws.
 */

/** NT status codes met here, by name. */
const NT_STATUS: Readonly<Record<number, string>> = {
  0x00000000: 'STATUS_SUCCESS',
  0xc0000016: 'STATUS_MORE_PROCESSING_REQUIRED',
  0xc000006d: 'STATUS_LOGON_FAILURE',
  0xc0000022: 'STATUS_ACCESS_DENIED',
  0xc00000cc: 'STATUS_BAD_NETWORK_NAME',
  0xc00000bb: 'STATUS_NOT_SUPPORTED',
  0xc0000203: 'STATUS_USER_SESSION_DELETED',
  0xc000015b: 'STATUS_LOGON_TYPE_NOT_GRANTED',
  0xc0000072: 'STATUS_ACCOUNT_DISABLED',
  0xc000000d: 'STATUS_INVALID_PARAMETER',
  0xc0000001: 'STATUS_UNSUCCESSFUL',
  0xc0000034: 'STATUS_OBJECT_NAME_NOT_FOUND',
  0xc0000005: 'STATUS_ACCESS_VIOLATION',
};

/** `STATUS_ACCESS_DENIED`, or the code in hex. */
export function ntStatusName(status: number): string {
  return NT_STATUS[status >>> 0] ?? `0x${(status >>> 0).toString(16).padStart(8, '0')}`;
}

/** The fields of an SMB2 answer header. */
export interface Smb2Answer {
  readonly command: number;
  readonly status: number;
  readonly messageId: bigint;
  readonly treeId: number;
  readonly sessionId: bigint;
  /** The bytes after the 64-byte header. */
  readonly body: Buffer;
  /** The whole message (offsets in bodies count from its start). */
  readonly message: Buffer;
}

/** Reads an SMB2 message (after the 4-byte session framing); null when it is not one. */
export function readSmb2(message: Buffer): Smb2Answer | null {
  if (message.length < 64 || message.readUInt32BE(0) !== 0xfe534d42) return null;
  if (message.readUInt16LE(4) !== 64) return null;
  return {
    command: message.readUInt16LE(12),
    status: message.readUInt32LE(8),
    messageId: message.readBigUInt64LE(24),
    treeId: message.readUInt32LE(36),
    sessionId: message.readBigUInt64LE(40),
    body: message.subarray(64),
    message,
  };
}

/** Dialect revision of a NEGOTIATE answer, or null. */
export function negotiatedDialect(answer: Smb2Answer): number | null {
  return answer.body.length >= 6 ? answer.body.readUInt16LE(4) : null;
}

/** The security buffer of a SESSION_SETUP (body offsets 4/6) or NEGOTIATE (56/58) answer. */
export function securityBuffer(answer: Smb2Answer, offsetAt: number): Buffer {
  if (answer.body.length < offsetAt + 4) return Buffer.alloc(0);
  const offset = answer.body.readUInt16LE(offsetAt);
  const length = answer.body.readUInt16LE(offsetAt + 2);
  if (offset < 64 || offset + length > answer.message.length) return Buffer.alloc(0);
  return answer.message.subarray(offset, offset + length);
}

/** What an NTLMSSP CHALLENGE says (the flags to answer with, names the server gave away). */
export interface NtlmChallenge {
  readonly flags: number;
  readonly targetName: string | null;
  /** AV pairs: NetBIOS computer and domain names, DNS names (MS-NLMP 2.2.2.1). */
  readonly names: Readonly<Record<string, string>>;
}

const AV_NAMES: Readonly<Record<number, string>> = {
  1: 'netbiosComputer',
  2: 'netbiosDomain',
  3: 'dnsComputer',
  4: 'dnsDomain',
  5: 'dnsTree',
};

function fieldOf(message: Buffer, at: number): Buffer | null {
  if (message.length < at + 8) return null;
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (offset + length > message.length) return null;
  return message.subarray(offset, offset + length);
}

/** Finds the NTLMSSP CHALLENGE (type 2) in a security blob (raw or inside SPNEGO). */
export function readNtlmChallenge(blob: Buffer): NtlmChallenge | null {
  const start = blob.indexOf('NTLMSSP\0', 0, 'latin1');
  if (start < 0) return null;
  const m = blob.subarray(start);
  if (m.length < 32 || m.readUInt32LE(8) !== 2) return null;
  const flags = m.readUInt32LE(20);
  const unicode = (flags & 0x1) !== 0;
  const target = fieldOf(m, 12);
  const names: Record<string, string> = {};
  const info = fieldOf(m, 40);
  if (info) {
    for (let i = 0; i + 4 <= info.length && i < 4096;) {
      const id = info.readUInt16LE(i);
      const length = info.readUInt16LE(i + 2);
      if (id === 0 || i + 4 + length > info.length) break;
      const name = AV_NAMES[id];
      if (name) names[name] = info.subarray(i + 4, i + 4 + length).toString('utf16le');
      i += 4 + length;
    }
  }
  return {
    flags,
    targetName: target ? target.toString(unicode ? 'utf16le' : 'latin1') : null,
    names,
  };
}

/**
 * What an accepted anonymous logon became, from SessionFlags: `guest` (0x1) when the server mapped
 * it to its guest account, else `anonymous` (0x2 IS_NULL, or no flag: Samba sets none for a null
 * session over SMB 3). No credential is ever sent, so no other kind of session can result.
 */
export function sessionKind(answer: Smb2Answer): 'anonymous' | 'guest' {
  const flags = answer.body.length >= 4 ? answer.body.readUInt16LE(2) : 0;
  return flags & 0x1 && !(flags & 0x2) ? 'guest' : 'anonymous';
}

/** ShareType of a TREE_CONNECT answer. */
export function shareType(answer: Smb2Answer): 'disk' | 'pipe' | 'print' | 'unknown' {
  const type = answer.body.length >= 3 ? answer.body.readUInt8(2) : 0;
  return type === 1 ? 'disk' : type === 2 ? 'pipe' : type === 3 ? 'print' : 'unknown';
}
