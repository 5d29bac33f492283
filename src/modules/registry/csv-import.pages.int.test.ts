import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { csrfOf, multipart, userActor } from './fixtures/test-kit.js';
import { registryModule } from './index.js';

describe.each(testDialects())('registry CSV import page on %s', (dialect) => {
  let platform: TestPlatform;
  let sessionApp: HttpApp;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    sessionApp = await buildHttpServer({
      platform,
      resolveActor: () => Promise.resolve({ actor: userActor('analyst'), method: 'session' }),
      routes: [registryModule.routes!],
      nav: registryModule.nav ?? [],
    });
  });
  afterAll(async () => {
    await sessionApp.close();
    await platform.close();
  });

  it('uploads a CSV file: dry run shows each bad line, real run imports (multipart, token in the URL)', async () => {
    const page = await sessionApp.inject({ url: '/structures/import' });
    expect(page.statusCode).toBe(200);
    const { cookie, token } = csrfOf(page);
    expect(page.body).toContain(`action="/structures/import?_csrf=${encodeURIComponent(token)}"`);
    expect(page.body).toContain('enctype="multipart/form-data"');

    const errorsFile = readFileSync(new URL('./fixtures/structures-errors.csv', import.meta.url));
    const dry = multipart([
      { name: 'kind', value: 'structures' },
      { name: 'dryRun', value: 'on' },
      { name: 'file', value: errorsFile, filename: 'structures-errors.csv' },
    ]);
    const noToken = await sessionApp.inject({
      method: 'POST',
      url: '/structures/import',
      headers: { 'content-type': dry.contentType, cookie },
      payload: dry.body,
    });
    expect(noToken.statusCode).toBe(403);
    const checked = await sessionApp.inject({
      method: 'POST',
      url: `/structures/import?_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': dry.contentType, cookie },
      payload: dry.body,
    });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('1 ligne(s) valide(s) sur 8');
    for (const line of [3, 4, 5, 6, 7, 8, 9])
      expect(checked.body).toContain(`<th scope="row" class="text-end fw-normal">${line}</th>`);
    expect(checked.body).toContain('Colonne inconnue');

    const latin1 = readFileSync(new URL('./fixtures/structures-latin1.csv', import.meta.url));
    const real = multipart([
      { name: 'file', value: latin1, filename: 'latin1.csv' },
      { name: 'kind', value: 'structures' },
    ]);
    const imported = await sessionApp.inject({
      method: 'POST',
      url: `/structures/import?_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': real.contentType, cookie },
      payload: real.body,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('2 enregistrement(s) importé(s)');
    expect(imported.body).toContain('Windows-1252');

    const rejected = multipart([
      { name: 'kind', value: 'structures' },
      { name: 'file', value: errorsFile, filename: 'structures-errors.csv' },
    ]);
    const refused = await sessionApp.inject({
      method: 'POST',
      url: `/structures/import?_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': rejected.contentType, cookie },
      payload: rejected.body,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('rien n’a été importé');
    expect(refused.body).toContain('<th scope="row" class="text-end fw-normal">9</th>');
  });
});
