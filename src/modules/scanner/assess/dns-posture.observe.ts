/**
 * DNS posture of a domain target (I/O): is the name a zone apex, its name servers, DNSSEC presence,
 * zone transfers (reused from part 1's discovery when it tried them, else attempted against each
 * in-scope name server) and the CNAMEs of the zone with what their targets resolve to (dangling
 * names). Only the scan's resolver and the scope-guarded dialer are used.
 */
import { ScopeError, type DnsRecord, type DnsServer, type ScanNetwork } from '../../../platform/net/index.js';
import type { DomainObservation, ZoneTransferObservation } from '../scanner.types.js';
import type { CnameObservation, ZonePosture } from './assessment.types.js';
import { observeDnssec } from './dnssec.query.js';

/** Bounds of the DNS observations. */
export interface DnsPostureOptions {
  readonly dnsServers: readonly DnsServer[];
  readonly timeoutMs?: number;
  /** CNAMEs checked per zone at most. */
  readonly maxCnames?: number;
}

/** The posture, and the records of a transfer that succeeded (names for the mail checks). */
export interface ZoneObservation {
  readonly posture: ZonePosture;
  readonly transferred: readonly DnsRecord[];
}

const normalise = (name: string): string => name.trim().replace(/\.$/, '').toLowerCase();

function inZone(name: string, zone: string): boolean {
  const n = normalise(name);
  const z = normalise(zone);
  return n === z || n.endsWith(`.${z}`);
}

async function recordsOf(
  network: ScanNetwork,
  name: string,
  type: 'SOA' | 'NS' | 'A' | 'AAAA',
  notes: string[],
): Promise<{ rcode: string; records: readonly DnsRecord[] } | null> {
  try {
    const answer = await network.resolver.query(name, type);
    return { rcode: answer.rcode, records: answer.records };
  } catch (error) {
    notes.push(`${type} ${name}: ${(error as Error).message}`.slice(0, 200));
    return null;
  }
}

async function attemptTransfers(
  network: ScanNetwork,
  zone: string,
  nameServers: readonly string[],
  notes: string[],
): Promise<{ observations: ZoneTransferObservation[]; records: DnsRecord[] }> {
  const observations: ZoneTransferObservation[] = [];
  let records: DnsRecord[] = [];
  for (const nameServer of nameServers.slice(0, 8)) {
    if (network.guard.nameRefusalFor(nameServer) !== undefined) {
      observations.push({
        nameServer,
        status: 'out-of-scope',
        records: 0,
        note: 'name server outside the scan scope',
      });
      continue;
    }
    try {
      const found = await network.resolver.lookup(nameServer);
      const address = found.addresses[0];
      if (address === undefined) {
        observations.push({ nameServer, status: 'failed', records: 0, note: `no address (${found.rcode})` });
        continue;
      }
      const transfer = await network.resolver.axfr(zone, address);
      observations.push({
        nameServer,
        server: transfer.server,
        status: transfer.status,
        records: transfer.records.length,
        ...(transfer.rcode === undefined ? {} : { rcode: transfer.rcode }),
        ...(transfer.note === undefined ? {} : { note: transfer.note }),
      });
      if ((transfer.status === 'transferred' || transfer.status === 'partial') && records.length === 0) {
        records = [...transfer.records];
      }
    } catch (error) {
      if (error instanceof ScopeError) {
        observations.push({ nameServer, status: 'out-of-scope', records: 0, note: error.reason });
      } else {
        observations.push({
          nameServer,
          status: 'failed',
          records: 0,
          note: (error as Error).message.slice(0, 200),
        });
      }
    }
  }
  if (nameServers.length === 0) notes.push('no NS record: zone transfer not attempted');
  return { observations, records };
}

async function resolveCname(network: ScanNetwork, name: string, target: string): Promise<CnameObservation> {
  const notes: string[] = [];
  const a = await recordsOf(network, target, 'A', notes);
  if (a === null) return { name, target, rcode: 'TIMEOUT', addresses: 0, note: notes.join('; ') };
  let addresses = a.records.filter((r) => r.type === 'A').length;
  let rcode = a.rcode;
  if (rcode === 'NOERROR' && addresses === 0) {
    const aaaa = await recordsOf(network, target, 'AAAA', notes);
    if (aaaa) {
      addresses = aaaa.records.filter((r) => r.type === 'AAAA').length;
      rcode = aaaa.rcode;
    }
  }
  return { name, target, rcode, addresses, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/** Observes one domain target. Never throws. */
export async function observeZone(
  network: ScanNetwork,
  domain: string,
  known: readonly DomainObservation[],
  options: DnsPostureOptions,
): Promise<ZoneObservation> {
  const zone = normalise(domain);
  const notes: string[] = [];
  const soa = await recordsOf(network, zone, 'SOA', notes);
  const apex = soa?.records.some((r) => r.type === 'SOA' && normalise(r.name) === zone) ?? false;
  const ns = await recordsOf(network, zone, 'NS', notes);
  const nameServers = [
    ...new Set(
      (ns?.records ?? [])
        .filter((r) => r.type === 'NS' && normalise(r.name) === zone)
        .map((r) => normalise(r.value)),
    ),
  ];
  const dnssec = apex
    ? await observeDnssec(network.dialer, options.dnsServers, zone, options.timeoutMs)
    : {
        status: 'unknown' as const,
        dnskeys: 0,
        signatures: 0,
        authenticated: false,
        note: soa === null ? 'SOA query failed' : 'not a zone apex',
      };

  const own = known.find((d) => normalise(d.name) === zone);
  let zoneTransfers: readonly ZoneTransferObservation[] = own?.zoneTransfers ?? [];
  let transferred: DnsRecord[] = [];
  if (apex && own?.zoneTransfers === undefined) {
    const attempt = await attemptTransfers(network, zone, nameServers, notes);
    zoneTransfers = attempt.observations;
    transferred = attempt.records;
  }

  const pairs = new Map<string, string>();
  for (const r of transferred)
    if (r.type === 'CNAME' && inZone(r.name, zone)) pairs.set(normalise(r.name), normalise(r.value));
  for (const d of known) {
    if (!inZone(d.name, zone)) continue;
    for (const target of d.records.CNAME ?? [])
      if (!pairs.has(normalise(d.name))) pairs.set(normalise(d.name), normalise(target));
  }
  const maxCnames = options.maxCnames ?? 200;
  if (pairs.size > maxCnames) notes.push(`${pairs.size} CNAMEs: only the first ${maxCnames} checked`);
  const cnames: CnameObservation[] = [];
  for (const [name, target] of [...pairs].slice(0, maxCnames))
    cnames.push(await resolveCname(network, name, target));

  return {
    posture: { domain: zone, apex, nameServers, dnssec, zoneTransfers, cnames, notes },
    transferred,
  };
}
