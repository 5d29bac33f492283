import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEAK_SUITES, clientHello, firstRecordDone, protocolName, readServerHello } from './tls-hello.js';

/** A minimal ServerHello record choosing `suite` at `version`. */
function serverHello(version: number, suite: number, sessionId = Buffer.alloc(32, 7)): Buffer {
  const body = Buffer.concat([
    Buffer.from([version >> 8, version & 0xff]),
    Buffer.alloc(32, 1),
    Buffer.from([sessionId.length]),
    sessionId,
    Buffer.from([suite >> 8, suite & 0xff, 0x00]),
  ]);
  const hs = Buffer.concat([Buffer.from([0x02, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x03, hs.length >> 8, hs.length & 0xff]), hs]);
}

describe('hand-built TLS hello', () => {
  it('offers exactly the suites asked, with SNI for a name', () => {
    const suites = Object.keys(WEAK_SUITES['3des']).map(Number);
    const hello = clientHello(suites, 'www.chu-lab.test', Buffer.alloc(32));
    expect(hello[0]).toBe(0x16);
    expect(hello.readUInt16BE(3)).toBe(hello.length - 5);
    const suitesLength = hello.readUInt16BE(5 + 4 + 2 + 32 + 1);
    expect(suitesLength).toBe(suites.length * 2);
    expect(hello.includes(Buffer.from('www.chu-lab.test'))).toBe(true);
    expect(clientHello(suites, '127.100.1.20').includes(Buffer.from('127.100.1.20'))).toBe(false);
  });

  it("reads the server's choice or its alert", () => {
    expect(readServerHello(serverHello(0x0303, 0x000a))).toEqual({
      kind: 'server-hello',
      version: 0x0303,
      suite: 0x000a,
    });
    expect(readServerHello(serverHello(0x0301, 0x0005, Buffer.alloc(0)))).toEqual({
      kind: 'server-hello',
      version: 0x0301,
      suite: 0x0005,
    });
    expect(readServerHello(Buffer.from('15030300020228', 'hex'))).toEqual({
      kind: 'alert',
      level: 2,
      description: 40,
    });
    expect(readServerHello(Buffer.from('HTTP/1.1 400 Bad Request'))).toEqual({ kind: 'not-tls' });
    expect(readServerHello(Buffer.alloc(0))).toEqual({ kind: 'incomplete' });
    expect(firstRecordDone(serverHello(0x0303, 0x000a))).toBe(true);
    expect(firstRecordDone(serverHello(0x0303, 0x000a).subarray(0, 20))).toBe(false);
    expect(protocolName(0x0301)).toBe('TLSv1');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void readServerHello(Buffer.from(b))));
  });
});
