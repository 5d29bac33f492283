import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyFraming,
  ChunkedDecoder,
  findHeadEnd,
  looksLikeHttp,
  parseHttpHead,
  type HttpHead,
} from './http-response.js';

const head = (text: string): HttpHead => {
  const r = parseHttpHead(Buffer.from(text, 'latin1'));
  if (!r.ok) throw new Error(r.reason);
  return r.head;
};

describe('parseHttpHead', () => {
  it('reads the status line and headers, joining repeats and unfolding continuations', () => {
    const h = head(
      'HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-Long: one\r\n two\r\nbad line\r\n\r\n',
    );
    expect(h).toMatchObject({ httpVersion: '1.1', status: 301, statusText: 'Moved Permanently' });
    expect(h.headers).toEqual({ location: '/new', 'set-cookie': 'a=1, b=2', 'x-long': 'one two' });
    expect(h.rawHeaders).toHaveLength(4);
  });

  it('accepts bare LF and an empty reason phrase', () => {
    expect(head('HTTP/1.0 200\nServer: x\n\n')).toMatchObject({
      status: 200,
      statusText: '',
      headers: { server: 'x' },
    });
  });

  it('refuses what is not a status line, with a printable preview', () => {
    const r = parseHttpHead(Buffer.from('HTTP/1.1 OK\r\n\r\n'));
    expect(r).toEqual({ ok: false, reason: 'not an HTTP status line: "HTTP/1.1 OK"' });
  });

  it('caps the number of headers kept', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `X-${i}: ${i}`).join('\r\n');
    expect(parseHttpHead(Buffer.from(`HTTP/1.1 200 OK\r\n${many}\r\n\r\n`), 10)).toMatchObject({
      ok: true,
      head: { rawHeaders: { length: 10 } },
    });
  });
});

describe('findHeadEnd / looksLikeHttp', () => {
  it('finds the first blank line of either style', () => {
    expect(findHeadEnd(Buffer.from('HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody'))).toBe(25);
    expect(findHeadEnd(Buffer.from('HTTP/1.1 200 OK\nA: b\n\nbody'))).toBe(22);
    expect(findHeadEnd(Buffer.from('HTTP/1.1 200 OK\r\nA: b\r\n'))).toBe(-1);
  });

  it('tells an HTTP start from another protocol after a few bytes', () => {
    expect(looksLikeHttp(Buffer.from('HT'))).toBe(true);
    expect(looksLikeHttp(Buffer.from('HTTP/1.1 200'))).toBe(true);
    expect(looksLikeHttp(Buffer.from('SSH-2.0-OpenSSH_9.2'))).toBe(false);
    expect(looksLikeHttp(Buffer.from([0x16, 0x03, 0x01]))).toBe(false);
  });
});

describe('bodyFraming', () => {
  it.each([
    ['HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', { kind: 'none' }],
    ['GET', 'HTTP/1.1 204 No Content\r\n\r\n', { kind: 'none' }],
    ['GET', 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n', { kind: 'none' }],
    [
      'GET',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 5\r\n\r\n',
      { kind: 'chunked' },
    ],
    ['GET', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', { kind: 'length', length: 5 }],
    ['GET', 'HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n', { kind: 'length', length: 5 }],
    ['GET', 'HTTP/1.1 200 OK\r\n\r\n', { kind: 'close' }],
  ])('%s %j', (method, text, framing) => {
    expect(bodyFraming(method, head(text))).toEqual(framing);
  });

  it('falls back to read-until-close with a note on a conflicting length', () => {
    expect(bodyFraming('GET', head('HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n'))).toMatchObject({
      kind: 'close',
      note: expect.stringMatching(/invalid Content-Length/) as string,
    });
  });
});

/** Encodes `body` as chunks of the given sizes (the last one gets the rest). */
function chunked(body: Buffer, sizes: number[]): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of [...sizes, body.length]) {
    const piece = body.subarray(at, at + size);
    if (piece.length === 0) continue;
    at += piece.length;
    parts.push(Buffer.from(`${piece.length.toString(16)};ext=1\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\nX-Trailer: yes\r\n\r\n'));
  return Buffer.concat(parts);
}

describe('ChunkedDecoder', () => {
  it('decodes any body however the wire bytes are split (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }),
        (bytes, sizes, cuts) => {
          const body = Buffer.from(bytes);
          const wire = Buffer.concat([chunked(body, sizes), Buffer.from('NEXT RESPONSE')]);
          const decoder = new ChunkedDecoder(1000);
          let at = 0;
          for (const cut of [...cuts, wire.length]) {
            decoder.push(wire.subarray(at, at + cut));
            at += cut;
          }
          expect(decoder.done).toBe(true);
          expect(decoder.body().equals(body)).toBe(true);
        },
      ),
    );
  });

  it('keeps at most its cap and says so', () => {
    const decoder = new ChunkedDecoder(4);
    decoder.push(Buffer.from('a\r\n0123456789\r\n0\r\n\r\n'));
    expect(decoder.body().toString()).toBe('0123');
    expect(decoder.overflowed).toBe(true);
  });

  it.each([
    ['zz\r\n', /bad chunk-size line/],
    ['3\r\nabcX\r\n', /not followed by CRLF/],
    [`${'1'.repeat(5000)}\r\n`, /longer than 4096/],
  ])('fails clearly on %j', (wire, error) => {
    const decoder = new ChunkedDecoder(100);
    decoder.push(Buffer.from(wire));
    expect(decoder.failed).toBe(true);
    expect(decoder.error).toMatch(error);
  });
});
