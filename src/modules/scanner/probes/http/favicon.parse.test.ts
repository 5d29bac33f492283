import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Lines, faviconMd5, murmurhash3, shodanFaviconHash } from './favicon.parse.js';

describe('favicon hashes', () => {
  it('implements MurmurHash3 x86 32 (reference vectors)', () => {
    expect(murmurhash3(Buffer.alloc(0))).toBe(0);
    expect(murmurhash3(Buffer.alloc(0), 1)).toBe(0x514e28b7);
    expect(murmurhash3(Buffer.from('hello'))).toBe(0x248bfa47);
    expect(murmurhash3(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723);
    expect(murmurhash3(Buffer.from([0x21, 0x43, 0x65, 0x87]))).toBe(0xf55b516b);
  });

  it("wraps base64 like Python's base64.encodebytes", () => {
    const text = base64Lines(Buffer.alloc(100, 0));
    const lines = text.split('\n');
    expect(lines[0]).toHaveLength(76);
    expect(text.endsWith('\n')).toBe(true);
    expect(base64Lines(Buffer.from('hi'))).toBe('aGk=\n');
  });

  it('gives Shodan-style signed decimals and MD5', () => {
    const hash = shodanFaviconHash(Buffer.from('hi'));
    expect(hash).toBe(String(murmurhash3(Buffer.from('aGk=\n')) | 0));
    expect(faviconMd5(Buffer.from('hi'))).toBe('49f68a5c8493ec2c0bf489821c21fc3b');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const n = Number(shodanFaviconHash(Buffer.from(bytes)));
        expect(Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31).toBe(true);
      }),
    );
  });
});
