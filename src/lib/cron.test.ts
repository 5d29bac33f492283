import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cronMatches, nextCronTime, parseCron } from './cron.js';

const at = (iso: string): Date => new Date(iso);

describe('parseCron', () => {
  it('expands fields', () => {
    const c = parseCron('*/15 9-17 1,15 jan-mar mon-fri');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(c.daysOfMonth).toEqual([1, 15]);
    expect(c.months).toEqual([1, 2, 3]);
    expect(c.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(parseCron('0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(parseCron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
    expect(parseCron('0 0-12/6 * * *').hours).toEqual([0, 6, 12]);
  });

  it('knows the shortcuts', () => {
    expect(parseCron('@daily')).toMatchObject({ minutes: [0], hours: [0], source: '@daily' });
    expect(parseCron('@hourly').hours).toHaveLength(24);
    expect(parseCron('@WEEKLY').daysOfWeek).toEqual([0]);
  });

  it('names the faulty field', () => {
    expect(() => parseCron('')).toThrow(/expected 5 fields.*got 0/);
    expect(() => parseCron('* * * *')).toThrow(/got 4/);
    expect(() => parseCron('60 * * * *')).toThrow(/minute field "60" contains 60, outside 0–59/);
    expect(() => parseCron('* 24 * * *')).toThrow(/hour field/);
    expect(() => parseCron('* * 0 * *')).toThrow(/day-of-month field/);
    expect(() => parseCron('* * * 13 * ')).toThrow(/month field/);
    expect(() => parseCron('* * * * 8')).toThrow(/day-of-week field/);
    expect(() => parseCron('* * * * funday')).toThrow(/day-of-week field "funday" contains "funday"/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/minute field .* step/);
    expect(() => parseCron('30-10 * * * *')).toThrow(/runs backwards/);
    expect(() => parseCron('1,,2 * * * *')).toThrow(/empty list item/);
    expect(() => parseCron('0 0 30 2 *')).toThrow(/never occurs/);
    expect(() => parseCron('@reboot')).toThrow(/unknown shortcut/);
  });
});

describe('nextCronTime', () => {
  it('finds the next firing in UTC', () => {
    expect(nextCronTime('@daily', at('2025-03-30T00:00:00Z'))).toEqual(at('2025-03-31T00:00:00Z'));
    expect(nextCronTime('@hourly', at('2025-03-30T10:59:59.999Z'))).toEqual(at('2025-03-30T11:00:00Z'));
    expect(nextCronTime('*/15 * * * *', at('2025-01-01T10:07:30Z'))).toEqual(at('2025-01-01T10:15:00Z'));
    expect(nextCronTime('0 9 * * mon-fri', at('2025-01-03T09:00:00Z'))).toEqual(at('2025-01-06T09:00:00Z'));
    expect(nextCronTime('30 2 31 * *', at('2025-04-01T00:00:00Z'))).toEqual(at('2025-05-31T02:30:00Z'));
    expect(nextCronTime('0 0 29 2 *', at('2025-01-01T00:00:00Z'))).toEqual(at('2028-02-29T00:00:00Z'));
    expect(nextCronTime('0 0 29 2 *', at('2096-03-01T00:00:00Z'))).toEqual(at('2104-02-29T00:00:00Z'));
  });

  it('fires on either restricted day field, but needs both when one starts with *', () => {
    // 1st of the month OR a Monday: 2025-09-01 is a Monday, 2025-09-08 the next Monday.
    expect(nextCronTime('0 0 1 * 1', at('2025-09-01T00:00:00Z'))).toEqual(at('2025-09-08T00:00:00Z'));
    // Odd days that are also Mondays.
    expect(nextCronTime('0 0 */2 * 1', at('2025-09-01T00:00:00Z'))).toEqual(at('2025-09-15T00:00:00Z'));
  });

  it('reports a schedule that can never fire', () => {
    const impossible = { ...parseCron('0 0 * * *'), daysOfMonth: [31], months: [2], dayOfMonthStar: false };
    expect(() => nextCronTime(impossible, at('2025-01-01T00:00:00Z'))).toThrow(/never fires/);
    // A 1 February that is a Monday does come round (2027).
    expect(nextCronTime('0 0 */31 2 1', at('2025-01-01T00:00:00Z'))).toEqual(at('2027-02-01T00:00:00Z'));
    expect(() => nextCronTime('0 0 31 * *', new Date(NaN))).toThrow(RangeError);
  });
});

const fieldExpr = (min: number, max: number): fc.Arbitrary<string> => {
  const n = fc.integer({ min, max });
  const item = fc.oneof(
    fc.constant('*'),
    fc.integer({ min: 1, max: Math.max(1, max - min) }).map((s) => `*/${s}`),
    n.map(String),
    fc.tuple(n, n).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc
      .tuple(n, n, fc.integer({ min: 1, max: 10 }))
      .map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
  );
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
};

const cronExpr = fc
  .tuple(fieldExpr(0, 59), fieldExpr(0, 23), fieldExpr(1, 31), fieldExpr(1, 12), fieldExpr(0, 7))
  .map((fields) => fields.join(' '));
const instant = fc.date({
  min: at('2000-01-01T00:00:00Z'),
  max: at('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const WINDOW_MINUTES = 3 * 24 * 60;

describe('nextCronTime properties', () => {
  it('returns a later matching minute, with no matching minute in between (checked over 3 days)', () => {
    fc.assert(
      fc.property(cronExpr, instant, (expr, after) => {
        let cron;
        try {
          cron = parseCron(expr);
        } catch {
          fc.pre(false);
          return;
        }
        const next = nextCronTime(cron, after);
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getUTCSeconds()).toBe(0);
        expect(cronMatches(cron, next)).toBe(true);
        let earlier: Date | undefined;
        let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
        for (let i = 0; i < WINDOW_MINUTES && t < next.getTime() && !earlier; i++, t += 60_000) {
          if (cronMatches(cron, new Date(t))) earlier = new Date(t);
        }
        expect(earlier).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('parseCron either succeeds or throws an Error saying what is wrong', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          parseCron(s);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message).toMatch(/^Invalid cron expression/);
        }
      }),
    );
  });
});
