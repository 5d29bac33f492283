/** The MySQL probe against the lab's MariaDB (greeting only) and the hostile peer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';
import { mysqlProbe } from './mysql.probe.js';

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

const mariadb = labPort('mariadb', 3306);
beforeAll(() =>
  requireLab([
    [mariadb.address, 3306],
    [HOSTILE, 21],
  ]),
);

describe('mysql probe on the lab', () => {
  it('MariaDB: product and version from the greeting, as lab/hosts.json says', async () => {
    const r = await mysqlProbe.run(ctx(labNet, mariadb.address, 3306));
    expect(r).toMatchObject({
      protocol: 'mysql',
      product: mariadb.product,
      details: { protocolVersion: 10 },
    });
    expect(r?.version?.startsWith(String(mariadb.version))).toBe(true);
    expect(r?.cpe?.[0]).toMatch(/^cpe:2\.3:a:mariadb:mariadb:10\.11\./);
    expect(r?.banner).toMatch(/^5\.5\.5-10\.11\.\d+-MariaDB/);
  });

  it('the greeting alone is enough (what the identify stage does when the server spoke first)', async () => {
    const greeting = await labNet.dialer.exchange(mariadb.address, 3306, null, {
      untilIdleMs: 300,
      totalTimeoutMs: 5000,
    });
    if (greeting.status !== 'open') throw new Error(greeting.note);
    expect(mysqlProbe.matchGreeting?.(greeting.bytes)).toMatchObject({ product: 'MariaDB' });
  });
});

describe('mysql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mysqlProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
