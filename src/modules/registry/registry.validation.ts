import { parseCidr } from '../../lib/cidr.js';
import { parseEmail, parseFrenchPhone } from '../../lib/contact-format.js';
import { isFormulaInjection } from '../../lib/csv-table.js';
import { parseDomainName } from '../../lib/domain-name.js';
import { HygieError, formatMessage, type ErrorDetail, type Lang } from '../../lib/errors.js';
import { parseFiness } from '../../lib/finess.js';
import { parseSiret } from '../../lib/siret.js';
import { parseRegion } from './region.catalogue.js';
import { RegistryErrors, type RegistryErrorCode } from './registry.errors.js';
import {
  ALERT_KINDS,
  CONTACT_ROLES,
  DOMAIN_OWNERSHIPS,
  LEGAL_STATUSES,
  STRUCTURE_KINDS,
  type AlertKind,
  type ContactDraft,
  type ContactRole,
  type ContactValues,
  type DomainDraft,
  type DomainOwnership,
  type DomainValues,
  type GroupDraft,
  type GroupId,
  type GroupValues,
  type LegalStatus,
  type NetworkDraft,
  type NetworkValues,
  type StructureDraft,
  type StructureKind,
  type StructureValues,
} from './registry.types.js';

/**
 * Pure validation of what users type, shared by the services (forms, API, CLI) and the CSV
 * import. Every problem is reported at once, each naming its field, so a form can show all of
 * them next to their inputs and an import can list every bad cell of a row.
 */

/** One problem with one field. */
export interface Issue {
  readonly field: string;
  readonly code: RegistryErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  /** A more specific explanation, in English, from the low-level parser. */
  readonly reason?: string;
}

/** Valid values, or every issue found. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: Issue[] };

/** Longest accepted text per field, in characters. */
export const MAX_LENGTH = {
  name: 200,
  address: 300,
  city: 100,
  personName: 100,
  notes: 1000,
  description: 300,
} as const;

/** True when the text holds a C0 control character or DEL (a line feed is allowed in multi-line fields). */
function hasControlChars(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !(allowNewline && code === 0x0a)) return true;
  }
  return false;
}

/** Reads a free-text field: trimmed, empty → null, no control characters, no formula prefix. */
function text(
  issues: Issue[],
  field: string,
  value: string | null | undefined,
  options: { required?: boolean; max: number; multiline?: boolean },
): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') {
    if (options.required) issues.push({ field, code: 'REGISTRY_FIELD_REQUIRED' });
    return null;
  }
  if (hasControlChars(trimmed.replace(/\r\n/g, '\n'), options.multiline === true)) {
    issues.push({ field, code: 'REGISTRY_FIELD_CONTROL_CHARS' });
  } else if (isFormulaInjection(trimmed)) {
    issues.push({ field, code: 'REGISTRY_FORMULA_INJECTION' });
  } else if ([...trimmed].length > options.max) {
    issues.push({ field, code: 'REGISTRY_FIELD_TOO_LONG', params: { max: options.max } });
  }
  return trimmed;
}

function oneOf<T extends string>(
  issues: Issue[],
  field: string,
  value: string | undefined,
  allowed: readonly T[],
  code: RegistryErrorCode,
): T {
  const v = (value ?? '').trim();
  if (v === '') issues.push({ field, code: 'REGISTRY_FIELD_REQUIRED' });
  else if (!(allowed as readonly string[]).includes(v)) issues.push({ field, code });
  return v as T;
}

