import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumericReplies } from '../banner/numeric-reply.parse.js';
import { anonymousOutcome, isFtpUserReply, parseFeatures, parseFtpGreeting } from './ftp.parse.js';
import { ftpProbe } from './ftp.probe.js';

const reply = (name: string) =>
  parseNumericReplies(readFileSync(new URL(`fixtures/vsftpd-3.0.3-${name}.txt`, import.meta.url))).replies[0];
const r = (text: string) => parseNumericReplies(Buffer.from(text)).replies[0];

describe('FTP replies (vsftpd 3.0.3, captured from 127.100.5.10:21)', () => {
  it('reads the greeting', () => {
    expect(parseFtpGreeting(reply('greeting'))).toEqual({
      code: 220,
      lines: ['(vsFTPd 3.0.3)'],
      saysFtp: true,
      saysSmtp: false,
    });
  });

  it('lists the features', () => {
    expect(parseFeatures(reply('feat'))).toEqual([
      'EPRT',
      'EPSV',
      'MDTM',
      'PASV',
      'REST STREAM',
      'SIZE',
      'TVFS',
    ]);
    expect(parseFeatures(r('500 no\r\n'))).toEqual([]);
  });

  it('sees anonymous login allowed without a password prompt', () => {
    const user = reply('user-anonymous');
    expect(user?.code).toBe(230);
    expect(isFtpUserReply(user)).toBe(true);
    expect(anonymousOutcome(user)).toBe('allowed');
  });

  it('decides every other anonymous outcome', () => {
    expect(anonymousOutcome(r('331 Please specify the password.\r\n'), r('230 Login successful.\r\n'))).toBe(
      'allowed',
    );
    expect(anonymousOutcome(r('331 Please specify the password.\r\n'), r('530 Login incorrect.\r\n'))).toBe(
      'refused',
    );
    expect(anonymousOutcome(r('331 x\r\n'))).toBe('password-needed');
    expect(anonymousOutcome(r('530 This FTP server does not allow anonymous logins.\r\n'))).toBe('refused');
    expect(anonymousOutcome(undefined)).toBe('unknown');
  });

  it('tells an FTP greeting from an SMTP one', () => {
    expect(parseFtpGreeting(r('220 mail.example ESMTP Postfix\r\n'))?.saysSmtp).toBe(true);
    expect(parseFtpGreeting(r('250 ok\r\n'))).toBeNull();
    expect(ftpProbe.matchGreeting?.(Buffer.from('220 (vsFTPd 3.0.3)\r\n'))).toMatchObject({
      protocol: 'ftp',
    });
    expect(ftpProbe.matchGreeting?.(Buffer.from('220 mx ESMTP Postfix\r\n'))).toBeNull();
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const parsed = parseNumericReplies(Buffer.from(bytes)).replies;
        parseFtpGreeting(parsed[0]);
        parseFeatures(parsed[0]);
        anonymousOutcome(parsed[0], parsed[1]);
        ftpProbe.matchGreeting?.(Buffer.from(bytes));
      }),
    );
  });
});
