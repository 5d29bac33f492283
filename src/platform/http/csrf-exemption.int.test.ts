import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { anonymousActor, type UserActor } from '../auth/actor.js';
import { buildHttpServer, type HttpApp } from './server.js';

/**
 * The CSRF check applies to every cookie-authenticated or anonymous POST, except a route that
 * declares `config: { csrf: false }` (the RFC 8058 one-click unsubscribe, which carries its own
 * signed token). A route without the flag, or with `csrf: true`, stays protected.
 */
describe('CSRF exemption by route config', () => {
  let platform: TestPlatform;
  let app: HttpApp;
  const user: UserActor = { kind: 'user', userId: 'u1', role: 'beneficiary', structureIds: [], label: 'u1' };

  beforeAll(async () => {
    platform = await createTestPlatform('sqlite');
    app = await buildHttpServer({
      platform,
      // A "logged-in" cookie: the ambient credential CSRF protects.
      resolveActor: async (request) => (request.cookies.session ? { actor: user, method: 'session' } : { actor: anonymousActor, method: 'none' }),
      routes: [
        (a) => {
          a.post('/protected', async () => ({ ok: true }));
          a.post('/explicitly-protected', { config: { csrf: true } }, async () => ({ ok: true }));
          a.post('/exempt', { config: { csrf: false } }, async () => ({ ok: true }));
        },
      ],
      nav: [],
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await platform.close();
  });

  it.each([
    ['/protected', 403],
    ['/explicitly-protected', 403],
    ['/exempt', 200],
  ])('POST %s without a CSRF token, with a session cookie → %i', async (url, status) => {
    const response = await app.inject({ method: 'POST', url, headers: { cookie: 'session=1', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(response.statusCode).toBe(status);
    if (status === 403) expect(response.body).toContain('COMMON_CSRF');
  });

  it('an exempt route also takes an anonymous multipart POST (RFC 8058 allows multipart/form-data)', async () => {
    const boundary = '----rfc8058';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const response = await app.inject({ method: 'POST', url: '/exempt', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(response.statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/protected', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(refused.statusCode).toBe(403);
  });
});
