/**
 * FTP (RFC 959) as an anonymous client sees it: the 220 greeting, the FEAT list (RFC 2389), and what
 * the replies to `USER anonymous` / `PASS anonymous@` say about anonymous access. Pure.
 */
import type { NumericReply } from '../banner/numeric-reply.parse.js';

/** What the greeting tells: the text recog's `ftp.banner` matches, and hints at the protocol. */
export interface FtpGreeting {
  readonly code: number;
  /** Greeting lines without the code (`(vsFTPd 3.0.3)`). */
  readonly lines: readonly string[];
  /** The greeting names FTP, or at least does not name another protocol. */
  readonly saysFtp: boolean;
  /** The greeting names SMTP/ESMTP: most likely a mail server on an odd port. */
  readonly saysSmtp: boolean;
}

/** Reads a greeting reply; null when it is not a 1xx/2xx/4xx/5xx greeting. */
export function parseFtpGreeting(reply: NumericReply | undefined): FtpGreeting | null {
  if (reply === undefined) return null;
  if (![120, 220, 421, 530, 550, 554].includes(reply.code)) return null;
  const text = reply.lines.join('\n');
  return {
    code: reply.code,
    lines: reply.lines,
    saysFtp: /ftp/i.test(text),
    saysSmtp: /\b(e?smtp|postfix|sendmail|exim|mail service)\b/i.test(text),
  };
}

/** Replies to USER that only an FTP server gives (logged in, password wanted, account wanted, denied). */
export function isFtpUserReply(reply: NumericReply | undefined): boolean {
  return reply !== undefined && [230, 331, 332, 530, 421].includes(reply.code);
}

/** Outcome of the anonymous login attempt. */
export type AnonymousOutcome = 'allowed' | 'refused' | 'password-needed' | 'unknown';

/** Decides from the USER reply (and the PASS reply when one was sent). */
export function anonymousOutcome(user: NumericReply | undefined, pass?: NumericReply): AnonymousOutcome {
  if (user === undefined) return 'unknown';
  if (user.code === 230) return 'allowed';
  if (user.code === 331 || user.code === 332) {
    if (pass === undefined) return 'password-needed';
    if (pass.code === 230 || pass.code === 202) return 'allowed';
    return pass.code >= 400 ? 'refused' : 'unknown';
  }
  return user.code >= 400 ? 'refused' : 'unknown';
}

/** Feature lines of a 211 FEAT reply (`AUTH TLS`, `UTF8` …), upper-cased keyword first. */
export function parseFeatures(reply: NumericReply | undefined): string[] {
  if (reply === undefined || reply.code !== 211) return [];
  return reply.lines
    .slice(1, -1)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [word = '', ...rest] = l.split(/\s+/);
      return [word.toUpperCase(), ...rest].join(' ');
    })
    .slice(0, 64);
}
