/**
 * Reading MongoDB replies (OP_REPLY or OP_MSG) and what the handshake and buildInfo documents say.
 * Pure; never throws.
 */
import { decodeDocument, type BsonValue } from './bson.parse.js';
import { OP } from './mongodb.encode.js';

/** Largest reply the probe accepts (a handshake reply is a few hundred bytes). */
export const MAX_REPLY_BYTES = 64 * 1024;

/** One decoded reply, or why there is none. */
export type MongoReply =
  | { readonly ok: true; readonly responseTo: number; readonly document: { [key: string]: BsonValue } }
  | { readonly ok: false; readonly reason: string };

/** True once a whole message arrived, or its length is implausible (a read may stop). */
export function messageComplete(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  const length = bytes.readInt32LE(0);
  return length < 16 || length > MAX_REPLY_BYTES || bytes.length >= length;
}

/** Parses an OP_REPLY or OP_MSG and decodes its first document. */
export function parseReply(bytes: Buffer): MongoReply {
  if (bytes.length < 16)
    return { ok: false, reason: `answer too short for a message header (${bytes.length} bytes)` };
  const length = bytes.readInt32LE(0);
  if (length < 16 || length > MAX_REPLY_BYTES)
    return { ok: false, reason: `implausible message length ${length}` };
  if (bytes.length < length)
    return { ok: false, reason: `truncated message (${bytes.length} of ${length} bytes)` };
  const responseTo = bytes.readInt32LE(8);
  const opCode = bytes.readInt32LE(12);
  const message = bytes.subarray(0, length);
  let docAt: number;
  if (opCode === OP.reply) {
    if (length < 36 + 5) return { ok: false, reason: 'OP_REPLY without a document' };
    if (message.readInt32LE(32) < 1) return { ok: false, reason: 'OP_REPLY with no document returned' };
    docAt = 36;
  } else if (opCode === OP.msg) {
    if (length < 21 + 5) return { ok: false, reason: 'OP_MSG without a body section' };
    const flags = message.readUInt32LE(16);
    const end = (flags & 1) !== 0 ? length - 4 : length;
    // Skip document-sequence sections (kind 1) until the body section (kind 0).
    let at = 20;
    while (at < end && message.readUInt8(at) === 1) {
      if (at + 5 > end) return { ok: false, reason: 'truncated OP_MSG section' };
      const size = message.readInt32LE(at + 1);
      if (size < 4) return { ok: false, reason: 'bad OP_MSG section size' };
      at += 1 + size;
    }
    if (at >= end || message.readUInt8(at) !== 0)
      return { ok: false, reason: 'OP_MSG without a body section' };
    docAt = at + 1;
  } else {
    return { ok: false, reason: `unexpected opcode ${opCode}` };
  }
  const decoded = decodeDocument(message, docAt);
  if (!decoded.ok) return { ok: false, reason: `invalid BSON: ${decoded.reason}` };
  return { ok: true, responseTo, document: decoded.value };
}

/** MongoDB release that introduced a wire version (the handshake's maxWireVersion). */
export function releaseForWireVersion(wire: number): string | undefined {
  const releases: Readonly<Record<number, string>> = {
    0: '2.4 or earlier',
    1: '2.4 or earlier',
    2: '2.6',
    3: '3.0',
    4: '3.2',
    5: '3.4',
    6: '3.6',
    7: '4.0',
    8: '4.2',
    9: '4.4',
    13: '5.0',
    14: '5.1',
    15: '5.2',
    16: '5.3',
    17: '6.0',
    18: '6.1',
    19: '6.2',
    20: '6.3',
    21: '7.0',
    22: '7.1',
    23: '7.2',
    24: '7.3',
    25: '8.0',
  };
  if (wire > 25) return 'later than 8.0';
  return releases[wire];
}

/** What the isMaster / hello answer tells. */
export interface Handshake {
  readonly ok: boolean;
  readonly maxWireVersion?: number;
  readonly minWireVersion?: number;
  readonly isWritablePrimary?: boolean;
  /** `isdbgrid` on a mongos router. */
  readonly router: boolean;
  readonly replicaSet?: string;
  readonly readOnly?: boolean;
  readonly errorMessage?: string;
}

function num(v: BsonValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: BsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) : undefined;
}

/** Reads a handshake reply; null when the document is not one (no `ok`, no wire versions, no ismaster). */
export function readHandshake(doc: { [key: string]: BsonValue }): Handshake | null {
  const ok = num(doc.ok) === 1 || doc.ok === true;
  const maxWireVersion = num(doc.maxWireVersion);
  const primary = doc.isWritablePrimary ?? doc.ismaster;
  const errorMessage = str(doc.errmsg);
  if (
    !('ok' in doc) ||
    (maxWireVersion === undefined && typeof primary !== 'boolean' && errorMessage === undefined)
  ) {
    return null;
  }
  const minWireVersion = num(doc.minWireVersion);
  const replicaSet = str(doc.setName);
  return {
    ok,
    ...(maxWireVersion === undefined ? {} : { maxWireVersion }),
    ...(minWireVersion === undefined ? {} : { minWireVersion }),
    ...(typeof primary === 'boolean' ? { isWritablePrimary: primary } : {}),
    router: doc.msg === 'isdbgrid',
    ...(replicaSet === undefined ? {} : { replicaSet }),
    ...(typeof doc.readOnly === 'boolean' ? { readOnly: doc.readOnly } : {}),
    ...(errorMessage === undefined ? {} : { errorMessage }),
  };
}

/** What buildInfo tells: the exact version, and the Enterprise module when present. */
export interface BuildInfo {
  readonly version?: string;
  readonly enterprise: boolean;
  readonly errorMessage?: string;
}

/** Reads a buildInfo reply. */
export function readBuildInfo(doc: { [key: string]: BsonValue }): BuildInfo {
  const version = str(doc.version);
  const modules = Array.isArray(doc.modules) ? doc.modules : [];
  const errorMessage = num(doc.ok) === 1 ? undefined : str(doc.errmsg);
  return {
    ...(version !== undefined && /^\d+\.\d+/.test(version) ? { version } : {}),
    enterprise: modules.includes('enterprise'),
    ...(errorMessage === undefined ? {} : { errorMessage }),
  };
}
