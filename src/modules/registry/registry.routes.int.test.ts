import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { buildHttpServer, type HttpApp } from '../../platform/http/server.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { structureDraft, uniqueFiness, userActor } from './fixtures/test-kit.js';
import { registryModule } from './index.js';

interface ApiError {
  error: { code: string; message: string; details: { field?: string; line?: number; message: string }[] };
}

describe.each(testDialects())('registry JSON API on %s', (dialect) => {
  let platform: TestPlatform;
  let app: HttpApp;
  let actor: Actor = userActor('analyst');
  const as = (a: Actor) => {
    actor = a;
  };

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    app = await buildHttpServer({
      platform,
      resolveActor: () => Promise.resolve({ actor, method: 'token' }),
      routes: [registryModule.routes!],
      nav: [],
    });
  });
  afterAll(async () => {
    await app.close();
    await platform.close();
  });

  it('creates, reads, changes, lists and archives structures', async () => {
    as(userActor('analyst'));
    const draft = structureDraft({ name: 'CH API', region: 'Île-de-France', isOse: true });
    const created = await app.inject({ method: 'POST', url: '/api/v1/structures', payload: draft });
    expect(created.statusCode).toBe(201);
    const s = created.json<{ id: string; region: string; finess: string }>();
    expect(s).toMatchObject({ name: 'CH API', region: 'IDF', finess: draft.finess });

    expect((await app.inject({ url: `/api/v1/structures/${s.id}` })).json()).toMatchObject({
      id: s.id,
      isOse: true,
    });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/structures/${s.id}`,
      payload: { city: 'Paris-API' },
    });
    expect(patched.json()).toMatchObject({ city: 'Paris-API', name: 'CH API' });

    const list = await app.inject({
      url: '/api/v1/structures?q=ch%20api&region=IDF&ose=true&page=1&pageSize=10',
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      items: [expect.objectContaining({ id: s.id }) as unknown],
      total: 1,
      page: 1,
      pageSize: 10,
    });

    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/structures/${s.id}/archive` })).json(),
    ).toMatchObject({ archivedAt: expect.any(String) as unknown });
    expect((await app.inject({ url: '/api/v1/structures?q=ch%20api' })).json()).toMatchObject({ total: 0 });
    expect(
      (await app.inject({ url: '/api/v1/structures?q=ch%20api&includeArchived=true' })).json(),
    ).toMatchObject({ total: 1 });
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/structures/${s.id}/restore` })).json(),
    ).toMatchObject({ archivedAt: null });
  });

  it('answers errors in the platform shape: field details, 409 duplicates, schema violations', async () => {
    as(userActor('analyst'));
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/structures',
      headers: { 'accept-language': 'en' },
      payload: structureDraft({ finess: '750712185' }),
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<ApiError>();
    expect(body.error.code).toBe('REGISTRY_FINESS_INVALID');
    expect(body.error.details[0]).toMatchObject({ field: 'finess' });
    expect(body.error.details[0]?.message).toMatch(/check digit/);

    const finess = uniqueFiness();
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/structures', payload: structureDraft({ finess }) }))
        .statusCode,
    ).toBe(201);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/structures',
      payload: structureDraft({ finess }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ApiError>().error.code).toBe('REGISTRY_FINESS_TAKEN');

    const schema = await app.inject({
      method: 'POST',
      url: '/api/v1/structures',
      payload: { ...structureDraft(), kind: 'spaceship' },
    });
    expect(schema.statusCode).toBe(400);
    expect(schema.json<ApiError>().error.code).toBe('COMMON_VALIDATION');
  });

  it('applies the policy: 404 outside a beneficiary’s structures, 403 for writes, 401 anonymous', async () => {
    as(userActor('admin'));
    const own = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/structures',
        payload: structureDraft({ name: 'CH Mien' }),
      })
    ).json<{ id: string }>();
    const other = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/structures',
        payload: structureDraft({ name: 'CH Autre' }),
      })
    ).json<{ id: string }>();
    as(userActor('beneficiary', [own.id]));
    expect((await app.inject({ url: `/api/v1/structures/${own.id}` })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/structures/${other.id}` })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/v1/structures/${other.id}`, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/v1/structures/${own.id}`, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/structures', payload: structureDraft() })).statusCode,
    ).toBe(403);
    const contact = await app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        structureId: own.id,
        role: 'deputy',
        lastName: 'Moi',
        firstName: 'Je',
        email: 'moi@mien.test',
        alertKinds: ['incident'],
      },
    });
    expect(contact.statusCode).toBe(201);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/contacts',
          payload: {
            structureId: other.id,
            role: 'deputy',
            lastName: 'X',
            firstName: 'Y',
            email: 'x@y.test',
          },
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: '/api/v1/groups' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/lookup/ip/127.0.0.1' })).statusCode).toBe(403);
    as({ kind: 'anonymous' });
    expect((await app.inject({ url: '/api/v1/structures' })).statusCode).toBe(401);
  });

  it('serves groups, contacts, domains, networks and lookups', async () => {
    as(userActor('analyst'));
    const g = await app.inject({
      method: 'POST',
      url: '/api/v1/groups',
      payload: { name: 'GHT API', code: 'GHT-API', region: 'BRE' },
    });
    expect(g.statusCode).toBe(201);
    const group = g.json<{ id: string }>();
    const s = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/structures',
        payload: structureDraft({ groupId: group.id }),
      })
    ).json<{ id: string }>();
    expect((await app.inject({ url: `/api/v1/groups/${group.id}` })).json()).toMatchObject({
      code: 'GHT-API',
      members: [{ id: s.id }],
    });
    expect((await app.inject({ url: '/api/v1/groups?q=api' })).json()).toMatchObject({
      total: 1,
      items: [{ memberCount: 1 }],
    });
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/groups/${group.id}`,
          payload: { name: 'GHT API 2' },
        })
      ).json(),
    ).toMatchObject({ name: 'GHT API 2' });
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/groups/${group.id}/archive` })).json<ApiError>().error
        .code,
    ).toBe('REGISTRY_GROUP_HAS_MEMBERS');

    const c = await app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        structureId: s.id,
        role: 'security-officer',
        lastName: 'Rssi',
        firstName: 'Api',
        email: 'rssi@api.test',
        phone: '0600000303',
      },
    });
    const contact = c.json<{ id: string; phone: string }>();
    expect(contact.phone).toBe('+33600000303');
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/contacts/${contact.id}`,
          payload: { alertKinds: ['audit'] },
        })
      ).json(),
    ).toMatchObject({ alertKinds: ['audit'] });
    expect((await app.inject({ url: `/api/v1/contacts?structureId=${s.id}` })).json()).toMatchObject({
      total: 1,
    });
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/contacts/${contact.id}/archive` })).json(),
    ).toMatchObject({ archivedAt: expect.any(String) as unknown });

    const d = await app.inject({
      method: 'POST',
      url: '/api/v1/domains',
      payload: { structureId: s.id, name: 'api-ght.test', ownership: 'dns-txt' },
    });
    expect(d.statusCode).toBe(201);
    const n = await app.inject({
      method: 'POST',
      url: '/api/v1/networks',
      payload: { structureId: s.id, cidr: '2001:db8:a91::/48', asn: 'AS64500' },
    });
    expect(n.json()).toMatchObject({ cidr: '2001:db8:a91::/48', family: 6, asn: 64500 });
    await app.inject({
      method: 'POST',
      url: '/api/v1/networks',
      payload: { structureId: s.id, cidr: '127.100.91.0/24', asn: 64501 },
    });
    expect((await app.inject({ url: `/api/v1/domains?structureId=${s.id}` })).json()).toMatchObject({
      total: 1,
    });
    expect((await app.inject({ url: `/api/v1/networks?structureId=${s.id}` })).json()).toMatchObject({
      total: 2,
    });

    const v6 = await app.inject({ url: '/api/v1/lookup/ip/2001:db8:a91::42' });
    expect(v6.json()).toMatchObject({
      kind: 'ip',
      match: { structure: { id: s.id }, network: { cidr: '2001:db8:a91::/48' } },
    });
    expect((await app.inject({ url: '/api/v1/lookup/ip/127.100.91.200' })).json()).toMatchObject({
      match: { structure: { id: s.id } },
    });
    expect((await app.inject({ url: '/api/v1/lookup/domain/www.api-ght.test' })).json()).toMatchObject({
      kind: 'domain',
      match: { domain: { name: 'api-ght.test' } },
    });
    expect((await app.inject({ url: '/api/v1/lookup/ip/10.9.9.9' })).json()).toMatchObject({ match: null });
    expect((await app.inject({ url: '/api/v1/lookup/ip/not-an-ip' })).json<ApiError>().error.code).toBe(
      'REGISTRY_IP_INVALID',
    );
  });

  it('imports a raw text/csv body: dry run report, then all-or-nothing', async () => {
    as(userActor('admin'));
    const errors = readFileSync(new URL('./fixtures/structures-errors.csv', import.meta.url));
    const dry = await app.inject({
      method: 'POST',
      url: '/api/v1/structures/import?kind=structures&dryRun=true',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: errors,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 8, validRows: 1, created: 0 });
    expect(dry.json<{ errors: { line: number }[] }>().errors.map((e) => e.line)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 9,
    ]);

    const real = await app.inject({
      method: 'POST',
      url: '/api/v1/structures/import?kind=structures',
      headers: { 'content-type': 'text/csv' },
      payload: errors,
    });
    expect(real.statusCode).toBe(400);
    expect(real.json<ApiError>().error).toMatchObject({
      code: 'REGISTRY_CSV_INVALID_ROWS',
      details: expect.arrayContaining([
        { line: 4, field: 'FINESS', message: expect.any(String) as unknown },
      ]) as unknown,
    });

    const good = readFileSync(new URL('./fixtures/structures.csv', import.meta.url));
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/structures/import?kind=structures&dryRun=false',
      headers: { 'content-type': 'text/csv' },
      payload: good,
    });
    expect(ok.json()).toMatchObject({ created: 5, errors: [] });

    as(userActor('auditor'));
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/structures/import?kind=structures',
          headers: { 'content-type': 'text/csv' },
          payload: good,
        })
      ).statusCode,
    ).toBe(403);
    as(userActor('admin'));
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/structures/import?kind=planets',
          headers: { 'content-type': 'text/csv' },
          payload: good,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('documents every route with tags in the OpenAPI description', async () => {
    await app.ready();
    const spec = (await app.inject({ url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    for (const path of [
      '/api/v1/structures',
      '/api/v1/structures/{id}',
      '/api/v1/groups',
      '/api/v1/contacts',
      '/api/v1/domains',
      '/api/v1/networks',
      '/api/v1/structures/import',
      '/api/v1/lookup/ip/{ip}',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
      for (const operation of Object.values(spec.paths[path] ?? {}))
        expect(operation.tags?.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(spec.paths['/api/v1/structures/{id}'])).not.toContain('/structures/new');
    void platform;
  });
});
