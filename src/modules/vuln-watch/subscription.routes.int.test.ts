import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.js';
import { contextFor } from '../../platform/context.js';
import { anonymousSession, roleSession, send, type Session } from '../../../test/support/authorisation-world.js';
import { insertTestStructure } from '../../../test/support/login.js';
import { testDialects } from '../../../test/support/test-db.js';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { importCves } from './import.service.js';
import { addProduct, declareDeployment } from './product.service.js';
import { FIXTURES } from './sources/fixtures.js';

/*
 * Who may do what with subscriptions, over HTTP (JSON API and pages): every logged-in user keeps
 * their own; nobody reads or changes anyone else's (404, as for a subscription that does not
 * exist); a beneficiary subscribes only for its own structures; watching deployed products is
 * for a structure's users and CERT staff. Plus validation, the page flow and the audit log.
 */
describe.each(testDialects())('subscriptions over HTTP on %s', (dialect) => {
  let server: TestServer;
  let A: string;
  let B: string;
  let productId: string;
  let owner: Session; // beneficiary of A
  let colleague: Session; // another beneficiary of A
  let admin: Session;
  let authority: Session;
  let anonymous: Session;
  let subscriptionId: string;
  const json = (value: unknown) => ({ kind: 'json', value }) as const;

  beforeAll(async () => {
    server = await startTestServer(dialect, { listen: false });
    const system = contextFor(server.platform, systemActor('test'));
    A = await insertTestStructure(server.platform.db, 'Centre hospitalier A');
    B = await insertTestStructure(server.platform.db, 'Centre hospitalier B');
    await importCves(system, [FIXTURES.nvdFkie, FIXTURES.cve5]);
    const product = await addProduct(system, { vendor: 'paloaltonetworks', product: 'pan-os', displayName: 'Palo Alto PAN-OS', category: 'firewall' });
    productId = product.id;
    await declareDeployment(system, A, { productId, version: '10.2.9' });
    owner = await roleSession(server, 'beneficiary', [A]);
    colleague = await roleSession(server, 'beneficiary', [A]);
    admin = await roleSession(server, 'admin');
    authority = await roleSession(server, 'authority');
    anonymous = await anonymousSession(server.app);
  });
  afterAll(() => server?.close());

  it('lets a beneficiary create, read, change and list its own subscription through the API', async () => {
    const created = await send(server.app, owner, 'POST', '/api/v1/subscriptions', json({ name: 'Pare-feu', structureId: A, vendors: ['fortinet'], products: [{ productId }, { vendor: 'philips', product: 'vue_pacs' }], keywords: ['PACS'], deployedProducts: true, frequency: 'weekly', weekday: 5, hour: 9 }));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ id: string; minScore: number; products: { displayName: string }[]; ownerId?: string; cursorAt?: string }>();
    subscriptionId = body.id;
    expect(body).toMatchObject({ name: 'Pare-feu', structureId: A, minScore: 7, kevOnly: false, includeUnscored: true, active: true, frequency: 'weekly', weekday: 5, hour: 9 });
    expect(body.products.map((p) => p.displayName)).toEqual(['Palo Alto PAN-OS', 'philips vue pacs']);
    expect(body.ownerId).toBeUndefined();
    expect(body.cursorAt).toBeUndefined();

    const patched = await send(server.app, owner, 'PATCH', `/api/v1/subscriptions/${subscriptionId}`, json({ minScore: 8.5, kevOnly: true }));
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ minScore: 8.5, kevOnly: true, vendors: ['fortinet'] });
    const list = await send(server.app, owner, 'GET', '/api/v1/subscriptions');
    expect(list.json<{ items: { id: string }[] }>().items.map((s) => s.id)).toEqual([subscriptionId]);
    const preview = await send(server.app, owner, 'GET', `/api/v1/subscriptions/${subscriptionId}/preview`);
    expect(preview.statusCode).toBe(200);
    // KEV only, score ≥ 8.5: CVE-2024-3400 (10, KEV) hits the watched product and PAN-OS 10.2.9 deployed at A.
    const items = preview.json<{ items: { cveId: string; kev: boolean; score: number; reasons: { kind: string }[] }[] }>().items;
    expect(items.find((i) => i.cveId === 'CVE-2024-3400')?.reasons.map((r) => r.kind)).toEqual(['product', 'deployment']);
    expect(items.every((i) => i.kev && i.score >= 8.5)).toBe(true);
    expect(items.length).toBeGreaterThan(1);
  });

  it('hides a subscription from everyone but its owner (404, API and pages)', async () => {
    for (const who of [colleague, admin, authority]) {
      for (const [method, url, body] of [
        ['GET', `/api/v1/subscriptions/${subscriptionId}`, undefined],
        ['GET', `/api/v1/subscriptions/${subscriptionId}/preview`, undefined],
        ['PATCH', `/api/v1/subscriptions/${subscriptionId}`, json({ name: 'Volé' })],
        ['DELETE', `/api/v1/subscriptions/${subscriptionId}`, undefined],
        ['GET', `/espace/abonnements/${subscriptionId}`, undefined],
        ['GET', `/espace/abonnements/${subscriptionId}/modifier`, undefined],
        ['POST', `/espace/abonnements/${subscriptionId}`, { kind: 'form', fields: { name: 'Volé', frequency: 'daily', hour: '8', weekday: '1', minScore: '7' } }],
        ['POST', `/espace/abonnements/${subscriptionId}/supprimer`, { kind: 'form', fields: {} }],
      ] as const) {
        const response = await send(server.app, who, method, url, body);
        expect(response.statusCode, `${who.who} ${method} ${url}`).toBe(404);
        if (url.startsWith('/api/')) expect(response.json<{ error: { code: string } }>().error.code).toBe('VULNWATCH_SUBSCRIPTION_NOT_FOUND');
      }
      expect((await send(server.app, who, 'GET', '/api/v1/subscriptions')).json<{ items: unknown[] }>().items).toEqual([]);
    }
    // The same answer as for a subscription that does not exist.
    const missing = await send(server.app, colleague, 'GET', '/api/v1/subscriptions/0190a0b0-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((await send(server.app, owner, 'GET', `/api/v1/subscriptions/${subscriptionId}`)).json()).toMatchObject({ name: 'Pare-feu' });
  });

  it('asks anonymous callers to log in', async () => {
    expect((await send(server.app, anonymous, 'GET', '/api/v1/subscriptions')).statusCode).toBe(401);
    expect((await send(server.app, anonymous, 'POST', '/api/v1/subscriptions', json({ name: 'x', vendors: ['a'] }))).statusCode).toBe(401);
    const page = await send(server.app, anonymous, 'GET', '/espace/abonnements');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fespace%2Fabonnements');
    expect((await send(server.app, anonymous, 'GET', '/espace/abonnements/nouveau')).statusCode).toBe(303);
    expect((await send(server.app, anonymous, 'POST', '/espace/abonnements', { kind: 'form', fields: { name: 'x' } })).statusCode).toBe(401);
  });

  it('lets a beneficiary subscribe only for its own structures; CERT staff for any', async () => {
    const other = await send(server.app, owner, 'POST', '/api/v1/subscriptions', json({ name: 'Chez B', structureId: B, vendors: ['fortinet'] }));
    expect(other.statusCode).toBe(403);
    expect(other.json<{ error: { code: string } }>().error.code).toBe('VULNWATCH_SUBSCRIPTION_STRUCTURE_NOT_ALLOWED');
    const moved = await send(server.app, owner, 'PATCH', `/api/v1/subscriptions/${subscriptionId}`, json({ structureId: B }));
    expect(moved.statusCode).toBe(403);
    const form = await send(server.app, owner, 'POST', '/espace/abonnements', { kind: 'form', fields: { name: 'Chez B', structureId: B, vendors: 'fortinet', minScore: '7', frequency: 'daily', hour: '8', weekday: '1', active: 'on' } });
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('que pour les structures dont vous êtes responsable');
    expect(form.body).toContain('id="sub-structureId-error"');
    expect(form.body).toContain('value="Chez B"'); // the form comes back with what was typed

    const staff = await send(server.app, admin, 'POST', '/api/v1/subscriptions', json({ name: 'Suivi de B', structureId: B, deployedProducts: true }));
    expect(staff.statusCode, staff.body).toBe(201);
    const ministry = await send(server.app, authority, 'POST', '/api/v1/subscriptions', json({ name: 'Parc', deployedProducts: true }));
    expect(ministry.statusCode).toBe(403);
    expect(ministry.json<{ error: { code: string } }>().error.code).toBe('VULNWATCH_SUBSCRIPTION_DEPLOYMENTS_NOT_ALLOWED');
    expect((await send(server.app, authority, 'POST', '/api/v1/subscriptions', json({ name: 'Critiques exploitées', kevOnly: true, minScore: 9 }))).statusCode).toBe(201);
  });

  it('refuses bad input with the field at fault', async () => {
    const cases: [unknown, number, string, string?][] = [
      [{ name: 'Tout', minScore: null }, 400, 'VULNWATCH_SUBSCRIPTION_NOTHING_WATCHED'],
      [{ name: 'Mots', keywords: ['---'] }, 400, 'VULNWATCH_SUBSCRIPTION_INVALID', 'keywords'],
      [{ name: '   ', vendors: ['fortinet'] }, 400, 'VULNWATCH_SUBSCRIPTION_INVALID', 'name'],
      [{ name: 'Produit', products: [{ productId: 'nope' }] }, 400, 'VULNWATCH_SUBSCRIPTION_PRODUCT_UNKNOWN'],
      [{ name: 'Heure', vendors: ['a'], hour: 24 }, 400, 'COMMON_VALIDATION'],
      [{ name: 'Inconnu', vendors: ['a'], owner: 'x' }, 400, 'COMMON_VALIDATION'],
      [{ name: 'Score', vendors: ['a'], minScore: 11 }, 400, 'COMMON_VALIDATION'],
    ];
    for (const [value, status, code, field] of cases) {
      const response = await send(server.app, owner, 'POST', '/api/v1/subscriptions', json(value));
      expect(response.statusCode, JSON.stringify(value)).toBe(status);
      const error = response.json<{ error: { code: string; details: { field?: string }[] } }>().error;
      expect(error.code).toBe(code);
      if (field) expect(error.details.map((d) => d.field)).toContain(field);
    }
  });

  it('runs the page flow: form, creation, detail with preview, edit, delete — audit-logged', async () => {
    const form = await send(server.app, owner, 'GET', '/espace/abonnements/nouveau');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="keywords"');
    expect(form.body).toContain('Palo Alto PAN-OS');
    const invalid = await send(server.app, owner, 'POST', '/espace/abonnements', { kind: 'form', fields: { name: 'Imagerie', keywords: 'PACS', minScore: 'douze', frequency: 'daily', hour: '8', weekday: '1', active: 'on' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('id="sub-minScore-error"');
    const created = await send(server.app, owner, 'POST', '/espace/abonnements', { kind: 'form', fields: { name: 'Parc de A', structureId: A, deployedProducts: 'on', minScore: '7', includeUnscored: 'on', frequency: 'immediate', hour: '8', weekday: '1', active: 'on' } });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/espace\/abonnements\/[0-9a-f-]{36}\?done=created$/);
    const id = location.split('/')[3]?.split('?')[0] ?? '';
    const detail = await send(server.app, owner, 'GET', location);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Abonnement créé.');
    expect(detail.body).toContain('href="/cves/CVE-2024-3400"'); // the preview of the next digest
    const edited = await send(server.app, owner, 'POST', `/espace/abonnements/${id}`, { kind: 'form', fields: { name: 'Parc de A (KEV)', structureId: A, deployedProducts: 'on', kevOnly: 'on', minScore: '', frequency: 'daily', hour: '7', weekday: '1' } });
    expect(edited.statusCode).toBe(303);
    const api = (await send(server.app, owner, 'GET', `/api/v1/subscriptions/${id}`)).json<unknown>();
    expect(api).toMatchObject({ name: 'Parc de A (KEV)', kevOnly: true, minScore: null, includeUnscored: false, active: false, frequency: 'daily', hour: 7 });
    const list = await send(server.app, owner, 'GET', '/espace/abonnements');
    expect(list.body).toContain('Parc de A (KEV)');
    expect(list.body).toContain('href="/espace/abonnements"'); // the "Mes abonnements" navigation entry
    const deleted = await send(server.app, owner, 'POST', `/espace/abonnements/${id}/supprimer`, { kind: 'form', fields: {} });
    expect(deleted.statusCode).toBe(303);
    expect((await send(server.app, owner, 'GET', `/api/v1/subscriptions/${id}`)).statusCode).toBe(404);
    const audit = await server.platform.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['vuln-watch.create-subscription', 'vuln-watch.edit-subscription', 'vuln-watch.delete-subscription']);
  });

  it('shows "Mes abonnements" to logged-in users only', async () => {
    expect((await send(server.app, authority, 'GET', '/')).body).toContain('Mes abonnements');
    expect((await send(server.app, anonymous, 'GET', '/')).body).not.toContain('Mes abonnements');
  });
});
