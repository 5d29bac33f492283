import { computeFinessKey } from '../../lib/finess.js';
import { computeLuhnCheckDigit } from '../../lib/luhn.js';
import type { ServiceContext } from '../../platform/context.js';
import { createContact } from './contact.service.js';
import { createDomain } from './domain.service.js';
import { createGroup } from './group.service.js';
import { createNetwork } from './network.service.js';
import { structureScope } from './registry.policy.js';
import type { Group, LegalStatus, RegionCode, Structure, StructureKind } from './registry.types.js';
import { countStructures } from './structure.repository.js';
import { createStructure } from './structure.service.js';

/**
 * A demonstration constituency: three GHTs and twenty structures with invented names, well-formed
 * (but invented) FINESS and SIRET numbers, one security officer each, a domain under `.test` and a
 * network inside 127.100.0.0/16 — the loopback range of the lab, so demo scans stay on the machine.
 */

/** A FINESS number with a correct key from its first 8 characters (département + 6 digits). */
export function demoFiness(first8: string): string {
  return first8 + computeFinessKey(first8);
}

/** A SIRET whose SIREN (8 digits + key) and whole 14 digits both pass Luhn, from 8 + 4 digits. */
export function demoSiret(siren8: string, nic4: string): string {
  const siren = siren8 + computeLuhnCheckDigit(siren8);
  return siren + nic4 + computeLuhnCheckDigit(siren + nic4);
}

interface DemoStructure {
  readonly name: string;
  readonly finess8: string | null;
  readonly kind: StructureKind;
  readonly legalStatus: LegalStatus;
  readonly region: RegionCode;
  readonly address: string;
  readonly postalCode: string;
  readonly city: string;
  readonly group: 0 | 1 | 2 | null;
  readonly oiv?: boolean;
  readonly ose?: boolean;
  /** Domain stem: `<slug>.test`. */
  readonly slug: string;
  readonly officer: readonly [first: string, last: string];
}

const GROUPS = [
  { name: 'GHT Loire-Valmont', code: 'GHT-CVL-01', region: 'CVL' },
  { name: 'GHT Armor-Océan', code: 'GHT-BRE-01', region: 'BRE' },
  { name: 'GHT Alpes-Vercors', code: 'GHT-ARA-01', region: 'ARA' },
] as const;

