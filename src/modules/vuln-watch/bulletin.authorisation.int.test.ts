/**
 * Who may call each bulletin, portal, indicator and news route: every route below, by every role
 * and by an anonymous visitor (with a valid CSRF token, so that only the authorisation decides).
 *
 *   allowed ⇔ 2xx, or a 3xx that does not go to /login
 *   denied  ⇔ anonymous: 401 or 303 to /login; logged in: 403 — or 404 for everyone listed in
 *             `hidden` (drafts and withdrawn items: their existence must not leak).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { csrfFieldOf } from '../../../test/support/login.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { createBulletin, publishBulletin } from './bulletin.service.js';
import { vulnWatchModule } from './index.js';
import { importCves } from './kb.js';
import { createNews, publishNews } from './news.service.js';
import { addProduct } from './product.service.js';

type Who = 'anonymous' | Role;
const WHO: readonly Who[] = ['anonymous', 'admin', 'analyst', 'auditor', 'beneficiary', 'authority'];
const EVERYONE = WHO;
const WRITERS: readonly Who[] = ['admin', 'analyst'];
const NOT_WRITERS: readonly Who[] = ['anonymous', 'auditor', 'beneficiary', 'authority'];

interface World {
  publishedBulletin: string;
  draftBulletin: string;
  publishedNews: string;
  draftNews: string;
  freshDraft(): Promise<string>;
  freshNews(): Promise<string>;
}

interface Case {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** The URL, with fresh objects for destructive calls. */
  readonly url: (w: World) => string | Promise<string>;
  readonly allowed: readonly Who[];
  readonly hidden?: readonly Who[];
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly label: string;
}

