/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) for scheduled jobs such as
 * vulnerability-feed polling and periodic audits, evaluated in UTC so that schedules do not shift with
 * daylight-saving time. Semantics follow Vixie cron / cronie: `*`, lists, ranges, steps, month and day
 * names, 0 or 7 for Sunday, and when both day fields are restricted a day matching either one fires
 * (if either day field starts with `*`, both must match).
 */

/** A parsed schedule: the allowed values of each field, sorted. */
export interface CronSchedule {
  readonly source: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 = Sunday … 6 = Saturday. */
  readonly daysOfWeek: readonly number[];
  readonly dayOfMonthStar: boolean;
  readonly dayOfWeekStar: boolean;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseField(text: string, spec: FieldSpec, fail: (problem: string) => never): number[] {
  const values = new Set<number>();
  const bad = (problem: string): never => fail(`the ${spec.name} field "${text}" ${problem}`);
  const value = (token: string): number => {
    const index = spec.names?.indexOf(token.toLowerCase()) ?? -1;
    const n = index >= 0 ? index + spec.min : /^\d{1,2}$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(n))
      return bad(`contains "${token}", which is not a number${spec.names ? ' or a name' : ''}`);
    if (n < spec.min || n > spec.max) return bad(`contains ${n}, outside ${spec.min}–${spec.max}`);
    return n;
  };
  for (const item of text.split(',')) {
    if (item === '') bad('has an empty list item');
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) bad(`has more than one "/" in "${item}"`);
    let step = 1;
    if (stepText !== undefined) {
      step = /^\d{1,2}$/.test(stepText) ? Number(stepText) : 0;
      if (step < 1) bad(`has a step "${stepText}" that is not a whole number from 1 to 99`);
    }
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a = '', b = '', more] = range.split('-');
      if (more !== undefined) bad(`has a malformed range "${range}"`);
      [from, to] = [value(a), value(b)];
      if (from > to) bad(`has a range "${range}" that runs backwards`);
    } else {
      from = value(range);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

/** Parses a cron expression; throws an Error naming the faulty field so the user knows what to fix. */
export function parseCron(expr: string): CronSchedule {
  const source = expr.trim();
  const fail = (problem: string): never => {
    throw new Error(`Invalid cron expression "${source}": ${problem}.`);
  };
  let body = source;
  if (source.startsWith('@')) {
    body = MACROS[source.toLowerCase()] ?? fail(`unknown shortcut; use ${Object.keys(MACROS).join(', ')}`);
  }
  const parts = body === '' ? [] : body.split(/\s+/);
  if (parts.length !== 5) {
    fail(`expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = FIELDS.map((spec, i) =>
    parseField(parts[i] ?? '', spec, fail),
  ) as [number[], number[], number[], number[], number[]];
  const dayOfMonthStar = (parts[2] ?? '').startsWith('*');
  const dayOfWeekStar = (parts[4] ?? '').startsWith('*');
  const domOnly = !dayOfMonthStar && dayOfWeekStar;
  if (domOnly && !months.some((m) => daysOfMonth.some((d) => d <= (DAYS_IN_MONTH[m - 1] ?? 0)))) {
    fail(`the day-of-month field "${parts[2]}" never occurs in the months "${parts[3]}"`);
  }
  return { source, minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthStar, dayOfWeekStar };
}

function dayMatches(cron: CronSchedule, date: Date): boolean {
  const dom = cron.daysOfMonth.includes(date.getUTCDate());
  const dow = cron.daysOfWeek.includes(date.getUTCDay());
  return cron.dayOfMonthStar || cron.dayOfWeekStar ? dom && dow : dom || dow;
}

/** True when the schedule fires during the UTC minute containing `date`. */
export function cronMatches(cron: CronSchedule | string, date: Date): boolean {
  const c = typeof cron === 'string' ? parseCron(cron) : cron;
  return (
    c.minutes.includes(date.getUTCMinutes()) &&
    c.hours.includes(date.getUTCHours()) &&
    c.months.includes(date.getUTCMonth() + 1) &&
    dayMatches(c, date)
  );
}

// The Gregorian calendar repeats every 400 years: a schedule that does not fire within them never will.
const HORIZON_MS = 400 * 366 * 24 * 3600 * 1000;

/** Epoch milliseconds of a UTC wall-clock time; overflowing fields roll over (month 12 → January next year). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day); // unlike Date.UTC, keeps years 0–99 as they are
  d.setUTCHours(hour, minute, 0, 0);
  return d.getTime();
}

/** The first UTC minute strictly after `after` at which the schedule fires. */
export function nextCronTime(cron: CronSchedule | string, after: Date): Date {
  const c = typeof cron === 'string' ? parseCron(cron) : cron;
  const start = after.getTime();
  if (Number.isNaN(start)) throw new RangeError('nextCronTime needs a valid date');
  let t = Math.floor(start / 60_000) * 60_000 + 60_000;
  while (t - start <= HORIZON_MS) {
    const d = new Date(t);
    const [y, mo, day, h] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()];
    if (!c.months.includes(mo + 1)) t = utc(y, mo + 1, 1);
    else if (!dayMatches(c, d)) t = utc(y, mo, day + 1);
    else if (!c.hours.includes(h)) t = utc(y, mo, day, h + 1);
    else {
      const minute = c.minutes.find((m) => m >= d.getUTCMinutes());
      if (minute !== undefined) return new Date(utc(y, mo, day, h, minute));
      t = utc(y, mo, day, h + 1);
    }
  }
  throw new Error(
    `Cron expression "${c.source}" never fires: check its day-of-month, month and day-of-week fields.`,
  );
}
