/**
 * SMTP (RFC 5321) as a client sees it before sending mail: the greeting, the EHLO extensions
 * (RFC 1869) and whether STARTTLS (RFC 3207) is offered. Pure.
 */
import type { NumericReply } from '../banner/numeric-reply.parse.js';

/** The greeting: code (220 ready, 554 no service), host name announced, and the text. */
export interface SmtpGreeting {
  readonly code: number;
  readonly lines: readonly string[];
  /** First word of the greeting: the host name the server announces. */
  readonly announcedHost?: string;
  /** Names SMTP/ESMTP or a mail product. */
  readonly saysSmtp: boolean;
  /** Names FTP: a file server, not mail. */
  readonly saysFtp: boolean;
}

/** Reads a greeting reply; null when the code is not one an SMTP server greets with. */
export function parseSmtpGreeting(reply: NumericReply | undefined): SmtpGreeting | null {
  if (reply === undefined || ![220, 421, 554].includes(reply.code)) return null;
  const text = reply.lines.join('\n');
  const host = /^([A-Za-z0-9.-]+\.[A-Za-z0-9-]+|\[[^\]]+\])(?:\s|$)/.exec(reply.lines[0] ?? '')?.[1];
  return {
    code: reply.code,
    lines: reply.lines,
    ...(host ? { announcedHost: host } : {}),
    saysSmtp: /\b(e?smtp|postfix|sendmail|exim|mail|exchange|lmtp)\b/i.test(text),
    saysFtp: /ftp/i.test(text),
  };
}

/** The EHLO answer: extension keywords (upper case) with their parameters. */
export interface EhloAnswer {
  readonly host?: string;
  /** `STARTTLS`, `SIZE 10240000`, `AUTH PLAIN LOGIN` … as sent, keyword upper-cased. */
  readonly extensions: readonly string[];
  readonly starttls: boolean;
  /** SASL mechanisms offered before TLS (`AUTH PLAIN LOGIN`): passwords could cross in clear text. */
  readonly authMechanisms: readonly string[];
}

/** Parses a 250 reply to EHLO; null for any other reply. */
export function parseEhlo(reply: NumericReply | undefined): EhloAnswer | null {
  if (reply === undefined || reply.code !== 250) return null;
  const [first = '', ...rest] = reply.lines;
  const extensions = rest
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [word = '', ...params] = l.split(/\s+/);
      return [word.toUpperCase(), ...params].join(' ');
    })
    .slice(0, 64);
  const keyword = (e: string) => e.split(/[\s=]/)[0];
  const auth = extensions.find((e) => keyword(e) === 'AUTH');
  const host = first.split(/\s+/)[0];
  return {
    ...(host ? { host } : {}),
    extensions,
    starttls: extensions.some((e) => keyword(e) === 'STARTTLS'),
    authMechanisms: auth
      ? auth
          .split(/[\s=]+/)
          .slice(1)
          .map((m) => m.toUpperCase())
      : [],
  };
}
