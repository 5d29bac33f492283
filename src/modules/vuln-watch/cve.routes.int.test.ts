import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { testDialects } from '../../../test/support/test-db.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { importCves } from './import.service.js';
import { FIXTURES } from './sources/fixtures.js';

describe.each(testDialects())('CVE JSON API on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false });
    await importCves(contextFor(server.platform, systemActor('cli')), [FIXTURES.nvdFkie, FIXTURES.cve5]);
  });
  afterAll(() => server.close());

  const get = (url: string) => server.app.inject({ method: 'GET', url, remoteAddress: '127.0.0.5' });

  it('serves a CVE to anonymous visitors, with the selected score and the rule', async () => {
    const r = await get('/api/v1/cves/CVE-2023-4966');
    expect(r.statusCode).toBe(200);
    const cve = r.json<{
      selectedScore: { score: number; rule: string };
      configurations: unknown[];
      severity: string;
    }>();
    expect(cve.selectedScore).toMatchObject({
      score: 9.4,
      rule: 'highest of NVD and CNA: CNA (secure@citrix.com) CVSS 3.1 9.4 > NVD CVSS 3.1 7.5',
    });
    expect(cve.configurations).toHaveLength(1);
    expect((await get('/api/v1/cves/CVE-1999-0001')).json()).toMatchObject({
      error: { code: 'VULNWATCH_CVE_NOT_FOUND' },
    });
    expect((await get('/api/v1/cves/not-a-cve')).statusCode).toBe(400);
  });

  it('searches with filters and pages', async () => {
    const r = await get('/api/v1/cves?vendor=fortinet&minScore=9&pageSize=5');
    expect(r.statusCode).toBe(200);
    const page = r.json<{ items: { id: string; score: number }[]; total: number; pageSize: number }>();
    expect(page.pageSize).toBe(5);
    expect(page.items.every((c) => c.score >= 9)).toBe(true);
    expect((await get('/api/v1/cves?minScore=11')).statusCode).toBe(400);
  });

  it('matches a CPE and explains each match', async () => {
    const r = await get(`/api/v1/cpe/match?cpe=${encodeURIComponent('cpe:2.3:o:fortinet:fortios:7.0.13')}`);
    expect(r.statusCode).toBe(200);
    const body = r.json<{ cpe: string; matches: { cve: { id: string }; via: string; rule: string }[] }>();
    expect(body.cpe).toBe('cpe:2.3:o:fortinet:fortios:7.0.13:*:*:*:*:*:*:*');
    expect(body.matches.find((m) => m.cve.id === 'CVE-2024-21762')).toMatchObject({
      via: 'nvd-configuration',
    });
    const bad = await get(`/api/v1/cpe/match?cpe=${encodeURIComponent('cpe:2.3:q:a:b')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VULNWATCH_CPE_INVALID' } });
  });
});
