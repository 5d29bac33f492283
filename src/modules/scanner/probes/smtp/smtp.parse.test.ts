import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumericReplies } from '../banner/numeric-reply.parse.js';
import { parseEhlo, parseSmtpGreeting } from './smtp.parse.js';
import { smtpProbe } from './smtp.probe.js';

const reply = (name: string) =>
  parseNumericReplies(readFileSync(new URL(`fixtures/${name}.txt`, import.meta.url))).replies[0];
const r = (text: string) => parseNumericReplies(Buffer.from(text)).replies[0];

describe('SMTP replies (Postfix, captured from 127.100.9.10:25 and 127.100.9.20:25)', () => {
  it('reads the greeting', () => {
    expect(parseSmtpGreeting(reply('postfix-starttls-greeting'))).toEqual({
      code: 220,
      lines: ['mx.hopital-sain.test ESMTP Postfix (Debian/GNU)'],
      announcedHost: 'mx.hopital-sain.test',
      saysSmtp: true,
      saysFtp: false,
    });
  });

  it('reads EHLO with and without STARTTLS', () => {
    const clean = parseEhlo(reply('postfix-starttls-ehlo'));
    expect(clean?.starttls).toBe(true);
    expect(clean?.host).toBe('mx.hopital-sain.test');
    expect(clean?.extensions).toContain('SIZE 10240000');
    const weak = parseEhlo(reply('postfix-plain-ehlo'));
    expect(weak?.starttls).toBe(false);
    expect(weak?.extensions).toHaveLength(9);
    expect(reply('postfix-starttls-starttls')?.code).toBe(220);
  });

  it('notes SASL mechanisms offered before TLS', () => {
    expect(parseEhlo(r('250-mx\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n'))?.authMechanisms).toEqual([
      'PLAIN',
      'LOGIN',
    ]);
    expect(parseEhlo(r('250-mx\r\n250 AUTH=login\r\n'))?.authMechanisms).toEqual(['LOGIN']);
    expect(parseEhlo(r('502 5.5.2 Error: command not recognized\r\n'))).toBeNull();
  });

  it('tells an SMTP greeting from an FTP one', () => {
    expect(smtpProbe.matchGreeting?.(Buffer.from('220 mx.example ESMTP Exim 4.96\r\n'))).toMatchObject({
      protocol: 'smtp',
    });
    expect(smtpProbe.matchGreeting?.(Buffer.from('220 (vsFTPd 3.0.3)\r\n'))).toBeNull();
    expect(parseSmtpGreeting(r('554 no service for you\r\n'))?.code).toBe(554);
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const parsed = parseNumericReplies(Buffer.from(bytes)).replies;
        parseSmtpGreeting(parsed[0]);
        parseEhlo(parsed[0]);
        smtpProbe.matchGreeting?.(Buffer.from(bytes));
      }),
    );
  });
});
