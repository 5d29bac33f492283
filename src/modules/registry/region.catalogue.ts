import { searchKey } from '../../db/portable.js';
import type { Text } from '../../platform/i18n/i18n.js';

/**
 * The 18 French regions (13 metropolitan, 5 overseas) a structure belongs to. Codes are stable
 * three-letter codes: the ISO 3166-2:FR codes for metropolitan regions (Corse, `FR-20R` in ISO,
 * gets `COR`), and ISO 3166-1 alpha-3 codes for the overseas regions (GLP, MTQ, GUF, REU, MYT).
 */
export const REGION_CODES = [
  'ARA',
  'BFC',
  'BRE',
  'CVL',
  'COR',
  'GES',
  'HDF',
  'IDF',
  'NOR',
  'NAQ',
  'OCC',
  'PDL',
  'PAC',
  'GLP',
  'MTQ',
  'GUF',
  'REU',
  'MYT',
] as const;

/** A region code, e.g. `IDF`. */
export type RegionCode = (typeof REGION_CODES)[number];

/** One region: code, display names and the INSEE region number used by national extracts. */
export interface Region {
  readonly code: RegionCode;
  readonly name: Text;
  /** INSEE code (COG), as found in FINESS extracts: `11` for Île-de-France, `01` for Guadeloupe. */
  readonly insee: string;
  readonly overseas: boolean;
}

/** Every region, metropolitan first, in alphabetical order of the French name. */
export const REGIONS: readonly Region[] = [
  {
    code: 'ARA',
    name: { fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
    insee: '84',
    overseas: false,
  },
  {
    code: 'BFC',
    name: { fr: 'Bourgogne-Franche-Comté', en: 'Bourgogne-Franche-Comté' },
    insee: '27',
    overseas: false,
  },
  { code: 'BRE', name: { fr: 'Bretagne', en: 'Brittany' }, insee: '53', overseas: false },
  {
    code: 'CVL',
    name: { fr: 'Centre-Val de Loire', en: 'Centre-Val de Loire' },
    insee: '24',
    overseas: false,
  },
  { code: 'COR', name: { fr: 'Corse', en: 'Corsica' }, insee: '94', overseas: false },
  { code: 'GES', name: { fr: 'Grand Est', en: 'Grand Est' }, insee: '44', overseas: false },
  { code: 'HDF', name: { fr: 'Hauts-de-France', en: 'Hauts-de-France' }, insee: '32', overseas: false },
  { code: 'IDF', name: { fr: 'Île-de-France', en: 'Île-de-France' }, insee: '11', overseas: false },
  { code: 'NOR', name: { fr: 'Normandie', en: 'Normandy' }, insee: '28', overseas: false },
  { code: 'NAQ', name: { fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' }, insee: '75', overseas: false },
  { code: 'OCC', name: { fr: 'Occitanie', en: 'Occitanie' }, insee: '76', overseas: false },
  { code: 'PDL', name: { fr: 'Pays de la Loire', en: 'Pays de la Loire' }, insee: '52', overseas: false },
  {
    code: 'PAC',
    name: { fr: "Provence-Alpes-Côte d'Azur", en: "Provence-Alpes-Côte d'Azur" },
    insee: '93',
    overseas: false,
  },
  { code: 'GLP', name: { fr: 'Guadeloupe', en: 'Guadeloupe' }, insee: '01', overseas: true },
  { code: 'MTQ', name: { fr: 'Martinique', en: 'Martinique' }, insee: '02', overseas: true },
  { code: 'GUF', name: { fr: 'Guyane', en: 'French Guiana' }, insee: '03', overseas: true },
  { code: 'REU', name: { fr: 'La Réunion', en: 'Réunion' }, insee: '04', overseas: true },
  { code: 'MYT', name: { fr: 'Mayotte', en: 'Mayotte' }, insee: '06', overseas: true },
];

const byKey = new Map<string, RegionCode>();
for (const region of REGIONS) {
  for (const key of [region.code, region.name.fr, region.name.en, region.insee, `FR-${region.code}`]) {
    byKey.set(comparable(key), region.code);
  }
}
// Common spellings found in spreadsheets.
for (const [alias, code] of [
  ['PACA', 'PAC'],
  ['Reunion', 'REU'],
  ['Guyane française', 'GUF'],
  ['FR-20R', 'COR'],
  ['20R', 'COR'],
  ['Centre', 'CVL'],
] as const) {
  byKey.set(comparable(alias), code);
}

function comparable(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Reads a region as people write it — code (`IDF`), French or English name (any case, with or
 * without accents and hyphens) or INSEE number (`11`) — and returns its code.
 */
export function parseRegion(input: string): RegionCode | undefined {
  const key = comparable(input);
  if (key === '') return undefined;
  // Spreadsheets drop the leading zero of INSEE numbers: "1" is Guadeloupe ("01").
  return byKey.get(/^\d$/.test(key) ? `0${key}` : key);
}

/** True when `code` is one of the 18 region codes. */
export function isRegionCode(code: string): code is RegionCode {
  return (REGION_CODES as readonly string[]).includes(code);
}

/** Display name of a region in a language; the code itself when unknown. */
export function regionName(code: string, lang: 'fr' | 'en'): string {
  return REGIONS.find((r) => r.code === code)?.name[lang] ?? code;
}
