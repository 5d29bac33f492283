import type { RegionCode } from './region.catalogue.js';

export type { RegionCode } from './region.catalogue.js';

/** Id of a structure (UUIDv7 text); branded so that a contact id cannot be passed instead. */
export type StructureId = string & { readonly __brand: 'StructureId' };
/** Id of a GHT group. */
export type GroupId = string & { readonly __brand: 'GroupId' };
/** Id of a contact. */
export type ContactId = string & { readonly __brand: 'ContactId' };
/** Id of a registered domain name. */
export type DomainId = string & { readonly __brand: 'DomainId' };
/** Id of a registered network. */
export type NetworkId = string & { readonly __brand: 'NetworkId' };

/** What a structure is: a health establishment (ES), a medico-social one (ESMS), a GHT support, other. */
export type StructureKind = 'health-establishment' | 'medico-social' | 'group-support' | 'other';
/** Every structure kind, in display order. */
export const STRUCTURE_KINDS: readonly StructureKind[] = [
  'health-establishment',
  'medico-social',
  'group-support',
  'other',
];

/** Legal status: public, private non-profit (ESPIC), private for-profit. */
export type LegalStatus = 'public' | 'private-non-profit' | 'private';
/** Every legal status, in display order. */
export const LEGAL_STATUSES: readonly LegalStatus[] = ['public', 'private-non-profit', 'private'];

/** What a contact does at the structure. */
export type ContactRole = 'security-officer' | 'deputy' | 'it-director' | 'director';
/** Every contact role, in display order. */
export const CONTACT_ROLES: readonly ContactRole[] = [
  'security-officer',
  'deputy',
  'it-director',
  'director',
];

/** Kinds of alert a contact may receive, one per CERT service that writes to structures. */
export type AlertKind = 'vulnerability' | 'compromise' | 'exposure' | 'bulletin' | 'incident' | 'audit';
/** Every alert kind; a new contact receives all of them unless told otherwise. */
export const ALERT_KINDS: readonly AlertKind[] = [
  'vulnerability',
  'compromise',
  'exposure',
  'bulletin',
  'incident',
  'audit',
];

/** How the CERT knows a domain belongs to the structure. */
export type DomainOwnership = 'declared' | 'dns-txt' | 'whois' | 'convention' | 'analyst';
/** Every ownership proof, weakest first. */
export const DOMAIN_OWNERSHIPS: readonly DomainOwnership[] = [
  'declared',
  'dns-txt',
  'whois',
  'convention',
  'analyst',
];

