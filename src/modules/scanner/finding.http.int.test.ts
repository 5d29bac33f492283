/**
 * Findings over HTTP, through the whole app and real logins (`app.inject`): the filtered list,
 * the finding page in French and English, the triage form (CSRF, history, audit log, refusal of a
 * false positive without a reason), the JSON API, a beneficiary's reach, and the findings section
 * of a scan's page. Scanner rows are written directly (test/support/scanner-world.ts): no scan runs.
 */
import { escapeHtml } from '@kitajs/html';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { insertTestStructure, loginAs, type LoggedIn } from '../../../test/support/login.js';
import {
  insertAssessedFindings,
  insertFinishedScan,
  insertQueuedScan,
  type SeededFindings,
} from '../../../test/support/scanner-world.js';
import { testDialects } from '../../../test/support/test-db.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { checkById } from './checks/index.js';
import { ScannerErrors } from './scanner.errors.js';

interface Site {
  readonly id: string;
  readonly networkCidr: string;
  readonly domainName: string;
  readonly scanId: string;
  readonly findings: SeededFindings;
}

interface FindingJson {
  id: string;
  check: string;
  severity: string;
  title: string;
  status: string;
  statusBy: string | null;
  statusReason: string | null;
  structureId: string | null;
  firstScanId: string;
  lastScanId: string;
  history?: { fromStatus: string | null; toStatus: string; reason: string | null; actor: string }[];
}

