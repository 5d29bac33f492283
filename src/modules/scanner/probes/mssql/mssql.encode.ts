/**
 * TDS PRELOGIN packets (MS-TDS 2.2.6.5): the client's first message, before any login. The same
 * token-list layout serves the server's answer, so the encoder also builds test fixtures. Pure.
 */

/** PRELOGIN option tokens. */
export const PRELOGIN_OPTION = {
  version: 0x00,
  encryption: 0x01,
  instance: 0x02,
  threadId: 0x03,
  mars: 0x04,
  traceId: 0x05,
  fedAuthRequired: 0x06,
  nonce: 0x07,
  terminator: 0xff,
} as const;

/** ENCRYPTION option values. */
export const ENCRYPTION = { off: 0x00, on: 0x01, notSupported: 0x02, required: 0x03 } as const;

/** TDS packet types used here: PRELOGIN from the client, tabular result (the answer) from the server. */
export const TDS_TYPE = { prelogin: 0x12, tabularResult: 0x04 } as const;

/** One option: its token and its data. */
export interface PreloginOption {
  readonly token: number;
  readonly data: Buffer;
}

/** Builds a whole TDS packet (status EOM) around a PRELOGIN option list. */
export function encodePreloginPacket(type: number, options: readonly PreloginOption[]): Buffer {
  const tableLength = options.length * 5 + 1;
  const table = Buffer.alloc(tableLength);
  let offset = tableLength;
  options.forEach((o, i) => {
    table.writeUInt8(o.token, i * 5);
    table.writeUInt16BE(offset, i * 5 + 1);
    table.writeUInt16BE(o.data.length, i * 5 + 3);
    offset += o.data.length;
  });
  table.writeUInt8(PRELOGIN_OPTION.terminator, tableLength - 1);
  const payload = Buffer.concat([table, ...options.map((o) => o.data)]);
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt8(0x01, 1); // status: end of message
  header.writeUInt16BE(8 + payload.length, 2);
  header.writeUInt8(1, 6); // packet id
  return Buffer.concat([header, payload]);
}

/** VERSION option data: major, minor, build (big-endian), sub-build. */
export function versionData(major: number, minor: number, build: number, subBuild = 0): Buffer {
  const out = Buffer.alloc(6);
  out.writeUInt8(major, 0);
  out.writeUInt8(minor, 1);
  out.writeUInt16BE(build, 2);
  out.writeUInt16BE(subBuild, 4);
  return out;
}

/**
 * The probe's PRELOGIN: client version 0, encryption OFF (the usual driver default, so the answer
 * shows the server's own policy), default instance, no MARS. No login record follows.
 */
export function encodeClientPrelogin(): Buffer {
  return encodePreloginPacket(TDS_TYPE.prelogin, [
    { token: PRELOGIN_OPTION.version, data: versionData(0, 0, 0) },
    { token: PRELOGIN_OPTION.encryption, data: Buffer.from([ENCRYPTION.off]) },
    { token: PRELOGIN_OPTION.instance, data: Buffer.from([0]) },
    { token: PRELOGIN_OPTION.threadId, data: Buffer.alloc(4) },
    { token: PRELOGIN_OPTION.mars, data: Buffer.from([0]) },
  ]);
}
