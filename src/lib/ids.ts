/**
 * Record identifiers: UUIDv7 (RFC 9562 §5.7), so that ids sort in creation order (index-friendly and
 * handy for pagination) while staying unguessable. Within one process ids are strictly increasing: a
 * 12-bit counter in rand_a orders ids created in the same millisecond (RFC 9562 §6.2, method 1).
 */
import { randomBytes } from 'node:crypto';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let lastMs = -1;
let counter = 0;

/** A new time-ordered id (lower-case UUIDv7 text). */
export function newId(): string {
  const random = randomBytes(10);
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // Counter exhausted within one millisecond: borrow the next millisecond rather than lose ordering.
      ms = lastMs + 1;
      counter = 0;
    }
  } else {
    counter = (((random[0] ?? 0) << 4) | ((random[1] ?? 0) >> 4)) & 0x7ff; // random start, room to count
  }
  lastMs = ms;
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((random[2] ?? 0) & 0x3f);
  bytes.set(random.subarray(3, 10), 9);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when `s` is an id as produced by newId (lower-case UUID, version 7, RFC 9562 variant). */
export function isId(s: string): boolean {
  return ID.test(s);
}

/** When an id was created (its embedded millisecond timestamp), or undefined for a non-id. */
export function idTime(id: string): Date | undefined {
  if (!isId(id)) return undefined;
  return new Date(parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}
