/**
 * The MongoDB probe against a replayed MongoDB 7.0 on 127.100.252.7 (the lab has none: the answers are
 * fixtures built from the wire-protocol and BSON specifications) and the hostile peer.
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
import { decodeDocument } from './bson.parse.js';
import { mongodbProbe } from './mongodb.probe.js';

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

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Answers the n-th message with the n-th fixture; records each command's name. */
async function replay(answers: readonly Buffer[], commands: string[]): Promise<number> {
  const server = nodeNet.createServer((socket) => {
    let n = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      // OP_QUERY: the document follows the collection name and two int32; OP_MSG: flags and a kind byte.
      const at = chunk.readInt32LE(12) === 2004 ? chunk.indexOf(0, 20) + 9 : 21;
      const doc = decodeDocument(chunk, at);
      commands.push(doc.ok ? (Object.keys(doc.value)[0] ?? '') : 'undecodable');
      const answer = answers[n++];
      if (answer) socket.write(answer);
      else socket.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.7', port: 0 }, resolve));
  return (server.address() as nodeNet.AddressInfo).port;
}

describe('mongodb probe on replayed servers', () => {
  it('MongoDB 7.0.12: isMaster then buildInfo, nothing else', async () => {
    const commands: string[] = [];
    const port = await replay(
      [fixture('mongodb-7.0-ismaster-reply.bin'), fixture('mongodb-7.0-buildinfo-reply.bin')],
      commands,
    );
    expect(await mongodbProbe.run(ctx(replayNet, '127.100.252.7', port))).toEqual({
      protocol: 'mongodb',
      product: 'MongoDB',
      version: '7.0.12',
      cpe: ['cpe:2.3:a:mongodb:mongodb:7.0.12:*:*:*:*:*:*:*'],
      details: {
        maxWireVersion: 21,
        minWireVersion: 0,
        releaseFromWireVersion: '7.0',
        isWritablePrimary: true,
        readOnly: false,
      },
    });
    expect(commands).toEqual(['isMaster', 'buildInfo']);
  });

  it('buildInfo refused: the release still comes from the wire version, with a note', async () => {
    const port = await replay(
      [fixture('mongodb-7.0-ismaster-reply.bin'), fixture('mongodb-buildinfo-unauthorized.bin')],
      [],
    );
    expect(await mongodbProbe.run(ctx(replayNet, '127.100.252.7', port))).toMatchObject({
      product: 'MongoDB',
      details: { releaseFromWireVersion: '7.0' },
      notes: ['buildInfo refused: command buildInfo requires authentication'],
    });
  });
});

describe('mongodb probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mongodbProbe.run(ctx(labNet, HOSTILE, port, 1500));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
