/**
 * The little BSON (bsonspec.org 1.1) Hygie writes: commands to servers, and the server replies its
 * tests replay. Strings, numbers, booleans, null, dates, 64-bit integers, arrays and documents. Pure.
 */

/** A number to encode as a double even when it is integral (servers write `ok: 1.0`). */
export class BsonDouble {
  constructor(readonly value: number) {}
}

/** Values the encoder writes. Integers become int32 when they fit, doubles otherwise; bigint is int64. */
export type BsonInput =
  | string
  | number
  | boolean
  | null
  | bigint
  | Date
  | BsonDouble
  | readonly BsonInput[]
  | { readonly [key: string]: BsonInput };

function cstring(text: string): Buffer {
  if (text.includes('\0')) throw new RangeError('BSON keys cannot contain NUL');
  return Buffer.from(`${text}\0`, 'utf8');
}

function fixed(type: number, name: Buffer, size: number, write: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(size);
  write(b);
  return Buffer.concat([Buffer.from([type]), name, b]);
}

function element(key: string, value: BsonInput): Buffer {
  const name = cstring(key);
  if (value === null) return Buffer.concat([Buffer.from([0x0a]), name]);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    const length = Buffer.alloc(4);
    length.writeInt32LE(text.length + 1, 0);
    return Buffer.concat([Buffer.from([0x02]), name, length, text, Buffer.from([0])]);
  }
  if (typeof value === 'boolean')
    return Buffer.concat([Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0])]);
  if (typeof value === 'bigint') return fixed(0x12, name, 8, (b) => b.writeBigInt64LE(value, 0));
  if (value instanceof Date)
    return fixed(0x09, name, 8, (b) => b.writeBigInt64LE(BigInt(value.getTime()), 0));
  if (value instanceof BsonDouble) return fixed(0x01, name, 8, (b) => b.writeDoubleLE(value.value, 0));
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff) {
      return fixed(0x10, name, 4, (b) => b.writeInt32LE(value, 0));
    }
    return fixed(0x01, name, 8, (b) => b.writeDoubleLE(value, 0));
  }
  if (Array.isArray(value)) {
    const list = value as readonly BsonInput[];
    return Buffer.concat([
      Buffer.from([0x04]),
      name,
      encodeDocument(Object.fromEntries(list.map((v, i) => [String(i), v]))),
    ]);
  }
  return Buffer.concat([
    Buffer.from([0x03]),
    name,
    encodeDocument(value as { readonly [key: string]: BsonInput }),
  ]);
}

/** Encodes a document; keys keep their insertion order (the command name must come first). */
export function encodeDocument(doc: { readonly [key: string]: BsonInput }): Buffer {
  const body = Buffer.concat(Object.entries(doc).map(([k, v]) => element(k, v)));
  const length = Buffer.alloc(4);
  length.writeInt32LE(body.length + 5, 0);
  return Buffer.concat([length, body, Buffer.from([0])]);
}
