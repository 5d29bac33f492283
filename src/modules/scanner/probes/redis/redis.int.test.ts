/**
 * The Redis probe against the lab's Redis (no password), a replayed password-protected Redis on
 * 127.100.252.6, and the hostile peer.
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
import { redisProbe } from './redis.probe.js';

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

const redis = labPort('redis', 6379);
beforeAll(() =>
  requireLab([
    [redis.address, 6379],
    [HOSTILE, 21],
  ]),
);

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('redis probe on the lab', () => {
  it('Redis without a password: version as lab/hosts.json says', async () => {
    const r = await redisProbe.run(ctx(labNet, redis.address, 6379));
    expect(r).toMatchObject({
      protocol: 'redis',
      product: redis.product,
      details: { authRequired: false, mode: 'standalone' },
    });
    expect(r?.version?.startsWith(String(redis.version))).toBe(true);
  });
});

describe('redis probe on a replayed server', () => {
  it('NOAUTH: authentication required, and nothing sent after PING', async () => {
    const received: string[] = [];
    const server = nodeNet.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        received.push(chunk.toString());
        socket.write('-NOAUTH Authentication required.\r\n');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ host: '127.100.252.6', port: 0 }, resolve));
    const r = await redisProbe.run(
      ctx(replayNet, '127.100.252.6', (server.address() as nodeNet.AddressInfo).port),
    );
    expect(r).toEqual({
      protocol: 'redis',
      details: { authRequired: true, pingReply: 'NOAUTH Authentication required.' },
    });
    expect(received).toEqual(['PING\r\n']);
  });
});

describe('redis probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await redisProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
