/**
 * One command/reply turn of a three-digit-code protocol (FTP, SMTP): send a line, read one complete
 * reply under the budget, put back what belongs to the next one.
 */
import type { Connection } from '../../../../platform/net/index.js';
import { hasCompleteReply, parseNumericReplies, type NumericReply } from './numeric-reply.parse.js';
import { GREETING_WAIT_MS, readWithin, writeSafely, type Budget } from './probe-session.js';

/** Sends `command` (CRLF added; null sends nothing) and reads one reply; undefined when none came. */
export async function exchangeReply(
  connection: Connection,
  budget: Budget,
  command: string | null,
  notes: string[],
  maxBytes = 16 * 1024,
): Promise<NumericReply | undefined> {
  if (command !== null) {
    const failed = await writeSafely(connection, `${command}\r\n`);
    if (failed) {
      notes.push(failed);
      return undefined;
    }
  }
  const read = await readWithin(connection, budget, {
    maxBytes,
    stopWhen: hasCompleteReply,
    ...(command === null ? { silenceMs: GREETING_WAIT_MS } : {}),
  });
  const parsed = parseNumericReplies(read.bytes);
  if (parsed.consumed < read.bytes.length)
    connection.unshift(Buffer.from(read.bytes.subarray(parsed.consumed)));
  if (parsed.replies.length === 0 && read.bytes.length > 0 && read.closedBy !== 'done') {
    notes.push(`${command?.split(' ')[0] ?? 'greeting'}: ${read.note ?? `closed by ${read.closedBy}`}`);
  }
  return parsed.replies[0];
}
