/**
 * MongoDB wire-protocol messages: the legacy OP_QUERY that every driver still uses for the initial
 * `isMaster` handshake (accepted by servers from 2.x to 8.x), OP_MSG for later commands (3.6+), and
 * OP_REPLY, which only servers send (here to build test fixtures). Pure.
 */
import { encodeDocument, type BsonInput } from './bson.encode.js';

/** Wire opcodes. */
export const OP = { reply: 1, query: 2004, compressed: 2012, msg: 2013 } as const;

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const out = Buffer.alloc(16);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

/** OP_QUERY of a command on `<database>.$cmd`, asking for one document back. */
export function encodeOpQuery(
  requestId: number,
  database: string,
  command: { readonly [key: string]: BsonInput },
): Buffer {
  const head = Buffer.alloc(4); // flags
  const collection = Buffer.from(`${database}.$cmd\0`, 'utf8');
  const counts = Buffer.alloc(8);
  counts.writeInt32LE(0, 0); // numberToSkip
  counts.writeInt32LE(-1, 4); // numberToReturn: one document, close the cursor
  const body = Buffer.concat([head, collection, counts, encodeDocument(command)]);
  return Buffer.concat([header(16 + body.length, requestId, 0, OP.query), body]);
}

/** OP_MSG with one body section (kind 0); the command names its database in `$db`. */
export function encodeOpMsg(
  requestId: number,
  document: { readonly [key: string]: BsonInput },
  responseTo = 0,
): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), encodeDocument(document)]);
  return Buffer.concat([header(16 + body.length, requestId, responseTo, OP.msg), body]);
}

/** OP_REPLY carrying one document (what a server answers to OP_QUERY). */
export function encodeOpReply(
  requestId: number,
  responseTo: number,
  document: { readonly [key: string]: BsonInput },
): Buffer {
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const body = Buffer.concat([fields, encodeDocument(document)]);
  return Buffer.concat([header(16 + body.length, requestId, responseTo, OP.reply), body]);
}

/** The handshake every driver sends first. */
export function encodeIsMaster(requestId: number): Buffer {
  return encodeOpQuery(requestId, 'admin', { isMaster: 1 });
}

/** `buildInfo` (version, modules): allowed without authentication; OP_MSG from wire version 6 (3.6). */
export function encodeBuildInfo(requestId: number, maxWireVersion: number): Buffer {
  return maxWireVersion >= 6
    ? encodeOpMsg(requestId, { buildInfo: 1, $db: 'admin' })
    : encodeOpQuery(requestId, 'admin', { buildInfo: 1 });
}
