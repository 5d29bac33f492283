/**
 * Published bulletins end to end on each dialect. The world (test/support/bulletin-world.ts)
 * starts with the real sample data imported, the proposed drafts, the FortiOS draft edited and
 * published (AVI-2026-0001) and a hand-written draft on CVE-2024-3094 discarded. Covered: the
 * public bulletin page, publishing through the JSON API, the public list with search and filters
 * (same results on both dialects), revisions, a CVE change reported after a new import, news and
 * the Atom feed, withdrawal.
 */
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  discardedManualDraft,
  expectCspFriendly,
  KB_FILES,
  proposeDrafts,
  publishEditedFortios,
  startBulletinWorld,
  type ApiBulletin,
  type ApiPage,
  type BulletinWorld,
} from '../../../test/support/bulletin-world.js';
import { testDialects } from '../../../test/support/test-db.js';
import { importCves } from './kb.js';

describe.each(testDialects())('published bulletins, search and feed on %s', (dialect) => {
  let w: BulletinWorld;
  let draftsByCve: Map<string, ApiBulletin>;
  const published: Record<string, ApiBulletin> = {};

  beforeAll(async () => {
    w = await startBulletinWorld(dialect);
    draftsByCve = await proposeDrafts(w);
    published.fortios = await publishEditedFortios(w, draftsByCve);
    await discardedManualDraft(w);
  });
  afterAll(async () => {
    await w.close();
  });

  it('shows a published bulletin to anyone, CERT-FR style', async () => {
    const page = await w.anon(`/bulletins/${published.fortios?.id ?? ''}`);
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    for (const text of [
      'AVI-2026-0001',
      'Risques',
      'Exécution de code arbitraire à distance',
      'Systèmes affectés',
      'FortiOS versions 7.4.x antérieures à 7.4.3',
      'Résumé',
      'Solution',
      'Documentation',
      'Gestion détaillée du document',
      'Version initiale',
      'href="/cves/CVE-2024-21762"',
      'href="https://fortiguard.com/psirt/FG-IR-24-015"',
    ]) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).not.toContain('/modifier');
    const list = await w.anon('/bulletins');
    expect(list.body).toContain(`href="/bulletins/${published.fortios?.id ?? ''}"`);
  });

  it('publishes through the API and searches and filters the same way on both dialects', async () => {
    const publish = async (cveId: string) => {
      await w.advance(24 * 3600 * 1000);
      const r = await w.asAnalyst(
        'POST',
        `/api/v1/bulletins/${draftsByCve.get(cveId)?.id ?? ''}/publish`,
        {},
      );
      expect(r.statusCode, r.body).toBe(200);
      return r.json<ApiBulletin>();
    };
    published.citrix = await publish('CVE-2023-4966');
    published.panos = await publish('CVE-2024-3400');
    expect(published.citrix.reference).toBe('AVI-2026-0002');
    expect(published.panos.reference).toBe('AVI-2026-0003');
    // A FortiOS CVE ≥ 7 that is not known to be exploited.
    const notExploited = [...draftsByCve.values()].find(
      (d) => !d.kev && d.products.some((p) => p.id === w.products.fortios.id) && d.status === 'draft',
    );
    expect(notExploited).toBeDefined();
    published.other = await publish(notExploited?.cves[0]?.id ?? '');

    const publicList = (query: string) => w.publicList(query);
    expect((await publicList('')).total).toBe(4);
    const ids = (page: ApiPage) => page.items.map((b) => b.id).sort();
    const sorted = (...bs: (ApiBulletin | undefined)[]) => bs.map((b) => b?.id ?? '').sort();
    expect(ids(await publicList('q=fortios'))).toEqual(sorted(published.fortios, published.other));
    expect(ids(await publicList('q=FORTIOS%20cve-2024-21762'))).toEqual(sorted(published.fortios));
    expect(ids(await publicList('q=vulnerabilite'))).toHaveLength(4);
    expect(ids(await publicList('q=netscaler'))).toEqual(sorted(published.citrix));
    expect((await publicList('q=%25')).total).toBe(0);
    expect((await publicList('q=_')).total).toBe(0);
    expect(ids(await publicList('vendor=paloaltonetworks'))).toEqual(sorted(published.panos));
    expect(ids(await publicList(`productId=${w.products.fortios.id}`))).toEqual(
      sorted(published.fortios, published.other),
    );
    expect(ids(await publicList('category=vpn'))).toEqual(sorted(published.citrix));
    expect(ids(await publicList('category=firewall'))).toEqual(
      sorted(published.fortios, published.panos, published.other),
    );
    expect(ids(await publicList('kev=false'))).toEqual(sorted(published.other));
    expect(ids(await publicList('kev=true'))).toEqual(
      sorted(published.fortios, published.citrix, published.panos),
    );
    let bySeverity = 0;
    for (const severity of ['critical', 'high', 'medium', 'low', 'none', 'unscored']) {
      const page = await publicList(`severity=${severity}`);
      for (const b of page.items) expect(b.severity).toBe(severity);
      bySeverity += page.total;
    }
    expect(bySeverity).toBe(4);
    const day = (b: ApiBulletin | undefined) => (b?.firstPublishedAt ?? '').slice(0, 10);
    expect(ids(await publicList(`to=${day(published.fortios)}`))).toEqual(sorted(published.fortios));
    expect(ids(await publicList(`from=${day(published.panos)}`))).toEqual(
      sorted(published.panos, published.other),
    );
    expect(ids(await publicList(`from=${day(published.citrix)}&to=${day(published.citrix)}`))).toEqual(
      sorted(published.citrix),
    );
    // Newest first, and pages.
    const first = await publicList('pageSize=3');
    expect(first.items.map((b) => b.id)).toEqual([
      published.other?.id,
      published.panos?.id,
      published.citrix?.id,
    ]);
    const second = await publicList('pageSize=3&page=2');
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [{ id: published.fortios?.id }] });
    // The HTML list applies the same filters and keeps them in the pager.
    const html = await w.anon(`/bulletins?q=&vendor=&product=&category=vpn&severity=&kev=&from=&to=`);
    expect(html.statusCode).toBe(200);
    expectCspFriendly(html.body);
    expect(html.body).toContain(published.citrix.title);
    expect(html.body).not.toContain(published.panos.title);
    const paged = await w.anon('/bulletins?q=vuln%C3%A9rabilit%C3%A9');
    expect(paged.body).toContain('4 résultats');
    expect((await w.anon('/bulletins?severity=nonsense')).statusCode).toBe(400);
  });

  it('publishes an edit of a published bulletin as a new revision, with its note', async () => {
    const id = published.fortios?.id ?? '';
    const noNote = await w.asAnalyst('PATCH', `/api/v1/bulletins/${id}`, {
      solution: 'Mettre à jour FortiOS en version 7.4.3 ou ultérieure.',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<{ error: { code: string } }>().error.code).toBe(
      'VULNWATCH_BULLETIN_REVISION_NOTE_REQUIRED',
    );
    const revised = await w.asAnalyst('PATCH', `/api/v1/bulletins/${id}`, {
      solution: 'Mettre à jour FortiOS en version 7.4.3 ou ultérieure.',
      revisionNote: 'Ajout des versions corrigées',
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json<ApiBulletin>()).toMatchObject({ revision: 2, reference: 'AVI-2026-0001' });
    const page = await w.anon(`/bulletins/${id}`);
    expect(page.body).toContain('Ajout des versions corrigées');
    expect(page.body).toContain('Mettre à jour FortiOS en version 7.4.3 ou ultérieure.');
    expect(
      (await w.anon(`/api/v1/bulletins/${id}`)).json<ApiBulletin>().revisions?.map((r) => r.number),
    ).toEqual([1, 2]);
  });

  it('reports a later change of a CVE on its published bulletin without touching the public text', async () => {
    await w.advance(3600 * 1000);
    const envelope = JSON.parse(readFileSync(KB_FILES[0] ?? '', 'utf8')) as {
      vulnerabilities: {
        cve: { id: string; lastModified: string; configurations: { nodes: { cpeMatch: unknown[] }[] }[] };
      }[];
    };
    const record = envelope.vulnerabilities.find((v) => v.cve.id === 'CVE-2024-21762');
    if (!record) throw new Error('fixture without CVE-2024-21762');
    // NVD revises its analysis: one affected range less.
    record.cve.lastModified = '2026-11-30T00:00:00.000';
    record.cve.configurations[0]?.nodes[0]?.cpeMatch.shift();
    envelope.vulnerabilities = [record];
    const json = JSON.stringify(envelope);
    const run = await importCves(w.ctx, [
      {
        name: 'nvd-update.json',
        stream: (async function* () {
          yield Buffer.from(json);
        })(),
      },
    ]);
    expect(run.counts.updated).toBe(1);
    await w.runJobs();
    const id = published.fortios?.id ?? '';
    const staff = (await w.asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<ApiBulletin>();
    expect(staff.pendingUpdate).toEqual([{ kind: 'content', cveId: 'CVE-2024-21762' }]);
    expect(staff.revision).toBe(2);
    expect((await w.anon(`/api/v1/bulletins/${id}`)).json<ApiBulletin>().pendingUpdate).toEqual([]);
    const queue = await w.asAnalyst('GET', '/bulletins/a-valider');
    expect(queue.body).toContain('description ou versions affectées modifiées');
    const page = await w.asAnalyst('GET', `/bulletins/${id}`);
    expect(page.body).toContain('La base de connaissances a changé');
    expect((await w.form(`/bulletins/${id}/examiner`, { _csrf: w.analyst.csrfToken })).statusCode).toBe(303);
    expect((await w.asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<ApiBulletin>().pendingUpdate).toEqual(
      [],
    );
  });

  it('serves a valid Atom feed of published bulletins and news', async () => {
    const news = await w.asAnalyst('POST', '/api/v1/news', {
      kind: 'phishing',
      title: 'Campagne d’hameçonnage visant des centres hospitaliers',
      summary: 'Des courriels imitant l’Assurance maladie <visent> les services RH.',
      body: 'Texte & détails.\n\nDeuxième paragraphe.',
    });
    expect(news.statusCode, news.body).toBe(201);
    const newsId = news.json<{ id: string }>().id;
    expect((await w.anon(`/actualites/${newsId}`)).statusCode).toBe(404);
    expect((await w.asAnalyst('POST', `/api/v1/news/${newsId}/publish`)).statusCode).toBe(200);
    const newsPage = await w.anon(`/actualites/${newsId}`);
    expect(newsPage.statusCode).toBe(200);
    expect(newsPage.body).toContain('Des courriels imitant l’Assurance maladie &lt;visent');
    expectCspFriendly(newsPage.body);
    const newsList = await w.anon('/actualites');
    expect(newsList.body).toContain('Campagne d’hameçonnage visant des centres hospitaliers');
    expectCspFriendly(newsList.body);
    const english = await w.server.app.inject({
      method: 'GET',
      url: '/actualites',
      headers: { 'accept-language': 'en' },
    });
    expect(english.body).toContain('<h1>News</h1>');
    expect(english.body).toContain('Phishing');

    const feed = await w.anon('/bulletins.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(feed.body)).toBe(true);
    expect(feed.body.match(/<entry>/g)).toHaveLength(5);
    expect(feed.body).toContain('AVI-2026-0001 – Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    expect(feed.body).toContain('&lt;visent&gt;');
    expect(feed.body).toContain(
      `<link rel="alternate" type="text/html" href="http://127.0.0.1:8080/bulletins/${published.fortios?.id ?? ''}"/>`,
    );
    // The discarded hand-written draft (set-up) never reaches the feed.
    expect(feed.body).not.toContain('CVE-2024-3094');
  });

  it('withdraws a published bulletin from the public pages, the feed and the API', async () => {
    const id = published.other?.id ?? '';
    expect((await w.asAnalyst('POST', `/api/v1/bulletins/${id}/withdraw`, {})).statusCode).toBe(400);
    const withdrawn = await w.form(`/bulletins/${id}/retirer`, {
      _csrf: w.analyst.csrfToken,
      reason: 'Doublon du bulletin AVI-2026-0001',
    });
    expect(withdrawn.statusCode).toBe(303);
    expect((await w.anon(`/bulletins/${id}`)).statusCode).toBe(404);
    expect((await w.publicList('')).total).toBe(3);
    expect((await w.anon('/bulletins.atom')).body).not.toContain(published.other?.title ?? '?');
    const staff = await w.asAnalyst('GET', `/bulletins/${id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Doublon du bulletin AVI-2026-0001');
  });
});
