/** Tables of the `registry` module: the constituency. */

/** A health or medico-social structure of the constituency. */
export interface StructureTable {
  id: string;
  name: string;
  finess: string | null;
  siret: string | null;
  kind: 'health-establishment' | 'medico-social' | 'group-support' | 'other';
  legal_status: 'public' | 'private-non-profit' | 'private';
  region: string;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  is_oiv: number;
  is_ose: number;
  group_id: string | null;
  /** Lower-cased, accent-free name + identifiers + city, for portable search. */
  search_text: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A territorial hospital group (GHT). */
export interface GroupTable {
  id: string;
  name: string;
  code: string | null;
  region: string;
  search_text: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A person to alert at a structure. */
export interface ContactTable {
  id: string;
  structure_id: string;
  role: 'security-officer' | 'deputy' | 'it-director' | 'director';
  last_name: string;
  first_name: string;
  email: string;
  phone: string | null;
  alert_kinds: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A domain name owned by a structure. */
export interface DomainTable {
  id: string;
  structure_id: string;
  name: string;
  ownership: 'declared' | 'dns-txt' | 'whois' | 'convention' | 'analyst';
  notes: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An IP network (CIDR) owned by a structure. */
export interface NetworkTable {
  id: string;
  structure_id: string;
  cidr: string;
  family: number;
  asn: number | null;
  description: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Tables owned by registry. */
export interface RegistryTables {
  structures: StructureTable;
  groups: GroupTable;
  contacts: ContactTable;
  domains: DomainTable;
  networks: NetworkTable;
}
