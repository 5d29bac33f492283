import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { csrfFieldOf, insertTestStructure, loginAs, readyUser, TEST_PASSWORD } from '../../../test/support/login.js';
import { accountsModule, createActorResolver, createUser } from './index.js';
import { decryptTotpSecret, totpCodeAt } from './totp.crypto.js';
import { findUserRecordById } from './user.repository.js';

/** A tiny cookie jar over `app.inject`. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly app: HttpApp,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '') this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.absorb(await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookie(), ...headers } }));
  }

  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.absorb(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.remoteAddress,
        headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === 'hygie_session');
}

describe.each(testDialects())('accounts over HTTP on %s', (dialect) => {
  let platform: TestPlatform;
  let app: HttpApp;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    app = await buildHttpServer({ platform, resolveActor: createActorResolver(platform), routes: [accountsModule.routes!], nav: [] });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await platform.close();
  });

  it('logs in with password then TOTP code, with CSRF, rotating the session cookie', async () => {
    const ready = await readyUser(platform, { role: 'analyst' });
    if (!ready.totpSecret) throw new Error('no TOTP secret');
    const browser = new Browser(app, '127.0.1.1');
    const loginPage = await browser.get('/login');
    expect(loginPage.statusCode).toBe(200);
    expect(browser.jar.has('hygie_csrf')).toBe(true);
    expect(loginPage.body).toContain('autocomplete="username"');
    expect(loginPage.body).toContain('autocomplete="current-password"');
    const csrf = csrfFieldOf(loginPage.body);

    const noCsrf = await browser.post('/login', { email: ready.user.email, password: ready.password });
    expect(noCsrf.statusCode).toBe(403);

    const wrong = await browser.post('/login', { _csrf: csrf, email: ready.user.email, password: 'not the right one' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Mot de passe oublié');
    expect(sessionCookie(wrong)).toBeUndefined();

    const first = await browser.post('/login', { _csrf: csrf, email: ready.user.email, password: ready.password, next: '/account' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/login/totp?next=%2Faccount');
    const pending = sessionCookie(first);
    expect(pending?.httpOnly).toBe(true);
    expect(pending?.sameSite).toBe('Lax');
    expect(pending?.secure).toBeFalsy();

    // Pending the second factor: pages redirect to the TOTP step, the API sees nobody.
    const redirected = await browser.get('/account/tokens');
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toMatch(/^\/login\/totp/);
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);

    const totpPage = await browser.get('/login/totp?next=%2Faccount');
    expect(totpPage.statusCode).toBe(200);
    expect(totpPage.body).toContain('autocomplete="one-time-code"');
    const bad = await browser.post('/login/totp', { _csrf: csrf, code: '000000', next: '/account' });
    expect(bad.statusCode).toBe(401);
    const code = await totpCodeAt(ready.totpSecret, platform.clock.now());
    const second = await browser.post('/login/totp', { _csrf: csrf, code, next: '/account' });
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe('/account');
    const full = sessionCookie(second);
    expect(full?.value).toBeTruthy();
    expect(full?.value).not.toBe(pending?.value);

    const me = await browser.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: ready.user.email, role: 'analyst', totpEnabled: true }, role: 'analyst', apiTokenId: null });
    const account = await browser.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(ready.user.email);

    const out = await browser.post('/logout', { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?done=logged-out');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ignores a `next` that leaves the site', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const browser = new Browser(app, '127.0.1.2');
    const csrf = csrfFieldOf((await browser.get('/login')).body);
    const response = await browser.post('/login', { _csrf: csrf, email: ready.user.email, password: ready.password, next: '//evil.example/' });
    expect(response.headers.location).toBe('/');
  });

  it('forces an analyst without TOTP through the password change and the enrolment', async () => {
    const { user, oneTimePassword } = await createUser(contextFor(platform, systemActor('test')), {
      email: 'new.analyst@cert.example',
      firstName: 'Nouvelle',
      lastName: 'Analyste',
      role: 'analyst',
    });
    const browser = new Browser(app, '127.0.1.3');
    const csrf = csrfFieldOf((await browser.get('/login')).body);
    const login = await browser.post('/login', { _csrf: csrf, email: user.email, password: oneTimePassword });
    expect(login.headers.location).toBe('/account/password');
    expect((await browser.get('/account')).headers.location).toBe('/account/password');
    const pwPage = await browser.get('/account/password');
    expect(pwPage.statusCode).toBe(200);
    expect(pwPage.body).toContain('autocomplete="new-password"');

    const changed = await browser.post('/account/password', { _csrf: csrf, currentPassword: oneTimePassword, newPassword: TEST_PASSWORD, confirmation: TEST_PASSWORD });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/account/totp/enrol');
    const elsewhere = await browser.get('/account/tokens');
    expect(elsewhere.statusCode).toBe(303);
    expect(elsewhere.headers.location).toBe('/account/totp/enrol');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);

    const enrol = await browser.get('/account/totp/enrol');
    expect(enrol.statusCode).toBe(200);
    expect(enrol.body).toMatch(/<div class="hygie-qr"[^>]*><svg /);
    expect(enrol.body).not.toMatch(/\sstyle=/);
    expect(enrol.headers['content-security-policy']).toContain("style-src 'self'");
    const record = await findUserRecordById(platform.db, user.id);
    const secret = record?.totpSecret ? decryptTotpSecret(platform.config.secret, user.id, record.totpSecret) : null;
    if (!secret) throw new Error('no pending secret');
    expect(enrol.body).toContain(secret.slice(0, 4));
    expect(record?.totpSecret).not.toContain(secret);

    const done = await browser.post('/account/totp/enrol', { _csrf: csrf, code: await totpCodeAt(secret, platform.clock.now()) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/');
    expect((await browser.get('/api/v1/me')).statusCode).toBe(200);
    platform.clock.advance(30_000);
  });

  it('sets Secure on the session cookie when secureCookies is on', async () => {
    // Same database, configuration with TLS on (a second migrated PostgreSQL schema in one
    // process trips Kysely's migration-table lookup, which is not schema-aware).
    const securePlatform = { ...platform, config: { ...platform.config, secureCookies: true } };
    const secureApp = await buildHttpServer({
      platform: securePlatform,
      resolveActor: createActorResolver(securePlatform),
      routes: [accountsModule.routes!],
      nav: [],
    });
    try {
      const ready = await readyUser(platform, { role: 'authority' });
      const browser = new Browser(secureApp);
      const csrf = csrfFieldOf((await browser.get('/login')).body);
      const response = await browser.post('/login', { _csrf: csrf, email: ready.user.email, password: ready.password });
      const cookie = sessionCookie(response);
      expect(cookie?.secure).toBe(true);
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
    } finally {
      await secureApp.close();
    }
  });

  it('accepts a bearer token on /api/v1/me, and refuses it once revoked', async () => {
    const session = await loginAs(app, platform, { role: 'auditor' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { name: 'report export' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ apiToken: { id: string; role: string }; token: string }>();
    expect(body.token).toMatch(/^hyg_/);
    expect(body.apiToken.role).toBe('auditor');

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'auditor', apiTokenId: body.apiToken.id, user: { id: session.userId } });

    const minted = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { authorization: `Bearer ${body.token}` }, payload: { name: 'x' } });
    expect(minted.statusCode).toBe(403);
    expect(minted.json()).toMatchObject({ error: { code: 'ACCOUNTS_TOKEN_NEEDS_SESSION' } });

    const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${body.token}` } });
    expect(list.body).not.toContain(body.token);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${body.apiToken.id}`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(revoked.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'ACCOUNTS_INVALID_API_TOKEN' } });
    const garbage = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer nope' } });
    expect(garbage.statusCode).toBe(401);
  });

  it('lets an admin create a beneficiary (one-time password shown once) and refuses other roles', async () => {
    const structure = await insertTestStructure(platform.db, 'Hôpital <b>local</b>');
    const admin = await loginAs(app, platform, { role: 'admin' });
    const list = await app.inject({ method: 'GET', url: '/admin/users?role=admin', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Utilisateurs');

    const created = await app.inject({
      method: 'POST',
      url: '/admin/users/new',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        email: 'rssi@hopital.example',
        firstName: '"><script>alert(1)</script>',
        lastName: 'Durand',
        role: 'beneficiary',
        structureIds: structure,
        phone: '',
        lang: 'fr',
      }).toString(),
    });
    expect(created.statusCode).toBe(200);
    expect(created.body).not.toContain('"><script>alert(1)');
    expect(/<title>([^<]*)<\/title>/.exec(created.body)?.[1]).not.toContain('alert');
    expect(created.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(created.body).toContain('Hôpital &lt;b>local&lt;/b>');
    const otp = /<code class="fs-5 user-select-all"[^>]*>([a-z2-9-]{19})<\/code>/.exec(created.body)?.[1];
    expect(otp).toBeDefined();

    const api = await app.inject({ method: 'GET', url: '/api/v1/users?q=rssi', headers: { cookie: admin.cookie } });
    const found = api.json<{ items: { id: string; structureIds: string[] }[] }>().items[0];
    expect(found?.structureIds).toEqual([structure]);
    const page = await app.inject({ method: 'GET', url: `/admin/users/${found?.id ?? ''}`, headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(otp ?? 'missing');

    const analyst = await loginAs(app, platform, { role: 'analyst' });
    expect((await app.inject({ method: 'GET', url: '/admin/users', headers: { cookie: analyst.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: analyst.cookie } })).statusCode).toBe(403);
    const beneficiary = await loginAs(app, platform, { role: 'beneficiary', structureIds: [structure] });
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: beneficiary.cookie } });
    expect(me.json()).toMatchObject({ user: { role: 'beneficiary', structureIds: [structure] } });
  });

  it('answers the forgotten-password form the same way whether the account exists or not', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const browser = new Browser(app, '127.0.1.4');
    const csrf = csrfFieldOf((await browser.get('/password/forgot')).body);
    const known = await browser.post('/password/forgot', { _csrf: csrf, email: ready.user.email });
    const unknown = await browser.post('/password/forgot', { _csrf: csrf, email: 'ghost@example.org' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const message = (html: string) => /<div class="alert alert-info"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(message(known.body)).toBeDefined();
    expect(message(known.body)).toBe(message(unknown.body));
    const invalid = await browser.get('/password/reset?token=nope');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('/password/forgot');
  });

  it('rate-limits POST /login per address', async () => {
    const browser = new Browser(app, '127.0.9.9');
    const csrf = csrfFieldOf((await browser.get('/login')).body);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await browser.post('/login', { _csrf: csrf, email: 'nobody@example.org', password: 'whatever it is' })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
