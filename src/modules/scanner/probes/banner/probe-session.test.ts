import { describe, expect, it } from 'vitest';
import { dialOptions, describeError, runBounded, startBudget } from './probe-session.js';

describe('probe budget', () => {
  it('derives dial bounds from what is left', () => {
    const budget = startBudget({ timeoutMs: 1000 });
    const o = dialOptions(budget);
    expect(o.totalTimeoutMs).toBeGreaterThan(900);
    expect(o.totalTimeoutMs).toBeLessThanOrEqual(1000);
    expect(startBudget({ timeoutMs: 10 }, Date.now() - 1000).remaining()).toBe(0);
  });

  it('turns a throw into the fallback result', async () => {
    const budget = startBudget({ timeoutMs: 1000 });
    const out = await runBounded(
      budget,
      () => Promise.reject(new Error('boom')),
      (why) => why,
    );
    expect(out).toBe('Error: boom');
  });

  it('gives up on work that outlives the budget', async () => {
    const budget = startBudget({ timeoutMs: 20 });
    const out = await runBounded(
      budget,
      () => new Promise<string>(() => undefined),
      (why) => why,
    );
    expect(out).toBe('probe time budget exhausted');
  });

  it('describes anything thrown', () => {
    expect(describeError('x')).toBe('x');
    expect(describeError(new RangeError('bad'))).toBe('RangeError: bad');
  });
});
