import { newId } from '../../lib/ids.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { insertOutboxMessage } from './outbox.repository.js';

/** An e-mail to send: one recipient, a plain-text body and optionally an HTML alternative. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Extra headers such as `List-Unsubscribe`; the envelope headers are set by the sender. */
  readonly headers?: Readonly<Record<string, string>>;
}

// Set by the sender from the message fields; a caller overriding them would be a bug.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'sender',
  'reply-to',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

const CONTROL = /[\r\n\0]/;

function checkMessage(message: MailMessage): void {
  const to = message.to.trim();
  if (to === '' || to.length > 320 || CONTROL.test(to) || !/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(to)) {
    throw new Error(`Cannot queue mail: "to" must be one e-mail address such as alice@example.org`);
  }
  if (CONTROL.test(message.subject)) throw new Error('Cannot queue mail: the subject must be one line');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new Error(`Cannot queue mail: header "${name}" is not allowed (use the message fields instead)`);
    }
    if (CONTROL.test(value)) throw new Error(`Cannot queue mail: header "${name}" must be one line`);
  }
}

/**
 * Puts an e-mail in the outbox; the `mail.send-outbox` job sends it. Pass the transaction of the
 * state change that causes the mail as `db`, so that both commit or neither. Returns its id.
 */
export async function queueMail(db: Kysely<Database>, clock: Clock, message: MailMessage): Promise<string> {
  checkMessage(message);
  const id = newId();
  await insertOutboxMessage(db, {
    id,
    to: message.to.trim(),
    subject: message.subject,
    text: message.text,
    html: message.html ?? null,
    headers: { ...(message.headers ?? {}) },
    now: clock.now(),
  });
  return id;
}
