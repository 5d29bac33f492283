import { searchKey } from '../../db/portable.js';
import {
  ALERT_KINDS,
  type AlertKind,
  type ContactRole,
  type DomainOwnership,
  type LegalStatus,
  type StructureKind,
} from './registry.types.js';

/**
 * The words people type in spreadsheets for the registry's codes, in French and English, compared
 * without case, accents, spaces or punctuation ("Privé non lucratif" → `private-non-profit`).
 */

function comparable(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, '');
}

function vocabulary<T extends string>(
  entries: Record<T, readonly string[]>,
): (text: string) => T | undefined {
  const map = new Map<string, T>();
  for (const [code, words] of Object.entries(entries) as [T, readonly string[]][]) {
    for (const word of [code, ...words]) map.set(comparable(word), code);
  }
  return (text) => map.get(comparable(text));
}

/** Structure kind from a code or a French/English label ("Établissement de santé", "ESMS"). */
export const parseKindWord = vocabulary<StructureKind>({
  'health-establishment': [
    'établissement de santé',
    'établissement sanitaire',
    'sanitaire',
    'ES',
    'health establishment',
    'hospital',
    'hôpital',
    'centre hospitalier',
    'clinique',
  ],
  'medico-social': [
    'médico-social',
    'médicosocial',
    'ESMS',
    'établissement médico-social',
    'EHPAD',
    'medico social',
  ],
  'group-support': [
    'support de GHT',
    'établissement support',
    'support GHT',
    'GHT support',
    'support',
    'group support',
  ],
  other: ['autre', 'autres'],
});

/** Legal status from a code or a label ("Privé non lucratif", "ESPIC", "Privé commercial"). */
export const parseLegalStatusWord = vocabulary<LegalStatus>({
  public: ['publique', 'public hospitalier'],
  'private-non-profit': [
    'privé non lucratif',
    'privé à but non lucratif',
    'ESPIC',
    'non lucratif',
    'private non profit',
    'non profit',
    'associatif',
  ],
  private: [
    'privé',
    'privé lucratif',
    'privé à but lucratif',
    'privé commercial',
    'commercial',
    'for profit',
    'private for profit',
  ],
});

/** Contact role from a code or a label ("RSSI", "Suppléant", "DSI", "Directeur"). */
export const parseRoleWord = vocabulary<ContactRole>({
  'security-officer': [
    'RSSI',
    'responsable sécurité',
    'responsable de la sécurité des systèmes d’information',
    'security officer',
    'CISO',
  ],
  deputy: ['suppléant', 'suppléante', 'adjoint', 'RSSI suppléant', 'RSSI adjoint', 'deputy security officer'],
  'it-director': [
    'DSI',
    'directeur des systèmes d’information',
    'directrice des systèmes d’information',
    'IT director',
    'CIO',
  ],
  director: [
    'directeur',
    'directrice',
    'direction',
    'DG',
    'directeur général',
    'directrice générale',
    'chief executive',
  ],
});

/** Ownership proof from a code or a label ("Déclaré", "DNS TXT", "Analyste"). */
export const parseOwnershipWord = vocabulary<DomainOwnership>({
  declared: ['déclaré', 'déclarée', 'déclaration', 'declared by the structure'],
  'dns-txt': ['DNS TXT', 'TXT', 'DNS', 'enregistrement TXT'],
  whois: ['registre whois'],
  convention: ['conventionné'],
  analyst: ['analyste', 'vérifié par analyste', 'CERT'],
});

const parseAlertWord = vocabulary<AlertKind | 'all'>({
  vulnerability: ['vulnérabilité', 'vulnérabilités', 'vuln', 'vulnerabilities'],
  compromise: ['compromission', 'compromissions', 'compromises'],
  exposure: ['exposition', 'expositions', 'exposures'],
  bulletin: ['bulletins', 'veille'],
  incident: ['incidents'],
  audit: ['audits'],
  all: ['toutes', 'tous', 'tout', 'every'],
});

/** Alert kinds from a list separated by |, comma, semicolon, slash or spaces; empty means all. */
export function parseAlertKindsCell(text: string): string[] {
  const words = text.split(/[|,;/\s]+/).filter(Boolean);
  if (words.length === 0) return [...ALERT_KINDS];
  const out: string[] = [];
  for (const word of words) {
    const kind = parseAlertWord(word);
    if (kind === 'all') out.push(...ALERT_KINDS);
    else out.push(kind ?? word);
  }
  return out;
}

const YES = new Set(['oui', 'o', 'yes', 'y', '1', 'true', 'vrai', 'x']);
const NO = new Set(['non', 'n', 'no', '0', 'false', 'faux', '']);

/** A yes/no cell: oui/non, yes/no, 1/0, x/empty. Undefined when it is neither. */
export function parseYesNo(text: string): boolean | undefined {
  const key = comparable(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}
