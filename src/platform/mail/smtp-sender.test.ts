import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSmtpSender, mailRetryDelayMs, stripUrlUserinfo } from './smtp-sender.js';

describe('mailRetryDelayMs', () => {
  it('waits 30 s, 1 min, 2 min, … and at most one hour', () => {
    expect([1, 2, 3, 4].map(mailRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(mailRetryDelayMs(7)).toBe(1_920_000);
    expect(mailRetryDelayMs(8)).toBe(3_600_000);
    expect(mailRetryDelayMs(19)).toBe(3_600_000);
  });
});

describe('credential redaction', () => {
  it('strips the userinfo of URLs in error texts', () => {
    expect(stripUrlUserinfo('connect to smtps://alice:p%40ss@mail.example.org:465 failed')).toBe(
      'connect to smtps://mail.example.org:465 failed',
    );
    expect(stripUrlUserinfo('no url here: alice@example.org')).toBe('no url here: alice@example.org');
  });

  it('never leaves a password in the text, wherever it appears', () => {
    const sender = createSmtpSender(
      'smtps://hygie:S3cr%C3%A9t-pass@127.0.0.1:465',
      'Hygie <hygie@cert.example>',
    );
    try {
      fc.assert(
        fc.property(fc.string(), fc.string(), (before, after) => {
          const out = sender.redact(
            `${before}S3crét-pass${after}smtps://hygie:S3cr%C3%A9t-pass@h:1${before}`,
          );
          return !out.includes('S3crét-pass') && !out.includes('S3cr%C3%A9t-pass');
        }),
      );
    } finally {
      sender.close();
    }
  });
});
