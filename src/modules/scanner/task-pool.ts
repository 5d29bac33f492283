/**
 * Bounded concurrency for the pipeline's stages: at most `limit` items in flight, items taken in
 * order, no new item started once `signal` is aborted (items in flight finish: each is bounded by
 * the network layer's timeouts).
 */

/** Runs `worker` over `items` with at most `limit` in flight; resolves when all started items are done. */
export async function runPool<T>(
  items: Iterable<T>,
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let failed = false;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted || failed) return;
      const next = iterator.next();
      if (next.done) return;
      const i = index++;
      try {
        await worker(next.value, i);
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.floor(limit)) }, () => lane());
  await Promise.all(lanes);
  if (failed) throw failure instanceof Error ? failure : new Error(String(failure));
}
