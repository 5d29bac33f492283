import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../../platform/auth/actor.js';
import { contextFor } from '../../../../platform/context.js';
import { testDialects } from '../../../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../../../test/support/test-platform.js';
import { countCves } from '../../cve.repository.js';
import { importCves } from '../../import.service.js';
import { FIXTURES } from '../fixtures.js';
import { fetchNvdApi } from './nvd.fetch.js';

/**
 * The paginated NVD API path, against our own server on 127.0.0.1 (port 0) that serves the real
 * derived sample (389 records) page by page the way the CVE API 2.0 does, answers one page with
 * a 403 (NVD's rate-limit answer) the first time, and records what it was asked.
 */
interface Seen {
  readonly startIndex: number;
  readonly resultsPerPage: number;
  readonly apiKey: string | undefined;
  readonly lastModStartDate: string | null;
  readonly lastModEndDate: string | null;
  readonly status: number;
}

function startNvdServer(): Promise<{ server: Server; base: string; seen: Seen[] }> {
  const doc = JSON.parse(readFileSync(FIXTURES.nvdDerived, 'utf8')) as { vulnerabilities: unknown[] };
  const seen: Seen[] = [];
  let refusedOnce = false;
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/rest/json/cves/2.0') {
      res.writeHead(404).end();
      return;
    }
    const startIndex = Number(url.searchParams.get('startIndex') ?? 0);
    const resultsPerPage = Number(url.searchParams.get('resultsPerPage') ?? 2000);
    const apiKey = req.headers.apikey as string | undefined;
    const record = (status: number) =>
      seen.push({
        startIndex,
        resultsPerPage,
        apiKey,
        lastModStartDate: url.searchParams.get('lastModStartDate'),
        lastModEndDate: url.searchParams.get('lastModEndDate'),
        status,
      });
    if (startIndex === 100 && !refusedOnce) {
      refusedOnce = true;
      record(403);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('rate limited');
      return;
    }
    record(200);
    const page = doc.vulnerabilities.slice(startIndex, startIndex + resultsPerPage);
    res.writeHead(200, { 'content-type': 'application/json' });
    // Written in pieces, like a real streamed answer.
    res.write(
      `{"resultsPerPage":${page.length},"startIndex":${startIndex},"totalResults":${doc.vulnerabilities.length},"format":"NVD_CVE","version":"2.0","timestamp":"2026-11-29T09:00:00.000","vulnerabilities":[`,
    );
    page.forEach((item, i) => res.write(`${i > 0 ? ',' : ''}${JSON.stringify(item)}`));
    res.end(']}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}/rest/json/cves/2.0`, seen });
    });
  });
}

describe.each(testDialects())('NVD API 2.0 import, paginated, from a loopback server, on %s', (dialect) => {
  let platform: TestPlatform;
  let nvd: { server: Server; base: string; seen: Seen[] };

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    nvd = await startNvdServer();
  });
  afterAll(async () => {
    await new Promise((resolve) => nvd.server.close(resolve));
    await platform.close();
  });

  it('reads every page (startIndex/resultsPerPage), sends the API key, retries a rate-limited page', async () => {
    const ctx = contextFor(platform, systemActor('cli'), { lang: 'en' });
    const run = await importCves(ctx, [nvd.base], { apiKey: 'test-key', resultsPerPage: 100, delayMs: 0 });
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ read: 389, inserted: 389, files: 4 });
    expect(await countCves(platform.db)).toBe(389);
    expect(nvd.seen.map((s) => `${s.startIndex}:${s.status}`)).toEqual([
      '0:200',
      '100:403',
      '100:200',
      '200:200',
      '300:200',
    ]);
    expect(new Set(nvd.seen.map((s) => s.apiKey))).toEqual(new Set(['test-key']));
    expect(run.files.map((f) => f.declared)).toEqual([389, 389, 389, 389]);
  });

  it('asks for records modified in a period, in windows of at most 120 days, pausing between requests', async () => {
    nvd.seen.length = 0;
    const pauses: number[] = [];
    const items = [];
    for await (const item of fetchNvdApi({
      baseUrl: nvd.base,
      lastModStartDate: '2026-01-01T00:00:00.000Z',
      lastModEndDate: '2026-07-01T00:00:00.000Z',
      resultsPerPage: 2000,
      delayMs: 25,
      sleep: (ms) => {
        pauses.push(ms);
        return Promise.resolve();
      },
    })) {
      items.push(item);
    }
    expect(nvd.seen.map((s) => [s.lastModStartDate, s.lastModEndDate])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'],
      ['2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    ]);
    expect(pauses).toEqual([25]);
    expect(nvd.seen.every((s) => s.apiKey === undefined)).toBe(true);
    expect(items.filter((i) => i.kind === 'record')).toHaveLength(389 * 2);
  });

  it('stops with an error naming the URL when the API keeps failing', async () => {
    const items = [];
    for await (const item of fetchNvdApi({
      baseUrl: nvd.base.replace('/cves/2.0', '/cves/9.9'),
      delayMs: 0,
      maxAttempts: 2,
    }))
      items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'file-error' });
    expect(items[0]?.kind === 'file-error' && items[0].error.message).toMatch(/cves\/9\.9.*HTTP 404/);
  });
});
