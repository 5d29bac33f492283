import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HygieError } from '../../lib/errors.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { systemActor } from '../../platform/auth/actor.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { createContact, searchContacts } from './contact.service.js';
import { importRegistryCsv, type ImportReport } from './csv-import.service.js';
import type { ImportKind } from './csv-import.mapping.js';
import { structureDraft, uniqueFiness, userActor } from './fixtures/test-kit.js';
import { findOwnerOfDomain, findOwnerOfIp } from './lookup.service.js';
import { demoFiness } from './registry.demo.js';
import { createGroup } from './group.service.js';
import { createStructure, getStructureByReference, searchStructures } from './structure.service.js';

/** `expect.stringMatching`, typed (it returns `any`). */
const matching = (pattern: RegExp | string): string =>
  (typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)) as string;

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function failure(promise: Promise<unknown>): Promise<HygieError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HygieError) return error;
    throw error;
  }
  throw new Error('expected a HygieError');
}

describe.each(testDialects())('registry CSV import on %s', (dialect) => {
  let platform: TestPlatform;
  let cli: ServiceContext;
  const count = async (table: 'structures' | 'contacts' | 'domains' | 'networks') =>
    Number(
      (
        await platform.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const run = (
    bytes: Uint8Array,
    kind: ImportKind,
    dryRun: boolean,
    ctx: ServiceContext = cli,
  ): Promise<ImportReport> => importRegistryCsv(ctx, bytes, { kind, dryRun });

  beforeAll(async () => {
    platform = await createTestPlatform(dialect);
    cli = contextFor(platform, systemActor('cli'));
  });
  afterAll(() => platform.close());

  it('dry-runs then imports a semicolon UTF-8 file with French titles and words', async () => {
    const dry = await run(fixture('structures.csv'), 'structures', true);
    expect(dry).toMatchObject({
      kind: 'structures',
      dryRun: true,
      encoding: 'utf-8',
      delimiter: ';',
      rows: 5,
      validRows: 5,
      created: 0,
      errors: [],
      ignoredColumns: [],
    });
    expect(await count('structures')).toBe(0);

    const real = await run(fixture('structures.csv'), 'structures', false);
    expect(real).toMatchObject({ dryRun: false, rows: 5, validRows: 5, created: 5 });
    const morlanvec = await getStructureByReference(cli, '359000023');
    expect(morlanvec).toMatchObject({
      name: 'Centre hospitalier de Morlanvec',
      kind: 'health-establishment',
      region: 'BRE',
      address: "1 place de l'Hôpital; bâtiment A",
    });
    expect(await getStructureByReference(cli, '569000037')).toMatchObject({
      kind: 'medico-social',
      legalStatus: 'private-non-profit',
      region: 'BRE',
    });
    expect(await getStructureByReference(cli, '2B9000047')).toMatchObject({ region: 'COR' });
    expect(await getStructureByReference(cli, '970490058')).toMatchObject({
      region: 'REU',
      legalStatus: 'private',
      isOiv: true,
    });
    expect(await getStructureByReference(cli, '359000015')).toMatchObject({
      siret: '26350001900116',
      isOse: true,
    });

    const entry = await platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registry.import-structures')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toMatchObject({
      rows: 5,
      created: 5,
      encoding: 'utf-8',
      fileSha256: matching(/^[0-9a-f]{64}$/),
    });

    // The same file again: every row is already registered.
    const again = await run(fixture('structures.csv'), 'structures', true);
    expect(again.validRows).toBe(0);
    expect(again.errors.map((e) => [e.line, e.field])).toEqual(
      [2, 3, 4, 5, 6].map((line) => [line, 'FINESS']),
    );
    expect(again.errors[0]?.message).toMatch(/Déjà enregistré/);
  });

  it('reads a Windows-1252, comma-separated file with English titles', async () => {
    const report = await run(fixture('structures-latin1.csv'), 'structures', false);
    expect(report).toMatchObject({ encoding: 'latin1', delimiter: ',', created: 2, errors: [] });
    expect(await getStructureByReference(cli, '759000060')).toMatchObject({
      name: 'Centre hospitalier de Vézelay-lès-Étangs',
      address: "3, rue de l'Église",
      city: 'Paris-Vézelay',
      region: 'IDF',
      isOse: true,
    });
  });

  it('reports every bad row with its line, column and reason, and stores nothing', async () => {
    const before = await count('structures');
    const dry = await run(fixture('structures-errors.csv'), 'structures', true);
    expect(dry.rows).toBe(8);
    expect(dry.validRows).toBe(1);
    expect(dry.ignoredColumns).toEqual(['Colonne inconnue']);
    expect(dry.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '3:Raison sociale',
      '4:FINESS',
      '5:SIRET',
      '6:Région',
      '7:Raison sociale',
      '8:FINESS',
      '9:Catégorie',
      '9:Code postal',
    ]);
    const byLine = new Map(dry.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(3)).toMatch(/obligatoire/);
    expect(byLine.get(4)).toMatch(/FINESS invalide/);
    expect(byLine.get(6)).toMatch(/Région inconnue/);
    expect(byLine.get(7)).toMatch(/formule/);
    expect(byLine.get(8)).toMatch(/ligne 2/);

    const real = await failure(run(fixture('structures-errors.csv'), 'structures', false));
    expect(real.code).toBe('REGISTRY_CSV_INVALID_ROWS');
    expect(real.messageIn('fr')).toMatch(/8 erreur\(s\).*rien n’a été importé/);
    expect(real.details).toHaveLength(8);
    expect(real.details[0]).toMatchObject({ line: 3, field: 'Raison sociale' });
    expect(await count('structures')).toBe(before);

    const english = await run(
      fixture('structures-errors.csv'),
      'structures',
      true,
      contextFor(platform, systemActor('cli'), { lang: 'en' }),
    );
    expect(english.errors.find((e) => e.line === 4)?.message).toMatch(/check digit/);
  });

  it('refuses unreadable files and missing columns with a clear error', async () => {
    const missing = await failure(run(utf8('Nom;Ville\nCH;Rennes\n'), 'structures', true));
    expect(missing.code).toBe('REGISTRY_CSV_COLUMNS_MISSING');
    expect(missing.messageIn('fr')).toMatch(
      /Catégorie \(kind\).*Statut juridique \(legalStatus\).*Région \(region\).*FINESS \(finess\) \/ SIRET/,
    );
    expect(
      (await failure(run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'structures', true))).code,
    ).toBe('REGISTRY_CSV_UNREADABLE');
    expect(
      (await failure(run(new Uint8Array([0xff, 0xfe, 0x41, 0]), 'structures', true))).messageIn('fr'),
    ).toMatch(/UTF-16/);
    expect((await failure(run(utf8('FINESS;Domaine\n\n'), 'domains', true))).code).toBe('REGISTRY_CSV_EMPTY');
    expect((await failure(run(utf8('FINESS;Domaine;Domain\n1;a.test;b.test\n'), 'domains', true))).code).toBe(
      'REGISTRY_CSV_COLUMN_DUPLICATE',
    );
  });

  it('imports contacts, domains and networks attached by FINESS', async () => {
    if ((await searchStructures(cli, { q: '359000015' })).total === 0)
      await run(fixture('structures.csv'), 'structures', false);
    expect(await run(fixture('contacts.csv'), 'contacts', false)).toMatchObject({ created: 3, errors: [] });
    expect(await run(fixture('domains.csv'), 'domains', false)).toMatchObject({ created: 2, errors: [] });
    expect(await run(fixture('networks.csv'), 'networks', false)).toMatchObject({ created: 3, errors: [] });
    const kerbruyere = await getStructureByReference(cli, '359000015');
    const contacts = await searchContacts(cli, { structureId: kerbruyere.id });
    expect(contacts.items.map((c) => [c.role, c.phone, c.alertKinds.length])).toEqual([
      ['deputy', '+33600000202', 3],
      ['security-officer', '+33600000201', 6],
    ]);
    expect(await findOwnerOfDomain(platform.db, 'www.ch-morlanvec.test')).toMatchObject({
      structureId: (await getStructureByReference(cli, '359000023')).id,
    });
    expect(await findOwnerOfIp(platform.db, '127.100.200.9')).toMatchObject({ structureId: kerbruyere.id });
    expect(await findOwnerOfIp(platform.db, '2001:db8:200::9')).toMatchObject({
      network: { cidr: '2001:db8:200::/48' },
    });

    const again = await run(fixture('networks.csv'), 'networks', true);
    expect(again.errors.map((e) => `${e.line}:${e.field}`)).toEqual(['2:Réseau', '3:Réseau', '4:Réseau']);
  });

  it('checks references, duplicates and formula payloads in attached rows', async () => {
    const finess = uniqueFiness();
    const s = await createStructure(cli, structureDraft({ finess }));
    await createContact(cli, s.id, {
      role: 'it-director',
      lastName: 'Riou',
      firstName: 'Anne',
      email: 'anne.riou@ch-morlanvec.test',
    });
    const contacts = [
      'FINESS;Rôle;Nom;Prénom;Courriel;Mobile;Alertes',
      `${uniqueFiness()};RSSI;Inconnu;Jean;jean@x.test;;`,
      `${finess};RSSI;@SUM(1+1);Ana;ana@x.test;+33 6 00 00 03 01;`,
      `${finess};RSSI;Valide;Ana;"=HYPERLINK(""http://evil.test"")";;`,
      `${finess};Stagiaire;Valide;Bob;bob@x.test;0600;météo`,
      `${finess};RSSI;Double;Eve;eve@x.test;;`,
      `${finess};RSSI;Double;Eve;EVE@x.test;;`,
      `${finess};DSI;Riou;Anne;anne.riou@ch-morlanvec.test;;`,
    ].join('\n');
    const report = await run(utf8(contacts), 'contacts', true);
    expect(report.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      '2:FINESS',
      '3:Nom',
      '4:Courriel',
      '5:Rôle',
      '5:Mobile',
      '5:Alertes',
      '7:Courriel',
      '8:Courriel',
    ]);
    expect(report.errors[0]?.message).toMatch(/Aucune structure active/);
    expect(report.validRows).toBe(1);
  });

  it('links structures to GHTs named by code or name', async () => {
    const group = await createGroup(cli, { name: 'GHT Import', code: 'GHT-IMP-01', region: 'BRE' });
    const [a, b] = [uniqueFiness(), uniqueFiness()];
    const csv = [
      'Nom;FINESS;Type;Statut;Région;GHT',
      `CH A;${a};ES;Public;BRE;ght-imp-01`,
      `CH B;${b};ES;Public;BRE;GHT Import`,
      `CH C;${uniqueFiness()};ES;Public;BRE;GHT Fantôme`,
    ].join('\n');
    const dry = await run(utf8(csv), 'structures', true);
    expect(dry.errors).toEqual([{ line: 4, field: 'GHT', message: matching(/GHT inconnu/) }]);
    await run(utf8(csv.split('\n').slice(0, 3).join('\n')), 'structures', false);
    expect((await searchStructures(cli, { groupId: group.id })).total).toBe(2);
  });

  it('is for CERT writers only', async () => {
    for (const role of ['auditor', 'authority', 'beneficiary'] as const) {
      expect(
        (
          await failure(
            run(fixture('structures.csv'), 'structures', true, contextFor(platform, userActor(role))),
          )
        ).status,
      ).toBe(403);
    }
  });

  it(
    'handles 100,000 rows: dry run, all-or-nothing refusal, then one-transaction import',
    { timeout: 240_000 },
    async () => {
      await createStructure(cli, structureDraft({ finess: demoFiness('01999999') }));
      const rows = [
        'Raison sociale;FINESS;SIRET;Catégorie;Statut juridique;Région;Code postal;Ville;OIV;OSE',
      ];
      for (let i = 0; i < 100_000; i++) {
        const finess = demoFiness(`01${String(i).padStart(6, '0')}`);
        rows.push(
          `Centre hospitalier n°${i};${finess};;ES;Public;ARA;01000;Ville ${i % 977};non;${i % 50 === 0 ? 'oui' : 'non'}`,
        );
      }
      const good = utf8(`${rows.join('\n')}\n`);
      // One bad row at the very end: a FINESS already registered.
      const bad = utf8(
        `${rows.join('\n')}\nCentre hospitalier en trop;${demoFiness('01999999')};;ES;Public;ARA;;;;\n`,
      );
      const before = await count('structures');

      const refused = await failure(run(bad, 'structures', false));
      expect(refused.code).toBe('REGISTRY_CSV_INVALID_ROWS');
      expect(refused.details).toEqual([
        { line: 100_002, field: 'FINESS', message: matching(/Déjà enregistré/) },
      ]);
      expect(await count('structures')).toBe(before);

      const dry = await run(good, 'structures', true);
      expect(dry).toMatchObject({ rows: 100_000, validRows: 100_000, created: 0, errors: [] });
      expect(await count('structures')).toBe(before);

      const real = await run(good, 'structures', false);
      expect(real.created).toBe(100_000);
      expect(await count('structures')).toBe(before + 100_000);
      expect((await searchStructures(cli, { q: 'Centre hospitalier n°99999', region: 'ARA' })).total).toBe(1);
      expect((await searchStructures(cli, { ose: true, region: 'ARA', pageSize: 1 })).total).toBe(2_000);
    },
  );
});
