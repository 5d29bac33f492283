/**
 * From what a run stored to the document of the contract `hygie.scan/1`
 * (`contract/scan-result.schema.json`): pure. Hosts sorted by address, services by port, domains
 * with the targets first; values the contract constrains (CPE prefix, TLS version names, port range)
 * are filtered so that the document always validates.
 */
import ipaddr from 'ipaddr.js';
import type { ScanStoredRun } from './scan-result.types.js';
import type {
  DomainObservation,
  HostObservation,
  ScanResult,
  ServiceObservation,
  TlsVersionName,
} from './scanner.types.js';

const TLS_VERSIONS: readonly TlsVersionName[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Sort key of an address: family, then bytes. */
function addressKey(address: string): string {
  try {
    const bytes = ipaddr.parse(address).toByteArray();
    return `${bytes.length === 4 ? 4 : 6}:${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  } catch {
    return `9:${address}`;
  }
}

/** Compares two addresses numerically (IPv4 before IPv6). */
export function compareAddresses(a: string, b: string): number {
  const ka = addressKey(a);
  const kb = addressKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A service as the contract wants it; extra fields (details, http, notes) are kept. */
export function contractService(service: ServiceObservation): ServiceObservation {
  const out: Record<string, unknown> = { ...service };
  out.protocol = (service.protocol || 'unknown').toLowerCase();
  out.transport = service.transport === 'udp' ? 'udp' : 'tcp';
  if (service.cpe !== undefined) {
    const cpe = service.cpe.filter((c) => typeof c === 'string' && c.startsWith('cpe:2.3:'));
    if (cpe.length > 0) out.cpe = cpe;
    else delete out.cpe;
  }
  if (service.tlsVersions !== undefined)
    out.tlsVersions = service.tlsVersions.filter((v) => TLS_VERSIONS.includes(v));
  if (service.technologies !== undefined) {
    out.technologies = service.technologies.filter((t) => typeof t.name === 'string' && t.name !== '');
  }
  for (const key of ['product', 'version', 'banner'] as const) {
    if (out[key] !== undefined && typeof out[key] !== 'string') delete out[key];
  }
  return out as unknown as ServiceObservation;
}

/** A domain as the contract wants it. */
function contractDomain(domain: DomainObservation, structureId: string | null): DomainObservation {
  return { ...domain, addresses: domain.addresses ?? [], ...(structureId ? { structureId } : {}) };
}

/** Builds the `hygie.scan/1` document of a run. */
export function toScanResult(stored: ScanStoredRun): ScanResult {
  const { run } = stored;
  const servicesByAddress = new Map<string, ServiceObservation[]>();
  for (const { address, service } of stored.services) {
    if (!(Number.isInteger(service.port) && service.port >= 1 && service.port <= 65535)) continue;
    const list = servicesByAddress.get(address) ?? [];
    list.push(contractService(service));
    servicesByAddress.set(address, list);
  }
  const hosts: HostObservation[] = stored.hosts
    .filter((h) => h.hostnames.length > 0 || servicesByAddress.has(h.address))
    .sort((a, b) => compareAddresses(a.address, b.address))
    .map((h) => ({
      address: h.address,
      hostnames: [...h.hostnames].sort(),
      services: (servicesByAddress.get(h.address) ?? []).sort(
        (a, b) => a.port - b.port || a.transport.localeCompare(b.transport),
      ),
      ...(h.structureId ? { structureId: h.structureId } : {}),
    }));
  const targets = new Set(run.targets);
  const domains = [...stored.domains]
    .sort((a, b) => {
      const ta = targets.has(a.observation.name) ? 0 : 1;
      const tb = targets.has(b.observation.name) ? 0 : 1;
      return ta - tb || a.observation.name.localeCompare(b.observation.name);
    })
    .map((d) => contractDomain(d.observation, d.structureId));
  const finished = run.finishedAt ?? run.startedAt ?? run.createdAt;
  return {
    schema: 'hygie.scan/1',
    scan: {
      id: run.id,
      startedAt: run.startedAt ?? run.createdAt,
      finishedAt: finished,
      targets: [...run.targets],
      status: run.status === 'completed' || run.status === 'failed' ? run.status : 'partial',
      refused: run.refused.map((r) => ({ target: r.target, reason: r.reason })),
      ports: run.options.ports,
      ...(run.checkpoint.notes.length > 0 ? { notes: [...run.checkpoint.notes] } : {}),
      ...(run.error ? { error: run.error } : {}),
      ...(run.structureId ? { structureId: run.structureId } : {}),
    },
    domains,
    hosts,
    findings: [...(stored.findings ?? [])],
  };
}
