import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { anonymous, structureDraft, uniqueFiness, uniqueSiret, userActor } from './fixtures/test-kit.js';
import { archiveGroup, createGroup, editGroup, getGroup, searchGroups } from './group.service.js';
import { getStructureSummaries, registryCounts } from './registry.service.js';
import {
  archiveStructure,
  createStructure,
  editStructure,
  getStructure,
  getStructureByReference,
  getStructureDetails,
  restoreStructure,
  searchStructures,
} from './structure.service.js';

/** `expect.stringMatching`, typed (it returns `any`). */
const matching = (pattern: RegExp | string): string =>
  (typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)) as string;

async function failure(promise: Promise<unknown>): Promise<HygieError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HygieError) return error;
    throw error;
  }
  throw new Error('expected a HygieError');
}

describe.each(testDialects())('registry structures and groups on %s', (dialect) => {
  let platform: TestPlatform;
  let cli: ServiceContext;
  const as = (actor: Actor, lang: 'fr' | 'en' = 'fr') => contextFor(platform, actor, { lang });
  const auditCount = async (action?: string) => {
    let q = platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
    if (action) q = q.where('action', '=', action);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const structureCount = async () =>
    Number(
      (
        await platform.db
          .selectFrom('structures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    cli = contextFor(platform, systemActor('cli'));
  });
  afterAll(() => platform.close());

  it('creates, edits, archives and restores a structure, with one audit entry per change', async () => {
    const analyst = as(userActor('analyst'));
    const finess = uniqueFiness('2A');
    const created = await createStructure(
      analyst,
      structureDraft({
        name: '  Hôpital de la Citadelle ',
        finess: ` ${finess.slice(0, 2).toLowerCase()} ${finess.slice(2)} `,
        siret: uniqueSiret(),
      }),
    );
    expect(created).toMatchObject({
      name: 'Hôpital de la Citadelle',
      finess,
      region: 'BRE',
      archivedAt: null,
    });
    expect(await getStructure(analyst, created.id)).toEqual(created);
    expect((await getStructureByReference(analyst, finess.toLowerCase())).id).toBe(created.id);

    platform.clock.advance(60_000);
    const edited = await editStructure(analyst, created.id, {
      city: 'Ajaccio-les-Pins',
      isOse: true,
      region: 'Corse',
    });
    expect(edited).toMatchObject({
      city: 'Ajaccio-les-Pins',
      isOse: true,
      region: 'COR',
      name: 'Hôpital de la Citadelle',
    });
    expect(edited.updatedAt > created.updatedAt).toBe(true);
    const entry = await platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registry.update-structure')
      .where('object_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toEqual({
      changes: [
        { field: 'region', from: 'BRE', to: 'COR' },
        { field: 'city', from: 'Rennes-sur-Test', to: 'Ajaccio-les-Pins' },
        { field: 'isOse', from: false, to: true },
      ],
    });
    expect(entry.actor_label).toBe('analyst@test');

    // No change, no entry.
    const before = await auditCount();
    await editStructure(analyst, created.id, { city: 'Ajaccio-les-Pins' });
    expect(await auditCount()).toBe(before);

    await archiveStructure(analyst, created.id);
    expect((await getStructure(analyst, created.id)).archivedAt).not.toBeNull();
    const archivedEdit = await failure(editStructure(analyst, created.id, { city: 'X' }));
    expect(archivedEdit.code).toBe('REGISTRY_ARCHIVED');
    await restoreStructure(analyst, created.id);
    expect((await getStructure(analyst, created.id)).archivedAt).toBeNull();
    expect(await auditCount('registry.archive-structure')).toBe(1);
    expect(await auditCount('registry.restore-structure')).toBe(1);
  });

  it('refuses a duplicate FINESS with a clear error and changes nothing', async () => {
    const first = await createStructure(cli, structureDraft({ name: 'Centre hospitalier du Doublon' }));
    const [count, audits] = [await structureCount(), await auditCount()];
    const error = await failure(
      createStructure(as(userActor('admin')), structureDraft({ name: 'Autre', finess: first.finess })),
    );
    expect(error.code).toBe('REGISTRY_FINESS_TAKEN');
    expect(error.status).toBe(409);
    expect(error.messageIn('fr')).toContain('Centre hospitalier du Doublon');
    expect(error.details).toEqual([{ field: 'finess', message: matching(first.finess ?? '') }]);
    expect([await structureCount(), await auditCount()]).toEqual([count, audits]);

    // Also when editing another structure to take the number.
    const second = await createStructure(cli, structureDraft());
    const editError = await failure(editStructure(cli, second.id, { finess: first.finess }));
    expect(editError.code).toBe('REGISTRY_FINESS_TAKEN');
    expect((await getStructure(cli, second.id)).finess).toBe(second.finess);
  });

  it('reports every invalid field, in the reader’s language', async () => {
    const all = await failure(
      createStructure(as(userActor('analyst'), 'en'), {
        name: '',
        finess: '123',
        siret: '12345678901234',
        kind: 'hospital',
        legalStatus: 'public',
        region: 'Atlantis',
        postalCode: '3500',
        city: '=cmd|"/c calc"!A1',
      }),
    );
    expect(all.code).toBe('REGISTRY_VALIDATION');
    expect(all.details.map((d) => d.field)).toEqual([
      'name',
      'finess',
      'siret',
      'kind',
      'region',
      'postalCode',
      'city',
    ]);
    expect(all.details.find((d) => d.field === 'finess')?.message).toMatch(/9 characters/);
    expect(all.details.find((d) => d.field === 'city')?.message).toMatch(/formula/);

    const one = await failure(
      createStructure(as(userActor('analyst')), structureDraft({ finess: '750712185' })),
    );
    expect(one.code).toBe('REGISTRY_FINESS_INVALID');
    expect(one.messageIn('fr')).toMatch(/FINESS/);
    expect(one.details).toEqual([{ field: 'finess', message: matching(/Numéro FINESS invalide/) }]);

    const none = await failure(createStructure(cli, structureDraft({ finess: '', siret: '' })));
    expect(none.code).toBe('REGISTRY_IDENTIFIER_REQUIRED');
  });

  it('searches without accents, filters, hides archived structures and paginates', async () => {
    const group = await createGroup(cli, { name: 'GHT des Filtres', code: 'ght-flt-01', region: 'NAQ' });
    expect(group.code).toBe('GHT-FLT-01');
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await createStructure(
          cli,
          structureDraft({
            name: `Établissement Filtré ${i}`,
            region: i < 4 ? 'NAQ' : 'OCC',
            kind: i % 2 === 0 ? 'health-establishment' : 'medico-social',
            isOiv: i === 0,
            isOse: i === 1,
            groupId: i < 3 ? group.id : null,
            city: i === 6 ? 'Saint-Émilion-Test' : 'Pau-Test',
          }),
        ),
      );
    }
    const q = (filter: Parameters<typeof searchStructures>[1]) =>
      searchStructures(cli, { q: 'etablissement filtre', ...filter });
    expect((await q({})).total).toBe(7);
    expect((await searchStructures(cli, { q: 'ÉTABLISSEMENT   filtré' })).total).toBe(7);
    expect((await q({ region: 'NAQ' })).total).toBe(4);
    expect((await q({ kind: 'medico-social' })).total).toBe(3);
    expect((await q({ groupId: group.id })).total).toBe(3);
    expect((await q({ oiv: true })).items.map((s) => s.id)).toEqual([made[0]?.id]);
    expect((await q({ ose: true })).items.map((s) => s.id)).toEqual([made[1]?.id]);
    expect((await searchStructures(cli, { q: 'saint-emilion' })).items.map((s) => s.id)).toEqual([
      made[6]?.id,
    ]);
    expect((await searchStructures(cli, { q: made[2]?.finess ?? '' })).items.map((s) => s.id)).toEqual([
      made[2]?.id,
    ]);
    expect((await searchStructures(cli, { q: '100%_' })).total).toBe(0);

    await archiveStructure(cli, made[5]?.id ?? '');
    expect((await q({})).total).toBe(6);
    expect((await q({ includeArchived: true })).total).toBe(7);

    const page2 = await q({ page: 2, pageSize: 4 });
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.items.map((s) => s.name)).toEqual(['Établissement Filtré 4', 'Établissement Filtré 6']);

    const groups = await searchGroups(as(userActor('authority')), { q: 'filtres' });
    expect(groups.items).toEqual([expect.objectContaining({ id: group.id, memberCount: 3 })]);
  });

  it('shows a beneficiary only its own structures, with 404 for the others', async () => {
    const own = await createStructure(cli, structureDraft({ name: 'Clinique Bénéficiaire' }));
    const other = await createStructure(cli, structureDraft({ name: 'Clinique Voisine' }));
    const beneficiary = as(userActor('beneficiary', [own.id]));

    const list = await searchStructures(beneficiary, { q: 'clinique' });
    expect(list.items.map((s) => s.id)).toEqual([own.id]);
    expect((await getStructure(beneficiary, own.id)).name).toBe('Clinique Bénéficiaire');
    expect((await failure(getStructure(beneficiary, other.id))).status).toBe(404);
    expect((await failure(getStructureDetails(beneficiary, other.id))).status).toBe(404);
    expect((await failure(editStructure(beneficiary, other.id, { name: 'Pris' }))).status).toBe(404);
    expect((await failure(editStructure(beneficiary, own.id, { name: 'Renommée' }))).status).toBe(403);
    expect((await failure(archiveStructure(beneficiary, other.id))).status).toBe(404);
    expect((await failure(createStructure(beneficiary, structureDraft()))).status).toBe(403);
    expect((await failure(searchGroups(beneficiary, {}))).status).toBe(403);
    expect((await getStructure(cli, other.id)).name).toBe('Clinique Voisine');

    const summaries = await getStructureSummaries(beneficiary, [other.id, own.id, 'nope']);
    expect(summaries.map((s) => s.id)).toEqual([own.id]);
    expect(await registryCounts(beneficiary)).toEqual({ structures: 1, groups: 0, domains: 0, networks: 0 });
  });

  it('lets authorities read structures and groups only, and nobody anonymous', async () => {
    const s = await createStructure(cli, structureDraft());
    const authority = as(userActor('authority'));
    const details = await getStructureDetails(authority, s.id);
    expect(details).toMatchObject({ contacts: null, domains: null, networks: null });
    expect((await getStructureDetails(as(userActor('auditor')), s.id)).contacts).toEqual([]);
    expect((await failure(createStructure(as(userActor('auditor')), structureDraft()))).status).toBe(403);
    expect((await failure(searchStructures(as(anonymous), {}))).status).toBe(401);
    expect((await failure(getStructure(as(anonymous), s.id))).status).toBe(401);
    expect(await registryCounts(as(anonymous))).toEqual({
      structures: 0,
      groups: 0,
      domains: 0,
      networks: 0,
    });
    const counts = await registryCounts(authority);
    expect(counts.structures).toBeGreaterThan(0);
    expect(counts.groups).toBeGreaterThan(0);
    expect([counts.domains, counts.networks]).toEqual([0, 0]);
  });

  it('keeps HTML as typed (pages escape it)', async () => {
    const s = await createStructure(cli, structureDraft({ name: '<script>alert(1)</script> & Cie' }));
    expect((await getStructure(cli, s.id)).name).toBe('<script>alert(1)</script> & Cie');
  });

  it('manages GHTs: unique code, members, archive only when empty', async () => {
    const g = await createGroup(cli, { name: 'GHT Rivière', code: 'GHT-RIV', region: 'pays de la loire' });
    expect(g.region).toBe('PDL');
    expect((await failure(createGroup(cli, { name: 'Autre', code: 'ght-riv', region: 'PDL' }))).code).toBe(
      'REGISTRY_GROUP_CODE_TAKEN',
    );
    const member = await createStructure(cli, structureDraft({ groupId: g.id }));
    expect((await getGroup(cli, g.id)).members.map((m) => m.id)).toEqual([member.id]);
    expect((await failure(archiveGroup(cli, g.id))).code).toBe('REGISTRY_GROUP_HAS_MEMBERS');
    await editStructure(cli, member.id, { groupId: null });
    const archived = await archiveGroup(cli, g.id);
    expect(archived.archivedAt).not.toBeNull();
    expect((await failure(createStructure(cli, structureDraft({ groupId: g.id })))).code).toBe(
      'REGISTRY_GROUP_UNKNOWN',
    );
    expect((await editGroup(cli, g.id, { name: 'GHT Rivière (ancien)' })).name).toBe('GHT Rivière (ancien)');
    expect(await auditCount('registry.archive-group')).toBe(1);
  });
});
