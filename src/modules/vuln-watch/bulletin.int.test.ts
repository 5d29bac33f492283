/**
 * Bulletins end to end on each dialect, with the real sample data imported through the knowledge
 * base: catalogue products, the import's proposal jobs run by the real job runner, drafts for
 * exactly the CVEs ≥ 7 (or KEV) on those products, editing and publishing over HTTP as a logged-in
 * analyst, the public list with search and filters, the bulletin page, the Atom feed, the JSON
 * API, revisions, changes reported after a new import, withdrawal, news, the CVE page and the
 * indicators page.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobDefinitions } from '../../apps/compose.js';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { createJobRunner } from '../../platform/jobs/job-runner.js';
import { csrfFieldOf, loginAs, type LoggedIn } from '../../../test/support/login.js';
import { testDialects } from '../../../test/support/test-db.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { cvesAffectingProduct, importCves } from './kb.js';
import { addProduct } from './product.service.js';
import type { Product } from './vuln-watch.types.js';

const SOURCES = 'src/modules/vuln-watch/sources';
const FIXTURES = [
  `${SOURCES}/nvd/fixtures/nvd-2.0-real-fkie-perimeter.json`,
  `${SOURCES}/nvd/fixtures/nvd-2.0-real-osvdev-testdata.json`,
  `${SOURCES}/nvd/fixtures/nvd-2.0-derived-from-1.1.json`,
  `${SOURCES}/cve5/fixtures/cve5-vulnrichment-sample.json`,
  `${SOURCES}/kev/fixtures/known_exploited_vulnerabilities.json`,
];

interface ApiBulletin {
  id: string;
  reference: string | null;
  status: string;
  title: string;
  summary: string;
  severity: string;
  kev: boolean;
  maxScore: number | null;
  revision: number;
  cves: { id: string; score: number | null; kev: boolean }[];
  products: { id: string; vendor: string; category: string }[];
  pendingUpdate: { kind: string; cveId: string }[];
  revisions?: { number: number; note: string }[];
  firstPublishedAt: string | null;
}
interface ApiPage {
  items: ApiBulletin[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * What the strict CSP and accessibility need: no inline style or script, no event handler
 * attribute; every POST form carries the CSRF token; every field has a label.
 */
function expectCspFriendly(html: string): void {
  expect(html).not.toMatch(/\sstyle="|<style|\son[a-z]+="/i);
  for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(script).toMatch(/^<script [^>]*src="[^"]+"[^>]*><\/script>$/);
  for (const formHtml of html.match(/<form\b[^>]*method="post"[\s\S]*?<\/form>/g) ?? []) expect(formHtml).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
  const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  for (const field of html.match(/<(input|select|textarea)\b[^>]*>/g) ?? []) {
    if (/type="(hidden|submit|button)"/.test(field)) continue;
    const id = /\sid="([^"]+)"/.exec(field)?.[1];
    expect(id !== undefined && labelled.has(id), `field without label: ${field}`).toBe(true);
  }
}

