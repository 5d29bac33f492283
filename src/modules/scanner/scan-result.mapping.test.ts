import { describe, expect, it } from 'vitest';
import { contractErrors } from './contract/scan-result.validator.js';
import { compareAddresses, toScanResult } from './scan-result.mapping.js';
import { formatResultTable } from './scan-result.table.js';
import type { ScanStoredRun } from './scan-result.types.js';
import type { ServiceObservation } from './scanner.types.js';

const run: ScanStoredRun['run'] = {
  id: '01900000-0000-7000-8000-000000000001',
  targets: ['chu-lab.test', '127.100.66.6'],
  options: { ports: '21,22,80,443', excludePorts: [2024] },
  status: 'completed',
  refused: [
    { target: '8.8.8.8', reason: 'outside HYGIE_NET_ALLOW' },
    { target: 'chu-lab-portail.azurewebsites.net', reason: 'name not in scan scope' },
  ],
  checkpoint: { round: 1, pendingNames: [], notes: ['12 names got no DNS answer'], incomplete: false },
  error: null,
  structureId: null,
  createdAt: '2026-11-29T09:00:00.000Z',
  startedAt: '2026-11-29T09:00:01.000Z',
  finishedAt: '2026-11-29T09:01:00.000Z',
};

const ssh: ServiceObservation = {
  port: 22,
  transport: 'tcp',
  protocol: 'SSH',
  product: 'OpenSSH',
  version: '9.2p1',
  cpe: ['cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*', 'cpe:/a:openbsd:openssh:9.2p1'],
  banner: 'SSH-2.0-OpenSSH_9.2p1',
  details: { kex: ['curve25519-sha256'] },
};
const https: ServiceObservation = {
  port: 443,
  transport: 'tcp',
  protocol: 'https',
  tls: true,
  tlsVersions: ['TLSv1.2', 'TLSv1.3', 'TLSv9' as 'TLSv1.3'],
  certificate: {
    subject: 'CN=www',
    issuer: 'CN=ca',
    notBefore: 'a',
    notAfter: 'b',
    subjectAltNames: ['www.chu-lab.test'],
    selfSigned: false,
  },
  technologies: [{ name: 'nginx', version: '1.22.1', cpe: 'cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*' }],
};

const stored: ScanStoredRun = {
  run,
  domains: [
    {
      observation: {
        name: 'www.chu-lab.test',
        records: { A: ['127.100.1.20'] },
        addresses: ['127.100.1.20'],
        source: 'axfr',
      },
      structureId: 's1',
    },
    {
      observation: {
        name: 'chu-lab.test',
        records: { A: ['127.100.1.20'], NS: ['ns1.chu-lab.test'] },
        source: 'target',
      },
      structureId: 's1',
    },
  ],
  hosts: [
    { address: '127.100.66.6', hostnames: [], structureId: null },
    { address: '127.100.1.20', hostnames: ['www.chu-lab.test', 'chu-lab.test'], structureId: 's1' },
    { address: '127.100.9.9', hostnames: [], structureId: null },
  ],
  services: [
    { address: '127.100.1.20', service: https },
    { address: '127.100.1.20', service: ssh },
    {
      address: '127.100.66.6',
      service: { port: 21, transport: 'tcp', protocol: 'unknown', banner: '\\x00\\x01' },
    },
    { address: '127.100.66.6', service: { port: 70000, transport: 'tcp', protocol: 'unknown' } },
  ],
};

describe('result → contract hygie.scan/1', () => {
  const result = toScanResult(stored);

  it('validates against the contract schema, findings empty', () => {
    expect(contractErrors(result)).toEqual([]);
    expect(result.schema).toBe('hygie.scan/1');
    expect(result.findings).toEqual([]);
    expect(result.scan).toMatchObject({
      id: run.id,
      status: 'completed',
      targets: run.targets,
      refused: run.refused,
      notes: run.checkpoint.notes,
    });
  });

  it('sorts hosts by address and services by port; drops hosts with neither names nor services', () => {
    expect(result.hosts.map((h) => h.address)).toEqual(['127.100.1.20', '127.100.66.6']);
    expect(result.hosts[0]?.services.map((s) => s.port)).toEqual([22, 443]);
    expect(result.hosts[0]?.hostnames).toEqual(['chu-lab.test', 'www.chu-lab.test']);
    expect(result.hosts[1]?.services.map((s) => s.port)).toEqual([21]);
    expect(compareAddresses('127.100.10.1', '127.100.9.1')).toBe(1);
    expect(compareAddresses('::1', '127.0.0.2')).toBe(1);
  });

  it('keeps only what the contract allows in constrained fields', () => {
    const s = result.hosts[0]?.services ?? [];
    expect(s[0]).toMatchObject({
      protocol: 'ssh',
      cpe: ['cpe:2.3:a:openbsd:openssh:9.2:p1:*:*:*:*:*:*'],
      details: { kex: ['curve25519-sha256'] },
    });
    expect(s[1]?.tlsVersions).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('lists the domain targets first and keeps their registry link', () => {
    expect(result.domains.map((d) => d.name)).toEqual(['chu-lab.test', 'www.chu-lab.test']);
    expect(result.domains[0]).toMatchObject({ addresses: [], structureId: 's1' });
  });

  it('maps a run that is not finished to partial, and still validates', () => {
    const partial = toScanResult({ ...stored, run: { ...run, status: 'running', finishedAt: null } });
    expect(partial.scan.status).toBe('partial');
    expect(partial.scan.finishedAt).toBe(run.startedAt);
    expect(contractErrors(partial)).toEqual([]);
  });

  it('renders a table with hosts, services, domains and refusals', () => {
    const table = formatResultTable(result);
    expect(table).toMatch(/127\.100\.1\.20\s+22\/tcp\s+ssh\s+OpenSSH\s+9\.2p1/);
    expect(table).toContain('REFUSED BY THE SCOPE GUARD');
    expect(table).toMatch(/8\.8\.8\.8\s+outside HYGIE_NET_ALLOW/);
  });
});
