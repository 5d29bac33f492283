import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/accounts/index.js';
import { structureDraft } from '../src/modules/registry/fixtures/test-kit.js';
import { createStructure } from '../src/modules/registry/structure.service.js';
import {
  buildWorld,
  roleSession,
  send,
  WHO,
  type Session,
  type Who,
  type World,
} from './support/authorisation-world.js';
import { csrfFieldOf, loginAs, TEST_PASSWORD } from './support/login.js';
import { testDialects } from './support/test-db.js';

/*
 * Every HTML page, for every role and anonymous, in French and in English: strict CSP and
 * security headers, no inline script or style, no event-handler attributes, a CSRF token in
 * every POST form, the document language, and a label for every form control. Then: HTML typed
 * into a structure name comes back escaped, and the session cookies carry the right flags.
 */

/** URLs to fetch for a GET page route with parameters (or worth several query variants), per caller. */
const PAGE_URLS: Readonly<Record<string, (w: World, who: Who) => string[] | Promise<string[]>>> = {
  '/login': () => ['/login', '/login?done=logged-out', '/login?next=%2Fstructures'],
  '/password/reset': async (w) => [
    '/password/reset',
    '/password/reset?token=not-a-token',
    `/password/reset?token=${encodeURIComponent(await w.fresh.resetToken(w.target.id))}`,
  ],
  '/structures': (w) => ['/structures', `/structures?q=matrice&region=BRE&groupId=${w.groupId}&page=1`],
  '/structures/:id': (w) => [`/structures/${w.A.id}`, `/structures/${w.B.id}`],
  '/structures/:id/edit': (w) => [`/structures/${w.A.id}/edit`, `/structures/${w.B.id}/edit`],
  '/structures/:id/contacts/:itemId/edit': (w) => [
    `/structures/${w.A.id}/contacts/${w.A.contactId}/edit`,
    `/structures/${w.B.id}/contacts/${w.B.contactId}/edit`,
  ],
  '/groups/:id': (w) => [`/groups/${w.groupId}`],
  '/groups/:id/edit': (w) => [`/groups/${w.groupId}/edit`],
  '/admin/users/:id': (w) => [`/admin/users/${w.target.id}`],
  '/scans': () => ['/scans', '/scans?page=2'],
  '/scans/:id': async (w) => [
    `/scans/${w.A.scanId}`,
    `/scans/${w.B.scanId}`,
    `/scans/${await w.fresh.queuedScan(w.A.id)}`,
  ],
  '/scans/:id/progress': async (w) => [`/scans/${await w.fresh.queuedScan(w.A.id)}/progress`],
  '/hosts/:id': (w) => [`/hosts/${w.A.hostId}`, `/hosts/${w.B.hostId}`],
  '/findings': (w) => [
    '/findings',
    `/findings?status=all&severity=high&category=known-vulnerability&check=software.known-cve&structure=${w.A.id}&q=openssh&page=1`,
    `/findings?scan=${w.A.scanId}`,
    '/findings?status=not-a-status',
  ],
  // A CVE (vulnerability block), a still-present and a fixed one (history), another structure's.
  '/findings/:id': (w) => [
    `/findings/${w.A.findings.cveId}`,
    `/findings/${w.A.findings.stillId}?done=status`,
    `/findings/${w.A.findings.fixedId}`,
    `/findings/${w.B.findings.domainId}`,
  ],
  '/structures/:id/products': (w) => [`/structures/${w.A.id}/products`, `/structures/${w.B.id}/products`],
  '/bulletins': () => ['/bulletins', '/bulletins?q=pan-os&severity=critical&kev=true&from=2020-01-01&page=1'],
  '/bulletins/:id': (w) => [
    `/bulletins/${w.bulletins.published}`,
    `/bulletins/${w.bulletins.draft}`,
    `/bulletins/${w.bulletins.withdrawn}`,
  ],
  '/bulletins/:id/modifier': (w) => [
    `/bulletins/${w.bulletins.published}/modifier`,
    `/bulletins/${w.bulletins.draft}/modifier`,
  ],
  '/cves/:id': (w) => [`/cves/${w.kb.cveId}`, '/cves/CVE-1999-0001'],
  '/indicateurs': () => ['/indicateurs', '/indicateurs?depuis=2024-01'],
  // SVG charts: not HTML (only the "no 5xx" check applies).
  '/indicateurs/:chart': () => ['cves', 'kev', 'bulletins', 'incidents'].map((c) => `/indicateurs/${c}.svg`),
  '/actualites': () => ['/actualites', '/actualites?q=hameconnage&kind=phishing'],
  '/actualites/:id': (w) => [`/actualites/${w.news.published}`, `/actualites/${w.news.draft}`],
  '/actualites/:id/modifier': (w) => [
    `/actualites/${w.news.published}/modifier`,
    `/actualites/${w.news.draft}/modifier`,
  ],
  // The caller's own subscription, and someone else's (the "not found" page).
  '/espace/abonnements': () => ['/espace/abonnements', '/espace/abonnements?done=deleted'],
  '/espace/abonnements/:id': (w, who) => [
    ...(who === 'anonymous' ? [] : [`/espace/abonnements/${w.subscriptions.own[who]}?done=created`]),
    `/espace/abonnements/${w.subscriptions.target}`,
  ],
  '/espace/abonnements/:id/modifier': (w, who) => [
    ...(who === 'anonymous' ? [] : [`/espace/abonnements/${w.subscriptions.own[who]}/modifier`]),
    `/espace/abonnements/${w.subscriptions.target}/modifier`,
  ],
  // The confirmation page (a GET changes nothing): valid, tampered and missing tokens.
  '/desabonnement': (w) => {
    const token = w.fresh.unsubscribeToken(w.subscriptions.target);
    return [
      `/desabonnement?token=${encodeURIComponent(token)}`,
      `/desabonnement?token=${encodeURIComponent(`${token.slice(0, -2)}xx`)}`,
      '/desabonnement',
    ];
  },
};

