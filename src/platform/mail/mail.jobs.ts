import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../config/config.js';
import type { JobDefinition } from '../jobs/job-queue.js';
import type { Logger } from '../log/logger.js';
import { countOutboxByStatus } from './outbox.repository.js';
import { createSmtpSender, sendDueMail, type MailSender } from './smtp-sender.js';

/** The outbox is drained every minute; register it with `jobs.schedule(name, cron)` at start. */
export const MAIL_SCHEDULE = { name: 'mail.send-outbox', cron: '* * * * *' } as const;

/** Messages sent per batch, and batches per run: up to 1,000 messages a minute. */
const DEFAULT_BATCH_SIZE = 50;
const MAX_BATCHES_PER_RUN = 20;

/** What the outbox job needs; `sender` replaces the SMTP sender built from `config` (tests). */
export interface MailJobDependencies {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  readonly sender?: MailSender | null;
  readonly batchSize?: number;
}

/**
 * The `mail.send-outbox` job: sends due outbox messages in batches until none is left (or
 * `MAX_BATCHES_PER_RUN` batches). Without `HYGIE_SMTP_URL` it warns once and leaves them pending.
 */
export function createMailJob(deps: MailJobDependencies): JobDefinition {
  const { db, clock, config } = deps;
  const log = deps.log.child({ component: 'mail' });
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const sender =
    deps.sender !== undefined
      ? deps.sender
      : config.smtpUrl === null
        ? null
        : createSmtpSender(config.smtpUrl, config.mailFrom);
  let warnedUnconfigured = false;

  return {
    name: MAIL_SCHEDULE.name,
    timeoutSeconds: 15 * 60,
    async handler(): Promise<void> {
      if (sender === null) {
        if (!warnedUnconfigured) {
          warnedUnconfigured = true;
          const { pending } = await countOutboxByStatus(db);
          log.warn({ pending }, 'HYGIE_SMTP_URL is not set: e-mails stay in the outbox until it is');
        }
        return;
      }
      const total = { sent: 0, failed: 0, retried: 0 };
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        const report = await sendDueMail({ db, clock, log, sender, batchSize });
        total.sent += report.sent;
        total.failed += report.failed;
        total.retried += report.retried;
        if (report.sent + report.failed + report.retried < batchSize) break;
      }
      if (total.sent + total.failed + total.retried > 0) log.info(total, 'outbox drained');
    },
  };
}
