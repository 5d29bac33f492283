import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../log/logger.js';
import type { MailMessage } from './outbox.js';
import {
  claimOutboxMessage,
  listDueOutboxMessages,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type OutboxMessage,
} from './outbox.repository.js';

/** A message as handed to the relay; `messageId` makes a resend recognisable as the same mail. */
export interface OutgoingMail extends MailMessage {
  readonly messageId?: string;
}

/** Delivers one message to an SMTP relay (or, in tests, anything that accepts it). */
export interface MailSender {
  /** Resolves once the relay accepted the message; rejects otherwise. */
  send(message: OutgoingMail): Promise<void>;
  /** Removes credentials from an error text before it is stored or logged. */
  redact(text: string): string;
  close(): void;
}

/** What one `sendDueMail` pass did. */
export interface MailDeliveryReport {
  readonly sent: number;
  /** Messages given up after their last attempt. */
  readonly failed: number;
  /** Messages that failed this time and stay pending for a later attempt. */
  readonly retried: number;
}

/** Attempts after which a message is marked `failed` (about ten hours of retries). */
export const MAX_MAIL_ATTEMPTS = 20;

const MAIL_RETRY_BASE_MS = 30_000;
const MAIL_RETRY_CAP_MS = 60 * 60_000;
// A sender that dies mid-send leaves the message claimed this long before another may retry it.
const MAIL_SEND_LEASE_MS = 5 * 60_000;
const SMTP_TIMEOUT_MS = 10_000;

// Errors that say the relay itself is unreachable or refuses us: the rest of the batch would
// fail the same way (after the same timeouts), so it is recorded without being tried.
const RELAY_DOWN_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
]);

/** Delay before the next attempt after `attempts` failed ones: 30 s, 1 min, 2 min, … capped at 1 h. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(MAIL_RETRY_BASE_MS * 2 ** Math.max(attempts - 1, 0), MAIL_RETRY_CAP_MS);
}

/** Removes the `user:password@` part of any URL in a text. */
export function stripUrlUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1');
}

function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'hygie.invalid';
}

/**
 * A sender over nodemailer's SMTP transport, from `HYGIE_SMTP_URL`
 * (`smtp://host:25`, `smtps://user:password@host:465`). Connection, greeting and socket
 * timeouts are 10 s; messages may not pull in local files or URLs.
 */
export function createSmtpSender(smtpUrl: string, from: string): MailSender {
  const transport = createTransport(
    {
      url: smtpUrl,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from },
  );
  const secrets: string[] = [];
  try {
    const url = new URL(smtpUrl);
    for (const part of [url.password, decodeURIComponent(url.password)]) {
      // Very short secrets would mangle ordinary words; the userinfo stripping still applies.
      if (part.length >= 4) secrets.push(part);
    }
  } catch {
    // An unparsable URL fails at send time; its error goes through stripUrlUserinfo.
  }
  const redact = (text: string): string =>
    secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), stripUrlUserinfo(text));
  const domain = domainOf(from);
  return {
    async send(message: OutgoingMail): Promise<void> {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        headers: { ...(message.headers ?? {}) },
        ...(message.messageId !== undefined ? { messageId: `<${message.messageId}@${domain}>` } : {}),
      });
    },
    redact,
    close(): void {
      transport.close();
    },
  };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
}

function isRelayDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, responseCode } = error as NodeJS.ErrnoException & { responseCode?: number };
  return code !== undefined && RELAY_DOWN_CODES.has(code) && responseCode === undefined;
}

/** What `sendDueMail` needs; `sender` null means no relay is configured. */
export interface SendDueMailOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly sender: MailSender | null;
  readonly batchSize: number;
}

/**
 * Sends up to `batchSize` due outbox messages one by one. A failure counts an attempt, keeps
 * the credential-free error and sets the next attempt with back-off; after
 * `MAX_MAIL_ATTEMPTS` the message is `failed`. Without a sender, messages stay pending.
 */
export async function sendDueMail(options: SendDueMailOptions): Promise<MailDeliveryReport> {
  const { db, clock, log, sender } = options;
  const report = { sent: 0, failed: 0, retried: 0 };
  if (sender === null) {
    log.debug('no SMTP relay configured: outbox messages stay pending');
    return report;
  }
  const due = await listDueOutboxMessages(db, clock.now(), options.batchSize);
  let relayDownError: string | null = null;

  const recordFailure = async (message: OutboxMessage, error: string): Promise<void> => {
    const attempts = message.attempts + 1;
    const mailLog = log.child({ outboxId: message.id });
    if (attempts >= MAX_MAIL_ATTEMPTS) {
      await markOutboxFailed(db, message.id, error);
      report.failed++;
      mailLog.error({ attempts, error }, 'mail given up after its last attempt');
      return;
    }
    const nextAttemptAt = new Date(clock.now().getTime() + mailRetryDelayMs(attempts));
    await markOutboxRetry(db, message.id, { nextAttemptAt, lastError: error });
    report.retried++;
    mailLog.warn(
      { attempts, error, nextAttemptAt: nextAttemptAt.toISOString() },
      'mail not sent; will retry',
    );
  };

  for (const message of due) {
    const leaseUntil = new Date(clock.now().getTime() + MAIL_SEND_LEASE_MS);
    if (!(await claimOutboxMessage(db, { id: message.id, from: message.nextAttemptAt, leaseUntil })))
      continue;
    if (relayDownError !== null) {
      await recordFailure(message, relayDownError);
      continue;
    }
    try {
      await sender.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== null ? { html: message.html } : {}),
        headers: message.headers,
        messageId: message.id,
      });
    } catch (error) {
      const text = sender.redact(stripUrlUserinfo(errorText(error)));
      if (isRelayDown(error)) relayDownError = `not tried, the relay was unreachable: ${text}`;
      await recordFailure(message, text);
      continue;
    }
    await markOutboxSent(db, message.id, clock.now());
    report.sent++;
    log.debug({ outboxId: message.id }, 'mail sent');
  }
  return report;
}
