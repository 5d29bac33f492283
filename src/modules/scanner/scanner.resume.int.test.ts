/**
 * A scan survives an interruption: stopped right after its port stage (the stop signal a crash or
 * Ctrl-C gives), it is resumed from its checkpoint and ends with the same result as a scan that was
 * never interrupted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { assertLabUp, comparable, labDescription, labRuntime } from './fixtures/lab-kit.js';
import { getScan, getScanResult, resumeScan, runScan } from './scan.service.js';
import type { ScanRequest } from './scan-request.js';

const lab = labDescription();
const request: ScanRequest = {
  targets: ['hopital-sain.test', '127.100.4.10', '127.100.6.10', '127.100.7.10', '127.100.66.6'],
  ports: lab.allPorts.join(','),
  dnsServers: [lab.dns.server],
  timeoutMs: 2000,
};
// A short wordlist keeps the test quick; the names of the clean zone are among them.
const runtime = () =>
  labRuntime({ wordlist: () => ['www', 'partage', 'mx', 'mta-sts', 'vpn', 'pacs', 'intranet'] });

describe.each(testDialects())('resuming an interrupted scan on %s', (dialect) => {
  let platform: TestPlatform;
  let ctx: ServiceContext;

  beforeAll(async () => {
    await assertLabUp();
    platform = await createTestPlatform(dialect);
    ctx = contextFor(platform, systemActor('cli'));
  });
  afterAll(() => platform?.close());

  it('continues after the port stage and ends with the same result as an uninterrupted scan', async () => {
    const whole = await runScan(ctx, request, { runtime: runtime() });
    expect(whole.status).toBe('completed');
    const expected = comparable(await getScanResult(ctx, whole.id));

    const stop = new AbortController();
    const stages: string[] = [];
    const interrupted = await runScan(ctx, request, {
      runtime: runtime(),
      signal: stop.signal,
      onStage: (stage) => {
        stages.push(stage);
        if (stage === 'ports') stop.abort();
      },
    });
    expect(stages).toEqual(['discover', 'ports']);
    expect(interrupted).toMatchObject({ status: 'partial', stage: 'identify' });
    expect(interrupted.error).toMatch(/interrupted during stage identify: resume with "hygie scan --resume/);
    const halfway = await getScan(ctx, interrupted.id);
    expect(halfway.counts.services).toBe(0);
    expect(halfway.counts.hosts).toBeGreaterThan(0);
    const tasks = await platform.db
      .selectFrom('scan_tasks')
      .select(['status'])
      .where('scan_id', '=', interrupted.id)
      .execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.status === 'done')).toBe(true);

    const resumedStages: string[] = [];
    const resumed = await resumeScan(ctx, interrupted.id, {
      runtime: runtime(),
      onStage: (s) => void resumedStages.push(s),
    });
    expect(resumedStages[0]).toBe('identify');
    expect(resumed).toMatchObject({ id: interrupted.id, status: 'completed', stage: 'done', error: null });
    expect(comparable(await getScanResult(ctx, resumed.id))).toEqual(expected);
    await expect(resumeScan(ctx, resumed.id, { runtime: runtime() })).rejects.toMatchObject({
      code: 'SCANNER_NOT_RESUMABLE',
    });
  }, 240_000);

  it('resumes a scan stopped in the middle of its port stage without scanning finished tasks again', async () => {
    const stop = new AbortController();
    let ports = 0;
    const interrupted = await runScan(
      ctx,
      { ...request, targets: ['127.100.6.10', '127.100.7.10', '127.100.8.20'], ports: '1-300,3306,6379' },
      {
        runtime: labRuntime({
          pipeline: { chunkSize: 50, taskConcurrency: 1 },
          limits: { perHostRatePerSecond: 1000, perHostBurst: 50 },
        }),
        signal: stop.signal,
        onProgress: (p) => {
          if (p.stage === 'ports' && ++ports === 400) stop.abort();
        },
      },
    );
    expect(interrupted).toMatchObject({ status: 'partial', stage: 'ports' });
    const before = await platform.db
      .selectFrom('scan_tasks')
      .select(['id', 'status', 'finished_at'])
      .where('scan_id', '=', interrupted.id)
      .execute();
    const done = before.filter((t) => t.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(before.length);
    const resumed = await resumeScan(ctx, interrupted.id, {
      runtime: labRuntime({ limits: { perHostRatePerSecond: 1000, perHostBurst: 50 } }),
    });
    expect(resumed.status).toBe('completed');
    const after = await platform.db
      .selectFrom('scan_tasks')
      .select(['id', 'status', 'finished_at'])
      .where('scan_id', '=', interrupted.id)
      .execute();
    for (const t of done) expect(after.find((a) => a.id === t.id)?.finished_at).toBe(t.finished_at);
    const result = await getScanResult(ctx, resumed.id);
    expect(result.hosts.map((h) => [h.address, h.services.map((s) => `${s.port}/${s.protocol}`)])).toEqual([
      ['127.100.6.10', ['22/ssh']],
      ['127.100.7.10', ['6379/redis']],
      ['127.100.8.20', ['3306/mysql']],
    ]);
  }, 240_000);
});
