import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BsonDouble, encodeDocument, type BsonInput } from './bson.encode.js';
import { decodeDocument } from './bson.parse.js';
import { encodeBuildInfo, encodeIsMaster, encodeOpMsg, encodeOpReply, OP } from './mongodb.encode.js';
import {
  messageComplete,
  parseReply,
  readBuildInfo,
  readHandshake,
  releaseForWireVersion,
} from './mongodb.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const documentOf = (bytes: Buffer) => {
  const r = parseReply(bytes);
  if (!r.ok) throw new Error(r.reason);
  return r.document;
};

describe('requests', () => {
  it('isMaster is the classic OP_QUERY on admin.$cmd, byte for byte', () => {
    expect(encodeIsMaster(1).toString('hex')).toBe(
      '3a0000000100000000000000d40700000000000061646d696e2e24636d640000000000ffffffff130000001069734d6173746572000100000000',
    );
  });

  it('buildInfo goes as OP_MSG from wire version 6, as OP_QUERY before', () => {
    expect(encodeBuildInfo(2, 21).readInt32LE(12)).toBe(OP.msg);
    expect(encodeBuildInfo(2, 5).readInt32LE(12)).toBe(OP.query);
  });
});

describe('replies (fixtures built from the wire-protocol and BSON specifications)', () => {
  it('isMaster of a MongoDB 7.0 primary', () => {
    const bytes = fixture('mongodb-7.0-ismaster-reply.bin');
    expect(messageComplete(bytes)).toBe(true);
    expect(parseReply(bytes)).toMatchObject({ ok: true, responseTo: 1 });
    expect(readHandshake(documentOf(bytes))).toEqual({
      ok: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      isWritablePrimary: true,
      router: false,
      readOnly: false,
    });
    expect(documentOf(bytes).localTime).toBe('2026-11-29T09:00:00.000Z');
  });

  it('buildInfo of MongoDB 7.0.12, and a refused one', () => {
    expect(readBuildInfo(documentOf(fixture('mongodb-7.0-buildinfo-reply.bin')))).toEqual({
      version: '7.0.12',
      enterprise: false,
    });
    expect(readBuildInfo(documentOf(fixture('mongodb-buildinfo-unauthorized.bin')))).toEqual({
      enterprise: false,
      errorMessage: 'command buildInfo requires authentication',
    });
  });

  it('a mongos router in a replica set with the Enterprise module', () => {
    const doc = documentOf(
      encodeOpMsg(
        9,
        { ismaster: true, msg: 'isdbgrid', setName: 'rs0', maxWireVersion: 17, ok: new BsonDouble(1) },
        1,
      ),
    );
    expect(readHandshake(doc)).toMatchObject({ router: true, replicaSet: 'rs0', maxWireVersion: 17 });
    expect(readBuildInfo({ version: '6.0.3', modules: ['enterprise'], ok: 1 })).toEqual({
      version: '6.0.3',
      enterprise: true,
    });
  });

  it('other answers are not MongoDB handshakes', () => {
    expect(parseReply(Buffer.from('HTTP/1.0 400 Bad Request\r\n\r\n'))).toMatchObject({ ok: false });
    expect(parseReply(encodeIsMaster(3))).toEqual({ ok: false, reason: 'unexpected opcode 2004' });
    expect(readHandshake(documentOf(encodeOpReply(1, 1, { hello: 'world' })))).toBeNull();
    expect(messageComplete(Buffer.from('ffffff7f', 'hex'))).toBe(true);
  });

  it('wire versions name releases', () => {
    expect(releaseForWireVersion(21)).toBe('7.0');
    expect(releaseForWireVersion(25)).toBe('8.0');
    expect(releaseForWireVersion(26)).toBe('later than 8.0');
    expect(releaseForWireVersion(11)).toBeUndefined();
  });
});

describe('BSON', () => {
  const key = fc.stringMatching(/^[a-zA-Z_$][a-zA-Z0-9_]{0,11}$/);
  const leaf = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer({ min: -0x80000000, max: 0x7fffffff }),
    fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
    fc.boolean(),
    fc.constant(null),
  );
  const doc = fc.letrec<{ doc: Record<string, unknown>; value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('doc')),
    doc: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  })).doc;

  it('decodes what it encodes (round trip)', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const decoded = decodeDocument(encodeDocument(d as { [key: string]: BsonInput }));
        expect(decoded.ok && decoded.value).toEqual(d);
      }),
    );
  });

  it('reads the types it does not write (ObjectId, timestamp, binary) and refuses broken documents', () => {
    // { _id: ObjectId, ts: Timestamp(1, 2), b: BinData(0, 'ab') } hand-encoded from bsonspec.org.
    const hex =
      '30000000' +
      '075f696400' +
      '0102030405060708090a0b0c' +
      '11747300' +
      '0200000001000000' +
      '056200' +
      '0200000000' +
      '6162' +
      '00';
    const bytes = Buffer.from(hex, 'hex');
    bytes.writeInt32LE(bytes.length, 0);
    expect(decodeDocument(bytes)).toMatchObject({
      ok: true,
      value: { _id: '0102030405060708090a0b0c', ts: 4294967298, b: '<binary 2 bytes>' },
    });
    expect(decodeDocument(Buffer.from('0500000001', 'hex'))).toMatchObject({ ok: false });
    expect(decodeDocument(Buffer.from('0c00000010610001000000', 'hex'))).toMatchObject({ ok: false });
  });

  it('never throws on arbitrary bytes, nor on mutations of a real reply', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b = Buffer.from(bytes);
        decodeDocument(b);
        parseReply(b);
        messageComplete(b);
      }),
    );
    const real = fixture('mongodb-7.0-buildinfo-reply.bin');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: real.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const b = Buffer.from(real);
          b.writeUInt8(value, at);
          const r = parseReply(b);
          if (r.ok) {
            readHandshake(r.document);
            readBuildInfo(r.document);
          }
        },
      ),
    );
  });

  it('refuses nesting deeper than its bound', () => {
    let deep: { [key: string]: BsonInput } = { x: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(decodeDocument(encodeDocument(deep))).toEqual({ ok: false, reason: 'documents nested too deep' });
  });
});
