import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type Platform } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs/job-queue.js';
import { executeScan } from './scan-execution.service.js';
import { createScanRuntime, type ScanRuntime } from './scan-runtime.js';
import { findScanRun } from './scan.repository.js';
import { RUN_SCAN_JOB } from './scan.service.js';

/**
 * A running scan holds its job this long before another runner may take it over (and resume it from
 * its checkpoint): long enough for a /16 × top1000 scan.
 */
export const RUN_SCAN_TIMEOUT_SECONDS = 6 * 3600;

function scanIdOf(payload: unknown): string {
  const id = (payload as { scanId?: unknown } | null)?.scanId;
  if (typeof id !== 'string' || id === '')
    throw new Error('scanner.run-scan payload must be { scanId: string }');
  return id;
}

/**
 * The `scanner.run-scan` job: runs (or, after a crashed runner, resumes) a launched scan. A scan that
 * ended as failed throws, so that the job is retried; the retry resumes from the checkpoint. The
 * runtime (limiter shared by the process's scans) is built on the first run unless given.
 */
export function createRunScanJob(platform: Platform, runtime?: ScanRuntime): JobDefinition {
  let shared = runtime;
  return {
    name: RUN_SCAN_JOB,
    timeoutSeconds: RUN_SCAN_TIMEOUT_SECONDS,
    async handler(payload) {
      const scanId = scanIdOf(payload);
      const ctx = contextFor(platform, systemActor(`job:${RUN_SCAN_JOB}`));
      const run = await findScanRun(platform.db, scanId);
      // Cancelled before it started, finished, or deleted: nothing to do.
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
      shared ??= createScanRuntime();
      const after = await executeScan(ctx, scanId, { runtime: shared });
      if (after.status === 'failed') throw new Error(after.error ?? 'scan failed');
    },
  };
}