const cases: Case[] = [
  // Public reads
  { label: 'GET /bulletins', method: 'GET', url: () => '/bulletins?q=fortios', allowed: EVERYONE },
  { label: 'GET /bulletins/:id (published)', method: 'GET', url: (w) => `/bulletins/${w.publishedBulletin}`, allowed: EVERYONE },
  { label: 'GET /bulletins.atom', method: 'GET', url: () => '/bulletins.atom', allowed: EVERYONE },
  { label: 'GET /cves/:id', method: 'GET', url: () => '/cves/CVE-2024-21762', allowed: EVERYONE },
  { label: 'GET /indicateurs', method: 'GET', url: () => '/indicateurs', allowed: EVERYONE },
  { label: 'GET /indicateurs/:chart', method: 'GET', url: () => '/indicateurs/bulletins.svg', allowed: EVERYONE },
  { label: 'GET /actualites', method: 'GET', url: () => '/actualites', allowed: EVERYONE },
  { label: 'GET /actualites/:id (published)', method: 'GET', url: (w) => `/actualites/${w.publishedNews}`, allowed: EVERYONE },
  { label: 'GET /api/v1/bulletins', method: 'GET', url: () => '/api/v1/bulletins', allowed: EVERYONE },
  { label: 'GET /api/v1/bulletins/:id (published)', method: 'GET', url: (w) => `/api/v1/bulletins/${w.publishedBulletin}`, allowed: EVERYONE },
  { label: 'GET /api/v1/news', method: 'GET', url: () => '/api/v1/news', allowed: EVERYONE },
  { label: 'GET /api/v1/news/:id (published)', method: 'GET', url: (w) => `/api/v1/news/${w.publishedNews}`, allowed: EVERYONE },
  // Unpublished items: not found for those who may not see them
  { label: 'GET /bulletins/:id (draft)', method: 'GET', url: (w) => `/bulletins/${w.draftBulletin}`, allowed: WRITERS, hidden: NOT_WRITERS },
  { label: 'GET /api/v1/bulletins/:id (draft)', method: 'GET', url: (w) => `/api/v1/bulletins/${w.draftBulletin}`, allowed: WRITERS, hidden: NOT_WRITERS },
  { label: 'GET /actualites/:id (draft)', method: 'GET', url: (w) => `/actualites/${w.draftNews}`, allowed: WRITERS, hidden: NOT_WRITERS },
  { label: 'GET /api/v1/news/:id (draft)', method: 'GET', url: (w) => `/api/v1/news/${w.draftNews}`, allowed: WRITERS, hidden: NOT_WRITERS },
  // CERT writers' pages and lists
  { label: 'GET /api/v1/bulletins?status=draft', method: 'GET', url: () => '/api/v1/bulletins?status=draft', allowed: WRITERS },
  { label: 'GET /api/v1/news?status=draft', method: 'GET', url: () => '/api/v1/news?status=draft', allowed: WRITERS },
  { label: 'GET /bulletins/a-valider', method: 'GET', url: () => '/bulletins/a-valider', allowed: WRITERS },
  { label: 'GET /bulletins/nouveau', method: 'GET', url: () => '/bulletins/nouveau', allowed: WRITERS },
  { label: 'GET /bulletins/:id/modifier', method: 'GET', url: (w) => `/bulletins/${w.publishedBulletin}/modifier`, allowed: WRITERS },
  { label: 'GET /actualites/nouvelle', method: 'GET', url: () => '/actualites/nouvelle', allowed: WRITERS },
  { label: 'GET /actualites/:id/modifier', method: 'GET', url: (w) => `/actualites/${w.publishedNews}/modifier`, allowed: WRITERS },
  // JSON API writes
  { label: 'POST /api/v1/bulletins', method: 'POST', url: () => '/api/v1/bulletins', json: { cveIds: ['CVE-2024-21762'] }, allowed: WRITERS },
  { label: 'PATCH /api/v1/bulletins/:id', method: 'PATCH', url: (w) => w.freshDraft().then((id) => `/api/v1/bulletins/${id}`), json: { title: 'Titre revu' }, allowed: WRITERS },
  { label: 'POST /api/v1/bulletins/:id/publish', method: 'POST', url: (w) => w.freshDraft().then((id) => `/api/v1/bulletins/${id}/publish`), json: {}, allowed: WRITERS },
  { label: 'POST /api/v1/bulletins/:id/withdraw', method: 'POST', url: (w) => w.freshDraft().then((id) => `/api/v1/bulletins/${id}/withdraw`), json: {}, allowed: WRITERS },
  { label: 'POST /api/v1/news', method: 'POST', url: () => '/api/v1/news', json: { title: 'Campagne', kind: 'phishing' }, allowed: WRITERS },
  { label: 'PATCH /api/v1/news/:id', method: 'PATCH', url: (w) => w.freshNews().then((id) => `/api/v1/news/${id}`), json: { title: 'Campagne revue' }, allowed: WRITERS },
  { label: 'POST /api/v1/news/:id/publish', method: 'POST', url: (w) => w.freshNews().then((id) => `/api/v1/news/${id}/publish`), allowed: WRITERS },
  { label: 'POST /api/v1/news/:id/withdraw', method: 'POST', url: (w) => w.freshNews().then((id) => `/api/v1/news/${id}/withdraw`), allowed: WRITERS },
  // Form posts
  { label: 'POST /bulletins', method: 'POST', url: () => '/bulletins', form: { cveIds: 'CVE-2024-21762' }, allowed: WRITERS },
  { label: 'POST /bulletins/:id/modifier', method: 'POST', url: (w) => w.freshDraft().then((id) => `/bulletins/${id}/modifier`), form: { title: 'Titre revu', cveIds: 'CVE-2024-21762' }, allowed: WRITERS },
  { label: 'POST /bulletins/:id/publier', method: 'POST', url: (w) => w.freshDraft().then((id) => `/bulletins/${id}/publier`), form: {}, allowed: WRITERS },
  { label: 'POST /bulletins/:id/retirer', method: 'POST', url: (w) => w.freshDraft().then((id) => `/bulletins/${id}/retirer`), form: {}, allowed: WRITERS },
  { label: 'POST /bulletins/:id/examiner', method: 'POST', url: (w) => `/bulletins/${w.publishedBulletin}/examiner`, form: {}, allowed: WRITERS },
  { label: 'POST /actualites', method: 'POST', url: () => '/actualites', form: { title: 'Campagne', kind: 'ransomware', summary: 's', body: 'b' }, allowed: WRITERS },
  { label: 'POST /actualites/:id/modifier', method: 'POST', url: (w) => w.freshNews().then((id) => `/actualites/${id}/modifier`), form: { title: 'Campagne revue', kind: 'ddos', summary: 's', body: 'b' }, allowed: WRITERS },
  { label: 'POST /actualites/:id/publier', method: 'POST', url: (w) => w.freshNews().then((id) => `/actualites/${id}/publier`), form: {}, allowed: WRITERS },
  { label: 'POST /actualites/:id/retirer', method: 'POST', url: (w) => w.freshNews().then((id) => `/actualites/${id}/retirer`), form: {}, allowed: WRITERS },
];

