/**
 * The RDP probe against the lab's xrdp, replayed servers (NLA enforced; TLS-only question) on
 * 127.100.252.1, and every port of the hostile peer.
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
import { RDP_PROTOCOL } from './rdp.encode.js';
import { rdpProbe } from './rdp.probe.js';

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

const xrdp = labPort('rdp', 3389);
beforeAll(() =>
  requireLab([
    [xrdp.address, 3389],
    [HOSTILE, 3389],
  ]),
);

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server that answers each X.224 Connection Request from the given function of requestedProtocols. */
async function replay(answer: (requested: number) => Buffer): Promise<number> {
  const server = nodeNet.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (request) =>
      socket.end(answer(request.length >= 19 ? request.readUInt32LE(15) : -1)),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.1', port: 0 }, resolve));
  return (server.address() as nodeNet.AddressInfo).port;
}

function confirm(type: 2 | 3, value: number): Buffer {
  const b = Buffer.from('030000130ed000000000000000080000000000', 'hex');
  b.writeUInt8(type, 11);
  b.writeUInt32LE(value, 15);
  return b;
}

describe('rdp probe on the lab', () => {
  it('xrdp: what lab/hosts.json expects (TLS or standard security, no NLA)', async () => {
    const expected = xrdp.rdp as {
      protocolsOffered: string[];
      nlaRequired: boolean;
      selectedWhenHybridRequested: string;
    };
    const r = await rdpProbe.run(ctx(labNet, xrdp.address, 3389));
    expect(r).toMatchObject({
      protocol: 'rdp',
      details: {
        protocolsOffered: expected.protocolsOffered,
        nlaRequired: expected.nlaRequired,
        selectedWhenModernRequested: expected.selectedWhenHybridRequested,
        standardRdpSecurityAccepted: true,
      },
    });
    expect(r?.notes).toBeUndefined();
  });
});

describe('rdp probe on replayed servers', () => {
  it('a server enforcing NLA: CredSSP chosen, standard security refused', async () => {
    const port = await replay((requested) =>
      requested === RDP_PROTOCOL.rdp ? confirm(3, 5) : confirm(2, RDP_PROTOCOL.hybrid),
    );
    expect(await rdpProbe.run(ctx(replayNet, '127.100.252.1', port))).toEqual({
      protocol: 'rdp',
      details: {
        protocolsOffered: ['hybrid'],
        selectedWhenModernRequested: 'hybrid',
        nlaRequired: true,
        standardRdpSecurityAccepted: false,
        failureCode: 'HYBRID_REQUIRED_BY_SERVER',
      },
    });
  });

  it('asks TLS only when needed, and a server that then accepts TLS does not require NLA', async () => {
    const port = await replay((requested) =>
      requested === RDP_PROTOCOL.rdp
        ? confirm(3, 1)
        : requested === RDP_PROTOCOL.ssl
          ? confirm(2, 1)
          : confirm(2, 8),
    );
    expect(await rdpProbe.run(ctx(replayNet, '127.100.252.1', port))).toMatchObject({
      details: {
        protocolsOffered: ['ssl', 'hybrid_ex'],
        nlaRequired: false,
        standardRdpSecurityAccepted: false,
      },
    });
  });
});

describe('rdp probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await rdpProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
