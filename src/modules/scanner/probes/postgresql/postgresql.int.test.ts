/** The PostgreSQL probe against the lab's PostgreSQL (no login attempted) and the hostile peer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';
import { postgresqlProbe } from './postgresql.probe.js';

interface LabPort {
  readonly port: number;
  readonly [key: string]: unknown;
}
const lab = JSON.parse(readFileSync(new URL('../../../../../lab/hosts.json', import.meta.url), 'utf8')) as {
  allPorts: number[];
  hosts: { id: string; address: string; ports: LabPort[] }[];
};
const labPort = (id: string, port: number): LabPort & { address: string } => {
  const host = lab.hosts.find((h) => h.id === id);
  const entry = host?.ports.find((p) => p.port === port);
  if (!host || !entry) throw new Error(`lab/hosts.json has no ${id}:${port}`);
  return { ...entry, address: host.address };
};
const network = (targets: string[], ports?: number[]): ScanNetwork =>
  createScanNetwork({
    scope: scopeFromTargets(targets, ports === undefined ? {} : { ports }),
    config: {
      netAllow: ['127.0.0.0/8'],
      netDeny: [],
      dnsServers: [{ host: '127.100.0.53', port: 53 }],
      excludedPorts: [],
    },
    limiter: createConnectionLimiter(),
  });
/** Lab addresses, lab ports only. */
const labNet = network(['127.100.0.0/16'], lab.allPorts);
const ctx = (net: ScanNetwork, address: string, port: number, timeoutMs = 5000): ProbeContext => ({
  dialer: net.dialer,
  http: net.http,
  resolver: net.resolver,
  address,
  port,
  hostnames: [],
  greeting: Buffer.alloc(0),
  timeoutMs,
});
const HOSTILE = '127.100.66.6';
const HOSTILE_PORTS = lab.hosts.find((h) => h.id === 'hostile')?.ports.map((p) => p.port) ?? [];

/** Fails the file, naming the fix, when a lab endpoint it needs does not answer. */
async function requireLab(endpoints: readonly (readonly [string, number])[]): Promise<void> {
  for (const [address, port] of endpoints) {
    const r = await labNet.dialer.probe(address, port, { connectTimeoutMs: 2000 });
    if (r.status !== 'open') throw new Error(`lab is not up: run lab/up (${address}:${port} is ${r.status})`);
  }
}

const pg = labPort('postgresql', 5432);
beforeAll(() =>
  requireLab([
    [pg.address, 5432],
    [HOSTILE, 21],
  ]),
);

describe('postgresql probe on the lab', () => {
  it('PostgreSQL named by its refusal of protocol 4.0; TLS offered as lab/hosts.json says', async () => {
    const expected = pg.postgresql as { sslSupported: boolean };
    const r = await postgresqlProbe.run(ctx(labNet, pg.address, 5432));
    expect(r).toMatchObject({
      protocol: 'postgresql',
      product: 'PostgreSQL',
      details: {
        sslSupported: expected.sslSupported,
        errorCode: '0A000',
        protocolRange: '3.0-3.0',
        versionRange: '14 to 17',
      },
    });
    expect(r?.notes).toBeUndefined();
  });
});

describe('postgresql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await postgresqlProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
