/** Background jobs: the JobQueue interface, its database implementation and the runner. */
export type { EnqueueOptions, JobDefinition, JobHandler, JobQueue } from './job-queue.js';
export { createDatabaseJobQueue, DEFAULT_MAX_ATTEMPTS, jobRetryDelayMs } from './database-job-queue.js';
export {
  createJobRunner,
  DEFAULT_JOB_TIMEOUT_SECONDS,
  SCHEDULED_JOB_MAX_ATTEMPTS,
  type JobRunner,
  type JobRunnerOptions,
} from './job-runner.js';
export {
  countJobsByStatus,
  findJob,
  JOB_STATUSES,
  listJobs,
  type Job,
  type JobStatus,
} from './job.repository.js';
export { listSchedules, type JobSchedule } from './job-schedule.repository.js';
