/** Tables of the platform layer: persisted jobs, schedules and the mail outbox. */

/** A unit of background work; survives restarts. */
export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** Deduplicates enqueues: at most one pending job per key. */
  singleton_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A cron-like schedule that enqueues a job when due. */
export interface JobScheduleTable {
  name: string;
  cron: string;
  payload: string;
  next_run_at: string;
  last_run_at: string | null;
}

/** A message waiting to be sent (or sent) over SMTP. */
export interface OutboxMessageTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Schema version bookkeeping kept by Kysely's migrator. */
export interface PlatformTables {
  jobs: JobTable;
  job_schedules: JobScheduleTable;
  outbox_messages: OutboxMessageTable;
}
