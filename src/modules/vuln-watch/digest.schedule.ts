/**
 * When a digest is due. The `vuln-watch.send-digests` job runs every 15 minutes (UTC cron);
 * each subscription says when it wants its digest, in Europe/Paris time (the constituency's),
 * so that "daily at 8" stays 8 o'clock across daylight-saving changes. Pure.
 *
 * - immediate: due at every run (a digest goes out only when something new matched);
 * - daily: due once the last 'hour:00' (Paris) has passed since the previous evaluation;
 * - weekly: the same, with the last 'weekday hour:00' (1 = Monday … 7 = Sunday).
 *
 * A subscription created after today's slot waits for the next one.
 */
import type { DigestFrequency } from './subscription.types.js';

/** Cron of the digest job: every 15 minutes. */
export const DIGEST_CRON = '*/15 * * * *';

/** The time zone of digest hours. */
export const DIGEST_TIME_ZONE = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DIGEST_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Paris wall-clock fields of an instant (weekday 1 = Monday … 7 = Sunday). */
export function parisTime(at: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const f: Record<string, string> = {};
  for (const p of parts.formatToParts(at)) f[p.type] = p.value;
  return {
    year: Number(f.year),
    month: Number(f.month),
    day: Number(f.day),
    hour: Number(f.hour),
    minute: Number(f.minute),
    second: Number(f.second),
    weekday: WEEKDAYS.indexOf(f.weekday ?? '') + 1,
  };
}

/** The instant at which Paris clocks show this date and hour:00 (the later one in an ambiguous hour). */
export function parisInstant(year: number, month: number, day: number, hour: number): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = parisTime(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** The latest slot (instant) at or before `now` of a daily or weekly schedule. */
export function latestSlot(now: Date, frequency: 'daily' | 'weekly', hour: number, weekday: number): Date {
  const p = parisTime(now);
  // Walk back over Paris calendar days (UTC date arithmetic on the Paris date is DST-free).
  for (let back = 0; back <= 8; back++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day - back));
    const dayOfWeek = ((d.getUTCDay() + 6) % 7) + 1;
    if (frequency === 'weekly' && dayOfWeek !== weekday) continue;
    const slot = parisInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('latestSlot: no slot found in the last eight days');
}

/** True when the digest of a subscription should be evaluated now. */
export function isDigestDue(
  s: { readonly frequency: DigestFrequency; readonly hour: number; readonly weekday: number; readonly lastRunAt: string | null; readonly createdAt: string },
  now: Date,
): boolean {
  if (s.frequency === 'immediate') return true;
  const slot = latestSlot(now, s.frequency, s.hour, s.weekday);
  const since = new Date(s.lastRunAt ?? s.createdAt);
  return slot.getTime() > since.getTime();
}
