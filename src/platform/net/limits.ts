/**
 * How hard the scanner may push: global and per-host concurrency, a per-host connection rate, and the
 * time and byte bounds on every connection. Health-sector networks hold fragile devices; these limits
 * are what keeps a scan polite.
 */
import { systemClock, type Clock } from '../../lib/clock.js';

/** Every bound the network layer applies; defaults in `DEFAULT_NET_LIMITS`. */
export interface NetLimits {
  /** Connections open at once, all hosts together. */
  readonly globalConcurrency: number;
  /** Connections open at once to one address. */
  readonly perHostConcurrency: number;
  /** New connections per second to one address (token bucket refill rate). */
  readonly perHostRatePerSecond: number;
  /** Connections one address may receive back-to-back before the rate applies. */
  readonly perHostBurst: number;
  /** Time to complete the TCP (and TLS) handshake. */
  readonly connectTimeoutMs: number;
  /** Longest silence tolerated while reading. */
  readonly readTimeoutMs: number;
  /** Hard bound on a connection's whole life; the socket is destroyed when it passes. */
  readonly totalTimeoutMs: number;
  /** Bytes read by one exchange or one read call. */
  readonly maxBytes: number;
}

/** Defaults chosen for Internet-facing scans of a large constituency. */
export const DEFAULT_NET_LIMITS: NetLimits = {
  globalConcurrency: 256,
  perHostConcurrency: 4,
  perHostRatePerSecond: 10,
  perHostBurst: 4,
  connectTimeoutMs: 5_000,
  readTimeoutMs: 5_000,
  totalTimeoutMs: 30_000,
  maxBytes: 256 * 1024,
};

/** Releases a slot; calling it more than once has no effect. */
export type Release = () => void;

/** A counting semaphore with a FIFO queue. */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
  }

  /** Slots in use. */
  get inUse(): number {
    return this.active;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits for a slot and returns its release function. */
  async acquire(): Promise<Release> {
    if (this.active < this.capacity) this.active++;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }
}

/** Waits a number of milliseconds; injected so rate tests run without sleeping. */
export type Sleep = (ms: number) => Promise<void>;

/** The real timer-based sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Token bucket in its "theoretical arrival time" form (GCRA): each call reserves the next free instant,
 * so concurrent callers are spaced correctly without polling. Returns the delay the caller waited.
 */
export class TokenBucket {
  private tat = -Infinity;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError('burst must be ≥ 1');
  }

  /** True when the bucket is full again and can be forgotten. */
  idle(): boolean {
    return this.tat <= this.clock.now().getTime();
  }

  /** Reserves one token, waiting for it when the bucket is empty. */
  async take(): Promise<number> {
    const interval = 1000 / this.ratePerSecond;
    const tolerance = interval * (this.burst - 1);
    const now = this.clock.now().getTime();
    const start = Math.max(now, this.tat - tolerance);
    this.tat = Math.max(this.tat, start) + interval;
    const delay = start - now;
    if (delay > 0) await this.sleep(delay);
    return delay;
  }
}

/** Hands out connection slots under every concurrency and rate limit. */
export interface ConnectionLimiter {
  /** Waits until `host` may receive one more connection; the release frees the concurrency slots. */
  acquire(host: string): Promise<Release>;
}

/** What a limiter needs besides the limits; tests inject a manual clock and a recording sleep. */
export interface LimiterOptions {
  readonly clock?: Clock;
  readonly sleep?: Sleep;
}

/** Builds the limiter a dialer uses; share one per process so that limits hold across scans. */
export function createConnectionLimiter(
  limits: Partial<NetLimits> = {},
  options: LimiterOptions = {},
): ConnectionLimiter {
  const l = { ...DEFAULT_NET_LIMITS, ...limits };
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const global = new Semaphore(l.globalConcurrency);
  const hosts = new Map<string, Semaphore>();
  const buckets = new Map<string, TokenBucket>();

  function sweep(): void {
    // Bounded memory over a scan of many hosts: forget full buckets and idle semaphores.
    if (buckets.size > 4096) for (const [h, b] of buckets) if (b.idle()) buckets.delete(h);
    if (hosts.size > 4096) {
      for (const [h, s] of hosts) if (s.inUse === 0 && s.waiting === 0) hosts.delete(h);
    }
  }

  return {
    async acquire(host) {
      sweep();
      let perHost = hosts.get(host);
      if (!perHost) hosts.set(host, (perHost = new Semaphore(l.perHostConcurrency)));
      let bucket = buckets.get(host);
      if (!bucket) {
        bucket = new TokenBucket(l.perHostRatePerSecond, l.perHostBurst, clock, sleep);
        buckets.set(host, bucket);
      }
      const releaseHost = await perHost.acquire();
      // The rate token is taken while holding the host slot but before the global one, so waiting
      // for a slow host never blocks connections to other hosts.
      await bucket.take();
      const releaseGlobal = await global.acquire();
      return () => {
        releaseGlobal();
        releaseHost();
      };
    },
  };
}
