import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { OutboxMessageTable } from '../../db/tables/platform.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import { toIso } from '../../lib/clock.js';

/** Where a message is: waiting (maybe retrying), delivered to the SMTP relay, or given up. */
export type OutboxStatus = OutboxMessageTable['status'];

/** One e-mail of the outbox. */
export interface OutboxMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

/** What `insertOutboxMessage` stores. */
export interface NewOutboxMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly now: Date;
}

const MAX_ERROR_LENGTH = 2000;

function toOutboxMessage(row: Selectable<OutboxMessageTable>): OutboxMessage {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: fromDbJson<Record<string, string>>(row.headers, {}),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

function truncateError(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Stores a pending message, due at once. */
export async function insertOutboxMessage(db: Kysely<Database>, message: NewOutboxMessage): Promise<void> {
  const now = toIso(message.now);
  await db
    .insertInto('outbox_messages')
    .values({
      id: message.id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      headers: toDbJson(message.headers),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
}

/** Pending messages due at `now`, oldest attempt first. */
export async function listDueOutboxMessages(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', toIso(now))
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toOutboxMessage);
}

/**
 * Takes a due message for one send by moving its `next_attempt_at` from the value read to
 * `leaseUntil`. False when another sender took it first, so a message is not sent twice by two
 * processes; if the sender dies mid-send, the message is due again when the lease ends.
 */
export async function claimOutboxMessage(
  db: Kysely<Database>,
  claim: { id: string; from: Date; leaseUntil: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ next_attempt_at: toIso(claim.leaseUntil) })
    .where('id', '=', claim.id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', toIso(claim.from))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records a delivery to the SMTP relay. */
export async function markOutboxSent(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: toIso(now),
      last_error: null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt; the message stays pending until `nextAttemptAt`. */
export async function markOutboxRetry(
  db: Kysely<Database>,
  id: string,
  retry: { nextAttemptAt: Date; lastError: string },
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: toIso(retry.nextAttemptAt),
      last_error: truncateError(retry.lastError),
    }))
    .where('id', '=', id)
    .execute();
}

/** Records the last failed attempt: the message will not be sent. */
export async function markOutboxFailed(db: Kysely<Database>, id: string, lastError: string): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'failed',
      attempts: eb('attempts', '+', 1),
      last_error: truncateError(lastError),
    }))
    .where('id', '=', id)
    .execute();
}

/** One message by id, if it exists. */
export async function findOutboxMessage(
  db: Kysely<Database>,
  id: string,
): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxMessage(row) : undefined;
}

/** Messages, newest first, optionally of one status. */
export async function listOutboxMessages(
  db: Kysely<Database>,
  filter: { status?: OutboxStatus; limit?: number } = {},
): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox_messages').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toOutboxMessage);
}

/** How many messages are in each status (every status present, zero when none). */
export async function countOutboxByStatus(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
