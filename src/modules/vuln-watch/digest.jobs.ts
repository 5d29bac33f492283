import type { Platform } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs/job-queue.js';
import { DIGEST_CRON } from './digest.schedule.js';
import { SEND_DIGESTS_JOB, sendDigests } from './digest.service.js';

/**
 * `vuln-watch.send-digests`, every 15 minutes: evaluates the due subscriptions and queues their
 * digests in the outbox (`mail.send-outbox` sends them). Idempotent: a run that repeats, or runs
 * beside another, sends nothing twice (see `digest.service.ts`).
 */
export function createDigestJobs(platform: Platform): JobDefinition[] {
  return [
    {
      name: SEND_DIGESTS_JOB,
      schedule: DIGEST_CRON,
      timeoutSeconds: 30 * 60,
      async handler(): Promise<void> {
        await sendDigests(platform);
      },
    },
  ];
}