const STRUCTURES: readonly DemoStructure[] = [
  {
    name: 'Centre hospitalier de Valmont-sur-Loire',
    finess8: '41000101',
    kind: 'group-support',
    legalStatus: 'public',
    region: 'CVL',
    address: '1 avenue des Tilleuls',
    postalCode: '41350',
    city: 'Valmont-sur-Loire',
    group: 0,
    ose: true,
    slug: 'ch-valmont',
    officer: ['Camille', 'Morvan'],
  },
  {
    name: 'Centre hospitalier de Saint-Aubin-les-Prés',
    finess8: '41000202',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'CVL',
    address: '12 rue du Moulin',
    postalCode: '41220',
    city: 'Saint-Aubin-les-Prés',
    group: 0,
    slug: 'ch-saint-aubin',
    officer: ['Julien', 'Fournereau'],
  },
  {
    name: 'Centre hospitalier intercommunal de Brières',
    finess8: '45000303',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'CVL',
    address: '3 route de la Forêt',
    postalCode: '45390',
    city: 'Brières-en-Gâtinais',
    group: 0,
    slug: 'chi-brieres',
    officer: ['Nadia', 'Benslimane'],
  },
  {
    name: 'EHPAD Les Tilleuls de Valmont',
    finess8: '41000404',
    kind: 'medico-social',
    legalStatus: 'public',
    region: 'CVL',
    address: '8 rue des Écoles',
    postalCode: '41350',
    city: 'Valmont-sur-Loire',
    group: 0,
    slug: 'ehpad-tilleuls',
    officer: ['Martine', 'Legrand-Rioux'],
  },
  {
    name: 'Centre hospitalier universitaire de Port-Kerlann',
    finess8: '29000505',
    kind: 'group-support',
    legalStatus: 'public',
    region: 'BRE',
    address: '2 boulevard de l’Océan',
    postalCode: '29480',
    city: 'Port-Kerlann',
    group: 1,
    oiv: true,
    ose: true,
    slug: 'chu-port-kerlann',
    officer: ['Yann', 'Le Goarnic'],
  },
  {
    name: 'Centre hospitalier de Lanvarec',
    finess8: '22000606',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'BRE',
    address: '5 rue de la Lande',
    postalCode: '22310',
    city: 'Lanvarec',
    group: 1,
    slug: 'ch-lanvarec',
    officer: ['Gwenaëlle', 'Tanguy'],
  },
  {
    name: 'Hôpital local de Ploumarec’h',
    finess8: '22000707',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'BRE',
    address: '1 place de l’Église',
    postalCode: '22740',
    city: 'Ploumarec’h',
    group: 1,
    slug: 'hl-ploumarech',
    officer: ['Erwan', 'Kerhervé'],
  },
  {
    name: 'EHPAD Ker Avel',
    finess8: '29000808',
    kind: 'medico-social',
    legalStatus: 'private-non-profit',
    region: 'BRE',
    address: '14 chemin des Dunes',
    postalCode: '29760',
    city: 'Penmarc’hel',
    group: 1,
    slug: 'ehpad-ker-avel',
    officer: ['Soazig', 'Le Bihan'],
  },
  {
    name: 'Centre hospitalier de Grand-Vercors',
    finess8: '38000909',
    kind: 'group-support',
    legalStatus: 'public',
    region: 'ARA',
    address: '20 avenue des Alpes',
    postalCode: '38250',
    city: 'Grand-Vercors',
    group: 2,
    ose: true,
    slug: 'ch-grand-vercors',
    officer: ['Thomas', 'Arnaud-Pellet'],
  },
  {
    name: 'Centre hospitalier de Montfrey-en-Chartreuse',
    finess8: '38001010',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'ARA',
    address: '3 rue du Couvent',
    postalCode: '38380',
    city: 'Montfrey-en-Chartreuse',
    group: 2,
    slug: 'ch-montfrey',
    officer: ['Élodie', 'Vachon'],
  },
  {
    name: 'Centre hospitalier de Saint-Alban-des-Neiges',
    finess8: '73001111',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'ARA',
    address: '7 montée des Sapins',
    postalCode: '73710',
    city: 'Saint-Alban-des-Neiges',
    group: 2,
    slug: 'ch-saint-alban',
    officer: ['Pierre-Louis', 'Girod'],
  },
  {
    name: 'Maison d’accueil spécialisée Les Edelweiss',
    finess8: '73001212',
    kind: 'medico-social',
    legalStatus: 'private-non-profit',
    region: 'ARA',
    address: '2 chemin du Col',
    postalCode: '73500',
    city: 'Val-d’Arbène',
    group: 2,
    slug: 'mas-edelweiss',
    officer: ['Claire', 'Bouvier'],
  },
  {
    name: 'Clinique du Parc des Ormes',
    finess8: '92001313',
    kind: 'health-establishment',
    legalStatus: 'private',
    region: 'IDF',
    address: '45 allée des Ormes',
    postalCode: '92410',
    city: 'Ville-d’Orme',
    group: null,
    slug: 'clinique-ormes',
    officer: ['Sophie', 'Delaunay'],
  },
  {
    name: 'Clinique Saint-Roch de Mireval',
    finess8: '34001414',
    kind: 'health-establishment',
    legalStatus: 'private',
    region: 'OCC',
    address: '9 rue des Garrigues',
    postalCode: '34110',
    city: 'Mireval-les-Étangs',
    group: null,
    slug: 'clinique-mireval',
    officer: ['Karim', 'Haddadi'],
  },
  {
    name: 'Institut de cancérologie Aubrac-Garonne',
    finess8: '31001515',
    kind: 'health-establishment',
    legalStatus: 'private-non-profit',
    region: 'OCC',
    address: '1 quai de la Garonne',
    postalCode: '31270',
    city: 'Aubrac-sur-Garonne',
    group: null,
    oiv: true,
    slug: 'ic-aubrac',
    officer: ['Hélène', 'Castagné'],
  },
  {
    name: 'Centre de rééducation Les Genêts',
    finess8: '33001616',
    kind: 'health-establishment',
    legalStatus: 'private-non-profit',
    region: 'NAQ',
    address: '6 route des Pins',
    postalCode: '33680',
    city: 'Lacanau-des-Genêts',
    group: null,
    slug: 'crf-genets',
    officer: ['Marc', 'Duprat'],
  },
  {
    name: 'Clinique des Embruns',
    finess8: '14001717',
    kind: 'health-establishment',
    legalStatus: 'private',
    region: 'NOR',
    address: '11 digue des Embruns',
    postalCode: '14390',
    city: 'Cabourg-sur-Mer',
    group: null,
    slug: 'clinique-embruns',
    officer: ['Anne', 'Lemonnier'],
  },
  {
    name: 'Centre hospitalier de Saint-Benoît-des-Hauts',
    finess8: '97041818',
    kind: 'health-establishment',
    legalStatus: 'public',
    region: 'REU',
    address: '30 chemin des Lataniers',
    postalCode: '97470',
    city: 'Saint-Benoît-des-Hauts',
    group: null,
    ose: true,
    slug: 'ch-saint-benoit',
    officer: ['Jean-Hugues', 'Payet'],
  },
  {
    name: 'EHPAD Résidence du Lagon',
    finess8: '97011919',
    kind: 'medico-social',
    legalStatus: 'private-non-profit',
    region: 'GLP',
    address: '4 rue des Flamboyants',
    postalCode: '97190',
    city: 'Le Gosier-Lagon',
    group: null,
    slug: 'ehpad-lagon',
    officer: ['Marie-Josée', 'Célestine'],
  },
  // A health cooperation group without FINESS number: identified by its SIRET only.
  {
    name: 'Groupement de coopération sanitaire e-Santé Hauts-de-Loire',
    finess8: null,
    kind: 'other',
    legalStatus: 'public',
    region: 'CVL',
    address: '10 rue de la Préfecture',
    postalCode: '41000',
    city: 'Blois-la-Vallée',
    group: null,
    slug: 'gcs-esante-hdl',
    officer: ['Laurent', 'Mercier'],
  },
];