/** A health or medico-social structure of the constituency. */
export interface Structure {
  readonly id: StructureId;
  /** Name as in the national structure directory (FINESS « raison sociale »). */
  readonly name: string;
  readonly finess: string | null;
  readonly siret: string | null;
  readonly kind: StructureKind;
  readonly legalStatus: LegalStatus;
  readonly region: RegionCode;
  readonly address: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** Operator of vital importance. */
  readonly isOiv: boolean;
  /** Operator of essential services. */
  readonly isOse: boolean;
  readonly groupId: GroupId | null;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What pages of other modules show about a structure. */
export interface StructureSummary {
  readonly id: StructureId;
  readonly name: string;
  readonly finess: string | null;
  readonly region: RegionCode;
  readonly kind: StructureKind;
  readonly archived: boolean;
}

/** A territorial hospital group (GHT). */
export interface Group {
  readonly id: GroupId;
  readonly name: string;
  /** Short reference, upper case, e.g. `GHT-VAL-01`. */
  readonly code: string | null;
  readonly region: RegionCode;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A group with how many active structures belong to it. */
export interface GroupWithCount extends Group {
  readonly memberCount: number;
}

/** A person to alert at a structure. */
export interface Contact {
  readonly id: ContactId;
  readonly structureId: StructureId;
  readonly role: ContactRole;
  readonly lastName: string;
  readonly firstName: string;
  readonly email: string;
  /** Mobile phone in E.164 (+33612345678). */
  readonly phone: string | null;
  readonly alertKinds: AlertKind[];
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A domain name owned by a structure (lower-case ASCII, punycode for IDN). */
export interface Domain {
  readonly id: DomainId;
  readonly structureId: StructureId;
  readonly name: string;
  readonly ownership: DomainOwnership;
  readonly notes: string | null;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An IP network owned by a structure, as a normalised CIDR block. */
export interface Network {
  readonly id: NetworkId;
  readonly structureId: StructureId;
  readonly cidr: string;
  readonly family: 4 | 6;
  readonly asn: number | null;
  readonly description: string | null;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A structure as typed in a form, an API call or a CSV row, before validation. Empty strings
 * mean "no value". Validation turns it into {@link StructureValues}.
 */
export interface StructureDraft {
  readonly name?: string;
  readonly finess?: string | null;
  readonly siret?: string | null;
  readonly kind?: string;
  readonly legalStatus?: string;
  readonly region?: string;
  readonly address?: string | null;
  readonly postalCode?: string | null;
  readonly city?: string | null;
  readonly isOiv?: boolean;
  readonly isOse?: boolean;
  readonly groupId?: string | null;
}

/** The validated, normalised values of a structure. */
export interface StructureValues {
  readonly name: string;
  readonly finess: string | null;
  readonly siret: string | null;
  readonly kind: StructureKind;
  readonly legalStatus: LegalStatus;
  readonly region: RegionCode;
  readonly address: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly isOiv: boolean;
  readonly isOse: boolean;
  readonly groupId: GroupId | null;
}

/** A group before validation. */
export interface GroupDraft {
  readonly name?: string;
  readonly code?: string | null;
  readonly region?: string;
}

/** The validated values of a group. */
export interface GroupValues {
  readonly name: string;
  readonly code: string | null;
  readonly region: RegionCode;
}

/** A contact before validation. */
export interface ContactDraft {
  readonly role?: string;
  readonly lastName?: string;
  readonly firstName?: string;
  readonly email?: string;
  readonly phone?: string | null;
  /** Absent: every kind. */
  readonly alertKinds?: readonly string[];
}

/** The validated values of a contact. */
export interface ContactValues {
  readonly role: ContactRole;
  readonly lastName: string;
  readonly firstName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly alertKinds: AlertKind[];
}

/** A domain before validation. */
export interface DomainDraft {
  readonly name?: string;
  readonly ownership?: string;
  readonly notes?: string | null;
}

/** The validated values of a domain. */
export interface DomainValues {
  readonly name: string;
  readonly ownership: DomainOwnership;
  readonly notes: string | null;
}

/** A network before validation. */
export interface NetworkDraft {
  readonly cidr?: string;
  readonly asn?: number | string | null;
  readonly description?: string | null;
}

/** The validated values of a network. */
export interface NetworkValues {
  readonly cidr: string;
  readonly family: 4 | 6;
  readonly asn: number | null;
  readonly description: string | null;
}

/** Filters of the structure list (page, API, CLI). */
export interface StructureFilter {
  /** Words matched against name, FINESS, SIRET and city. */
  readonly q?: string;
  readonly region?: RegionCode;
  readonly kind?: StructureKind;
  readonly groupId?: GroupId;
  readonly oiv?: boolean;
  readonly ose?: boolean;
  /** Archived structures are hidden unless asked for. */
  readonly includeArchived?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
}

/** Filters of the group list. */
export interface GroupFilter {
  readonly q?: string;
  readonly region?: RegionCode;
  readonly includeArchived?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
}

/** Filters shared by the contact, domain and network lists. */
export interface AssetFilter {
  readonly structureId?: StructureId;
  /** Contacts: name or e-mail; domains: name; networks: CIDR text or description. */
  readonly q?: string;
  readonly includeArchived?: boolean;
  readonly page?: number;
  readonly pageSize?: number;
}

/** Which structures an actor may see: all of them, or a fixed list (possibly empty). */
export type StructureScope =
  { readonly kind: 'all' } | { readonly kind: 'only'; readonly ids: readonly string[] };

/** The structure owning an address, and through which registered network. */
export interface IpOwner {
  readonly structureId: StructureId;
  readonly network: { readonly id: NetworkId; readonly cidr: string };
}

/** The structure owning a domain name, and through which registered domain. */
export interface DomainOwner {
  readonly structureId: StructureId;
  readonly domain: { readonly id: DomainId; readonly name: string };
}

/** How many active records of each kind the actor can see (home page). */
export interface RegistryCounts {
  readonly structures: number;
  readonly groups: number;
  readonly domains: number;
  readonly networks: number;
}

/** A structure with everything attached to it that the actor may read. */
export interface StructureDetails {
  readonly structure: Structure;
  readonly group: Group | null;
  /** Null when the actor may not read contacts (authority). */
  readonly contacts: Contact[] | null;
  readonly domains: Domain[] | null;
  readonly networks: Network[] | null;
}
