/**
 * SMB negotiation requests an anonymous client sends first: SMB2 NEGOTIATE (MS-SMB2 2.2.3) with the
 * negotiate contexts SMB 3.1.1 requires, SMB1 NEGOTIATE offering "NT LM 0.12" (MS-CIFS 2.2.4.52.1),
 * and the NetBIOS session request that port 139 needs first (RFC 1002 4.3.2). Pure.
 */

/** SMB2 dialect revisions offered, oldest first. */
export const SMB2_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311] as const;

/** Preauth integrity hash SHA-512 (the only one defined). */
const SHA512 = 0x0001;
/** AES-128-CCM, AES-128-GCM, AES-256-CCM, AES-256-GCM. */
const CIPHERS = [0x0001, 0x0002, 0x0003, 0x0004] as const;
/** Capabilities a current client announces: DFS, leasing, large MTU, multichannel, persistent handles, directory leasing, encryption. */
const CLIENT_CAPABILITIES = 0x7f;

/** Frames an SMB message for direct TCP / NetBIOS session service: type 0, 24-bit length. */
export function frameSessionMessage(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length & 0x00ffffff, 0);
  return Buffer.concat([header, payload]);
}

function pad8(length: number): number {
  return (8 - (length % 8)) % 8;
}

function negotiateContext(type: number, data: Buffer): Buffer {
  const out = Buffer.alloc(8 + data.length);
  out.writeUInt16LE(type, 0);
  out.writeUInt16LE(data.length, 2);
  data.copy(out, 8);
  return out;
}

/** Random values a negotiate carries; passed in so that encoding stays pure and testable. */
export interface Smb2NegotiateInput {
  /** 16 bytes identifying the client. */
  readonly clientGuid: Buffer;
  /** 32 bytes of preauth integrity salt. */
  readonly salt: Buffer;
}

/** SMB2 NEGOTIATE request offering 2.0.2 to 3.1.1, framed for direct TCP. */
export function encodeSmb2Negotiate(input: Smb2NegotiateInput): Buffer {
  if (input.clientGuid.length !== 16 || input.salt.length !== 32) {
    throw new RangeError('SMB2 negotiate needs a 16-byte client GUID and a 32-byte salt');
  }
  const header = Buffer.alloc(64);
  header.write('\xfeSMB', 0, 'latin1');
  header.writeUInt16LE(64, 4); // StructureSize
  header.writeUInt16LE(0x0000, 12); // Command: NEGOTIATE
  header.writeUInt16LE(1, 14); // CreditRequest

  const dialects = SMB2_DIALECTS.length;
  const body = Buffer.alloc(36 + 2 * dialects);
  body.writeUInt16LE(36, 0); // StructureSize
  body.writeUInt16LE(dialects, 2);
  body.writeUInt16LE(0x0001, 4); // SecurityMode: signing enabled (not required)
  body.writeUInt32LE(CLIENT_CAPABILITIES, 8);
  input.clientGuid.copy(body, 12);
  SMB2_DIALECTS.forEach((d, i) => body.writeUInt16LE(d, 36 + 2 * i));

  const preauthData = Buffer.alloc(6 + input.salt.length);
  preauthData.writeUInt16LE(1, 0); // HashAlgorithmCount
  preauthData.writeUInt16LE(input.salt.length, 2);
  preauthData.writeUInt16LE(SHA512, 4);
  input.salt.copy(preauthData, 6);
  const cipherData = Buffer.alloc(2 + 2 * CIPHERS.length);
  cipherData.writeUInt16LE(CIPHERS.length, 0);
  CIPHERS.forEach((c, i) => cipherData.writeUInt16LE(c, 2 + 2 * i));
  const preauth = negotiateContext(0x0001, preauthData);
  const encryption = negotiateContext(0x0002, cipherData);

  // Negotiate contexts start 8-byte aligned, counted from the start of the SMB2 header.
  const contextOffset = 64 + body.length + pad8(64 + body.length);
  body.writeUInt32LE(contextOffset, 28); // NegotiateContextOffset (replaces ClientStartTime for 3.1.1)
  body.writeUInt16LE(2, 32); // NegotiateContextCount
  const message = Buffer.concat([
    header,
    body,
    Buffer.alloc(contextOffset - 64 - body.length),
    preauth,
    Buffer.alloc(pad8(preauth.length)),
    encryption,
  ]);
  return frameSessionMessage(message);
}

/** SMB1 NEGOTIATE offering only the "NT LM 0.12" dialect, framed for direct TCP. */
export function encodeSmb1Negotiate(): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xffSMB', 0, 'latin1');
  header.writeUInt8(0x72, 4); // SMB_COM_NEGOTIATE
  header.writeUInt8(0x18, 9); // Flags: case-insensitive, canonicalised paths
  header.writeUInt16LE(0xc853, 10); // Flags2: Unicode, NT status, extended security, long names …
  header.writeUInt16LE(0xfeff, 26); // PIDLow
  const dialect = Buffer.from('\x02NT LM 0.12\x00', 'latin1');
  const counts = Buffer.alloc(3);
  counts.writeUInt16LE(dialect.length, 1); // WordCount 0, ByteCount
  return frameSessionMessage(Buffer.concat([header, counts, dialect]));
}

/** NetBIOS first-level encoding of a name (RFC 1001 14.1): 15 characters padded, a suffix byte. */
export function encodeNetbiosName(name: string, suffix: number): Buffer {
  const raw = Buffer.alloc(16, 0x20);
  raw.write(name.toUpperCase().slice(0, 15), 0, 'latin1');
  raw.writeUInt8(suffix, 15);
  const out = Buffer.alloc(34);
  out.writeUInt8(32, 0);
  for (let i = 0; i < 16; i++) {
    const byte = raw.readUInt8(i);
    out.writeUInt8(0x41 + (byte >> 4), 1 + 2 * i);
    out.writeUInt8(0x41 + (byte & 0x0f), 2 + 2 * i);
  }
  return out; // ends with the zero-length root label
}

/** NetBIOS SESSION REQUEST (type 0x81) to the generic server name `*SMBSERVER`. */
export function encodeSessionRequest(calledName = '*SMBSERVER', callingName = 'HYGIE-SCAN'): Buffer {
  const names = Buffer.concat([encodeNetbiosName(calledName, 0x20), encodeNetbiosName(callingName, 0x00)]);
  const header = Buffer.alloc(4);
  header.writeUInt8(0x81, 0);
  header.writeUInt16BE(names.length, 2);
  return Buffer.concat([header, names]);
}