/** HTML pages under /api/: the API documentation (Swagger UI's markup: its own `lang="en"`). */
const API_HTML_PAGES = ['/api/docs', '/api/docs/static/index.html'];

/** Every GET page route of the app (not the JSON API, not static files). */
function pageRoutes(w: World): string[] {
  return w.app.routeTable
    .filter((r) => r.method === 'GET' && !r.url.startsWith('/api/') && !r.url.startsWith('/assets/'))
    .map((r) => r.url);
}

async function pageUrls(w: World, who: Who): Promise<string[]> {
  const urls: string[] = [];
  for (const route of pageRoutes(w)) {
    const make = PAGE_URLS[route];
    if (make) urls.push(...(await make(w, who)));
    else if (!route.includes(':') && !route.includes('*')) urls.push(route);
    else throw new Error(`csp-and-markup: add ${route} to PAGE_URLS (how to fill its parameters)`);
  }
  return [...urls, ...API_HTML_PAGES];
}

interface Tag {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly index: number;
}

/** Opening tags with their attributes (quoted values may hold `>`). */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const tagPattern =
    /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  for (const m of html.matchAll(tagPattern)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(
      /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
    )) {
      attrs.set((a[1] ?? '').toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    tags.push({ name: (m[1] ?? '').toLowerCase(), attrs, index: m.index });
  }
  return tags;
}

