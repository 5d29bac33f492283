/**
 * The time budget of one probe run and the connection helpers every banner-style probe shares: a
 * hard deadline from `ctx.timeoutMs`, dial options derived from what is left of it, and a wrapper
 * that turns any failure or overrun into a result instead of an exception.
 */
import type {
  Connection,
  DialOptions,
  ReadOptions,
  ReadResult,
  TlsDialOptions,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';

/** Smallest slice of time still worth starting a network step with. */
const MIN_STEP_MS = 50;

/**
 * How long a probe whose protocol speaks first waits for the greeting when `ctx.greeting` is empty.
 * The identify stage normally reads the greeting once and passes it on; this bounds the standalone case.
 */
export const GREETING_WAIT_MS = 2500;

/** The deadline of one probe run. */
export interface Budget {
  /** Epoch milliseconds after which the run gives up. */
  readonly deadline: number;
  /** Milliseconds left (0 when past the deadline). */
  remaining(): number;
}

/** Starts the budget of a run from `ctx.timeoutMs`. */
export function startBudget(ctx: Pick<ProbeContext, 'timeoutMs'>, now: number = Date.now()): Budget {
  const deadline = now + Math.max(1, ctx.timeoutMs);
  return { deadline, remaining: () => Math.max(0, deadline - Date.now()) };
}

/** Dial bounds that end the connection, at the latest, with the budget. */
export function dialOptions(budget: Budget, maxBytes = 64 * 1024): DialOptions {
  const left = Math.max(MIN_STEP_MS, budget.remaining());
  return { connectTimeoutMs: left, readTimeoutMs: left, totalTimeoutMs: left, maxBytes };
}

/** The same bounds for a TLS handshake. */
export function tlsDialOptions(budget: Budget, extra: TlsDialOptions = {}): TlsDialOptions {
  const left = Math.max(MIN_STEP_MS, budget.remaining());
  return { ...dialOptions(budget), handshakeTimeoutMs: left, ...extra };
}

/** Reads with a silence timeout no longer than the budget (nor `silenceMs`). */
export function readWithin(
  connection: Connection,
  budget: Budget,
  options: ReadOptions & { silenceMs?: number } = {},
): Promise<ReadResult> {
  const { silenceMs, ...read } = options;
  const left = Math.max(1, budget.remaining());
  return connection.read({ maxBytes: 4096, ...read, readTimeoutMs: Math.min(left, silenceMs ?? left) });
}

/** Writes, reporting failure as a note instead of an exception. */
export async function writeSafely(connection: Connection, data: Buffer | string): Promise<string | null> {
  try {
    await connection.write(data);
    return null;
  } catch (error) {
    return `write failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A short sentence for a caught error (NetError, ScopeError or anything else). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

/**
 * Runs `work` under the budget: resolves with its result, or with `fallback()` when it throws or
 * overruns the deadline (plus a small grace for sockets to close). Never rejects.
 */
export async function runBounded<T>(
  budget: Budget,
  work: () => Promise<T>,
  fallback: (why: string) => T,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback('probe time budget exhausted')), budget.remaining() + 250);
  });
  try {
    return await Promise.race([work().catch((error: unknown) => fallback(describeError(error))), overrun]);
  } finally {
    clearTimeout(timer);
  }
}
