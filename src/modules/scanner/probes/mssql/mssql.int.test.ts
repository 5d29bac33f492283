/**
 * The MSSQL probe against replayed SQL Servers on 127.100.252.5 (the lab has none: the answers are
 * fixtures built from MS-TDS) and the hostile peer.
 */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';
import { encodeClientPrelogin } from './mssql.encode.js';
import { mssqlProbe } from './mssql.probe.js';

interface LabPort {
  readonly port: number;
  readonly [key: string]: unknown;
}
const lab = JSON.parse(readFileSync(new URL('../../../../../lab/hosts.json', import.meta.url), 'utf8')) as {
  allPorts: number[];
  hosts: { id: string; address: string; ports: LabPort[] }[];
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
/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = network(['127.100.0.0/16'], lab.allPorts);
const replayNet = network(['127.100.252.0/24']);
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

beforeAll(() => requireLab([[HOSTILE, 21]]));

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server that answers the first packet with a fixture and records what it received. */
async function replay(fixture: string, received: Buffer[]): Promise<number> {
  const answer = readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url));
  const server = nodeNet.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      received.push(chunk);
      socket.write(answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.5', port: 0 }, resolve));
  return (server.address() as nodeNet.AddressInfo).port;
}

describe('mssql probe on replayed servers', () => {
  it('SQL Server 2019: version, release, encryption off; only a PRELOGIN was sent', async () => {
    const received: Buffer[] = [];
    const port = await replay('sql2019-prelogin-response.bin', received);
    expect(await mssqlProbe.run(ctx(replayNet, '127.100.252.5', port))).toEqual({
      protocol: 'mssql',
      product: 'Microsoft SQL Server',
      version: '15.0.2000',
      cpe: ['cpe:2.3:a:microsoft:sql_server:2019:*:*:*:*:*:*:*'],
      details: { encryption: 'off', release: '2019', subBuild: 5, mars: false, fedAuthRequired: false },
    });
    expect(received).toEqual([encodeClientPrelogin()]);
  });

  it('SQL Server 2008 R2 requiring encryption', async () => {
    const port = await replay('sql2008r2-prelogin-response.bin', []);
    expect(await mssqlProbe.run(ctx(replayNet, '127.100.252.5', port))).toMatchObject({
      version: '10.50.1600',
      details: { encryption: 'required', release: '2008 R2' },
    });
  });
});

describe('mssql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mssqlProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
