/**
 * Zone transfers of the discover stage: the AXFR attempt against each name server of a domain
 * target, its records grouped by owner name, and the names its records point to.
 */
import { isIP } from 'node:net';
import { ScopeError, type DnsRecord, type Resolver, type ScopeGuard } from '../../../platform/net/index.js';
import type { ZoneTransferObservation } from '../scanner.types.js';
import type { NameSource } from './discovery.js';
import { DOMAIN_RECORD_TYPES } from './dns-records.js';

/** An error's message, cut to 300 characters (for notes). */
export const message = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** Records of a zone transfer grouped by owner name and type (only the types a result lists). */
function groupTransfer(records: readonly DnsRecord[]): Map<string, Record<string, string[]>> {
  const byName = new Map<string, Record<string, string[]>>();
  for (const r of records) {
    if (!DOMAIN_RECORD_TYPES.includes(r.type as (typeof DOMAIN_RECORD_TYPES)[number])) continue;
    const entry = byName.get(r.name) ?? {};
    const values = entry[r.type] ?? [];
    if (!values.includes(r.value)) values.push(r.value);
    entry[r.type] = values;
    byName.set(r.name, entry);
  }
  return byName;
}

/** Names a record points to (CNAME, MX, NS targets). */
export function targetsOf(type: string, value: string): string[] {
  if (type === 'CNAME' || type === 'NS') return [value];
  if (type === 'MX') return [value.split(' ')[1] ?? ''].filter((n) => n !== '' && n !== '.');
  return [];
}

/** AXFR attempt against one name server of a domain target. */
export async function attemptTransfer(
  resolver: Resolver,
  guard: ScopeGuard,
  domain: string,
  ns: string,
  fromTransfers: Map<string, Record<string, string[]>>,
  offer: (name: string, source: NameSource) => void,
): Promise<ZoneTransferObservation> {
  let address: string | undefined;
  try {
    if (guard.nameRefusalFor(ns) === undefined) {
      address = (await resolver.lookup(ns)).addresses.find((a) => isIP(a) !== 0);
    } else {
      // The name server is outside the domain scope (a registrar's): ask the resolver only; the
      // transfer itself is then refused by the guard unless its address is in scope.
      const answer = await resolver.query(ns, 'A');
      address = answer.records.find((r) => r.type === 'A')?.value;
    }
  } catch (error) {
    return {
      nameServer: ns,
      status: 'failed',
      records: 0,
      note: `could not resolve the name server: ${message(error)}`,
    };
  }
  if (address === undefined)
    return { nameServer: ns, status: 'failed', records: 0, note: 'the name server has no address' };
  try {
    const transfer = await resolver.axfr(domain, address);
    if (transfer.status === 'transferred' || transfer.status === 'partial') {
      const grouped = groupTransfer(transfer.records);
      for (const [name, records] of grouped) {
        const mine = fromTransfers.get(name) ?? {};
        for (const [type, values] of Object.entries(records))
          mine[type] = [...new Set([...(mine[type] ?? []), ...values])];
        fromTransfers.set(name, mine);
        if (name !== domain) offer(name, 'axfr');
      }
      // Targets of the zone's records (CNAME, MX, NS) after its own names, so those keep `axfr`.
      for (const records of grouped.values()) {
        for (const [type, values] of Object.entries(records))
          for (const v of values) for (const n of targetsOf(type, v)) offer(n, 'cname');
      }
    }
    return {
      nameServer: ns,
      server: transfer.server,
      status: transfer.status,
      records: transfer.records.length,
      ...(transfer.rcode ? { rcode: transfer.rcode } : {}),
      ...(transfer.note ? { note: transfer.note } : {}),
    };
  } catch (error) {
    const refused = error instanceof ScopeError;
    return {
      nameServer: ns,
      server: address,
      status: refused ? 'out-of-scope' : 'failed',
      records: 0,
      note: message(error),
    };
  }
}
