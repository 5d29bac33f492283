/**
 * A bounded BSON reader (bsonspec.org 1.1) for server replies: every type is walked, the common ones
 * are decoded to plain values, the rest are summarised. Depth, element count and sizes are capped;
 * malformed input gives an error result, never an exception.
 */

/** Decoded values: int64 becomes a number when safe, otherwise its decimal text. */
export type BsonValue = string | number | boolean | null | BsonValue[] | { [key: string]: BsonValue };

/** Outcome of decoding. */
export type BsonResult =
  | { readonly ok: true; readonly value: { [key: string]: BsonValue } }
  | { readonly ok: false; readonly reason: string };

const MAX_DEPTH = 16;
const MAX_ELEMENTS = 4096;

class BsonError extends Error {}

function need(buf: Buffer, at: number, n: number, end: number): void {
  if (at < 0 || at + n > end || at + n > buf.length) throw new BsonError(`truncated at ${at}`);
}

interface Reader {
  elements: number;
}

function cstring(buf: Buffer, at: number, end: number): [string, number] {
  const nul = buf.indexOf(0, at);
  if (nul < 0 || nul >= end) throw new BsonError('unterminated key');
  return [buf.subarray(at, nul).toString('utf8'), nul + 1];
}

function value(
  buf: Buffer,
  type: number,
  at: number,
  end: number,
  depth: number,
  r: Reader,
): [BsonValue, number] {
  switch (type) {
    case 0x01:
      need(buf, at, 8, end);
      return [buf.readDoubleLE(at), at + 8];
    case 0x02:
    case 0x0d:
    case 0x0e: {
      need(buf, at, 4, end);
      const length = buf.readInt32LE(at);
      if (length < 1) throw new BsonError('bad string length');
      need(buf, at + 4, length, end);
      return [buf.subarray(at + 4, at + 4 + length - 1).toString('utf8'), at + 4 + length];
    }
    case 0x03:
    case 0x04: {
      const [doc, next] = document(buf, at, end, depth + 1, r);
      return [type === 0x04 ? Object.values(doc) : doc, next];
    }
    case 0x05: {
      need(buf, at, 5, end);
      const length = buf.readInt32LE(at);
      if (length < 0) throw new BsonError('bad binary length');
      need(buf, at + 5, length, end);
      return [`<binary ${length} bytes>`, at + 5 + length];
    }
    case 0x06:
    case 0x0a:
    case 0x7f:
    case 0xff:
      return [null, at];
    case 0x07:
      need(buf, at, 12, end);
      return [buf.subarray(at, at + 12).toString('hex'), at + 12];
    case 0x08:
      need(buf, at, 1, end);
      return [buf.readUInt8(at) !== 0, at + 1];
    case 0x09: {
      need(buf, at, 8, end);
      const ms = Number(buf.readBigInt64LE(at));
      const date = new Date(ms);
      return [Number.isNaN(date.getTime()) ? ms : date.toISOString(), at + 8];
    }
    case 0x0b: {
      const [pattern, next] = cstring(buf, at, end);
      const [, after] = cstring(buf, next, end);
      return [`/${pattern}/`, after];
    }
    case 0x0c: {
      const [name, next] = value(buf, 0x02, at, end, depth, r);
      need(buf, next, 12, end);
      return [`<dbpointer ${typeof name === 'string' ? name : ''}>`, next + 12];
    }
    case 0x0f: {
      need(buf, at, 4, end);
      const length = buf.readInt32LE(at);
      if (length < 4) throw new BsonError('bad code-with-scope length');
      need(buf, at, length, end);
      return ['<code>', at + length];
    }
    case 0x10:
      need(buf, at, 4, end);
      return [buf.readInt32LE(at), at + 4];
    case 0x11:
    case 0x12: {
      need(buf, at, 8, end);
      const big = type === 0x11 ? buf.readBigUInt64LE(at) : buf.readBigInt64LE(at);
      const n = Number(big);
      return [Number.isSafeInteger(n) ? n : big.toString(), at + 8];
    }
    case 0x13:
      need(buf, at, 16, end);
      return ['<decimal128>', at + 16];
    default:
      throw new BsonError(`unknown element type 0x${type.toString(16)}`);
  }
}

function document(
  buf: Buffer,
  at: number,
  limit: number,
  depth: number,
  r: Reader,
): [{ [key: string]: BsonValue }, number] {
  if (depth > MAX_DEPTH) throw new BsonError('documents nested too deep');
  need(buf, at, 5, limit);
  const length = buf.readInt32LE(at);
  if (length < 5) throw new BsonError('bad document length');
  need(buf, at, length, limit);
  const end = at + length;
  if (buf.readUInt8(end - 1) !== 0) throw new BsonError('document without terminator');
  const out: { [key: string]: BsonValue } = Object.create(null) as { [key: string]: BsonValue };
  let pos = at + 4;
  while (pos < end - 1) {
    if (++r.elements > MAX_ELEMENTS) throw new BsonError('too many elements');
    const type = buf.readUInt8(pos);
    const [key, next] = cstring(buf, pos + 1, end - 1);
    const [v, after] = value(buf, type, next, end - 1, depth, r);
    out[key] = v;
    pos = after;
  }
  if (pos !== end - 1) throw new BsonError('element overruns its document');
  return [out, end];
}

/** Decodes the document at `offset`; `bytesRead` tells where it ended. */
export function decodeDocument(buf: Buffer, offset = 0): BsonResult & { readonly bytesRead?: number } {
  try {
    const [doc, end] = document(buf, offset, buf.length, 0, { elements: 0 });
    return { ok: true, value: doc, bytesRead: end - offset };
  } catch (error) {
    if (error instanceof BsonError || error instanceof RangeError)
      return { ok: false, reason: error.message };
    throw error;
  }
}