/** What the seeding created (empty lists when the registry already held structures). */
export interface DemoConstituency {
  readonly created: boolean;
  readonly groups: Group[];
  readonly structures: Structure[];
  readonly contacts: number;
  readonly domains: number;
  readonly networks: number;
}

function emailLocal(first: string, last: string): string {
  return `${first}.${last}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z.-]/g, '');
}

/**
 * Seeds the demonstration constituency through the services (so every record is validated and
 * audit-logged). Idempotent: does nothing when any structure exists.
 */
export async function seedDemoConstituency(ctx: ServiceContext): Promise<DemoConstituency> {
  const existing = await countStructures(ctx.db, { includeArchived: true }, structureScope(ctx.actor));
  if (existing > 0)
    return { created: false, groups: [], structures: [], contacts: 0, domains: 0, networks: 0 };
  const groups: Group[] = [];
  for (const g of GROUPS) groups.push(await createGroup(ctx, g));
  const structures: Structure[] = [];
  let n = 0;
  for (const d of STRUCTURES) {
    n++;
    const structure = await createStructure(ctx, {
      name: d.name,
      finess: d.finess8 ? demoFiness(d.finess8) : null,
      siret: demoSiret(`26${String(410000 + n * 37).padStart(6, '0')}`, String(n).padStart(4, '0')),
      kind: d.kind,
      legalStatus: d.legalStatus,
      region: d.region,
      address: d.address,
      postalCode: d.postalCode,
      city: d.city,
      isOiv: d.oiv ?? false,
      isOse: d.ose ?? false,
      groupId: d.group === null ? null : (groups[d.group]?.id ?? null),
    });
    structures.push(structure);
    const [first, last] = d.officer;
    await createContact(ctx, structure.id, {
      role: 'security-officer',
      firstName: first,
      lastName: last,
      email: `${emailLocal(first, last)}@${d.slug}.test`,
      phone: `+33 6 00 00 01 ${String(n).padStart(2, '0')}`,
    });
    await createDomain(ctx, structure.id, { name: `${d.slug}.test`, ownership: 'declared' });
    await createNetwork(ctx, structure.id, {
      cidr: `127.100.${n}.0/24`,
      description: 'Réseau de démonstration (laboratoire local)',
    });
  }
  return {
    created: true,
    groups,
    structures,
    contacts: structures.length,
    domains: structures.length,
    networks: structures.length,
  };
}
