/**
 * SMB2 requests of an anonymous client (MS-SMB2 2.2.3, 2.2.5, 2.2.9, 2.2.7) and the NTLMSSP messages
 * of an anonymous logon (MS-NLMP 2.2.1.1, 2.2.1.3, 3.1.5.1.2: empty user, empty NT response, a
 * one-byte zero LM response, NTLMSSP_NEGOTIATE_ANONYMOUS), wrapped in SPNEGO (RFC 4178). No password,
 * no user name: the "null session" every Windows and Samba server recognises. Pure.
 */
import { frameSessionMessage } from '../probes/smb/smb.encode.js';

/** SMB2 commands used. */
export const SMB2 = { negotiate: 0x0000, sessionSetup: 0x0001, logoff: 0x0002, treeConnect: 0x0003 } as const;

/** Dialects offered: 2.0.2 to 3.0.2 (3.1.1 needs negotiate contexts and brings nothing here). */
export const GUEST_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302] as const;

/** NTLMSSP flags: Unicode, request target, NTLM, always sign, extended session security, 128/56-bit. */
const NEGOTIATE_FLAGS =
  (0x00000001 | 0x00000004 | 0x00000200 | 0x00008000 | 0x00080000 | 0x20000000 | 0x80000000) >>> 0;
const ANONYMOUS = 0x00000800;

/** The 64-byte SMB2 header of a request. */
export function smb2Header(command: number, messageId: number, sessionId = 0n, treeId = 0): Buffer {
  const h = Buffer.alloc(64);
  h.write('\xfeSMB', 0, 'latin1');
  h.writeUInt16LE(64, 4);
  h.writeUInt16LE(1, 6); // CreditCharge
  h.writeUInt16LE(command, 12);
  h.writeUInt16LE(31, 14); // CreditRequest
  h.writeBigUInt64LE(BigInt(messageId), 24);
  h.writeUInt32LE(0xfeff, 32); // Reserved (ProcessId)
  h.writeUInt32LE(treeId, 36);
  h.writeBigUInt64LE(sessionId, 40);
  return h;
}

/** NEGOTIATE offering `GUEST_DIALECTS`, framed. */
export function encodeNegotiate(clientGuid: Buffer): Buffer {
  const body = Buffer.alloc(36 + 2 * GUEST_DIALECTS.length);
  body.writeUInt16LE(36, 0);
  body.writeUInt16LE(GUEST_DIALECTS.length, 2);
  body.writeUInt16LE(0x0001, 4); // signing enabled, not required
  clientGuid.subarray(0, 16).copy(body, 12);
  GUEST_DIALECTS.forEach((d, i) => body.writeUInt16LE(d, 36 + 2 * i));
  return frameSessionMessage(Buffer.concat([smb2Header(SMB2.negotiate, 0), body]));
}

/** DER length octets. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

function der(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const SPNEGO_OID = Buffer.from([0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02]);
const NTLMSSP_OID = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a]);

/** NTLMSSP NEGOTIATE (type 1) with no domain or workstation. */
export function ntlmNegotiate(): Buffer {
  const m = Buffer.alloc(32);
  m.write('NTLMSSP\0', 0, 'latin1');
  m.writeUInt32LE(1, 8);
  m.writeUInt32LE(NEGOTIATE_FLAGS, 12);
  return m;
}

/** NTLMSSP AUTHENTICATE (type 3) of an anonymous logon: everything empty but a one-byte LM response. */
export function ntlmAnonymousAuthenticate(challengeFlags: number): Buffer {
  const header = Buffer.alloc(64);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(3, 8);
  const payloadOffset = 64;
  // LmChallengeResponse: Z(1).
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(1, 14);
  header.writeUInt32LE(payloadOffset, 16);
  // NtChallengeResponse, DomainName, UserName, Workstation, EncryptedRandomSessionKey: empty, after the LM byte.
  for (const at of [20, 28, 36, 44, 52]) header.writeUInt32LE(payloadOffset + 1, at + 4);
  const flags = ((NEGOTIATE_FLAGS & challengeFlags) | ANONYMOUS | 0x00000001) >>> 0;
  header.writeUInt32LE(flags, 60);
  return Buffer.concat([header, Buffer.from([0x00])]);
}

/** SPNEGO NegTokenInit proposing NTLMSSP with its first token. */
export function spnegoInit(token: Buffer): Buffer {
  const mechTypes = der(0xa0, der(0x30, NTLMSSP_OID));
  const mechToken = der(0xa2, der(0x04, token));
  return der(0x60, Buffer.concat([SPNEGO_OID, der(0xa0, der(0x30, Buffer.concat([mechTypes, mechToken])))]));
}

/** SPNEGO NegTokenResp carrying the next token. */
export function spnegoResponse(token: Buffer): Buffer {
  return der(0xa1, der(0x30, der(0xa2, der(0x04, token))));
}

/** SESSION_SETUP carrying `securityBlob`, framed. */
export function encodeSessionSetup(messageId: number, sessionId: bigint, securityBlob: Buffer): Buffer {
  const body = Buffer.alloc(24);
  body.writeUInt16LE(25, 0);
  body.writeUInt8(0x01, 3); // SecurityMode: signing enabled
  body.writeUInt16LE(64 + 24, 12); // SecurityBufferOffset
  body.writeUInt16LE(securityBlob.length, 14);
  return frameSessionMessage(
    Buffer.concat([smb2Header(SMB2.sessionSetup, messageId, sessionId), body, securityBlob]),
  );
}

/** TREE_CONNECT to `\\server\share`, framed. */
export function encodeTreeConnect(
  messageId: number,
  sessionId: bigint,
  server: string,
  share: string,
): Buffer {
  const path = Buffer.from(`\\\\${server}\\${share}`, 'utf16le');
  const body = Buffer.alloc(8);
  body.writeUInt16LE(9, 0);
  body.writeUInt16LE(64 + 8, 4); // PathOffset
  body.writeUInt16LE(path.length, 6);
  return frameSessionMessage(Buffer.concat([smb2Header(SMB2.treeConnect, messageId, sessionId), body, path]));
}

/** LOGOFF, framed. */
export function encodeLogoff(messageId: number, sessionId: bigint): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt16LE(4, 0);
  return frameSessionMessage(Buffer.concat([smb2Header(SMB2.logoff, messageId, sessionId), body]));
}
