import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANNER_MAX_BYTES, firstLine, looksLikeText, printableBanner } from './banner.parse.js';

describe('printableBanner', () => {
  it('keeps ASCII and escapes control and high bytes', () => {
    expect(printableBanner(Buffer.from('220 ok\r\n'))).toBe('220 ok\\r\\n');
    expect(printableBanner(Buffer.from([0xff, 0xfb, 0x01, 0x41, 0x5c]))).toBe('\\xff\\xfb\\x01A\\\\');
  });

  it(`caps at ${BANNER_MAX_BYTES} bytes and marks the cut`, () => {
    const out = printableBanner(Buffer.alloc(2000, 0x41));
    expect(out).toBe(`${'A'.repeat(BANNER_MAX_BYTES)}…`);
  });

  it('always yields printable ASCII (plus the cut mark), whatever the bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const out = printableBanner(Buffer.from(bytes));
        expect(out).toMatch(/^[\x20-\x7e]*…?$/);
        expect(out.length).toBeLessThanOrEqual(BANNER_MAX_BYTES * 4 + 1);
      }),
    );
  });
});

describe('text helpers', () => {
  it('tells text from binary', () => {
    expect(looksLikeText(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'))).toBe(true);
    expect(looksLikeText(Buffer.from([0, 1, 2, 3, 0xff, 0x41]))).toBe(false);
    expect(looksLikeText(Buffer.alloc(0))).toBe(false);
  });

  it('reads the first line', () => {
    expect(firstLine(Buffer.from('220 a\r\n220 b\r\n'))).toBe('220 a');
    expect(firstLine(Buffer.from('no end'))).toBe('no end');
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        looksLikeText(Buffer.from(bytes));
        firstLine(Buffer.from(bytes));
      }),
    );
  });
});
