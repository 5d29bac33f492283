import { isFormulaInjection, mapHeader, type CsvRow } from '../../lib/csv-table.js';
import {
  parseAlertKindsCell,
  parseKindWord,
  parseLegalStatusWord,
  parseOwnershipWord,
  parseRoleWord,
  parseYesNo,
} from './csv-words.mapping.js';
import type { ContactValues, DomainValues, NetworkValues, StructureValues } from './registry.types.js';
import {
  validateContact,
  validateDomain,
  validateNetwork,
  validateStructure,
  type Issue,
} from './registry.validation.js';

/**
 * The pure half of the CSV import: which column holds which field (French and English titles)
 * and each row turned into validated values or the list of its problems (words such as
 * "Privé non lucratif" are read by `csv-words.mapping.ts`). No database here.
 */

/** What a CSV file holds; one kind per file. */
export type ImportKind = 'structures' | 'contacts' | 'domains' | 'networks';
/** Every import kind, in the order they should be imported (structures first). */
export const IMPORT_KINDS: readonly ImportKind[] = ['structures', 'contacts', 'domains', 'networks'];

/** One expected column: the titles it may carry and whether the file must have it. */
export interface ColumnSpec {
  readonly aliases: readonly string[];
  readonly required: boolean;
}

const STRUCTURE_COLUMNS = {
  name: {
    aliases: [
      'Raison sociale',
      'Nom',
      'Nom de la structure',
      'Nom établissement',
      'Établissement',
      'Structure',
      'structure name',
    ],
    required: true,
  },
  finess: {
    aliases: ['FINESS', 'N° FINESS', 'Numéro FINESS', 'FINESS ET', 'FINESS établissement', 'finess number'],
    required: false,
  },
  siret: { aliases: ['SIRET', 'N° SIRET', 'Numéro SIRET', 'siret number'], required: false },
  kind: { aliases: ['Catégorie', 'Type', 'Type de structure', 'category'], required: true },
  legalStatus: { aliases: ['Statut juridique', 'Statut', 'legal status', 'status'], required: true },
  region: { aliases: ['Région', 'Code région'], required: true },
  address: { aliases: ['Adresse', 'Voie', 'street'], required: false },
  postalCode: { aliases: ['Code postal', 'CP', 'postal code', 'zip', 'zip code'], required: false },
  city: { aliases: ['Ville', 'Commune', 'town'], required: false },
  isOiv: { aliases: ['OIV'], required: false },
  isOse: { aliases: ['OSE'], required: false },
  group: { aliases: ['GHT', 'Groupe', 'Code GHT', 'group code'], required: false },
} satisfies Record<string, ColumnSpec>;

const STRUCTURE_REF = {
  aliases: ['FINESS', 'N° FINESS', 'Numéro FINESS', 'FINESS structure', 'structure finess', 'structure'],
  required: true,
};

const CONTACT_COLUMNS = {
  finess: STRUCTURE_REF,
  role: { aliases: ['Rôle', 'Fonction', 'function'], required: true },
  lastName: { aliases: ['Nom', 'Nom de famille', 'last name', 'surname', 'family name'], required: true },
  firstName: { aliases: ['Prénom', 'first name', 'given name'], required: true },
  email: {
    aliases: ['E-mail', 'Courriel', 'Mail', 'Adresse e-mail', 'Adresse mail', 'email address'],
    required: true,
  },
  phone: {
    aliases: ['Téléphone', 'Mobile', 'Portable', 'Téléphone mobile', 'Tél', 'mobile phone', 'telephone'],
    required: false,
  },
  alertKinds: {
    aliases: ['Alertes', 'Types d’alerte', "Types d'alerte", 'alerts', 'alert kinds'],
    required: false,
  },
} satisfies Record<string, ColumnSpec>;

const DOMAIN_COLUMNS = {
  finess: STRUCTURE_REF,
  name: { aliases: ['Domaine', 'Nom de domaine', 'domain', 'domain name'], required: true },
  ownership: { aliases: ['Propriété', 'Preuve', 'Preuve de propriété', 'ownership proof'], required: false },
  notes: { aliases: ['Commentaire', 'Remarques', 'comment'], required: false },
} satisfies Record<string, ColumnSpec>;

