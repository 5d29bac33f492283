/**
 * RDP connection-sequence requests an anonymous client sends first (MS-RDPBCGR 2.2.1.1): a TPKT
 * header, an X.224 Connection Request TPDU and an RDP Negotiation Request. Pure.
 */

/** Bits of `requestedProtocols` / `selectedProtocol` (MS-RDPBCGR 2.2.1.1.1). */
export const RDP_PROTOCOL = {
  rdp: 0x00,
  ssl: 0x01,
  hybrid: 0x02,
  rdstls: 0x04,
  hybridEx: 0x08,
  rdsaad: 0x10,
} as const;

/** TLS, CredSSP (NLA) and CredSSP with Early User Authorization: what a modern client offers. */
export const MODERN_PROTOCOLS = RDP_PROTOCOL.ssl | RDP_PROTOCOL.hybrid | RDP_PROTOCOL.hybridEx;

/**
 * X.224 Connection Request carrying an RDP_NEG_REQ for `requestedProtocols` (no routing cookie:
 * `mstshash` would name a user, and an anonymous scan has none).
 */
export function encodeConnectionRequest(requestedProtocols: number): Buffer {
  const out = Buffer.alloc(19);
  // TPKT (RFC 1006): version 3, reserved, total length big-endian.
  out.writeUInt8(3, 0);
  out.writeUInt16BE(out.length, 2);
  // X.224 CR TPDU: length indicator (header bytes after it), CR code 0xE0, DST-REF, SRC-REF, class 0.
  out.writeUInt8(out.length - 5, 4);
  out.writeUInt8(0xe0, 5);
  // RDP_NEG_REQ: type 1, flags 0, length 8 (little-endian), requestedProtocols.
  out.writeUInt8(0x01, 11);
  out.writeUInt16LE(8, 13);
  out.writeUInt32LE(requestedProtocols >>> 0, 15);
  return out;
}
