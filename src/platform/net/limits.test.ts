import { describe, expect, it } from 'vitest';
import { manualClock } from '../../lib/clock.js';
import { createConnectionLimiter, Semaphore, TokenBucket, type Sleep } from './limits.js';

const START = new Date('2030-01-01T00:00:00.000Z');

/** A sleep that only records what it was asked to wait: rate tests never sleep. */
function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

describe('Semaphore', () => {
  it('never exceeds its capacity and serves waiters in order', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const release = await s.acquire();
        order.push(n);
        peak = Math.max(peak, ++active);
        await Promise.resolve();
        active--;
        release();
        release(); // idempotent
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.inUse).toBe(0);
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then spaces calls at the rate', async () => {
    const clock = manualClock(START);
    const { sleep, waits } = recordingSleep();
    const bucket = new TokenBucket(4, 2, clock, sleep);
    const delays = await Promise.all([1, 2, 3, 4, 5].map(() => bucket.take()));
    expect(delays).toEqual([0, 0, 250, 500, 750]);
    expect(waits).toEqual([250, 500, 750]);
  });

  it('refills with time', async () => {
    const clock = manualClock(START);
    const { sleep } = recordingSleep();
    const bucket = new TokenBucket(1, 1, clock, sleep);
    expect(await bucket.take()).toBe(0);
    expect(await bucket.take()).toBe(1000);
    clock.advance(5000);
    expect(bucket.idle()).toBe(true);
    expect(await bucket.take()).toBe(0);
  });
});

describe('createConnectionLimiter', () => {
  it('rates each host on its own bucket', async () => {
    const clock = manualClock(START);
    const { sleep, waits } = recordingSleep();
    const limiter = createConnectionLimiter(
      { perHostRatePerSecond: 2, perHostBurst: 1, perHostConcurrency: 10 },
      { clock, sleep },
    );
    const releases = await Promise.all(['a', 'a', 'a', 'b', 'b'].map((h) => limiter.acquire(h)));
    releases.forEach((r) => r());
    // Host a waits 500 then 1000 ms; host b waits 500 ms once: two hosts do not share a bucket.
    expect(waits.sort((x, y) => x - y)).toEqual([500, 500, 1000]);
  });

  it('holds per-host and global concurrency', async () => {
    const limiter = createConnectionLimiter(
      { perHostConcurrency: 1, globalConcurrency: 2, perHostRatePerSecond: 1e9, perHostBurst: 100 },
      { clock: manualClock(START), sleep: () => Promise.resolve() },
    );
    const a1 = await limiter.acquire('a');
    const b1 = await limiter.acquire('b');
    let a2Granted = false;
    let c1Granted = false;
    const a2 = limiter.acquire('a').then((r) => ((a2Granted = true), r));
    const c1 = limiter.acquire('c').then((r) => ((c1Granted = true), r));
    await new Promise((r) => setImmediate(r));
    expect([a2Granted, c1Granted]).toEqual([false, false]);
    b1(); // frees a global slot: c may go, a still waits for its host slot
    await new Promise((r) => setImmediate(r));
    expect([a2Granted, c1Granted]).toEqual([false, true]);
    a1();
    (await c1)();
    (await a2)();
    expect(a2Granted).toBe(true);
  });
});
