/**
 * The port stage: TCP connect scan, split into (host × port range) tasks so that a scan can resume
 * task by task and be shared between workers. Every connection goes through the dialer (scope guard,
 * per-host and global limits); a connect that times out is tried once more.
 */
import type { Dialer } from '../../../platform/net/index.js';
import { runPool } from '../task-pool.js';
import { chunkPorts } from './port-lists.js';

/** One unit of the port stage: one address, a range of ports. */
export interface PortTaskPlan {
  readonly address: string;
  readonly ports: readonly number[];
}

/** What a task found. `aborted`: stopped before the end, to be run again on resume. */
export interface PortTaskResult {
  readonly open: number[];
  readonly note?: string;
  readonly aborted?: boolean;
}

/** Bounds of one task. */
export interface PortScanOptions {
  /** Connect timeout of one port; default the dialer's. */
  readonly connectTimeoutMs?: number;
  /** Ports of one host probed at once; the limiter's per-host bound applies on top. Default 4. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Called after each port, for progress. */
  readonly onPort?: () => void;
}

/** Ports per task by default: `top100` is one task per host, `all` 256 tasks per host. */
export const PORT_CHUNK_SIZE = 256;

/**
 * Plans the tasks of a set of addresses, range-major (every host's first range, then every host's
 * second range …), so that the most useful ports of every host are scanned first and hosts are
 * interleaved for the per-host rate limit.
 */
export function planPortTasks(
  addresses: Iterable<string>,
  ports: readonly number[],
  chunkSize = PORT_CHUNK_SIZE,
): PortTaskPlan[] {
  const chunks = chunkPorts(ports, chunkSize);
  const list = [...addresses];
  const plans: PortTaskPlan[] = [];
  for (const chunk of chunks) for (const address of list) plans.push({ address, ports: chunk });
  return plans;
}

const TIMED_OUT = /no answer to connect within/;

/** Runs one task; never throws. An address the guard refuses is recorded once and not touched. */
export async function scanPortTask(
  dialer: Dialer,
  task: PortTaskPlan,
  options: PortScanOptions = {},
): Promise<PortTaskResult> {
  const refusal = dialer.guard.refusalFor(task.address);
  if (refusal) {
    dialer.guard.record(refusal);
    for (let i = 0; i < task.ports.length; i++) options.onPort?.();
    return { open: [], note: `${refusal.target}: ${refusal.reason}` };
  }
  const open: number[] = [];
  const dial = options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs };
  await runPool(
    task.ports,
    options.concurrency ?? 4,
    async (port) => {
      let result = await dialer.probe(task.address, port, dial);
      if (result.status === 'filtered' && TIMED_OUT.test(result.note ?? '')) {
        result = await dialer.probe(task.address, port, dial);
      }
      if (result.status === 'open') open.push(port);
      options.onPort?.();
    },
    options.signal,
  );
  if (options.signal?.aborted) return { open, aborted: true };
  return { open: open.sort((a, b) => a - b) };
}