const NETWORK_COLUMNS = {
  finess: STRUCTURE_REF,
  cidr: { aliases: ['Réseau', 'Plage', 'Plage IP', 'Bloc', 'network', 'block', 'prefix'], required: true },
  asn: { aliases: ['AS', 'Numéro AS', 'N° AS', 'AS number'], required: false },
  description: { aliases: ['Libellé', 'Commentaire', 'label'], required: false },
} satisfies Record<string, ColumnSpec>;

/** The columns of each import kind: field key → titles. The key itself is also accepted as a title. */
export const IMPORT_COLUMNS = {
  structures: STRUCTURE_COLUMNS,
  contacts: CONTACT_COLUMNS,
  domains: DOMAIN_COLUMNS,
  networks: NETWORK_COLUMNS,
} as const satisfies Record<ImportKind, Record<string, ColumnSpec>>;

/** Where each field sits in the file, and what is wrong with the header. */
export interface ColumnMap {
  /** Field key → column index. */
  readonly columns: Readonly<Record<string, number>>;
  /** Field key → the title as written in the file, for error messages. */
  readonly titles: Readonly<Record<string, string>>;
  /** Required fields without a column, named by their main French title. */
  readonly missing: string[];
  readonly duplicates: string[];
  /** Columns that match no field: ignored, and reported. */
  readonly ignored: string[];
}

/** Matches a header to the fields of a kind (case, accents, spaces and underscores ignored). */
export function mapColumns(kind: ImportKind, header: readonly string[]): ColumnMap {
  const specs: Record<string, ColumnSpec> = IMPORT_COLUMNS[kind];
  const aliases: Record<string, readonly string[]> = {};
  for (const [field, spec] of Object.entries(specs)) aliases[field] = spec.aliases;
  const mapping = mapHeader(header, aliases);
  const columns: Record<string, number> = {};
  const titles: Record<string, string> = {};
  for (const [field, index] of Object.entries(mapping.columns) as [string, number][]) {
    columns[field] = index;
    titles[field] = header[index] ?? field;
  }
  const missing = Object.entries(specs)
    .filter(([field, spec]) => spec.required && columns[field] === undefined)
    .map(([field, spec]) => `${spec.aliases[0] ?? field} (${field})`);
  if (kind === 'structures' && columns.finess === undefined && columns.siret === undefined)
    missing.push('FINESS (finess) / SIRET (siret)');
  return { columns, titles, missing, duplicates: mapping.duplicates, ignored: mapping.unknown };
}

/** A row turned into values (when it has no issue) plus what the database checks need. */
export interface MappedRow<V> {
  readonly line: number;
  readonly issues: Issue[];
  readonly value?: V;
  /** FINESS of the structure the row belongs to (contacts, domains, networks). */
  readonly structureFiness?: string;
  /** GHT named by a structure row, by code or name. */
  readonly groupRef?: string;
}

/** Reads the cells of one row by field, refusing formula payloads before anything else looks at them. */
function cellsOf(
  row: CsvRow,
  map: ColumnMap,
): { get: (field: string) => string; issues: Issue[]; poisoned: Set<string> } {
  const issues: Issue[] = [];
  const poisoned = new Set<string>();
  const values: Record<string, string> = {};
  for (const [field, index] of Object.entries(map.columns)) {
    const cell = (row.cells[index] ?? '').trim();
    if (isFormulaInjection(cell)) {
      issues.push({ field, code: 'REGISTRY_FORMULA_INJECTION' });
      poisoned.add(field);
      values[field] = '';
    } else values[field] = cell;
  }
  return { get: (field) => values[field] ?? '', issues, poisoned };
}

/** Keeps the validation issues of fields that were not already refused as formulas. */
function merge(base: Issue[], poisoned: Set<string>, more: readonly Issue[]): Issue[] {
  return [...base, ...more.filter((i) => !poisoned.has(i.field))];
}

