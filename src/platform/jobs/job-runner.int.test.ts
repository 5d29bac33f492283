import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connection.js';
import { manualClock } from '../../lib/clock.js';
import { createTestDatabase, testDialects } from '../../../test/support/test-db.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createDatabaseJobQueue } from './database-job-queue.js';
import type { JobDefinition, JobHandler } from './job-queue.js';
import { createJobRunner, type JobRunnerOptions } from './job-runner.js';
import { claimNextJob, countJobsByStatus, findJob, listJobs, markJobDone } from './job.repository.js';
import { listSchedules } from './job-schedule.repository.js';

const START = new Date('2030-01-01T00:00:30.000Z');

/** A logger whose lines the test can read. */
function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

describe.each(testDialects())('job queue and runner on %s', (dialect) => {
  let handle: DatabaseHandle;
  let clock: ReturnType<typeof manualClock>;
  let silent: Logger;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    silent = createLogger('silent');
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    clock = manualClock(START);
    await handle.db.deleteFrom('jobs').execute();
    await handle.db.deleteFrom('job_schedules').execute();
  });

  function runner(definitions: JobDefinition[], extra: Partial<JobRunnerOptions> = {}) {
    return createJobRunner({ db: handle.db, dialect, clock, log: silent, definitions, ...extra });
  }

  it('runs an enqueued job with its payload, then marks it done', async () => {
    const seen: unknown[] = [];
    const handler: JobHandler = (payload, job) => {
      seen.push({ payload, attempt: job.attempt, name: job.name });
      return Promise.resolve();
    };
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.echo', { n: 1, text: 'é' });

    expect(await runner([{ name: 'test.echo', handler }]).runDueJobs()).toBe(1);

    expect(seen).toEqual([{ payload: { n: 1, text: 'é' }, attempt: 1, name: 'test.echo' }]);
    const job = await findJob(handle.db, id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect(job?.finishedAt?.toISOString()).toBe(START.toISOString());
  });

  it('does not run a job before its runAt', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    let runs = 0;
    const definitions = [{ name: 'test.later', handler: () => Promise.resolve(void runs++) }];
    await queue.enqueue('test.later', null, { runAt: new Date(START.getTime() + 60_000) });
    expect(await runner(definitions).runDueJobs()).toBe(0);
    clock.advance(60_000);
    expect(await runner(definitions).runDueJobs()).toBe(1);
    expect(runs).toBe(1);
  });

  it('retries a failing job with back-off, then fails it after maxAttempts', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const attempts: number[] = [];
    const r = runner([
      {
        name: 'test.flaky',
        handler: (_payload, job) => {
          attempts.push(job.attempt);
          return Promise.reject(new Error(`boom ${job.attempt}`));
        },
      },
    ]);
    const id = await queue.enqueue('test.flaky', { secret: 'x' }, { maxAttempts: 3 });

    expect(await r.runDueJobs()).toBe(1);
    let job = await findJob(handle.db, id);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom 1', lockedBy: null });
    const delay = job!.runAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(20_000);
    expect(delay).toBeLessThan(22_000);

    expect(await r.runDueJobs()).toBe(0); // not due yet
    clock.advance(delay);
    expect(await r.runDueJobs()).toBe(1);
    job = await findJob(handle.db, id);
    expect(job).toMatchObject({ status: 'pending', attempts: 2, lastError: 'boom 2' });
    const delay2 = job!.runAt.getTime() - clock.now().getTime();
    expect(delay2).toBeGreaterThanOrEqual(40_000);
    expect(delay2).toBeLessThan(44_000);

    clock.advance(delay2);
    expect(await r.runDueJobs()).toBe(1);
    job = await findJob(handle.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: 'boom 3', lockedBy: null });
    expect(job?.finishedAt).not.toBeNull();

    clock.advance(3_600_000);
    expect(await r.runDueJobs()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('fails a job whose name no runner knows, saying so', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.nobody-knows', {});
    expect(await runner([{ name: 'test.echo', handler: () => Promise.resolve() }]).runDueJobs()).toBe(1);
    const job = await findJob(handle.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toContain('No handler for job "test.nobody-knows"');
    expect(job?.lastError).toContain('test.echo');
  });

  it('deduplicates enqueues by singleton key while a job is pending or running', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const first = await queue.enqueue('test.once', { a: 1 }, { singletonKey: 'k1' });
    const second = await queue.enqueue('test.once', { a: 2 }, { singletonKey: 'k1' });
    const other = await queue.enqueue('test.once', { a: 3 }, { singletonKey: 'k2' });
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect((await listJobs(handle.db, { name: 'test.once' })).length).toBe(2);

    const seen: unknown[] = [];
    const r = runner([{ name: 'test.once', handler: (p) => Promise.resolve(void seen.push(p)) }]);
    expect(await r.runDueJobs()).toBe(2);
    expect(seen).toHaveLength(2);
    expect(seen).toContainEqual({ a: 1 });

    // Done jobs no longer hold the key.
    const third = await queue.enqueue('test.once', { a: 4 }, { singletonKey: 'k1' });
    expect(third).not.toBe(first);
  });

  it('keeps concurrent singleton enqueues to one job', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) => queue.enqueue('test.once', { i }, { singletonKey: 'race' })),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await listJobs(handle.db, { name: 'test.once' })).length).toBe(1);
  });

  it('enqueues inside the caller transaction: a rollback leaves no job, a commit keeps it', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await queue.enqueue('test.echo', { rolled: 'back' }, { db: trx });
        await queue.enqueue('test.echo', { rolled: 'back' }, { db: trx, singletonKey: 'tx' });
        throw new Error('cancel');
      }),
    ).rejects.toThrow('cancel');
    expect(await listJobs(handle.db)).toEqual([]);

    const id = await handle.db
      .transaction()
      .execute((trx) => queue.enqueue('test.echo', { kept: true }, { db: trx, singletonKey: 'tx' }));
    expect((await findJob(handle.db, id))?.payload).toEqual({ kept: true });
  });

  it('enqueues a schedule when due, once, and advances it', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const payloads: unknown[] = [];
    const r = runner([{ name: 'test.tick', handler: (p) => Promise.resolve(void payloads.push(p)) }]);
    await queue.schedule('test.tick', '*/5 * * * *', { every: 5 });
    let [schedule] = await listSchedules(handle.db);
    expect(schedule?.nextRunAt.toISOString()).toBe('2030-01-01T00:05:00.000Z');

    expect(await r.runDueJobs()).toBe(0);
    clock.set(new Date('2030-01-01T00:05:00.000Z'));
    expect(await r.runDueJobs()).toBe(1);
    expect(payloads).toEqual([{ every: 5 }]);
    [schedule] = await listSchedules(handle.db);
    expect(schedule?.nextRunAt.toISOString()).toBe('2030-01-01T00:10:00.000Z');
    expect(schedule?.lastRunAt?.toISOString()).toBe('2030-01-01T00:05:00.000Z');

    // Overdue by an hour (process was down): one run, then the next slot after now.
    clock.set(new Date('2030-01-01T01:07:00.000Z'));
    expect(await r.runDueJobs()).toBe(1);
    [schedule] = await listSchedules(handle.db);
    expect(schedule?.nextRunAt.toISOString()).toBe('2030-01-01T01:10:00.000Z');

    // Re-declaring the same cron at start keeps the next run; a new cron recomputes it.
    await queue.schedule('test.tick', '*/5 * * * *', { every: 5 });
    [schedule] = await listSchedules(handle.db);
    expect(schedule?.nextRunAt.toISOString()).toBe('2030-01-01T01:10:00.000Z');
    await queue.schedule('test.tick', '0 * * * *', { hourly: true });
    [schedule] = await listSchedules(handle.db);
    expect(schedule?.cron).toBe('0 * * * *');
    expect(schedule?.payload).toEqual({ hourly: true });
    expect(schedule?.nextRunAt.toISOString()).toBe('2030-01-01T02:00:00.000Z');
  });

  it('does not pile up jobs of a schedule whose previous run is still pending', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    await queue.schedule('test.tick', '* * * * *');
    // A previous run waiting for a retry holds the schedule's singleton key.
    await queue.enqueue('test.tick', null, {
      singletonKey: 'schedule:test.tick',
      runAt: new Date(START.getTime() + 3_600_000),
    });
    clock.advance(10 * 60_000);
    let runs = 0;
    expect(
      await runner([{ name: 'test.tick', handler: () => Promise.resolve(void runs++) }]).runDueJobs(),
    ).toBe(0);
    expect(runs).toBe(0);
    expect((await listJobs(handle.db)).length).toBe(1);
    const [schedule] = await listSchedules(handle.db);
    expect(schedule!.nextRunAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('takes over a job whose runner died once its lock has expired', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.echo', { n: 1 });
    const dead = await claimNextJob(handle.db, dialect, {
      lockedBy: 'dead-runner',
      now: clock.now(),
      lockedUntil: new Date(clock.now().getTime() + 60_000),
    });
    expect(dead?.id).toBe(id);

    const attempts: number[] = [];
    const r = runner(
      [{ name: 'test.echo', handler: (_p, job) => Promise.resolve(void attempts.push(job.attempt)) }],
      {
        runnerId: 'survivor',
      },
    );
    expect(await r.runDueJobs()).toBe(0); // still locked
    clock.advance(60_001);
    expect(await r.runDueJobs()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await findJob(handle.db, id)).toMatchObject({ status: 'done', attempts: 2 });

    // The dead runner coming back late cannot overwrite the outcome.
    expect(await markJobDone(handle.db, { id, lockedBy: 'dead-runner', attempt: 1 }, clock.now())).toBe(
      false,
    );
  });

  it('fails a job whose runner died during its last attempt', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.echo', null, { maxAttempts: 1 });
    await claimNextJob(handle.db, dialect, { lockedBy: 'dead', now: clock.now(), lockedUntil: clock.now() });
    clock.advance(1);
    let runs = 0;
    expect(
      await runner([{ name: 'test.echo', handler: () => Promise.resolve(void runs++) }]).runDueJobs(),
    ).toBe(1);
    expect(runs).toBe(0);
    const job = await findJob(handle.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toContain('runner stopped during the last attempt');
  });

  it('resumes pending jobs after a restart: runner B runs what runner A never ran', async () => {
    let ranBy = '';
    const definition = (who: string): JobDefinition => ({
      name: 'test.echo',
      handler: () => Promise.resolve(void (ranBy = who)),
    });
    const a = runner([definition('A')], { runnerId: 'A', pollMs: 60_000 });
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.echo', {}, { runAt: new Date(START.getTime() + 1000) });
    a.start();
    await a.stop();
    expect((await findJob(handle.db, id))?.status).toBe('pending');

    clock.advance(1000);
    const b = runner([definition('B')], { runnerId: 'B' });
    expect(await b.runDueJobs()).toBe(1);
    expect(ranBy).toBe('B');
    expect((await findJob(handle.db, id))?.status).toBe('done');
  });

  it('bounds concurrency and runs each job exactly once with two runners', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    for (let i = 0; i < 12; i++) await queue.enqueue('test.slow', { i });
    let running = 0;
    let peak = 0;
    const ran: number[] = [];
    const definition: JobDefinition = {
      name: 'test.slow',
      handler: async (payload) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 15));
        ran.push((payload as { i: number }).i);
        running--;
      },
    };
    const one = runner([definition], { concurrency: 2, runnerId: 'one' });
    const two = runner([definition], { concurrency: 2, runnerId: 'two' });
    const [byOne, byTwo] = await Promise.all([one.runDueJobs(), two.runDueJobs()]);
    expect(byOne + byTwo).toBe(12);
    expect(ran.sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    expect(peak).toBeLessThanOrEqual(4);
    expect(await countJobsByStatus(handle.db)).toEqual({ pending: 0, running: 0, done: 12, failed: 0 });
  });

  it('polls while started and stops cleanly', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    let resolveRan: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => (resolveRan = resolve));
    const r = runner([{ name: 'test.echo', handler: () => Promise.resolve(resolveRan()) }], { pollMs: 10 });
    r.start();
    await queue.enqueue('test.echo', {});
    await ran;
    await r.stop();
    await expect.poll(async () => (await countJobsByStatus(handle.db)).done).toBe(1);
  });

  it('logs job names and ids but never payloads', async () => {
    const { log, lines } = capturingLogger();
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    const id = await queue.enqueue('test.flaky', { password: 'hunter2-payload' });
    const r = createJobRunner({
      db: handle.db,
      dialect,
      clock,
      log,
      definitions: [{ name: 'test.flaky', handler: () => Promise.reject(new Error('nope')) }],
    });
    await r.runDueJobs();
    const text = lines.join('');
    expect(text).toContain(id);
    expect(text).toContain('"job":"test.flaky"');
    expect(text).not.toContain('hunter2-payload');
  });

  it('rejects malformed job names and cron expressions', async () => {
    const queue = createDatabaseJobQueue(handle.db, clock, dialect);
    await expect(queue.enqueue('NoModule', {})).rejects.toThrow('<module>.<verb>-<noun>');
    await expect(queue.schedule('test.tick', 'not a cron')).rejects.toThrow();
    await expect(queue.enqueue('test.echo', {}, { maxAttempts: 0 })).rejects.toThrow('maxAttempts');
  });
});