/** What is wrong with a page's markup (empty when nothing). */
function markupProblems(html: string, options: { lang: string; ownLayout: boolean }): string[] {
  const problems: string[] = [];
  const tags = tagsOf(html);

  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\ssrc\s*=/i.test(` ${m[1] ?? ''}`))
      problems.push(`inline <script> without src: ${m[0].slice(0, 120)}`);
    if ((m[2] ?? '').trim() !== '') problems.push(`<script> with inline code: ${m[0].slice(0, 120)}`);
  }
  if (/<style[\s>]/i.test(html)) problems.push('<style> element');
  for (const tag of tags) {
    for (const name of tag.attrs.keys()) {
      if (name === 'style') problems.push(`style= attribute on <${tag.name}>`);
      if (/^on[a-z]+$/.test(name)) problems.push(`event-handler attribute ${name}= on <${tag.name}>`);
    }
  }
  if (!options.ownLayout) return problems;

  const htmlTag = tags.find((t) => t.name === 'html');
  if (htmlTag?.attrs.get('lang') !== options.lang)
    problems.push(`<html lang="${htmlTag?.attrs.get('lang') ?? ''}"> instead of "${options.lang}"`);

  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form\s*>/gi)) {
    const [formTag, ...inner] = tagsOf(m[0]);
    if ((formTag?.attrs.get('method') ?? 'get').toLowerCase() !== 'post') continue;
    const hasField = inner.some(
      (t) =>
        t.name === 'input' &&
        t.attrs.get('type') === 'hidden' &&
        t.attrs.get('name') === '_csrf' &&
        (t.attrs.get('value') ?? '') !== '',
    );
    const inAction = /[?&]_csrf=[^&]+/.test(formTag?.attrs.get('action') ?? '');
    if (!hasField && !inAction) problems.push(`POST form without a _csrf token: ${m[0].slice(0, 160)}`);
  }

  const labelled = new Set(
    tags.filter((t) => t.name === 'label' && t.attrs.has('for')).map((t) => t.attrs.get('for')),
  );
  for (const tag of tags) {
    if (!['input', 'select', 'textarea'].includes(tag.name)) continue;
    const type = (tag.attrs.get('type') ?? 'text').toLowerCase();
    if (tag.name === 'input' && ['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    const id = tag.attrs.get('id');
    const ok =
      (id !== undefined && labelled.has(id)) ||
      (tag.attrs.get('aria-label') ?? '').trim() !== '' ||
      (tag.attrs.get('aria-labelledby') ?? '').trim() !== '';
    if (!ok)
      problems.push(
        `<${tag.name}${tag.attrs.get('name') ? ` name="${tag.attrs.get('name')}"` : ''}> without <label for> or aria-label`,
      );
  }
  return problems;
}

/** What is wrong with the security headers of an HTML answer. */
function headerProblems(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const csp = String(response.headers['content-security-policy'] ?? '');
  if (!csp) return ['no content-security-policy header'];
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0] ?? '', parts.slice(1).join(' ')]),
  );
  const want: Record<string, string> = {
    'script-src': "'self'",
    'style-src': "'self'",
    'object-src': "'none'",
    'frame-ancestors': "'none'",
  };
  for (const [name, value] of Object.entries(want)) {
    if (directives.get(name) !== value)
      problems.push(`CSP ${name} is "${directives.get(name) ?? '(missing)'}", expected ${value}`);
  }
  if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push(`CSP allows unsafe-inline/eval: ${csp}`);
  if (response.headers['x-content-type-options'] !== 'nosniff')
    problems.push('x-content-type-options is not nosniff');
  const referrer = String(response.headers['referrer-policy'] ?? '');
  if (!['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(referrer))
    problems.push(`referrer-policy "${referrer}"`);
  return problems;
}

function isHtml(response: LightMyRequestResponse): boolean {
  return String(response.headers['content-type'] ?? '').startsWith('text/html');
}

function setCookies(response: LightMyRequestResponse): string[] {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []);
}

function setCookie(response: LightMyRequestResponse, name: string): string {
  const found = setCookies(response).find((c) => c.startsWith(`${name}=`));
  if (!found)
    throw new Error(
      `no Set-Cookie ${name} in ${response.statusCode} answer: ${setCookies(response).join(' | ')}`,
    );
  return found;
}

