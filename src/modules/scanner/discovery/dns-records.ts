/**
 * The DNS records of a domain target: A, AAAA, CNAME, MX, NS, TXT, CAA, SOA, asked of the configured
 * resolver only (no packet reaches the target). Values are the text forms of `platform/net`.
 */
import { DnsError, type DnsRecordType, type Resolver } from '../../../platform/net/index.js';

/** Record types collected for every domain target, in the order the result lists them. */
export const DOMAIN_RECORD_TYPES: readonly DnsRecordType[] = [
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'NS',
  'TXT',
  'CAA',
  'SOA',
];

/** Records found for one name, with what went wrong (a type that timed out is noted, not fatal). */
export interface CollectedRecords {
  readonly records: Record<string, string[]>;
  /** Response code of the A query; NXDOMAIN means the name does not exist. */
  readonly rcode: string | null;
  readonly notes: string[];
  /** True when at least one query got no answer at all (resolver down or silent). */
  readonly incomplete: boolean;
}

/** Asks every type for `name`; never throws on DNS failures. */
export async function collectRecords(
  resolver: Resolver,
  name: string,
  types: readonly DnsRecordType[] = DOMAIN_RECORD_TYPES,
): Promise<CollectedRecords> {
  const records: Record<string, string[]> = {};
  const notes: string[] = [];
  let rcode: string | null = null;
  let incomplete = false;
  await Promise.all(
    types.map(async (type) => {
      try {
        const answer = await resolver.query(name, type);
        if (type === 'A') rcode = answer.rcode;
        const values = answer.records.filter((r) => r.type === type && r.name === name).map((r) => r.value);
        if (values.length > 0) records[type] = [...new Set(values)];
      } catch (error) {
        incomplete = true;
        notes.push(`${type}: ${error instanceof DnsError ? error.message : String(error)}`.slice(0, 300));
      }
    }),
  );
  const ordered: Record<string, string[]> = {};
  for (const type of types) if (records[type]) ordered[type] = records[type];
  return { records: ordered, rcode, notes, incomplete };
}
