/**
 * The scanner over HTTP (`app.inject`): launching through the API runs the `scanner.run-scan` job,
 * the result is the contract document, a beneficiary sees only its structures' scans and hosts, and
 * the pages (list and form, live progress, host) render under the strict CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role, UserActor } from '../../platform/auth/actor.js';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { createJobRunner } from '../../platform/jobs/index.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { contractErrors } from './contract/scan-result.validator.js';
import { assertLabUp, insertLabStructure, labDescription, labRuntime } from './fixtures/lab-kit.js';
import { scannerModule } from './index.js';
import { createRunScanJob } from './scanner.jobs.js';
import type { AssetHostDetails, ScanResult } from './scanner.types.js';

const lab = labDescription();
const user = (role: Role, structureIds: string[] = []): UserActor => ({
  kind: 'user',
  userId: `u-${role}-${structureIds.join('')}`,
  role,
  structureIds,
  label: `${role}@test`,
});

interface RunJson {
  id: string;
  status: string;
  stage: string;
  structureId: string | null;
  counts: { services: number };
}

describe.each(testDialects())('scanner API and pages on %s', (dialect) => {
  let platform: TestPlatform;
  let app: HttpApp;
  let actor: Actor = user('analyst');
  let mine: string;
  let theirs: string;

  const runJobs = async (): Promise<number> => {
    const runner = createJobRunner({
      db: platform.db,
      dialect: platform.dialect,
      clock: platform.clock,
      log: platform.log,
      definitions: [createRunScanJob(platform, labRuntime())],
    });
    return runner.runDueJobs();
  };
  const as = (a: Actor) => (actor = a);

  beforeAll(async () => {
    await assertLabUp();
    platform = await createTestPlatform(dialect);
    app = await buildHttpServer({
      platform,
      resolveActor: () => Promise.resolve({ actor, method: 'token' }),
      routes: [scannerModule.routes!],
      nav: scannerModule.nav ?? [],
    });
    mine = await insertLabStructure(platform.db, {
      name: 'Clinique du Bastion',
      networks: ['127.100.6.0/24'],
    });
    theirs = await insertLabStructure(platform.db, {
      name: 'Hôpital du Cache',
      networks: ['127.100.7.0/24'],
    });
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  it('launches a scan through the API, runs it as a job and serves the contract document', async () => {
    as(user('auditor'));
    const launched = await app.inject({
      method: 'POST',
      url: '/api/v1/scans',
      payload: { targets: ['127.100.6.10'], ports: '22,80', dnsServers: [lab.dns.server], timeoutMs: 3000 },
    });
    expect(launched.statusCode).toBe(202);
    const run = launched.json<RunJson>();
    expect(run).toMatchObject({ status: 'queued', stage: 'discover', structureId: mine });
    const early = await app.inject({ url: `/api/v1/scans/${run.id}/result` });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: { code: string } }>().error.code).toBe('SCANNER_NOT_FINISHED');

    expect(await runJobs()).toBe(1);
    const done = (await app.inject({ url: `/api/v1/scans/${run.id}` })).json<RunJson>();
    expect(done).toMatchObject({ status: 'completed', stage: 'done', counts: { services: 1 } });
    const response = await app.inject({ url: `/api/v1/scans/${run.id}/result` });
    expect(response.statusCode).toBe(200);
    const result = response.json<ScanResult>();
    expect(contractErrors(result)).toEqual([]);
    expect(result.hosts).toEqual([
      expect.objectContaining({
        address: '127.100.6.10',
        services: [expect.objectContaining({ port: 22, protocol: 'ssh', product: 'OpenSSH' })],
      }),
    ]);
    const audit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('object_id', '=', run.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['scanner.launch-scan']);
  }, 120_000);

  it('refuses bad input with the fix, and launching to roles that may not', async () => {
    as(user('analyst'));
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/scans',
      payload: { targets: ['10.0.0.0/8', 'https://x.fr'] },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<{ error: { code: string; details: { message: string }[] } }>();
    expect(body.error.code).toBe('SCANNER_TARGET_INVALID');
    expect(body.error.details).toHaveLength(2);
    for (const role of ['beneficiary', 'authority'] as const) {
      as(user(role, [mine]));
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/scans', payload: { targets: ['127.100.6.10'] } }))
          .statusCode,
      ).toBe(403);
    }
    as({ kind: 'anonymous' });
    expect((await app.inject({ url: '/api/v1/scans' })).statusCode).toBe(401);
  });

  it('shows a beneficiary the scans and hosts of its own structures only', async () => {
    as(user('analyst'));
    const other = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/scans',
        payload: { targets: ['127.100.7.10'], ports: '6379', timeoutMs: 3000 },
      })
    ).json<RunJson>();
    expect(other.structureId).toBe(theirs);
    await runJobs();
    const all = (await app.inject({ url: '/api/v1/scans' })).json<{ items: RunJson[] }>();
    expect(all.items.length).toBeGreaterThanOrEqual(2);

    as(user('beneficiary', [mine]));
    const list = (await app.inject({ url: '/api/v1/scans' })).json<{ items: RunJson[]; total: number }>();
    expect(list.items.every((s) => s.structureId === mine)).toBe(true);
    expect(list.total).toBeGreaterThanOrEqual(1);
    expect((await app.inject({ url: `/api/v1/scans/${other.id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/scans/${other.id}/result` })).statusCode).toBe(404);
    const myScan = list.items[0]!;
    expect((await app.inject({ url: `/api/v1/scans/${myScan.id}/result` })).statusCode).toBe(200);

    const hosts = await platform.db.selectFrom('assets_hosts').select(['id', 'address']).execute();
    const bastion = hosts.find((h) => h.address === '127.100.6.10')!;
    const cache = hosts.find((h) => h.address === '127.100.7.10')!;
    const host = await app.inject({ url: `/api/v1/hosts/${bastion.id}` });
    expect(host.statusCode).toBe(200);
    expect(host.json<AssetHostDetails>()).toMatchObject({
      address: '127.100.6.10',
      structureId: mine,
      services: [expect.objectContaining({ port: 22 })],
    });
    expect((await app.inject({ url: `/api/v1/hosts/${cache.id}` })).statusCode).toBe(404);

    as(user('authority'));
    expect((await app.inject({ url: '/api/v1/scans' })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/hosts/${bastion.id}` })).statusCode).toBe(403);
  }, 120_000);

  it('renders the list with the launch form, a live scan page polling its progress, and host pages', async () => {
    as(user('analyst'));
    const listPage = await app.inject({ url: '/scans' });
    expect(listPage.statusCode).toBe(200);
    expect(listPage.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(listPage.body).toContain('Nouveau scan');
    expect(listPage.body).toContain('name="targets"');
    expect(listPage.body).toContain('Clinique du Bastion');

    const bad = await app.inject({
      method: 'POST',
      url: '/scans',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ targets: '10.0.0.0/8\n<script>x</script>', ports: 'top100' }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('too wide');
    expect(bad.body).not.toContain('<script>x</script>');

    const posted = await app.inject({
      method: 'POST',
      url: '/scans',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        targets: '127.100.6.10',
        ports: 'top100',
        portList: '22',
        structureId: mine,
      }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const id = String(posted.headers.location).replace('/scans/', '');
    const live = await app.inject({ url: `/scans/${id}` });
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain(`hx-get="/scans/${id}/progress"`);
    expect(live.body).toContain('hx-trigger="every 2s"');
    expect(live.body).toContain('Annuler le scan');
    expect(live.body).not.toMatch(/<script>(?!<\/script>)|<script [^>]*>[^<]/);
    const fragment = await app.inject({ url: `/scans/${id}/progress`, headers: { 'hx-request': 'true' } });
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body).not.toContain('<html');
    expect(fragment.body).toContain('id="scan-progress"');
    expect(fragment.headers['hx-refresh']).toBeUndefined();

    await runJobs();
    const after = await app.inject({ url: `/scans/${id}/progress`, headers: { 'hx-request': 'true' } });
    expect((await app.inject({ url: `/scans/${id}/progress` })).body).toContain('<html');
    expect(after.headers['hx-refresh']).toBe('true');
    const finished = await app.inject({ url: `/scans/${id}` });
    expect(finished.body).not.toContain('hx-get');
    expect(finished.body).toContain('127.100.6.10');
    const assetLink = /href="\/hosts\/([^"]+)"/.exec(finished.body);
    expect(assetLink).not.toBeNull();
    const hostPage = await app.inject({ url: `/hosts/${assetLink![1]}` });
    expect(hostPage.statusCode).toBe(200);
    expect(hostPage.body).toContain('OpenSSH');
    expect(hostPage.body).toContain('22/tcp');

    as(user('beneficiary', [mine]));
    const benefList = await app.inject({ url: '/scans' });
    expect(benefList.statusCode).toBe(200);
    expect(benefList.body).not.toContain('name="targets"');
  }, 120_000);

  it('cancels a queued scan, with an audit entry, and the job then leaves it alone', async () => {
    as(user('analyst'));
    const run = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/scans',
        payload: { targets: ['127.100.6.10'], ports: '22' },
      })
    ).json<RunJson>();
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/scans/${run.id}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<RunJson>()).toMatchObject({ status: 'partial', stage: 'discover' });
    await runJobs();
    expect((await app.inject({ url: `/api/v1/scans/${run.id}` })).json<RunJson>()).toMatchObject({
      status: 'partial',
      counts: { services: 0 },
    });
    expect((await app.inject({ method: 'POST', url: `/api/v1/scans/${run.id}/cancel` })).statusCode).toBe(
      409,
    );
    const audit = await platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', run.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['scanner.launch-scan', 'scanner.cancel-scan']);
  });
});
