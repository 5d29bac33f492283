import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasCompleteReply, parseNumericReplies } from './numeric-reply.parse.js';

const fixture = (path: string): Buffer => readFileSync(new URL(`../${path}`, import.meta.url));

describe('parseNumericReplies', () => {
  it('reads the vsftpd greeting and FEAT (captured from 127.100.5.10:21)', () => {
    expect(parseNumericReplies(fixture('ftp/fixtures/vsftpd-3.0.3-greeting.txt')).replies).toEqual([
      { code: 220, lines: ['(vsFTPd 3.0.3)'] },
    ]);
    const feat = parseNumericReplies(fixture('ftp/fixtures/vsftpd-3.0.3-feat.txt'));
    expect(feat.replies[0]?.code).toBe(211);
    expect(feat.replies[0]?.lines).toContain(' EPSV');
    expect(feat.invalid).toBe(false);
  });

  it('reads a multi-line EHLO answer (captured from 127.100.9.10:25)', () => {
    const ehlo = parseNumericReplies(fixture('smtp/fixtures/postfix-starttls-ehlo.txt'));
    expect(ehlo.replies).toHaveLength(1);
    expect(ehlo.replies[0]?.lines[0]).toBe('mx.hopital-sain.test');
    expect(ehlo.replies[0]?.lines).toContain('STARTTLS');
  });

  it('waits for the end of a partial reply and flags garbage', () => {
    expect(parseNumericReplies(Buffer.from('250-a\r\n250-b\r\n'))).toEqual({
      replies: [],
      consumed: 0,
      invalid: false,
    });
    expect(parseNumericReplies(Buffer.from('22'))).toMatchObject({ replies: [], invalid: false });
    expect(parseNumericReplies(Buffer.from('SSH-2.0-x\r\n')).invalid).toBe(true);
    expect(parseNumericReplies(Buffer.from('HTTP/1.0 400'))).toMatchObject({ invalid: true });
    expect(hasCompleteReply(Buffer.from('220 hi\r\n'))).toBe(true);
    expect(hasCompleteReply(Buffer.from('220-hi\r\n'))).toBe(false);
  });

  it('counts consumed bytes so the rest can be put back', () => {
    const parsed = parseNumericReplies(Buffer.from('220 a\r\n331 b\r\n230'));
    expect(parsed.replies.map((r) => r.code)).toEqual([220, 331]);
    expect(parsed.consumed).toBe(14);
  });

  it('never throws, and a complete reply stays complete when more bytes follow (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const first = parseNumericReplies(Buffer.from(a));
        const more = parseNumericReplies(Buffer.concat([Buffer.from(a), Buffer.from(b)]));
        expect(more.replies.length).toBeGreaterThanOrEqual(first.invalid ? 0 : first.replies.length);
      }),
    );
  });
});