describe.each(testDialects())('bulletins, portal and indicators on %s', (dialect) => {
  let server: TestServer;
  let ctx: ServiceContext;
  let analyst: LoggedIn;
  const products: Record<'fortios' | 'netscaler' | 'panos', Product> = {} as never;
  const draftsByCve = new Map<string, ApiBulletin>();
  const published: Record<string, ApiBulletin> = {};

  const runJobs = async () => {
    const runner = createJobRunner({ db: server.platform.db, dialect: server.platform.dialect, clock: server.platform.clock, log: server.platform.log, definitions: allJobDefinitions(server.platform) });
    return runner.runDueJobs();
  };
  /** Moves the clock on; the analyst logs in again (sessions expire when idle). */
  const advance = async (ms: number) => {
    server.platform.clock.advance(ms);
    analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
  };
  const anon = (url: string) => server.app.inject({ method: 'GET', url });
  const asAnalyst = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    server.app.inject({
      method,
      url,
      headers: { cookie: analyst.cookie, ...(method !== 'GET' ? { 'x-csrf-token': analyst.csrfToken } : {}) },
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
  const form = (url: string, fields: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
    return server.app.inject({ method: 'POST', url, headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
  };
  const publicList = async (query: string): Promise<ApiPage> => {
    const r = await anon(`/api/v1/bulletins?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<ApiPage>();
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false });
    ctx = contextFor(server.platform, systemActor('test'));
    products.fortios = await addProduct(ctx, { vendor: 'fortinet', product: 'fortios', displayName: 'Fortinet FortiOS', category: 'firewall' });
    products.netscaler = await addProduct(ctx, { vendor: 'citrix', product: 'netscaler_application_delivery_controller', displayName: 'Citrix NetScaler ADC', category: 'vpn' });
    products.panos = await addProduct(ctx, { vendor: 'paloaltonetworks', product: 'pan-os', displayName: 'Palo Alto Networks PAN-OS', category: 'firewall' });
    for (const file of FIXTURES) {
      const run = await importCves(ctx, [file]);
      expect(run.status, file).toMatch(/^completed/);
    }
    analyst = await loginAs(server.app, server.platform, { role: 'analyst' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('drafts a bulletin for each CVE ≥ 7 or KEV on a catalogue product, and for no other', async () => {
    expect(await runJobs()).toBeGreaterThan(0);
    const expected = new Set<string>();
    const belowThreshold: string[] = [];
    for (const p of Object.values(products)) {
      for (const m of await cvesAffectingProduct(server.platform.db, p.id)) {
        if ((m.cve.selectedScore?.score ?? -1) >= 7 || m.cve.kev !== null) expected.add(m.cve.id);
        else belowThreshold.push(m.cve.id);
      }
    }
    expect(expected.size).toBeGreaterThan(40);
    expect(belowThreshold.length).toBeGreaterThan(0);

    const drafts: ApiBulletin[] = [];
    for (let page = 1; ; page++) {
      const r = await asAnalyst('GET', `/api/v1/bulletins?status=draft&pageSize=100&page=${page}`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json<ApiPage>();
      drafts.push(...body.items);
      if (drafts.length >= body.total) break;
    }
    for (const d of drafts) {
      expect(d.cves).toHaveLength(1);
      draftsByCve.set(d.cves[0]?.id ?? '', d);
    }
    expect(new Set(draftsByCve.keys())).toEqual(expected);
    for (const id of belowThreshold.filter((c) => !expected.has(c))) expect(draftsByCve.has(id)).toBe(false);
    for (const id of ['CVE-2024-21762', 'CVE-2023-4966', 'CVE-2024-3400']) expect(draftsByCve.has(id), id).toBe(true);
    // Not in the catalogue: xz (CVE-2024-3094), nginx, Apache…
    expect(draftsByCve.has('CVE-2024-3094')).toBe(false);

    const fortios = draftsByCve.get('CVE-2024-21762');
    expect(fortios).toMatchObject({ status: 'draft', reference: null, products: [{ id: products.fortios.id }] });
    expect(fortios?.title).toBe('Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    // CVE-2024-3400 has no NVD configuration: the product comes from the CVE 5 data, and so do the versions.
    const panos = await asAnalyst('GET', `/api/v1/bulletins/${draftsByCve.get('CVE-2024-3400')?.id ?? ''}`);
    expect(panos.json<{ affectedSystems: string; products: { id: string }[] }>()).toMatchObject({ products: [{ id: products.panos.id }] });
    expect(panos.json<{ affectedSystems: string }>().affectedSystems).toContain('10.2.9-h1');
  });

  it('proposes nothing twice: running the import and its jobs again changes nothing', async () => {
    const before = await asAnalyst('GET', '/api/v1/bulletins?status=draft&pageSize=1');
    await importCves(ctx, [FIXTURES[0] ?? '']);
    await runJobs();
    const { proposeBulletins } = await import('./bulletin-proposal.service.js');
    const report = await proposeBulletins(ctx, [...draftsByCve.keys()]);
    expect(report.created).toEqual([]);
    expect(report.skipped.unchanged).toBe(draftsByCve.size);
    const after = await asAnalyst('GET', '/api/v1/bulletins?status=draft&pageSize=1');
    expect(after.json<ApiPage>().total).toBe(before.json<ApiPage>().total);
  });

  it('lists the drafts for analysts only, and keeps them out of public pages', async () => {
    const queue = await asAnalyst('GET', '/bulletins/a-valider');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    expectCspFriendly(queue.body);
    const draftId = draftsByCve.get('CVE-2024-21762')?.id ?? '';
    expect((await anon(`/bulletins/${draftId}`)).statusCode).toBe(404);
    expect((await anon(`/api/v1/bulletins/${draftId}`)).statusCode).toBe(404);
    expect((await anon('/api/v1/bulletins?status=draft')).statusCode).toBe(401);
    expect((await anon('/bulletins/a-valider')).statusCode).toBe(303);
    expect((await publicList('')).total).toBe(0);
    expect((await anon('/bulletins')).body).toContain('Aucun bulletin ne correspond');
  });

  it('lets an analyst edit a draft in the form and publish it', async () => {
    const draft = draftsByCve.get('CVE-2024-21762');
    const editPage = await asAnalyst('GET', `/bulletins/${draft?.id ?? ''}/modifier`);
    expect(editPage.statusCode).toBe(200);
    expectCspFriendly(editPage.body);
    expect(csrfFieldOf(editPage.body)).toBe(analyst.csrfToken);
    const values = {
      _csrf: analyst.csrfToken,
      title: 'Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)',
      summary: 'Une vulnérabilité critique a été découverte dans le VPN SSL de FortiOS.\n\nElle permet à un attaquant non authentifié d’exécuter du code arbitraire à distance.',
      risks: ['remote-code-execution'],
      affectedSystems: 'FortiOS versions 7.4.x antérieures à 7.4.3\nFortiOS versions 7.2.x antérieures à 7.2.7',
      solution: 'Se référer au bulletin de sécurité de l’éditeur pour l’obtention des correctifs.',
      references: 'Bulletin Fortinet FG-IR-24-015 | https://fortiguard.com/psirt/FG-IR-24-015',
      cveIds: 'CVE-2024-21762',
      productIds: [products.fortios.id],
    };
    // Without the CSRF token the form is refused.
    const { _csrf: _token, ...withoutToken } = values;
    expect((await form(`/bulletins/${draft?.id ?? ''}/modifier`, withoutToken)).statusCode).toBe(403);
    // A bad link comes back in the form, with the message and what was typed.
    const bad = await form(`/bulletins/${draft?.id ?? ''}/modifier`, { ...values, references: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Lien de documentation invalide ligne 1');
    expect(bad.body).toContain('Une vulnérabilité critique a été découverte');
    const saved = await form(`/bulletins/${draft?.id ?? ''}/modifier`, values);
    expect(saved.statusCode, saved.body).toBe(303);
    const published1 = await form(`/bulletins/${draft?.id ?? ''}/publier`, { _csrf: analyst.csrfToken });
    expect(published1.statusCode, published1.body).toBe(303);
    const api = await anon(`/api/v1/bulletins/${draft?.id ?? ''}`);
    expect(api.statusCode).toBe(200);
    const b = api.json<ApiBulletin>();
    expect(b).toMatchObject({ status: 'published', reference: 'AVI-2026-0001', revision: 1, risks: ['remote-code-execution'], pendingUpdate: [], revisions: [{ number: 1, note: 'Version initiale' }] });
    expect(b.summary).toContain('VPN SSL de FortiOS');
    published.fortios = b;
  });

  it('shows a published bulletin to anyone, CERT-FR style', async () => {
    const page = await anon(`/bulletins/${published.fortios?.id ?? ''}`);
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    for (const text of ['AVI-2026-0001', 'Risques', 'Exécution de code arbitraire à distance', 'Systèmes affectés', 'FortiOS versions 7.4.x antérieures à 7.4.3', 'Résumé', 'Solution', 'Documentation', 'Gestion détaillée du document', 'Version initiale', 'href="/cves/CVE-2024-21762"', 'href="https://fortiguard.com/psirt/FG-IR-24-015"']) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).not.toContain('/modifier');
    const list = await anon('/bulletins');
    expect(list.body).toContain(`href="/bulletins/${published.fortios?.id ?? ''}"`);
  });

  it('publishes through the API and searches and filters the same way on both dialects', async () => {
    const publish = async (cveId: string) => {
      await advance(24 * 3600 * 1000);
      const r = await asAnalyst('POST', `/api/v1/bulletins/${draftsByCve.get(cveId)?.id ?? ''}/publish`, {});
      expect(r.statusCode, r.body).toBe(200);
      return r.json<ApiBulletin>();
    };
    published.citrix = await publish('CVE-2023-4966');
    published.panos = await publish('CVE-2024-3400');
    expect(published.citrix.reference).toBe('AVI-2026-0002');
    expect(published.panos.reference).toBe('AVI-2026-0003');
    // A FortiOS CVE ≥ 7 that is not known to be exploited.
    const notExploited = [...draftsByCve.values()].find((d) => !d.kev && d.products.some((p) => p.id === products.fortios.id) && d.status === 'draft');
    expect(notExploited).toBeDefined();
    published.other = await publish(notExploited?.cves[0]?.id ?? '');

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
    expect(ids(await publicList(`productId=${products.fortios.id}`))).toEqual(sorted(published.fortios, published.other));
    expect(ids(await publicList('category=vpn'))).toEqual(sorted(published.citrix));
    expect(ids(await publicList('category=firewall'))).toEqual(sorted(published.fortios, published.panos, published.other));
    expect(ids(await publicList('kev=false'))).toEqual(sorted(published.other));
    expect(ids(await publicList('kev=true'))).toEqual(sorted(published.fortios, published.citrix, published.panos));
    let bySeverity = 0;
    for (const severity of ['critical', 'high', 'medium', 'low', 'none', 'unscored']) {
      const page = await publicList(`severity=${severity}`);
      for (const b of page.items) expect(b.severity).toBe(severity);
      bySeverity += page.total;
    }
    expect(bySeverity).toBe(4);
    const day = (b: ApiBulletin | undefined) => (b?.firstPublishedAt ?? '').slice(0, 10);
    expect(ids(await publicList(`to=${day(published.fortios)}`))).toEqual(sorted(published.fortios));
    expect(ids(await publicList(`from=${day(published.panos)}`))).toEqual(sorted(published.panos, published.other));
    expect(ids(await publicList(`from=${day(published.citrix)}&to=${day(published.citrix)}`))).toEqual(sorted(published.citrix));
    // Newest first, and pages.
    const first = await publicList('pageSize=3');
    expect(first.items.map((b) => b.id)).toEqual([published.other?.id, published.panos?.id, published.citrix?.id]);
    const second = await publicList('pageSize=3&page=2');
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [{ id: published.fortios?.id }] });
    // The HTML list applies the same filters and keeps them in the pager.
    const html = await anon(`/bulletins?q=&vendor=&product=&category=vpn&severity=&kev=&from=&to=`);
    expect(html.statusCode).toBe(200);
    expectCspFriendly(html.body);
    expect(html.body).toContain(published.citrix.title);
    expect(html.body).not.toContain(published.panos.title);
    const paged = await anon('/bulletins?q=vuln%C3%A9rabilit%C3%A9');
    expect(paged.body).toContain('4 résultats');
    expect((await anon('/bulletins?severity=nonsense')).statusCode).toBe(400);
  });

  it('publishes an edit of a published bulletin as a new revision, with its note', async () => {
    const id = published.fortios?.id ?? '';
    const noNote = await asAnalyst('PATCH', `/api/v1/bulletins/${id}`, { solution: 'Mettre à jour FortiOS en version 7.4.3 ou ultérieure.' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<{ error: { code: string } }>().error.code).toBe('VULNWATCH_BULLETIN_REVISION_NOTE_REQUIRED');
    const revised = await asAnalyst('PATCH', `/api/v1/bulletins/${id}`, { solution: 'Mettre à jour FortiOS en version 7.4.3 ou ultérieure.', revisionNote: 'Ajout des versions corrigées' });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json<ApiBulletin>()).toMatchObject({ revision: 2, reference: 'AVI-2026-0001' });
    const page = await anon(`/bulletins/${id}`);
    expect(page.body).toContain('Ajout des versions corrigées');
    expect(page.body).toContain('Mettre à jour FortiOS en version 7.4.3 ou ultérieure.');
    expect((await anon(`/api/v1/bulletins/${id}`)).json<ApiBulletin>().revisions?.map((r) => r.number)).toEqual([1, 2]);
  });

  it('reports a later change of a CVE on its published bulletin without touching the public text', async () => {
    await advance(3600 * 1000);
    const envelope = JSON.parse(readFileSync(FIXTURES[0] ?? '', 'utf8')) as { vulnerabilities: { cve: { id: string; lastModified: string; configurations: { nodes: { cpeMatch: unknown[] }[] }[] } }[] };
    const record = envelope.vulnerabilities.find((v) => v.cve.id === 'CVE-2024-21762');
    if (!record) throw new Error('fixture without CVE-2024-21762');
    // NVD revises its analysis: one affected range less.
    record.cve.lastModified = '2026-11-30T00:00:00.000';
    record.cve.configurations[0]?.nodes[0]?.cpeMatch.shift();
    envelope.vulnerabilities = [record];
    const json = JSON.stringify(envelope);
    const run = await importCves(ctx, [{ name: 'nvd-update.json', stream: (async function* () { yield Buffer.from(json); })() }]);
    expect(run.counts.updated).toBe(1);
    await runJobs();
    const id = published.fortios?.id ?? '';
    const staff = (await asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<ApiBulletin>();
    expect(staff.pendingUpdate).toEqual([{ kind: 'content', cveId: 'CVE-2024-21762' }]);
    expect(staff.revision).toBe(2);
    expect((await anon(`/api/v1/bulletins/${id}`)).json<ApiBulletin>().pendingUpdate).toEqual([]);
    const queue = await asAnalyst('GET', '/bulletins/a-valider');
    expect(queue.body).toContain('description ou versions affectées modifiées');
    const page = await asAnalyst('GET', `/bulletins/${id}`);
    expect(page.body).toContain('La base de connaissances a changé');
    expect((await form(`/bulletins/${id}/examiner`, { _csrf: analyst.csrfToken })).statusCode).toBe(303);
    expect((await asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<ApiBulletin>().pendingUpdate).toEqual([]);
  });

  it('writes a bulletin by hand, pre-filled from its CVEs', async () => {
    const newPage = await asAnalyst('GET', '/bulletins/nouveau');
    expect(newPage.statusCode).toBe(200);
    expectCspFriendly(newPage.body);
    const newsForm = await asAnalyst('GET', '/actualites/nouvelle');
    expect(newsForm.statusCode).toBe(200);
    expectCspFriendly(newsForm.body);
    const created = await form('/bulletins', { _csrf: analyst.csrfToken, cveIds: 'CVE-2024-3094', title: '', summary: '', affectedSystems: '', solution: '', references: '' });
    expect(created.statusCode, created.body).toBe(303);
    const id = String(created.headers.location).split('/').pop() ?? '';
    const b = (await asAnalyst('GET', `/api/v1/bulletins/${id}`)).json<ApiBulletin & { origin: string; affectedSystems: string }>();
    expect(b).toMatchObject({ status: 'draft', origin: 'manual', cves: [{ id: 'CVE-2024-3094' }], products: [] });
    expect(b.summary).toContain('CVE-2024-3094');
    const unknown = await form('/bulletins', { _csrf: analyst.csrfToken, cveIds: 'CVE-2099-0001' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('CVE-2099-0001 n’est pas dans la base de connaissances');
    // Discarding a draft.
    expect((await asAnalyst('POST', `/api/v1/bulletins/${id}/withdraw`)).json<ApiBulletin>().status).toBe('withdrawn');
  });

  it('serves a valid Atom feed of published bulletins and news', async () => {
    const news = await asAnalyst('POST', '/api/v1/news', { kind: 'phishing', title: 'Campagne d’hameçonnage visant des centres hospitaliers', summary: 'Des courriels imitant l’Assurance maladie <visent> les services RH.', body: 'Texte & détails.\n\nDeuxième paragraphe.' });
    expect(news.statusCode, news.body).toBe(201);
    const newsId = news.json<{ id: string }>().id;
    expect((await anon(`/actualites/${newsId}`)).statusCode).toBe(404);
    expect((await asAnalyst('POST', `/api/v1/news/${newsId}/publish`)).statusCode).toBe(200);
    const newsPage = await anon(`/actualites/${newsId}`);
    expect(newsPage.statusCode).toBe(200);
    expect(newsPage.body).toContain('Des courriels imitant l’Assurance maladie &lt;visent');
    expectCspFriendly(newsPage.body);
    const newsList = await anon('/actualites');
    expect(newsList.body).toContain('Campagne d’hameçonnage visant des centres hospitaliers');
    expectCspFriendly(newsList.body);
    const english = await server.app.inject({ method: 'GET', url: '/actualites', headers: { 'accept-language': 'en' } });
    expect(english.body).toContain('<h1>News</h1>');
    expect(english.body).toContain('Phishing');

    const feed = await anon('/bulletins.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(feed.body)).toBe(true);
    expect(feed.body.match(/<entry>/g)).toHaveLength(5);
    expect(feed.body).toContain('AVI-2026-0001 – Vulnérabilité dans Fortinet FortiOS (CVE-2024-21762)');
    expect(feed.body).toContain('&lt;visent&gt;');
    expect(feed.body).toContain(`<link rel="alternate" type="text/html" href="http://127.0.0.1:8080/bulletins/${published.fortios?.id ?? ''}"/>`);
    expect(feed.body).not.toContain('CVE-2024-3094');
  });

  it('withdraws a published bulletin from the public pages, the feed and the API', async () => {
    const id = published.other?.id ?? '';
    expect((await asAnalyst('POST', `/api/v1/bulletins/${id}/withdraw`, {})).statusCode).toBe(400);
    const withdrawn = await form(`/bulletins/${id}/retirer`, { _csrf: analyst.csrfToken, reason: 'Doublon du bulletin AVI-2026-0001' });
    expect(withdrawn.statusCode).toBe(303);
    expect((await anon(`/bulletins/${id}`)).statusCode).toBe(404);
    expect((await publicList('')).total).toBe(3);
    expect((await anon('/bulletins.atom')).body).not.toContain(published.other?.title ?? '?');
    const staff = await asAnalyst('GET', `/bulletins/${id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Doublon du bulletin AVI-2026-0001');
  });

  it('shows the CVE page with both scores and the rule that chose one (CVE-2023-4966)', async () => {
    const page = await anon('/cves/cve-2023-4966');
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    for (const text of [
      'CVE-2023-4966',
      '9.4',
      '7.5',
      'highest of NVD and CNA: CNA (secure@citrix.com) CVSS 3.1 9.4 > NVD CVSS 3.1 7.5',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L',
      'secure@citrix.com',
      'nvd@nist.gov',
      'CWE-119',
      'https://cwe.mitre.org/data/definitions/119.html',
      'Selon l’analyse de la NVD',
      'netscaler',
      'Exploitation connue (catalogue KEV de la CISA)',
      '18 octobre 2023',
      'Probabilité d’exploitation (EPSS)',
      'This product uses data from the NVD API but is not endorsed or certified by the NVD',
      `href="/bulletins/${published.citrix?.id ?? ''}"`,
    ]) {
      expect(page.body, text).toContain(text);
    }
  });

  it('shows affected versions from the CVE 5 data when NVD has no configuration (CVE-2024-3400)', async () => {
    const page = await anon('/cves/CVE-2024-3400');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('La NVD n’a pas encore analysé cette CVE');
    expect(page.body).toContain('PAN-OS');
    expect(page.body).toContain('10.2.9-h1');
    expect(page.body).toContain('only the CNA scored it');
    expect((await anon('/cves/CVE-1999-99999')).statusCode).toBe(404);
    expect((await anon('/cves/not-a-cve')).statusCode).toBe(400);
  });

  it('renders the indicators page and an SVG for each chart', async () => {
    const page = await anon('/indicateurs?depuis=2023-01');
    expect(page.statusCode).toBe(200);
    expectCspFriendly(page.body);
    expect(page.body.match(/<img class="img-fluid border" src="\/indicateurs\/(cves|kev|bulletins|incidents)\.svg\?depuis=2023-01"/g)).toHaveLength(4);
    expect(page.body.match(/<details/g)).toHaveLength(4);
    expect(page.body).toContain('Les incidents déclarés apparaîtront ici');
    expect(page.body).toContain('<th scope="row">2023-10</th>');
    for (const chart of ['cves', 'kev', 'bulletins', 'incidents']) {
      const svg = await anon(`/indicateurs/${chart}.svg?depuis=2023-01`);
      expect(svg.statusCode, chart).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(XMLValidator.validate(svg.body)).toBe(true);
      expect(svg.body).not.toMatch(/\sstyle=|<script/);
    }
    expect((await anon('/indicateurs/bulletins.svg?depuis=2023-01')).body).toContain('Pare-feu');
    expect((await anon('/indicateurs/kev.svg?depuis=2023-01')).body).toContain('2023-10');
    expect((await anon('/indicateurs/incidents.svg')).body).toContain('Aucune donnée pour cette période');
    expect((await anon('/indicateurs/nope.svg')).statusCode).toBe(404);
    expect((await anon('/indicateurs?depuis=2023-13')).statusCode).toBe(400);
  });
});