/** A FINESS reference cell of a contact, domain or network row. */
function structureRef(get: (field: string) => string, issues: Issue[], poisoned: Set<string>): string {
  const finess = get('finess').replace(/\s+/g, '').toUpperCase();
  if (finess === '' && !poisoned.has('finess'))
    issues.push({ field: 'finess', code: 'REGISTRY_FIELD_REQUIRED' });
  return finess;
}

/** Maps and validates one structure row. */
export function mapStructureRow(row: CsvRow, map: ColumnMap): MappedRow<StructureValues> {
  const { get, issues, poisoned } = cellsOf(row, map);
  const flags: Partial<Record<'isOiv' | 'isOse', boolean>> = {};
  for (const field of ['isOiv', 'isOse'] as const) {
    const yes = parseYesNo(get(field));
    if (yes === undefined) issues.push({ field, code: 'REGISTRY_BOOLEAN_INVALID' });
    else flags[field] = yes;
  }
  const checked = validateStructure({
    name: get('name'),
    finess: get('finess'),
    siret: get('siret'),
    kind: parseKindWord(get('kind')) ?? get('kind'),
    legalStatus: parseLegalStatusWord(get('legalStatus')) ?? get('legalStatus'),
    region: get('region'),
    address: get('address'),
    postalCode: get('postalCode'),
    city: get('city'),
    isOiv: flags.isOiv ?? false,
    isOse: flags.isOse ?? false,
  });
  // The identifier rule names "finess"; when SIRET was refused as a formula, that is the only issue to show.
  const all = merge(issues, poisoned, checked.ok ? [] : checked.issues).filter(
    (i) => !(i.code === 'REGISTRY_IDENTIFIER_REQUIRED' && (poisoned.has('finess') || poisoned.has('siret'))),
  );
  const groupRef = get('group');
  return {
    line: row.line,
    issues: all,
    ...(checked.ok && all.length === 0 ? { value: checked.value } : {}),
    ...(groupRef ? { groupRef } : {}),
  };
}

/** Maps and validates one contact row. */
export function mapContactRow(row: CsvRow, map: ColumnMap): MappedRow<ContactValues> {
  const { get, issues, poisoned } = cellsOf(row, map);
  const structureFiness = structureRef(get, issues, poisoned);
  const checked = validateContact({
    role: parseRoleWord(get('role')) ?? get('role'),
    lastName: get('lastName'),
    firstName: get('firstName'),
    email: get('email'),
    phone: get('phone'),
    alertKinds: parseAlertKindsCell(get('alertKinds')),
  });
  const all = merge(issues, poisoned, checked.ok ? [] : checked.issues);
  return {
    line: row.line,
    issues: all,
    structureFiness,
    ...(checked.ok && all.length === 0 ? { value: checked.value } : {}),
  };
}

/** Maps and validates one domain row. */
export function mapDomainRow(row: CsvRow, map: ColumnMap): MappedRow<DomainValues> {
  const { get, issues, poisoned } = cellsOf(row, map);
  const structureFiness = structureRef(get, issues, poisoned);
  const ownershipText = get('ownership');
  const checked = validateDomain({
    name: get('name'),
    ownership: ownershipText === '' ? 'declared' : (parseOwnershipWord(ownershipText) ?? ownershipText),
    notes: get('notes'),
  });
  const all = merge(issues, poisoned, checked.ok ? [] : checked.issues);
  return {
    line: row.line,
    issues: all,
    structureFiness,
    ...(checked.ok && all.length === 0 ? { value: checked.value } : {}),
  };
}

/** Maps and validates one network row. */
export function mapNetworkRow(row: CsvRow, map: ColumnMap): MappedRow<NetworkValues> {
  const { get, issues, poisoned } = cellsOf(row, map);
  const structureFiness = structureRef(get, issues, poisoned);
  const checked = validateNetwork({ cidr: get('cidr'), asn: get('asn'), description: get('description') });
  const all = merge(issues, poisoned, checked.ok ? [] : checked.issues);
  return {
    line: row.line,
    issues: all,
    structureFiness,
    ...(checked.ok && all.length === 0 ? { value: checked.value } : {}),
  };
}
