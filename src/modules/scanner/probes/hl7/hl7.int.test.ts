/**
 * The HL7 probe against the lab's MLLP listener, a replayed listener that answers unframed NAKs
 * (127.100.252.4), and the hostile peer.
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
import { hl7Probe } from './hl7.probe.js';

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

const hl7 = labPort('hl7', 2575);
beforeAll(() =>
  requireLab([
    [hl7.address, 2575],
    [HOSTILE, 21],
  ]),
);

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('hl7 probe on the lab', () => {
  it('the MLLP listener ACKs our MSH-only message with AA', async () => {
    expect(await hl7Probe.run(ctx(labNet, hl7.address, 2575))).toEqual({
      protocol: 'hl7',
      details: {
        ack: 'AA',
        sendingApplication: 'HYGIE_LAB',
        sendingFacility: 'CHU_LAB',
        version: '2.5',
        messageType: 'ACK',
        framing: (hl7.hl7 as { framing: string }).framing,
        controlIdEchoed: true,
      },
    });
  });
});

describe('hl7 probe on a replayed listener', () => {
  it('an unframed NAK is still HL7, with a note; what we sent carries no patient segment', async () => {
    const received: string[] = [];
    const server = nodeNet.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', (chunk) => {
        received.push(chunk.toString('latin1'));
        socket.end('MSH|^~\\&|ENGINE|HOSP|||20260101||ACK|9|P|2.3\rMSA|AR|X|Unsupported message type\r');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ host: '127.100.252.4', port: 0 }, resolve));
    const r = await hl7Probe.run(
      ctx(replayNet, '127.100.252.4', (server.address() as nodeNet.AddressInfo).port),
    );
    expect(r).toMatchObject({
      protocol: 'hl7',
      details: {
        ack: 'AR',
        sendingApplication: 'ENGINE',
        version: '2.3',
        framing: 'none',
        errors: ['Unsupported message type'],
      },
      notes: ['answer not MLLP-framed'],
    });
    const sent = received[0] ?? '';
    expect([sent.at(0), sent.slice(-2)]).toEqual(['\x0b', '\x1c\r']);
    expect(sent.slice(1, -2)).toMatch(
      /^MSH\|\^~\\&\|HYGIE-SCAN\|CERT-SANTE\|\|\|\d{14}\+0000\|\|ACK\|HYGIE[0-9A-F]{12}\|T\|2\.5\r$/,
    );
  });
});

describe('hl7 probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await hl7Probe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