function actorOf(who: Who): Actor {
  if (who === 'anonymous') return { kind: 'anonymous' };
  return { kind: 'user', userId: `u-${who}`, role: who, structureIds: [], label: `${who}@test` };
}

describe.each(testDialects())('who may call the bulletin, portal and news routes on %s', (dialect) => {
  let platform: TestPlatform;
  let app: HttpApp;
  let system: ServiceContext;
  let world: World;
  let anonymous: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    system = contextFor(platform, systemActor('test'));
    // Logged-in roles authenticate as by an API token (no CSRF); anonymous visitors carry the form's CSRF token.
    app = await buildHttpServer({
      platform,
      resolveActor: (request) => {
        const who = request.headers['x-test-who'] as Who | undefined;
        return Promise.resolve(!who || who === 'anonymous' ? { actor: actorOf('anonymous'), method: 'none' } : { actor: actorOf(who), method: 'token' });
      },
      routes: [vulnWatchModule.routes!],
      nav: [],
    });
    await importCves(system, ['src/modules/vuln-watch/sources/nvd/fixtures/nvd-2.0-real-fkie-perimeter.json']);
    await addProduct(system, { vendor: 'fortinet', product: 'fortios', displayName: 'Fortinet FortiOS', category: 'firewall' });
    const freshDraft = async () => (await createBulletin(system, { cveIds: ['CVE-2024-21762'] })).id;
    const freshNews = async () => (await createNews(system, { kind: 'phishing', title: 'Campagne', summary: 'Résumé', body: 'Texte' })).id;
    const published = await freshDraft();
    await publishBulletin(system, published);
    const news = await freshNews();
    await publishNews(system, news);
    world = { publishedBulletin: published, draftBulletin: await freshDraft(), publishedNews: news, draftNews: await freshNews(), freshDraft, freshNews };
    const page = await app.inject({ method: 'GET', url: '/bulletins' });
    const csrfCookie = page.cookies.find((c) => c.name === 'hygie_csrf');
    anonymous = { cookie: `hygie_csrf=${csrfCookie?.value ?? ''}`, csrfToken: csrfFieldOf(page.body) };
  });
  afterAll(async () => {
    await app.close();
    await platform.close();
  });

  it('lists every route of this part', () => {
    const mine = app.routeTable
      .filter((r) => /^\/(bulletins|actualites|indicateurs|cves\/)|^\/api\/v1\/(bulletins|news)/.test(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(mine.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(cases.map((c) => c.label.replace(/ \(.*\)$/, '').replace(/\?.*$/, '')));
    for (const route of mine) expect(covered.has(route), route).toBe(true);
  });

  for (const c of cases) {
    it(c.label, async () => {
      for (const who of WHO) {
        const url = await c.url(world);
        const headers: Record<string, string> = { 'x-test-who': who };
        let payload: string | undefined;
        if (who === 'anonymous') {
          headers.cookie = anonymous.cookie;
          headers['x-csrf-token'] = anonymous.csrfToken;
        }
        if (c.json !== undefined) {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(c.json);
        } else if (c.form !== undefined) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = new URLSearchParams({ ...c.form, ...(who === 'anonymous' ? { _csrf: anonymous.csrfToken } : {}) }).toString();
        }
        const r: LightMyRequestResponse = await app.inject({ method: c.method, url, headers, ...(payload !== undefined ? { payload } : {}) });
        const location = String(r.headers.location ?? '');
        const toLogin = r.statusCode === 303 && location.startsWith('/login');
        const what = `${who} ${c.method} ${url} → ${r.statusCode} ${r.body.slice(0, 200)}`;
        if (c.allowed.includes(who)) {
          expect(r.statusCode < 400 && !toLogin, what).toBe(true);
        } else if (c.hidden?.includes(who)) {
          expect(r.statusCode, what).toBe(404);
        } else if (who === 'anonymous') {
          expect(r.statusCode === 401 || toLogin, what).toBe(true);
        } else {
          expect(r.statusCode, what).toBe(403);
        }
      }
    });
  }
});
