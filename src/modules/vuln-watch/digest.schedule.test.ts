import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDigestDue, latestSlot, parisInstant, parisTime } from './digest.schedule.js';

const at = (iso: string) => new Date(iso);

describe('Paris time', () => {
  it('knows winter (UTC+1) and summer (UTC+2) time', () => {
    expect(parisInstant(2026, 11, 30, 8).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(parisInstant(2026, 7, 1, 8).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(parisTime(at('2026-11-29T09:00:00.000Z'))).toMatchObject({ hour: 10, weekday: 7, day: 29 });
  });

  it('crosses the daylight-saving changes (29 March and 25 October 2026)', () => {
    expect(parisInstant(2026, 3, 29, 8).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(parisInstant(2026, 3, 28, 8).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(parisInstant(2026, 10, 25, 8).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(parisInstant(2026, 10, 24, 8).toISOString()).toBe('2026-10-24T06:00:00.000Z');
  });

  it('round-trips every hour of every day of a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 23 }), (day, hour) => {
        const d = new Date(Date.UTC(2026, 0, 1 + day));
        // 02:00 does not exist on the spring-forward day.
        fc.pre(!(d.getUTCMonth() === 2 && d.getUTCDate() === 29 && hour === 2));
        const instant = parisInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour);
        const back = parisTime(instant);
        return back.hour === hour && back.day === d.getUTCDate() && back.minute === 0;
      }),
    );
  });
});

describe('latest slot', () => {
  it('daily: today when the hour has passed, yesterday otherwise', () => {
    expect(latestSlot(at('2026-11-29T09:00:00.000Z'), 'daily', 8, 1).toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(latestSlot(at('2026-11-29T06:59:00.000Z'), 'daily', 8, 1).toISOString()).toBe('2026-11-28T07:00:00.000Z');
    expect(latestSlot(at('2026-11-29T07:00:00.000Z'), 'daily', 8, 1).toISOString()).toBe('2026-11-29T07:00:00.000Z');
  });

  it('weekly: the last such weekday at that hour (1 = Monday)', () => {
    // Sunday 29 November 2026 → Monday 23 November.
    expect(latestSlot(at('2026-11-29T09:00:00.000Z'), 'weekly', 8, 1).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(latestSlot(at('2026-11-30T07:05:00.000Z'), 'weekly', 8, 1).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(latestSlot(at('2026-11-30T06:55:00.000Z'), 'weekly', 8, 1).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(latestSlot(at('2026-11-29T09:00:00.000Z'), 'weekly', 9, 7).toISOString()).toBe('2026-11-29T08:00:00.000Z');
  });
});

describe('is a digest due?', () => {
  const created = '2026-11-29T09:00:00.000Z'; // Sunday 10:00 in Paris
  it('immediate: at every run', () => {
    expect(isDigestDue({ frequency: 'immediate', hour: 8, weekday: 1, lastRunAt: '2026-11-29T09:00:00.000Z', createdAt: created }, at('2026-11-29T09:00:00.000Z'))).toBe(true);
  });

  it('daily at 8: not the day it was created after 8, then once per day from 8', () => {
    const s = { frequency: 'daily' as const, hour: 8, weekday: 1, createdAt: created };
    expect(isDigestDue({ ...s, lastRunAt: null }, at('2026-11-29T15:00:00.000Z'))).toBe(false);
    expect(isDigestDue({ ...s, lastRunAt: null }, at('2026-11-30T06:50:00.000Z'))).toBe(false);
    expect(isDigestDue({ ...s, lastRunAt: null }, at('2026-11-30T07:05:00.000Z'))).toBe(true);
    expect(isDigestDue({ ...s, lastRunAt: '2026-11-30T07:05:00.000Z' }, at('2026-11-30T07:20:00.000Z'))).toBe(false);
    expect(isDigestDue({ ...s, lastRunAt: '2026-11-30T07:05:00.000Z' }, at('2026-12-01T07:00:00.000Z'))).toBe(true);
  });

  it('weekly on Monday at 8: once a week', () => {
    const s = { frequency: 'weekly' as const, hour: 8, weekday: 1, createdAt: created };
    expect(isDigestDue({ ...s, lastRunAt: null }, at('2026-11-30T07:00:00.000Z'))).toBe(true);
    expect(isDigestDue({ ...s, lastRunAt: '2026-11-30T07:00:00.000Z' }, at('2026-12-06T22:00:00.000Z'))).toBe(false);
    expect(isDigestDue({ ...s, lastRunAt: '2026-11-30T07:00:00.000Z' }, at('2026-12-07T07:00:00.000Z'))).toBe(true);
  });
});
