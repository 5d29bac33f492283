import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../lib/csv-table.js';
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  mapColumns,
  mapContactRow,
  mapDomainRow,
  mapNetworkRow,
  mapStructureRow,
  type ImportKind,
} from './csv-import.mapping.js';
import {
  parseAlertKindsCell,
  parseKindWord,
  parseLegalStatusWord,
  parseOwnershipWord,
  parseRoleWord,
  parseYesNo,
} from './csv-words.mapping.js';
import { demoFiness } from './registry.demo.js';
import { REGIONS } from './region.catalogue.js';

const row = (cells: string[], line = 2): CsvRow => ({ line, cells });

/** The ways people write one title: as is, upper case, accents dropped, underscores for spaces. */
const spelling = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.normalize('NFD').replace(/\p{M}/gu, ''),
  (s: string) => ` ${s.replace(/ /g, '_')} `,
);

describe('mapColumns', () => {
  it.each(IMPORT_KINDS)(
    'finds every %s field whatever the order, alias and spelling, and reports unknown columns',
    (kind: ImportKind) => {
      const specs: Record<string, { aliases: readonly string[] }> = IMPORT_COLUMNS[kind];
      const fields = Object.keys(specs);
      fc.assert(
        fc.property(
          fc.shuffledSubarray(fields, { minLength: fields.length, maxLength: fields.length }),
          fc.array(fc.nat(), { minLength: fields.length, maxLength: fields.length }),
          fc.array(spelling, { minLength: fields.length, maxLength: fields.length }),
          fc.array(fc.constantFrom('zz colonne libre', 'Remarque interne 42', 'xx'), { maxLength: 3 }),
          (order, picks, spell, extras) => {
            const titles = order.map((field, i) => {
              const names = [field, ...(specs[field]?.aliases ?? [])];
              return (spell[i] ?? ((s: string) => s))(names[(picks[i] ?? 0) % names.length] ?? field);
            });
            const header = [...titles, ...extras];
            const map = mapColumns(kind, header);
            for (const [i, field] of order.entries())
              expect(map.columns[field], `${field} as "${titles[i]}"`).toBe(i);
            expect(map.missing).toEqual([]);
            expect(map.ignored).toEqual(extras);
            expect(map.duplicates).toEqual([]);
          },
        ),
      );
    },
  );

  it('names missing required columns, and needs FINESS or SIRET for structures', () => {
    expect(mapColumns('structures', ['Nom', 'SIRET', 'Catégorie', 'Statut', 'Région']).missing).toEqual([]);
    expect(mapColumns('structures', ['Nom', 'Catégorie', 'Statut', 'Région']).missing).toEqual([
      'FINESS (finess) / SIRET (siret)',
    ]);
    expect(mapColumns('contacts', ['FINESS', 'Nom', 'Courriel']).missing).toEqual([
      'Rôle (role)',
      'Prénom (firstName)',
    ]);
    expect(mapColumns('networks', ['finess', 'cidr', 'CIDR']).duplicates).toEqual(['CIDR']);
  });
});

