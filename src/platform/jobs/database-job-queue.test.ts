import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobRetryDelayMs } from './database-job-queue.js';

describe('jobRetryDelayMs', () => {
  it('doubles from 20 s after the first attempt and caps at one hour', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4].map((a) => jobRetryDelayMs(a, noJitter))).toEqual([20_000, 40_000, 80_000, 160_000]);
    expect(jobRetryDelayMs(8, noJitter)).toBe(2_560_000);
    expect(jobRetryDelayMs(9, noJitter)).toBe(3_600_000);
    expect(jobRetryDelayMs(1000, noJitter)).toBe(3_600_000);
  });

  it('adds less than 10 % jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 64 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, r) => {
          const base = jobRetryDelayMs(attempt, () => 0);
          const delay = jobRetryDelayMs(attempt, () => r);
          return delay >= base && delay < base * 1.1 && Number.isInteger(delay);
        },
      ),
    );
  });
});
