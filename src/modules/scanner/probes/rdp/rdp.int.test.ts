/**
 * The RDP probe against the lab's xrdp, replayed servers (NLA enforced; TLS-only question) on
 * 127.100.252.1, and every port of the hostile peer.
 */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOSTILE,
  HOSTILE_PORTS,
  labNetwork,
  labPort,
  probeContext,
  probeNetwork,
  requireLab,
} from '../probe-lab-kit.js';
import { RDP_PROTOCOL } from './rdp.encode.js';
import { rdpProbe } from './rdp.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

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
    const r = await rdpProbe.run(probeContext(labNet, xrdp.address, 3389, { timeoutMs: 5000 }));
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
    expect(await rdpProbe.run(probeContext(replayNet, '127.100.252.1', port, { timeoutMs: 5000 }))).toEqual({
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
    expect(
      await rdpProbe.run(probeContext(replayNet, '127.100.252.1', port, { timeoutMs: 5000 })),
    ).toMatchObject({
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
    const r = await rdpProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