describe('row mapping', () => {
  const structures = mapColumns('structures', [
    'Raison sociale',
    'FINESS',
    'SIRET',
    'Catégorie',
    'Statut juridique',
    'Région',
    'Code postal',
    'Ville',
    'OIV',
    'OSE',
    'GHT',
  ]);

  it('never throws and names only known fields, whatever the cells', () => {
    const knownFields = new Set(Object.keys(IMPORT_COLUMNS.structures));
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 14 }),
        fc.integer({ min: 2, max: 1_000_000 }),
        (cells, line) => {
          const mapped = mapStructureRow(row(cells, line), structures);
          expect(mapped.line).toBe(line);
          for (const issue of mapped.issues) expect(knownFields.has(issue.field), issue.field).toBe(true);
          expect(mapped.value === undefined).toBe(mapped.issues.length > 0);
        },
      ),
    );
  });

  it('maps well-formed rows written with French words, whatever the spelling', () => {
    const words = {
      kind: ['Établissement de santé', 'ES', 'ehpad', 'Médico-social', 'support de GHT', 'autre'],
      status: ['Public', 'Privé non lucratif', 'ESPIC', 'privé', 'Privé commercial'],
    };
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,40}$/),
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom(...words.kind),
        fc.constantFrom(...words.status),
        fc.constantFrom(...REGIONS),
        fc.constantFrom('oui', 'non', 'X', '', 'Yes', '0'),
        (name, n, kind, status, region, flag) => {
          const finess = demoFiness(`35${String(n).padStart(6, '0')}`);
          const mapped = mapStructureRow(
            row([
              name,
              finess.replace(/(...)/g, '$1 '),
              '',
              kind,
              status,
              region.name.fr,
              '35000',
              'Rennes',
              flag,
              '',
              '',
            ]),
            structures,
          );
          expect(mapped.issues).toEqual([]);
          expect(mapped.value).toMatchObject({
            finess,
            kind: parseKindWord(kind),
            legalStatus: parseLegalStatusWord(status),
            region: region.code,
            isOiv: parseYesNo(flag),
          });
        },
      ),
    );
  });

  it('refuses formula payloads in any column before reading them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('=', '@', '+', '-'),
        fc.stringMatching(/^[A-Za-z(|!'/ ]{1,20}$/),
        fc.nat({ max: 10 }),
        (lead, rest, column) => {
          const cells = ['CH', demoFiness('35000001'), '', 'ES', 'Public', 'Bretagne', '', '', '', '', ''];
          cells[column] = `${lead}${rest}`;
          const field = Object.entries(structures.columns).find(([, index]) => index === column)?.[0] ?? '';
          const mapped = mapStructureRow(row(cells), structures);
          expect(mapped.issues.filter((i) => i.field === field)).toEqual([
            { field, code: 'REGISTRY_FORMULA_INJECTION' },
          ]);
        },
      ),
    );
    // A phone number is not a formula.
    const contacts = mapColumns('contacts', ['FINESS', 'Rôle', 'Nom', 'Prénom', 'E-mail', 'Téléphone']);
    expect(
      mapContactRow(row(['350000013', 'RSSI', 'Nom', 'Prénom', 'a@b.fr', '+33 6 00 00 00 01']), contacts)
        .issues,
    ).toEqual([]);
  });

  it('maps contacts, domains and networks with their structure reference', () => {
    const contacts = mapColumns('contacts', [
      'FINESS',
      'Fonction',
      'Nom',
      'Prénom',
      'Mail',
      'Portable',
      'Alertes',
    ]);
    const c = mapContactRow(
      row([' 35 000 001 3 ', 'Suppléante', 'Le Goff', 'Anne', 'anne@ch.fr', '', 'vulnérabilités | Incident']),
      contacts,
    );
    expect(c).toMatchObject({
      structureFiness: '350000013',
      value: { role: 'deputy', alertKinds: ['vulnerability', 'incident'] },
    });
    const noRef = mapContactRow(row(['', 'RSSI', 'A', 'B', 'a@b.fr']), contacts);
    expect(noRef.issues).toEqual([{ field: 'finess', code: 'REGISTRY_FIELD_REQUIRED' }]);

    const domains = mapColumns('domains', ['FINESS', 'Nom de domaine', 'Preuve']);
    expect(mapDomainRow(row(['350000013', 'WWW.CH.FR', 'dns txt']), domains).value).toEqual({
      name: 'www.ch.fr',
      ownership: 'dns-txt',
      notes: null,
    });
    expect(mapDomainRow(row(['350000013', 'ch.fr', '']), domains).value?.ownership).toBe('declared');

    const networks = mapColumns('networks', ['FINESS', 'Plage IP', 'AS']);
    expect(mapNetworkRow(row(['350000013', '192.0.2.1/24', 'AS2200']), networks).value).toEqual({
      cidr: '192.0.2.0/24',
      family: 4,
      asn: 2200,
      description: null,
    });
    expect(mapNetworkRow(row(['350000013', '192.0.2.1/33']), networks).issues.map((i) => i.code)).toEqual([
      'REGISTRY_CIDR_INVALID',
    ]);
  });
});

describe('spreadsheet words', () => {
  it('reads yes/no, roles, ownership and alert lists', () => {
    expect([
      parseYesNo('Oui'),
      parseYesNo('x'),
      parseYesNo(''),
      parseYesNo('NON'),
      parseYesNo('peut-être'),
    ]).toEqual([true, true, false, false, undefined]);
    expect([
      parseRoleWord('rssi'),
      parseRoleWord('DSI'),
      parseRoleWord('Directrice générale'),
      parseRoleWord('stagiaire'),
    ]).toEqual(['security-officer', 'it-director', 'director', undefined]);
    expect([
      parseOwnershipWord('Analyste'),
      parseOwnershipWord('whois'),
      parseOwnershipWord('Déclaré'),
    ]).toEqual(['analyst', 'whois', 'declared']);
    expect(parseAlertKindsCell('')).toHaveLength(6);
    expect(parseAlertKindsCell('toutes')).toHaveLength(6);
    expect(parseAlertKindsCell('audit;bulletin, météo')).toEqual(['audit', 'bulletin', 'météo']);
  });
});
