/**
 * The SMB probe against the lab's two Samba hosts (legacy: SMB1 and optional signing, on 445 and
 * through the NetBIOS session service on 139; secure: SMB 3 only, signing required) and the hostile peer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  createConnectionLimiter,
  createScanNetwork,
  scopeFromTargets,
  type ScanNetwork,
} from '../../../../platform/net/index.js';
import type { ProbeContext } from '../probe.js';
import { smbProbe } from './smb.probe.js';

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

const legacy445 = labPort('smb-legacy', 445);
const legacy139 = labPort('smb-legacy', 139);
const secure445 = labPort('smb-secure', 445);
beforeAll(() =>
  requireLab([
    [legacy445.address, 445],
    [legacy139.address, 139],
    [secure445.address, 445],
    [HOSTILE, 21],
  ]),
);

describe('smb probe on the lab', () => {
  it.each([
    ['legacy, direct TCP', legacy445, 'direct-tcp'],
    ['legacy, NetBIOS session', legacy139, 'netbios-session'],
    ['secure, direct TCP', secure445, 'direct-tcp'],
  ])('%s: SMB1 and signing as lab/hosts.json says', async (_name, target, transport) => {
    const expected = target.smb as { smb1: boolean; signingRequired: boolean };
    const r = await smbProbe.run(ctx(labNet, target.address, target.port));
    expect(r).toMatchObject({
      protocol: 'smb',
      product: target.product,
      details: {
        dialect: '3.1.1',
        smb1: expected.smb1,
        signingRequired: expected.signingRequired,
        transport,
      },
    });
    expect((r?.details as { serverGuid: string }).serverGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe('smb probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await smbProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
