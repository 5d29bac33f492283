/**
 * Findings across scans when the lab changes (issue 4, "Lifecycle and diffs"). The test owns two
 * hosts of the lab range: a real redis-server without authentication on 127.100.253.10:6379 and a
 * Node HTTP server on 127.100.253.11:8080 that announces its version and sends no security header.
 * Scan 1 sees both problems; an analyst marks the version disclosure a false positive; then redis is
 * stopped and the headers are fixed. Scan 2 (same scope) must say: redis and the headers fixed
 * (resolved), the false positive hidden. Scan 3 changes the announced version (new evidence): the
 * false positive comes back, open. Only 127.100.253.x and these two ports are contacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { changeFindingStatus, getFinding, getScanDiff, listFindings } from './finding.service.js';
import { assertLabUp, labRuntime } from './fixtures/lab-kit.js';
import { getScanResult, runScan } from './scan.service.js';
import type { Finding } from './findings/finding.types.js';

const REDIS = { host: '127.100.253.10', port: 6379 };
const WEB = { host: '127.100.253.11', port: 8080 };
const TARGETS = [REDIS.host, WEB.host];
const PORTS = `${REDIS.port},${WEB.port}`;

/** The web server of the test: `fixed` adds the security headers, `version` goes in `Server`. */
function startWeb(options: { fixed: boolean; version: string }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const headers: Record<string, string> = {
      'Content-Type': 'text/html; charset=utf-8',
      Server: `HygieLabWeb/${options.version}`,
    };
    if (options.fixed) {
      headers['Content-Security-Policy'] = "default-src 'self'";
      headers['X-Content-Type-Options'] = 'nosniff';
      headers['X-Frame-Options'] = 'DENY';
    }
    const found = req.url === '/' || req.url === '/index.html';
    res.writeHead(found ? 200 : 404, headers);
    res.end(found ? '<!doctype html><title>Portail patients</title><h1>Portail</h1>' : 'not found');
  });
  server.listen(WEB.port, WEB.host);
  return once(server, 'listening').then(() => server);
}

async function stopWeb(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--bind',
      REDIS.host,
      '--port',
      String(REDIS.port),
      '--protected-mode',
      'no',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(REDIS.port, REDIS.host);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('redis-server did not start on 127.100.253.10:6379 (is the package installed? run lab/up)');
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

const analyst: Actor = {
  kind: 'user',
  userId: 'analyst-1',
  label: 'analyste@cert-sante.test',
  role: 'analyst',
  structureIds: [],
};

describe.each(testDialects())('findings across scans while the lab changes, on %s', (dialect) => {
  let platform: TestPlatform;
  let ctx: ServiceContext;
  let redis: ChildProcess | undefined;
  let web: http.Server | undefined;
  const scanIds: string[] = [];
  const find = (findings: readonly Finding[], check: string): Finding | undefined =>
    findings.find((f) => f.check === check);

  const scan = async (): Promise<string> => {
    const run = await runScan(
      ctx,
      { targets: TARGETS, ports: PORTS, timeoutMs: 3000, wordlist: false },
      { runtime: labRuntime() },
    );
    expect(run.status).toBe('completed');
    scanIds.push(run.id);
    return run.id;
  };

  beforeAll(async () => {
    await assertLabUp();
    platform = await createTestPlatform(dialect);
    ctx = contextFor(platform, systemActor('cli'));
    redis = await startRedis();
    web = await startWeb({ fixed: false, version: '1.0' });
  }, 60_000);
  afterAll(async () => {
    if (redis) await stopRedis(redis);
    if (web) await stopWeb(web);
    await platform?.close();
  });

  it('scan 1 reports redis without authentication, the missing headers and the version', async () => {
    const id = await scan();
    const { findings } = await getScanResult(ctx, id);
    const checks = (findings as Finding[]).map((f) => f.check);
    expect(checks).toEqual(
      expect.arrayContaining(['service.redis-noauth', 'http.headers-missing', 'http.version-disclosure']),
    );
    const diff = await getScanDiff(ctx, id);
    expect(diff.base).toBeNull();
    expect(diff.counts.new).toBe(findings.length);
  }, 120_000);

  it('scan 2, after redis stopped and the headers fixed: fixed, resolved, false positive hidden', async () => {
    const first = (await getScanResult(ctx, scanIds[0] as string)).findings as Finding[];
    const version = find(first, 'http.version-disclosure') as Finding;
    await changeFindingStatus(contextFor(platform, analyst), version.id, {
      status: 'false-positive',
      reason: 'bannière de test, pas un vrai produit',
    });
    await stopRedis(redis as ChildProcess);
    redis = undefined;
    await stopWeb(web as http.Server);
    web = await startWeb({ fixed: true, version: '1.0' });

    const id = await scan();
    const diff = await getScanDiff(ctx, id);
    expect(diff.base?.id).toBe(scanIds[0]);
    const change = (check: string) => diff.entries.find((e) => e.finding.check === check)?.change;
    expect(change('service.redis-noauth')).toBe('fixed');
    expect(change('http.headers-missing')).toBe('fixed');
    // The false positive is neither new, still present nor fixed: hidden.
    expect(change('http.version-disclosure')).toBeUndefined();
    expect(diff.counts.fixed).toBeGreaterThanOrEqual(2);

    const redisFinding = find(first, 'service.redis-noauth') as Finding;
    const detail = await getFinding(ctx, redisFinding.id);
    expect(detail.record.status).toBe('resolved');
    expect(detail.record.lastScanId).toBe(scanIds[0]);
    expect(detail.events.map((e) => `${e.fromStatus ?? '-'}>${e.toStatus}`)).toEqual([
      '->open',
      'open>resolved',
    ]);

    const visible = (await getScanResult(ctx, id)).findings as Finding[];
    expect(find(visible, 'http.version-disclosure')).toBeUndefined();
    const listed = await listFindings(ctx, { scanId: id, status: 'all' });
    expect(listed.items.map((r) => r.finding.check)).not.toContain('http.version-disclosure');
    const fp = await listFindings(ctx, { status: 'false-positive' });
    expect(fp.items.map((r) => r.finding.id)).toEqual([version.id]);
  }, 120_000);

  it('scan 3, with a new version announced: the false positive comes back, open', async () => {
    await stopWeb(web as http.Server);
    web = await startWeb({ fixed: true, version: '2.0' });
    const id = await scan();
    const diff = await getScanDiff(ctx, id);
    const entry = diff.entries.find((e) => e.finding.check === 'http.version-disclosure');
    expect(entry?.change).toBe('new');
    expect(entry?.status).toBe('open');
    expect(entry?.finding.evidence).toContain('HygieLabWeb/2.0');
    const detail = await getFinding(ctx, entry?.finding.id as string);
    expect(detail.events.at(-1)).toMatchObject({
      fromStatus: 'false-positive',
      toStatus: 'open',
      actor: 'scan',
      scanId: id,
    });
    // What was fixed stays fixed: not in this diff at all (the base, scan 2, did not see it either).
    expect(diff.entries.find((e) => e.finding.check === 'service.redis-noauth')).toBeUndefined();
  }, 120_000);
});