/** Logs a new account in by hand and returns the answers that set each cookie. */
async function loginAnswers(w: World): Promise<{
  loginPage: LightMyRequestResponse;
  login: LightMyRequestResponse;
  lang: LightMyRequestResponse;
}> {
  const { user, oneTimePassword } = await createUser(w.system, {
    email: `cookie-${w.fresh.n()}@test.hygie.example`,
    firstName: 'Témoin',
    lastName: 'Cookie',
    role: 'authority',
  });
  const remoteAddress = '127.78.0.1';
  const loginPage = await w.app.inject({ method: 'GET', url: '/login', remoteAddress });
  const nonce = /^hygie_csrf=([^;]+)/.exec(setCookie(loginPage, 'hygie_csrf'))?.[1] ?? '';
  const token = csrfFieldOf(loginPage.body);
  const login = await w.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress,
    headers: { cookie: `hygie_csrf=${nonce}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, email: user.email, password: oneTimePassword }).toString(),
  });
  const lang = await w.app.inject({
    method: 'POST',
    url: '/lang',
    remoteAddress,
    headers: { cookie: `hygie_csrf=${nonce}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, lang: 'en', next: '/' }).toString(),
  });
  return { loginPage, login, lang };
}

const EVIL = '<script>alert(1)</script><b>x</b>';

