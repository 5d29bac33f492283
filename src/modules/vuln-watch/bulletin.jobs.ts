import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type Platform } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs/job-queue.js';
import { proposeBulletins } from './bulletin-proposal.service.js';
import { PROPOSE_BULLETINS_JOB } from './kb.js';

/** Reads `{ cveIds: string[] }`, or says what is wrong (the job then fails with that message). */
export function cveIdsOf(payload: unknown): string[] {
  const ids = (payload as { cveIds?: unknown } | null)?.cveIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new Error(`${PROPOSE_BULLETINS_JOB} payload must be { cveIds: string[] }`);
  return ids as string[];
}

/**
 * `vuln-watch.propose-bulletins`, enqueued by the knowledge-base import with the CVEs that
 * changed materially (score ≥ 7 or KEV): drafts bulletins for those that affect catalogue
 * products (`proposeBulletins`). Idempotent, so a retried job does no harm.
 */
export function createProposeBulletinsJob(platform: Platform): JobDefinition {
  return {
    name: PROPOSE_BULLETINS_JOB,
    timeoutSeconds: 1800,
    async handler(payload) {
      const ctx = contextFor(platform, systemActor(`job:${PROPOSE_BULLETINS_JOB}`));
      const report = await proposeBulletins(ctx, cveIdsOf(payload));
      platform.log.info(
        { cves: report.cves, created: report.created.length, refreshed: report.refreshed.length, flagged: report.flagged.length, reopened: report.reopened.length, skipped: report.skipped },
        'bulletins proposed',
      );
    },
  };
}