const definition = (id: string) => {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id}`);
  return check.definition;
};

describe.each(testDialects())('findings pages and API on %s', (dialect) => {
  let server: TestServer;
  let system: ServiceContext;
  let analyst: LoggedIn;
  let beneficiary: LoggedIn;
  let mine: Site;
  let theirs: Site;

  const get = (who: LoggedIn, url: string, lang: 'fr' | 'en' = 'fr') =>
    server.app.inject({ method: 'GET', url, headers: { cookie: `${who.cookie}; hygie_lang=${lang}` } });
  const postForm = (who: LoggedIn, url: string, fields: Record<string, string>, csrf = true) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: who.csrfToken } : {}) }).toString(),
    });
  const postJson = (who: LoggedIn, url: string, value: unknown) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify(value),
    });
  const items = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: FindingJson[]; total: number }>().items;
  };
  const errorCode = (response: LightMyRequestResponse) =>
    response.json<{ error: { code: string } }>().error.code;
  const auditCount = async (id: string) =>
    (
      await server.platform.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', id)
        .where('action', '=', 'scanner.change-finding-status')
        .execute()
    ).length;

  const site = async (name: string, octet: number): Promise<Site> => {
    const id = await insertTestStructure(server.platform.db, name);
    const s = { id, networkCidr: `127.31.${octet}.0/24`, domainName: `site-${octet}.constats.test` };
    const { scanId } = await insertFinishedScan(system, s);
    return { ...s, scanId, findings: await insertAssessedFindings(system, s, scanId) };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false });
    system = contextFor(server.platform, systemActor('test'));
    mine = await site('Clinique des Constats', 1);
    theirs = await site('Hôpital d’à côté', 2);
    analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
    beneficiary = await loginAs(server.app, server.platform, {
      role: 'beneficiary',
      structureIds: [mine.id],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists findings on the page with filters on severity, check and status', async () => {
    const links = (body: string) => [...body.matchAll(/href="\/findings\/([0-9a-f]{64})"/g)].map((m) => m[1]);
    const all = await get(analyst, '/findings');
    expect(all.statusCode).toBe(200);
    for (const s of [mine, theirs]) {
      expect(links(all.body)).toEqual(
        expect.arrayContaining([s.findings.stillId, s.findings.cveId, s.findings.domainId]),
      );
      expect(links(all.body), 'resolved ones are left out by default').not.toContain(s.findings.fixedId);
    }
    expect(all.body).toContain('name="severity"');
    expect(all.body).toContain('Élevée');

    const high = await get(analyst, '/findings?severity=high&check=&status=&q=');
    expect(new Set(links(high.body))).toEqual(new Set([mine.findings.cveId, theirs.findings.cveId]));
    const dmarc = await get(analyst, `/findings?check=mail.dmarc-missing&structure=${mine.id}`);
    expect(links(dmarc.body)).toEqual([mine.findings.domainId]);
    const resolved = await get(analyst, '/findings?status=resolved');
    expect(new Set(links(resolved.body))).toEqual(new Set([mine.findings.fixedId, theirs.findings.fixedId]));
    expect(links((await get(analyst, `/findings?status=all&scan=${mine.findings.baseScanId}`)).body)).toEqual(
      expect.arrayContaining([mine.findings.fixedId, mine.findings.stillId]),
    );
    const english = await get(analyst, '/findings?severity=high', 'en');
    expect(english.body).toContain(escapeHtml('CVE-2024-6387: OpenSSH 9.2p1 — regreSSHion'));
    expect((await get(analyst, '/findings?status=nonsense')).statusCode).toBe(400);
  });

  it('counts the high findings to handle on the home page, within the reader’s structures', async () => {
    const count = (html: string) => /data-count="Constats élevés à traiter"[^>]*>\s*(\d+)/.exec(html)?.[1];
    expect(count((await get(analyst, '/')).body)).toBe('2');
    expect(count((await get(beneficiary, '/')).body)).toBe('1');
  });

  it('links a structure’s registry page to its findings to handle, with their count', async () => {
    const link = `href="/findings?structure=${mine.id}"`;
    const page = await get(analyst, `/structures/${mine.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(link);
    // SSH still present, the CVE and the missing DMARC record: three to handle (Telnet was resolved).
    expect(page.body).toContain('Constats à traiter (3)');
    expect((await get(beneficiary, `/structures/${mine.id}`)).body).toContain(link);
  });

  it('shows a finding with its evidence, recommendation and vulnerability, in French and in English', async () => {
    const cve = definition('software.known-cve');
    const url = `/findings/${mine.findings.cveId}`;
    const fr = await get(analyst, url);
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain(escapeHtml('OpenSSH 9.2p1 (cpe:2.3:a:openbsd:openssh:9.2p1): CVE-2024-6387'));
    expect(fr.body).toContain(escapeHtml(cve.recommendation.fr));
    expect(fr.body).toContain('Ce qui a été observé');
    expect(fr.body).toContain('href="/cves/CVE-2024-6387"');
    expect(fr.body).toContain('8.1');
    expect(fr.body).toContain('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(fr.body).toContain('href="https://nvd.nist.gov/vuln/detail/CVE-2024-6387"');
    expect(fr.body).toContain(`href="/structures/${mine.id}"`);
    expect(fr.body).toContain(`action="/findings/${mine.findings.cveId}/status"`);
    expect(fr.body).toMatch(/name="_csrf" value="[^"]+"/);

    const en = await get(analyst, url, 'en');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain(escapeHtml(cve.recommendation.en));
    expect(en.body).toContain(escapeHtml(cve.description.en.split('\n')[0] ?? ''));
    expect(en.body).toContain('What was seen');

    // Seen by both scans: first seen in the base, last in the newer one; its history so far.
    const still = await get(analyst, `/findings/${mine.findings.stillId}`);
    expect(still.body).toContain(`href="/scans/${mine.findings.baseScanId}"`);
    expect(still.body).toContain(`href="/scans/${mine.scanId}"`);
    expect(still.body).toContain(escapeHtml('banner SSH-2.0-OpenSSH_9.2p1'));
    expect(still.body).toContain(escapeHtml(definition('service.ssh-exposed').recommendation.fr));
  });

  it('changes the status through the form with the CSRF token: shown, in the history, audit-logged', async () => {
    const id = mine.findings.stillId;
    const reason = 'SSH filtré <par le pare-feu> du bastion';
    const forged = await postForm(
      analyst,
      `/findings/${id}/status`,
      { status: 'accepted-risk', reason },
      false,
    );
    expect(forged.statusCode).toBe(403);
    expect(await auditCount(id)).toBe(0);

    const posted = await postForm(analyst, `/findings/${id}/status`, { status: 'accepted-risk', reason });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toBe(`/findings/${id}?done=status`);
    const page = await get(analyst, String(posted.headers.location));
    expect(page.body).toContain('Le statut du constat est enregistré.');
    expect(page.body).toContain('risque accepté');
    expect(page.body).toContain(escapeHtml(reason));
    expect(page.body).not.toContain('<par le pare-feu>');
    const api = (await get(analyst, `/api/v1/findings/${id}`)).json<FindingJson>();
    expect(api).toMatchObject({ status: 'accepted-risk', statusReason: reason });
    expect(api.history?.at(-1)).toMatchObject({ fromStatus: 'open', toStatus: 'accepted-risk', reason });
    expect(page.body).toContain(escapeHtml(api.statusBy ?? '(none)'));
    expect(await auditCount(id)).toBe(1);
  });

  it('refuses a false positive without a reason: the message in the form, and nothing changed', async () => {
    const id = mine.findings.domainId;
    const refused = await postForm(analyst, `/findings/${id}/status`, {
      status: 'false-positive',
      reason: ' ',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(escapeHtml(ScannerErrors.SCANNER_FINDING_REASON_REQUIRED.fr));
    expect(refused.body).toMatch(/<option value="false-positive" selected/);
    const missing = await postForm(analyst, `/findings/${id}/status`, { status: 'false-positive' });
    expect(missing.statusCode).toBe(400);
    const api = (await get(analyst, `/api/v1/findings/${id}`)).json<FindingJson>();
    expect(api.status).toBe('open');
    expect(api.history?.map((h) => h.toStatus)).toEqual(['open']);
    expect(await auditCount(id)).toBe(0);
    const bogus = await postForm(analyst, `/findings/${id}/status`, { status: 'fixed-by-magic' });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.body).toContain('fixed-by-magic');
  });

  it('serves the same over the JSON API: filtered lists, a finding with its history, triage, the diff', async () => {
    const high = items(await get(analyst, '/api/v1/findings?severity=high&pageSize=10'));
    expect(new Set(high.map((f) => f.id))).toEqual(new Set([mine.findings.cveId, theirs.findings.cveId]));
    expect(high.every((f) => f.severity === 'high')).toBe(true);
    const ssh = items(
      await get(analyst, `/api/v1/findings?check=service.ssh-exposed&structure=${theirs.id}`),
    );
    expect(ssh).toEqual([
      expect.objectContaining({
        id: theirs.findings.stillId,
        structureId: theirs.id,
        firstScanId: theirs.findings.baseScanId,
        lastScanId: theirs.scanId,
      }),
    ]);
    const resolved = items(
      await get(analyst, `/api/v1/findings?status=resolved&scan=${theirs.findings.baseScanId}`),
    );
    expect(resolved.map((f) => f.id)).toEqual([theirs.findings.fixedId]);
    expect((await get(analyst, '/api/v1/findings?status=nonsense')).statusCode).toBe(400);

    const url = `/api/v1/findings/${theirs.findings.cveId}`;
    const fr = (await get(analyst, url)).json<FindingJson>();
    expect(fr.title).toBe('CVE-2024-6387 : OpenSSH 9.2p1 — regreSSHion');
    expect(fr.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'open', actor: 'scan' }),
    ]);
    expect((await get(analyst, url, 'en')).json<FindingJson>().title).toBe(
      'CVE-2024-6387: OpenSSH 9.2p1 — regreSSHion',
    );

    const changed = await postJson(analyst, `${url}/status`, { status: 'acknowledged' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<FindingJson>()).toMatchObject({ id: theirs.findings.cveId, status: 'acknowledged' });
    expect(changed.json<FindingJson>().statusBy).toBeTruthy();
    expect(await auditCount(theirs.findings.cveId)).toBe(1);
    const noReason = await postJson(analyst, `${url}/status`, { status: 'false-positive', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(errorCode(noReason)).toBe('SCANNER_FINDING_REASON_REQUIRED');
    expect((await postJson(analyst, `${url}/status`, { status: 'gone' })).statusCode).toBe(400);
    expect((await get(analyst, url)).json<FindingJson>().status).toBe('acknowledged');

    const diff = await get(analyst, `/api/v1/scans/${theirs.scanId}/diff`);
    expect(diff.statusCode, diff.body).toBe(200);
    const body = diff.json<{
      scan: { id: string };
      base: { id: string } | null;
      counts: Record<string, number>;
      entries: { change: string; status: string; finding: { id: string } }[];
    }>();
    expect(body.scan.id).toBe(theirs.scanId);
    expect(body.base?.id).toBe(theirs.findings.baseScanId);
    expect(body.counts).toEqual({ new: 2, still: 1, fixed: 1 });
    const change = Object.fromEntries(body.entries.map((e) => [e.finding.id, [e.change, e.status]]));
    expect(change).toEqual({
      [theirs.findings.stillId]: ['still', 'open'],
      [theirs.findings.cveId]: ['new', 'acknowledged'],
      [theirs.findings.domainId]: ['new', 'open'],
      [theirs.findings.fixedId]: ['fixed', 'resolved'],
    });
    const first = (await get(analyst, `/api/v1/scans/${theirs.findings.baseScanId}/diff`)).json<{
      base: unknown;
      counts: Record<string, number>;
    }>();
    expect(first).toMatchObject({ base: null, counts: { new: 2, still: 0, fixed: 0 } });
    const queued = await get(analyst, `/api/v1/scans/${await insertQueuedScan(system, theirs.id, 7)}/diff`);
    expect(queued.statusCode).toBe(409);
    expect(errorCode(queued)).toBe('SCANNER_DIFF_UNAVAILABLE');
  });

  it('exports a finished scan’s findings as SARIF 2.1.0, one result per visible finding', async () => {
    const response = await get(analyst, `/api/v1/scans/${mine.scanId}/sarif`, 'en');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/sarif+json');
    expect(response.headers['content-disposition']).toContain(`hygie-scan-${mine.scanId}.sarif`);
    const log = response.json<{
      version: string;
      runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
    }>();
    expect(log.version).toBe('2.1.0');
    const ids = log.runs[0]?.results.map((r) => r.partialFingerprints['hygieFindingId/v1']);
    expect(new Set(ids)).toEqual(
      new Set([mine.findings.stillId, mine.findings.cveId, mine.findings.domainId]),
    );
    expect((await get(beneficiary, `/api/v1/scans/${theirs.scanId}/sarif`)).statusCode).toBe(404);
  });

  it('shows a beneficiary its own findings, hides the others (404) and refuses its status changes', async () => {
    const own = await get(beneficiary, `/findings/${mine.findings.cveId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('/status"');
    expect((await get(beneficiary, `/findings/${theirs.findings.cveId}`)).statusCode).toBe(404);
    expect((await get(beneficiary, `/api/v1/findings/${theirs.findings.cveId}`)).statusCode).toBe(404);
    const list = items(await get(beneficiary, '/api/v1/findings?status=all'));
    expect(new Set(list.map((f) => f.structureId))).toEqual(new Set([mine.id]));
    expect((await get(beneficiary, `/api/v1/findings?scan=${theirs.scanId}`)).statusCode).toBe(404);
    expect((await get(beneficiary, `/api/v1/scans/${theirs.scanId}/diff`)).statusCode).toBe(404);
    const page = await get(beneficiary, '/findings');
    expect(page.body).toContain(`/findings/${mine.findings.cveId}`);
    expect(page.body).not.toContain(theirs.findings.cveId);

    const id = mine.findings.cveId;
    const api = await postJson(beneficiary, `/api/v1/findings/${id}/status`, { status: 'resolved' });
    expect(api.statusCode).toBe(403);
    const form = await postForm(beneficiary, `/findings/${id}/status`, {
      status: 'resolved',
      reason: 'fait',
    });
    expect(form.statusCode).toBe(403);
    const other = await postJson(beneficiary, `/api/v1/findings/${theirs.findings.stillId}/status`, {
      status: 'resolved',
    });
    expect(other.statusCode).toBe(404);
    expect((await get(analyst, `/api/v1/findings/${id}`)).json<FindingJson>().status).toBe('open');
    expect(await auditCount(id)).toBe(0);
  });

  it('shows the findings of an assessed scan on its page, compared with the base scan', async () => {
    const page = await get(analyst, `/scans/${mine.scanId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Constats de ce scan');
    expect(page.body).toContain('Nouveaux : 2 · toujours présents : 1 · corrigés : 1');
    expect(page.body).toContain(`href="/scans/${mine.findings.baseScanId}"`);
    expect(page.body).toContain(`href="/findings?scan=${mine.scanId}"`);
    for (const id of Object.values(mine.findings).filter((v) => v !== mine.findings.baseScanId))
      expect(page.body).toContain(`href="/findings/${id}"`);
    // Grouped by severity, most serious first: the CVE (high) before the DMARC one (medium).
    expect(page.body.indexOf(mine.findings.cveId)).toBeLessThan(page.body.indexOf(mine.findings.domainId));
    const en = await get(analyst, `/scans/${mine.scanId}`, 'en');
    expect(en.body).toContain('Findings of this scan');
    expect(en.body).toContain('New: 2 · still present: 1 · fixed: 1');
    const own = await get(beneficiary, `/scans/${mine.scanId}`);
    expect(own.body).toContain(`href="/findings/${mine.findings.cveId}"`);
    const base = await get(analyst, `/scans/${mine.findings.baseScanId}`);
    expect(base.body).toContain('Premier scan de ce périmètre');
    const queued = await get(analyst, `/scans/${await insertQueuedScan(system, mine.id, 8)}`);
    expect(queued.statusCode).toBe(200);
    expect(queued.body).not.toContain('Constats de ce scan');
  });
});
