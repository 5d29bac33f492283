import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { createContact } from './contact.service.js';
import { csrfOf, form, structureDraft, uniqueFiness, urlencoded, userActor } from './fixtures/test-kit.js';
import { registryModule } from './index.js';
import { createStructure, searchStructures } from './structure.service.js';

describe.each(testDialects())('registry pages on %s', (dialect) => {
  let platform: TestPlatform;
  let app: HttpApp;
  let sessionApp: HttpApp;
  let actor: Actor = userActor('analyst');
  const as = (a: Actor) => {
    actor = a;
  };

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    const routes = [registryModule.routes!];
    app = await buildHttpServer({
      platform,
      resolveActor: () => Promise.resolve({ actor, method: 'token' }),
      routes,
      nav: registryModule.nav ?? [],
    });
    sessionApp = await buildHttpServer({
      platform,
      resolveActor: () => Promise.resolve({ actor: userActor('analyst'), method: 'session' }),
      routes,
      nav: registryModule.nav ?? [],
    });
  });
  afterAll(async () => {
    await app.close();
    await sessionApp.close();
    await platform.close();
  });

  it('shows HTML typed in a name as text, never as markup', async () => {
    as(userActor('analyst'));
    const s = await createStructure(
      contextFor(platform, actor),
      structureDraft({
        name: '<script>alert("x")</script><b>CH Piège</b>',
        city: '<img src=x onerror=alert(1)>',
      }),
    );
    for (const url of ['/structures?q=piege', `/structures/${s.id}`, `/structures/${s.id}/edit`]) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<img src=x');
      expect(page.body, url).toMatch(/&lt;script>alert\(|&lt;script&gt;alert\(/);
    }
    const csp = (await app.inject({ url: '/structures' })).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
  });

  it('lists with filters and a pager, and offers writers the creation button', async () => {
    as(userActor('analyst'));
    for (let i = 0; i < 3; i++)
      await createStructure(
        contextFor(platform, actor),
        structureDraft({ name: `Clinique Pagée ${i}`, region: 'OCC' }),
      );
    const page = await app.inject({ url: '/structures?q=clinique+pagee&region=OCC' });
    expect(page.body).toContain('Nouvelle structure');
    expect(page.body).toContain('3 résultats');
    expect(page.body).toContain('<th scope="col">');
    as(userActor('authority'));
    const readOnly = await app.inject({
      url: '/structures?q=clinique+pagee',
      headers: { 'accept-language': 'en' },
    });
    expect(readOnly.body).not.toContain('New structure');
    expect(readOnly.body).toContain('3 results');
  });

  it('re-shows the form with the values and errors next to fields (400), then posts/redirects/gets', async () => {
    as(userActor('analyst'));
    const before = (await searchStructures(contextFor(platform, actor), { includeArchived: true })).total;
    const bad = await app.inject({
      method: 'POST',
      url: '/structures',
      headers: urlencoded,
      payload: form({
        name: 'CH <Formulaire>',
        finess: '123456789',
        kind: 'health-establishment',
        legalStatus: 'public',
        region: '',
        city: 'Quimper-Test',
        isOse: 'on',
      }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="CH &lt;Formulaire>"');
    expect(bad.body).toContain('value="Quimper-Test"');
    expect(bad.body).toMatch(/id="structure-finess-error"[^>]*>[^<]*FINESS/);
    expect(bad.body).toMatch(/id="structure-region-error"/);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('href="#structure-finess"');
    expect((await searchStructures(contextFor(platform, actor), { includeArchived: true })).total).toBe(
      before,
    );

    const finess = uniqueFiness('29');
    const ok = await app.inject({
      method: 'POST',
      url: '/structures',
      headers: urlencoded,
      payload: form({
        name: 'CH Formulaire',
        finess,
        kind: 'health-establishment',
        legalStatus: 'public',
        region: 'BRE',
        isOse: 'on',
      }),
    });
    expect(ok.statusCode).toBe(303);
    const location = ok.headers.location as string;
    expect(location).toMatch(/^\/structures\/[0-9a-f-]{36}$/);
    const shown = await app.inject({ url: location });
    expect(shown.body).toContain('CH Formulaire');
    expect(shown.body).toContain(finess);

    const dup = await app.inject({
      method: 'POST',
      url: '/structures',
      headers: urlencoded,
      payload: form({ name: 'Doublon', finess, kind: 'other', legalStatus: 'public', region: 'BRE' }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('CH Formulaire');

    const edit = await app.inject({
      method: 'POST',
      url: `${location}/edit`,
      headers: urlencoded,
      payload: form({
        name: 'CH Formulaire renommé',
        finess,
        kind: 'health-establishment',
        legalStatus: 'public',
        region: 'BRE',
      }),
    });
    expect(edit.statusCode).toBe(303);
    expect((await app.inject({ url: location })).body).toContain('CH Formulaire renommé');
  });

  it('adds contacts, domains and networks from the structure page', async () => {
    as(userActor('analyst'));
    const s = await createStructure(contextFor(platform, actor), structureDraft({ name: 'CH Sections' }));
    const base = `/structures/${s.id}`;
    const badContact = await app.inject({
      method: 'POST',
      url: `${base}/contacts`,
      headers: urlencoded,
      payload: form({
        role: 'security-officer',
        lastName: 'Nom',
        firstName: 'Prénom',
        email: 'pas-un-mail',
        alertKinds: ['vulnerability'],
      }),
    });
    expect(badContact.statusCode).toBe(400);
    expect(badContact.body).toContain('id="contact-email-error"');
    expect(badContact.body).toContain('value="pas-un-mail"');
    expect(badContact.body).toMatch(/<details class="mt-2" open/);

    const contact = await app.inject({
      method: 'POST',
      url: `${base}/contacts`,
      headers: urlencoded,
      payload: form({
        role: 'security-officer',
        lastName: 'Nom',
        firstName: 'Prénom',
        email: 'rssi@sections.test',
        phone: '06 00 00 04 04',
        alertKinds: ['vulnerability', 'incident'],
      }),
    });
    expect(contact.statusCode).toBe(303);
    expect(contact.headers.location).toBe(`${base}#contacts`);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${base}/domains`,
          headers: urlencoded,
          payload: form({ name: 'ch-sections.test', ownership: 'declared' }),
        })
      ).statusCode,
    ).toBe(303);
    const badNetwork = await app.inject({
      method: 'POST',
      url: `${base}/networks`,
      headers: urlencoded,
      payload: form({ cidr: '127.100.999.0/24' }),
    });
    expect(badNetwork.statusCode).toBe(400);
    expect(badNetwork.body).toContain('id="network-cidr-error"');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${base}/networks`,
          headers: urlencoded,
          payload: form({ cidr: '127.100.44.0/24', asn: '64500' }),
        })
      ).statusCode,
    ).toBe(303);
    const page = (await app.inject({ url: base })).body;
    expect(page).toContain('+33600000404');
    expect(page).toContain('ch-sections.test');
    expect(page).toContain('127.100.44.0/24');
    expect(page).toContain('AS64500');
  });

  it('gives a beneficiary its own structure (with contact editing) and a 404 page for others', async () => {
    as(userActor('admin'));
    const own = await createStructure(
      contextFor(platform, actor),
      structureDraft({ name: 'CH Bénéficiaire' }),
    );
    const other = await createStructure(contextFor(platform, actor), structureDraft({ name: 'CH Étranger' }));
    const c = await createContact(contextFor(platform, actor), own.id, {
      role: 'security-officer',
      lastName: 'Rssi',
      firstName: 'Propre',
      email: 'rssi@propre.test',
    });
    as(userActor('beneficiary', [own.id]));
    const mine = await app.inject({ url: `/structures/${own.id}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Ajouter un contact');
    expect(mine.body).not.toContain('Ajouter un réseau');
    expect(mine.body).not.toContain(`/structures/${own.id}/edit`);
    const list = await app.inject({ url: '/structures' });
    expect(list.body).toContain('CH Bénéficiaire');
    expect(list.body).not.toContain('CH Étranger');
    expect((await app.inject({ url: `/structures/${other.id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/structures/${own.id}/edit` })).statusCode).toBe(403);
    expect((await app.inject({ url: '/structures/new' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/groups' })).statusCode).toBe(403);
    const edit = await app.inject({
      method: 'POST',
      url: `/structures/${own.id}/contacts/${c.id}/edit`,
      headers: urlencoded,
      payload: form({
        role: 'security-officer',
        lastName: 'Rssi',
        firstName: 'Renommé',
        email: 'rssi@propre.test',
        alertKinds: ['audit'],
      }),
    });
    expect(edit.statusCode).toBe(303);
    expect((await app.inject({ url: `/structures/${other.id}/contacts/${c.id}/edit` })).statusCode).toBe(404);
  });

  it('requires the CSRF token on a cookie-authenticated form post', async () => {
    const page = await sessionApp.inject({ url: '/structures/new' });
    expect(page.statusCode).toBe(200);
    const { cookie, token } = csrfOf(page);
    const fields = {
      name: 'CH Jeton',
      finess: uniqueFiness(),
      kind: 'health-establishment',
      legalStatus: 'public',
      region: 'BRE',
    };
    const refused = await sessionApp.inject({
      method: 'POST',
      url: '/structures',
      headers: { ...urlencoded, cookie },
      payload: form(fields),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Le formulaire a expiré');
    const accepted = await sessionApp.inject({
      method: 'POST',
      url: '/structures',
      headers: { ...urlencoded, cookie },
      payload: form({ ...fields, _csrf: token }),
    });
    expect(accepted.statusCode).toBe(303);
  });

  it('manages GHTs from the pages', async () => {
    as(userActor('analyst'));
    const bad = await app.inject({
      method: 'POST',
      url: '/groups',
      headers: urlencoded,
      payload: form({ name: '', code: 'bad code!', region: 'BRE' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="group-name-error"');
    expect(bad.body).toContain('id="group-code-error"');
    const ok = await app.inject({
      method: 'POST',
      url: '/groups',
      headers: urlencoded,
      payload: form({ name: 'GHT des Pages', code: 'ght-pages', region: 'NOR' }),
    });
    expect(ok.statusCode).toBe(303);
    const shown = await app.inject({ url: ok.headers.location as string });
    expect(shown.body).toContain('GHT-PAGES');
    expect(shown.body).toContain('Normandie');
    const list = await app.inject({ url: '/groups?q=pages' });
    expect(list.body).toContain('GHT des Pages');
    const newStructure = await app.inject({ url: '/structures/new' });
    expect(newStructure.body).toContain('GHT des Pages (GHT-PAGES)');
  });
});