function result<T>(issues: Issue[], value: T): Checked<T> {
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

/** Normalises a postal code (spaces removed) or reports it. */
function postalCode(issues: Issue[], value: string | null | undefined): string | null {
  const v = (value ?? '').replace(/\s+/g, '');
  if (v === '') return null;
  if (!/^\d{5}$/.test(v)) issues.push({ field: 'postalCode', code: 'REGISTRY_POSTAL_CODE_INVALID' });
  return v;
}

/** Validates and normalises a structure (FINESS and SIRET canonical, region code, trimmed texts). */
export function validateStructure(draft: StructureDraft): Checked<StructureValues> {
  const issues: Issue[] = [];
  const name = text(issues, 'name', draft.name, { required: true, max: MAX_LENGTH.name }) ?? '';
  let finess: string | null = null;
  if ((draft.finess ?? '').trim() !== '') {
    const r = parseFiness(draft.finess ?? '');
    if (r.ok) finess = r.value;
    else issues.push({ field: 'finess', code: 'REGISTRY_FINESS_INVALID', reason: r.reason });
  }
  let siret: string | null = null;
  if ((draft.siret ?? '').trim() !== '') {
    const r = parseSiret(draft.siret ?? '');
    if (r.ok) siret = r.value;
    else issues.push({ field: 'siret', code: 'REGISTRY_SIRET_INVALID', reason: r.reason });
  }
  if ((draft.finess ?? '').trim() === '' && (draft.siret ?? '').trim() === '') {
    issues.push({ field: 'finess', code: 'REGISTRY_IDENTIFIER_REQUIRED' });
  }
  const kind = oneOf<StructureKind>(issues, 'kind', draft.kind, STRUCTURE_KINDS, 'REGISTRY_KIND_UNKNOWN');
  const legalStatus = oneOf<LegalStatus>(
    issues,
    'legalStatus',
    draft.legalStatus,
    LEGAL_STATUSES,
    'REGISTRY_LEGAL_STATUS_UNKNOWN',
  );
  const regionText = (draft.region ?? '').trim();
  const region = parseRegion(regionText);
  if (regionText === '') issues.push({ field: 'region', code: 'REGISTRY_FIELD_REQUIRED' });
  else if (!region) issues.push({ field: 'region', code: 'REGISTRY_REGION_UNKNOWN' });
  const address = text(issues, 'address', draft.address, { max: MAX_LENGTH.address });
  const postal = postalCode(issues, draft.postalCode);
  const city = text(issues, 'city', draft.city, { max: MAX_LENGTH.city });
  const groupId = (draft.groupId ?? '').trim();
  return result(issues, {
    name,
    finess,
    siret,
    kind,
    legalStatus,
    region: region ?? 'IDF',
    address,
    postalCode: postal,
    city,
    isOiv: draft.isOiv === true,
    isOse: draft.isOse === true,
    groupId: groupId === '' ? null : (groupId as GroupId),
  });
}

/** Validates a GHT: name, optional code (upper-cased), region. */
export function validateGroup(draft: GroupDraft): Checked<GroupValues> {
  const issues: Issue[] = [];
  const name = text(issues, 'name', draft.name, { required: true, max: MAX_LENGTH.name }) ?? '';
  const rawCode = (draft.code ?? '').trim().toUpperCase();
  if (rawCode !== '' && !/^[A-Z0-9][A-Z0-9._-]{0,39}$/.test(rawCode)) {
    issues.push({ field: 'code', code: 'REGISTRY_GROUP_CODE_INVALID' });
  }
  const regionText = (draft.region ?? '').trim();
  const region = parseRegion(regionText);
  if (regionText === '') issues.push({ field: 'region', code: 'REGISTRY_FIELD_REQUIRED' });
  else if (!region) issues.push({ field: 'region', code: 'REGISTRY_REGION_UNKNOWN' });
  return result(issues, { name, code: rawCode === '' ? null : rawCode, region: region ?? 'IDF' });
}

/** Validates a contact: role, names, e-mail, mobile phone in E.164, alert kinds (all by default). */
export function validateContact(draft: ContactDraft): Checked<ContactValues> {
  const issues: Issue[] = [];
  const role = oneOf<ContactRole>(issues, 'role', draft.role, CONTACT_ROLES, 'REGISTRY_CONTACT_ROLE_UNKNOWN');
  const lastName =
    text(issues, 'lastName', draft.lastName, { required: true, max: MAX_LENGTH.personName }) ?? '';
  const firstName =
    text(issues, 'firstName', draft.firstName, { required: true, max: MAX_LENGTH.personName }) ?? '';
  let email = (draft.email ?? '').trim();
  if (email === '') issues.push({ field: 'email', code: 'REGISTRY_FIELD_REQUIRED' });
  else {
    const r = parseEmail(email);
    if (r.ok) email = r.value;
    else issues.push({ field: 'email', code: 'REGISTRY_EMAIL_INVALID', reason: r.reason });
  }
  let phone: string | null = null;
  if ((draft.phone ?? '').trim() !== '') {
    const r = parseFrenchPhone(draft.phone ?? '');
    if (r.ok) phone = r.value;
    else issues.push({ field: 'phone', code: 'REGISTRY_PHONE_INVALID', reason: r.reason });
  }
  const alertKinds: AlertKind[] = [];
  for (const raw of draft.alertKinds ?? ALERT_KINDS) {
    const kind = raw.trim();
    if (kind === '') continue;
    if (!(ALERT_KINDS as readonly string[]).includes(kind)) {
      issues.push({
        field: 'alertKinds',
        code: 'REGISTRY_ALERT_KIND_UNKNOWN',
        reason: `"${kind}" is not an alert kind.`,
      });
    } else if (!alertKinds.includes(kind as AlertKind)) alertKinds.push(kind as AlertKind);
  }
  alertKinds.sort((a, b) => ALERT_KINDS.indexOf(a) - ALERT_KINDS.indexOf(b));
  return result(issues, { role, lastName, firstName, email, phone, alertKinds });
}

/** Validates a domain: canonical name (lower case, punycode), ownership proof (declared by default). */
export function validateDomain(draft: DomainDraft): Checked<DomainValues> {
  const issues: Issue[] = [];
  let name = (draft.name ?? '').trim();
  if (name === '') issues.push({ field: 'name', code: 'REGISTRY_FIELD_REQUIRED' });
  else {
    const r = parseDomainName(name);
    if (r.ok) name = r.value;
    else issues.push({ field: 'name', code: 'REGISTRY_DOMAIN_INVALID', reason: r.reason });
  }
  const ownership = oneOf<DomainOwnership>(
    issues,
    'ownership',
    (draft.ownership ?? '').trim() === '' ? 'declared' : draft.ownership,
    DOMAIN_OWNERSHIPS,
    'REGISTRY_OWNERSHIP_UNKNOWN',
  );
  const notes = text(issues, 'notes', draft.notes, { max: MAX_LENGTH.notes, multiline: true });
  return result(issues, { name, ownership, notes });
}

/** Narrowest accepted prefix per family: wider blocks are almost certainly typing errors. */
export const WIDEST_PREFIX = { 4: 8, 6: 16 } as const;

/** Validates a network: CIDR normalised to its network address, optional ASN (`AS2200` accepted). */
export function validateNetwork(draft: NetworkDraft): Checked<NetworkValues> {
  const issues: Issue[] = [];
  let cidr = (draft.cidr ?? '').trim();
  let family: 4 | 6 = 4;
  if (cidr === '') issues.push({ field: 'cidr', code: 'REGISTRY_FIELD_REQUIRED' });
  else {
    const r = parseCidr(cidr);
    if (!r.ok) issues.push({ field: 'cidr', code: 'REGISTRY_CIDR_INVALID', reason: r.reason });
    else if (r.value.prefix < WIDEST_PREFIX[r.value.family]) {
      issues.push({ field: 'cidr', code: 'REGISTRY_CIDR_TOO_WIDE' });
    } else {
      cidr = r.value.text;
      family = r.value.family;
    }
  }
  let asn: number | null = null;
  const rawAsn = typeof draft.asn === 'number' ? String(draft.asn) : (draft.asn ?? '').trim();
  if (rawAsn !== '') {
    const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(rawAsn);
    const n = m ? Number(m[1]) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 4294967295)
      issues.push({ field: 'asn', code: 'REGISTRY_ASN_INVALID' });
    else asn = n;
  }
  const description = text(issues, 'description', draft.description, { max: MAX_LENGTH.description });
  return result(issues, { cidr, family, asn, description });
}

/** The detail shown next to a field: the catalogue message in French, the parser's precise reason in English. */
export function issueDetail(issue: Issue, lang: Lang, line?: number): ErrorDetail {
  const def = RegistryErrors[issue.code];
  const message = lang === 'en' && issue.reason ? issue.reason : formatMessage(def[lang], issue.params ?? {});
  return line === undefined ? { field: issue.field, message } : { field: issue.field, line, message };
}

/**
 * The error to throw for failed validation: the issue's own code when there is one issue
 * (e.g. `REGISTRY_FINESS_INVALID`), `REGISTRY_VALIDATION` listing every field otherwise.
 */
export function validationFailure(issues: readonly Issue[], lang: Lang): HygieError {
  const details = issues.map((i) => issueDetail(i, lang));
  const first = issues[0];
  if (issues.length === 1 && first)
    return new HygieError(RegistryErrors[first.code], first.params ?? {}, details);
  return new HygieError(RegistryErrors.REGISTRY_VALIDATION, {}, details);
}

/** Returns the values or throws the validation failure. */
export function valuesOrThrow<T>(checked: Checked<T>, lang: Lang): T {
  if (!checked.ok) throw validationFailure(checked.issues, lang);
  return checked.value;
}