describe.each(testDialects())('CSP, security headers and markup on %s', (dialect) => {
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(dialect);
  }, 300_000);
  afterAll(async () => {
    await w?.server.close();
  });

  it('knows how to fill every GET page route', async () => {
    for (const who of WHO) await expect(pageUrls(w, who)).resolves.not.toHaveLength(0);
  });

  const walks = WHO.flatMap((who) => (['fr', 'en'] as const).map((lang) => ({ who, lang })));
  it.each(walks)(
    'every page as $who in $lang: strict CSP, no inline script/style/handlers, CSRF in POST forms, lang, labels',
    async ({ who, lang }) => {
      const base = w.sessions[who];
      const session: Session = lang === 'en' ? { ...base, cookie: `${base.cookie}; hygie_lang=en` } : base;
      const report: string[] = [];
      const html = new Set<string>();
      for (const url of await pageUrls(w, who)) {
        const response = await send(w.app, session, 'GET', url);
        if (response.statusCode >= 500) report.push(`${url}: ${response.statusCode}`);
        if (!isHtml(response)) continue;
        html.add(url);
        const ownLayout = !url.startsWith('/api/docs');
        for (const p of [...headerProblems(response), ...markupProblems(response.body, { lang, ownLayout })])
          report.push(`${url} (${response.statusCode}): ${p}`);
      }
      expect(report, report.join('\n')).toEqual([]);
      expect([...html]).toEqual(expect.arrayContaining(['/', '/password/forgot', '/api/docs']));
      if (who !== 'anonymous') expect(html.size).toBeGreaterThan(12);
    },
  );

  it('the TOTP step of the login passes the same checks', async () => {
    const analyst = await loginAs(w.app, w.server.platform, { role: 'analyst' });
    const page = await w.app.inject({ method: 'GET', url: '/login', remoteAddress: '127.78.1.1' });
    const nonce = /^hygie_csrf=([^;]+)/.exec(setCookie(page, 'hygie_csrf'))?.[1] ?? '';
    const login = await w.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '127.78.1.1',
      headers: { cookie: `hygie_csrf=${nonce}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfFieldOf(page.body),
        email: analyst.email,
        password: TEST_PASSWORD,
      }).toString(),
    });
    expect(login.headers.location).toBe('/login/totp');
    const session = /^hygie_session=([^;]+)/.exec(setCookie(login, 'hygie_session'))?.[1] ?? '';
    const totp = await w.app.inject({
      method: 'GET',
      url: '/login/totp',
      remoteAddress: '127.78.1.1',
      headers: { cookie: `hygie_csrf=${nonce}; hygie_session=${session}` },
    });
    expect(totp.statusCode).toBe(200);
    expect([...headerProblems(totp), ...markupProblems(totp.body, { lang: 'fr', ownLayout: true })]).toEqual(
      [],
    );
  });

  it('shows HTML typed into a structure name escaped: list, record, edit form, GHT, account and home pages', async () => {
    const evil = await createStructure(
      w.system,
      structureDraft({ name: EVIL, city: EVIL, groupId: w.groupId }),
    );
    const beneficiary = await roleSession(w.server, 'beneficiary', [evil.id]);
    const pages: [Who | Session, string][] = [
      ['admin', '/structures'],
      ['admin', `/structures?q=${encodeURIComponent('alert')}`],
      ['admin', `/structures/${evil.id}`],
      ['admin', `/structures/${evil.id}/edit`],
      ['admin', `/groups/${w.groupId}`],
      ['admin', `/admin/users/${beneficiary.userId ?? ''}`],
      ['admin', '/'],
      [beneficiary, '/structures'],
      [beneficiary, `/structures/${evil.id}`],
      [beneficiary, '/'],
    ];
    for (const [as, url] of pages) {
      const session = typeof as === 'string' ? w.sessions[as] : as;
      const response = await send(w.app, session, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('<script>alert(1)');
      expect(response.body, url).not.toContain('<b>x</b>');
      if (url !== '/')
        expect(response.body, url).toMatch(
          /&lt;script(&gt;|>)alert\(1\)&lt;\/script(&gt;|>)&lt;b(&gt;|>)x&lt;\/b(&gt;|>)/,
        );
    }
    // The home page shows counts, not names: the name must not come back there in any form.
    expect((await send(w.app, beneficiary, 'GET', '/')).body).not.toContain('alert(1)');
  });

  it('sets session, CSRF and language cookies HttpOnly and SameSite=Lax, not Secure over plain http', async () => {
    const { loginPage, login, lang } = await loginAnswers(w);
    expect(login.statusCode).toBe(303);
    for (const cookie of [
      setCookie(loginPage, 'hygie_csrf'),
      setCookie(login, 'hygie_session'),
      setCookie(lang, 'hygie_lang'),
    ]) {
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
    // The session cookie ends with the browser (no Max-Age / Expires).
    expect(setCookie(login, 'hygie_session')).not.toMatch(/Max-Age|Expires/i);
  });
});

describe.each(testDialects())('cookies behind https on %s', (dialect) => {
  let w: World;

  beforeAll(async () => {
    w = await buildWorld(dialect, { HYGIE_PUBLIC_URL: 'https://hygie.example.org' });
  }, 300_000);
  afterAll(async () => {
    await w?.server.close();
  });

  it('marks session, CSRF and language cookies Secure (and HttpOnly, SameSite=Lax) and sends HSTS', async () => {
    const { loginPage, login, lang } = await loginAnswers(w);
    expect(login.statusCode).toBe(303);
    for (const cookie of [
      setCookie(loginPage, 'hygie_csrf'),
      setCookie(login, 'hygie_session'),
      setCookie(lang, 'hygie_lang'),
    ]) {
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    }
    expect(String(loginPage.headers['strict-transport-security'] ?? '')).toMatch(/max-age=\d+/);
  });

  it('a logged-in user keeps getting pages with Secure cookies only', async () => {
    const admin = w.sessions.admin;
    const logout = await send(w.app, await w.fresh.session('analyst'), 'POST', '/logout');
    expect(logout.statusCode).toBe(303);
    for (const cookie of setCookies(logout)) expect(cookie).toMatch(/;\s*Secure/i);
    const page = await send(w.app, admin, 'GET', '/structures');
    expect(page.statusCode).toBe(200);
    expect(headerProblems(page)).toEqual([]);
  });
});
