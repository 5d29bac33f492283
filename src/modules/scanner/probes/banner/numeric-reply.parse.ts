/**
 * Replies of the line protocols that answer with three-digit codes (FTP, RFC 959; SMTP, RFC 5321):
 * `220-first line` … `220 last line`. Pure; tolerant of bare LF and of garbage.
 */

/** One complete reply: its code and its text lines (without the code). */
export interface NumericReply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** Outcome of reading replies from a buffer: the complete ones, and how many bytes they used. */
export interface ReplyParse {
  readonly replies: readonly NumericReply[];
  readonly consumed: number;
  /** The bytes do not follow the reply syntax (another protocol, or garbage). */
  readonly invalid: boolean;
}

const LINE = /^(\d{3})([ -])(.*)$/;

/** Parses every complete reply at the start of `bytes`. */
export function parseNumericReplies(bytes: Buffer, maxLines = 200): ReplyParse {
  const text = bytes.toString('latin1');
  const replies: NumericReply[] = [];
  let consumed = 0;
  let offset = 0;
  let current: { code: number; lines: string[] } | null = null;
  let count = 0;
  while (count++ < maxLines) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    const line = text.slice(offset, nl).replace(/\r$/, '');
    offset = nl + 1;
    const m = LINE.exec(line);
    if (m === null) {
      // RFC 959 allows continuation lines without a code inside a multi-line reply.
      if (current !== null) {
        current.lines.push(line);
        continue;
      }
      return { replies, consumed, invalid: true };
    }
    const code = Number(m[1]);
    if (current !== null && code !== current.code && m[2] === '-')
      return { replies, consumed, invalid: true };
    current ??= { code, lines: [] };
    current.lines.push(m[3] as string);
    if (m[2] === ' ' && code === current.code) {
      replies.push(current);
      current = null;
      consumed = offset;
    }
  }
  const invalid = current === null && consumed < text.length && !couldStartReply(text.slice(consumed));
  return { replies, consumed, invalid };
}

/** True while a partial line could still become `ddd-` or `ddd `. */
function couldStartReply(partial: string): boolean {
  return /^\d{0,3}$/.test(partial) || /^\d{3}[ -]/.test(partial);
}

/** True once `bytes` hold at least one complete reply (a `stopWhen` for reads). */
export function hasCompleteReply(bytes: Buffer): boolean {
  const parsed = parseNumericReplies(bytes);
  return parsed.replies.length > 0 || parsed.invalid;
}
