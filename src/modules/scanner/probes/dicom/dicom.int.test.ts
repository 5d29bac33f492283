/**
 * The DICOM probe against the lab's DCMTK storescp (any AE title accepted, on 104 and 11112),
 * replayed acceptors that check the called AE title (127.100.252.3), and the hostile peer.
 */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  HOSTILE,
  HOSTILE_PORTS,
  labNetwork,
  labPort,
  probeContext,
  probeNetwork,
  requireLab,
} from '../probe-lab-kit.js';
import { pdu } from './dicom.encode.js';
import { dicomProbe } from './dicom.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

const pacs104 = labPort('pacs', 104);
const pacs11112 = labPort('pacs', 11112);
beforeAll(() =>
  requireLab([
    [pacs104.address, 104],
    [pacs11112.address, 11112],
    [HOSTILE, 21],
  ]),
);

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const AC = readFileSync(new URL('./fixtures/storescp-367-associate-ac.bin', import.meta.url));
const RELEASE_RP = readFileSync(new URL('./fixtures/storescp-367-release-rp.bin', import.meta.url));
const REJECT_CALLED = pdu(0x03, Buffer.from([0, 1, 1, 7]));

/** An acceptor that accepts only the called AE titles listed, and records every PDU type it receives. */
async function acceptor(accepted: readonly string[], received: number[]): Promise<number> {
  const server = nodeNet.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received.push(chunk.readUInt8(0));
      if (chunk.readUInt8(0) === 0x05) socket.end(RELEASE_RP);
      else if (chunk.readUInt8(0) === 0x01) {
        const called = chunk.subarray(10, 26).toString('latin1').trim();
        if (accepted.includes(called)) socket.write(AC);
        else socket.end(REJECT_CALLED);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.3', port: 0 }, resolve));
  return (server.address() as nodeNet.AddressInfo).port;
}

describe('dicom probe on the lab', () => {
  it.each([pacs104, pacs11112])('storescp on $port: any AE title accepted, DCMTK 3.6.7', async (target) => {
    const expected = target.dicom as { acceptsAnyCalledAeTitle: boolean };
    const r = await dicomProbe.run(probeContext(labNet, target.address, target.port, { timeoutMs: 5000 }));
    expect(r).toEqual({
      protocol: 'dicom',
      product: 'DCMTK',
      version: target.version,
      cpe: ['cpe:2.3:a:offis:dcmtk:3.6.7:*:*:*:*:*:*:*'],
      details: {
        associationAccepted: true,
        anyAeTitleAccepted: expected.acceptsAnyCalledAeTitle,
        calledAeTitle: 'ANY-SCP-TEST',
        verificationContext: 'acceptance',
        implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
        implementationVersionName: 'OFFIS_DCMTK_367',
        maxPduLength: 16384,
      },
    });
  });
});

describe('dicom probe on replayed acceptors', () => {
  it('an acceptor that checks the called AE title but knows ANY-SCP: retried, accepted, released', async () => {
    const received: number[] = [];
    const port = await acceptor(['ANY-SCP'], received);
    const r = await dicomProbe.run(probeContext(replayNet, '127.100.252.3', port, { timeoutMs: 5000 }));
    expect(r?.details).toMatchObject({
      associationAccepted: true,
      anyAeTitleAccepted: false,
      calledAeTitle: 'ANY-SCP',
    });
    expect(received).toEqual([0x01, 0x01, 0x05]); // two A-ASSOCIATE-RQ, one A-RELEASE-RQ, no data
  });

  it('an acceptor that knows neither title: rejected, and why', async () => {
    const received: number[] = [];
    const port = await acceptor(['PACS_CHU'], received);
    const r = await dicomProbe.run(probeContext(replayNet, '127.100.252.3', port, { timeoutMs: 5000 }));
    expect(r).toMatchObject({
      protocol: 'dicom',
      details: {
        associationAccepted: false,
        anyAeTitleAccepted: false,
        rejectReason: expect.stringContaining('called AE title not recognised') as unknown,
      },
    });
    expect(received).toEqual([0x01, 0x01]);
  });
});

describe('dicom probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await dicomProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
