/**
 * The HL7 probe against the lab's MLLP listener, a replayed listener that answers unframed NAKs
 * (127.100.252.4), and the hostile peer.
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
import { hl7Probe } from './hl7.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

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
    expect(await hl7Probe.run(probeContext(labNet, hl7.address, 2575, { timeoutMs: 5000 }))).toEqual({
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
      probeContext(replayNet, '127.100.252.4', (server.address() as nodeNet.AddressInfo).port, {
        timeoutMs: 5000,
      }),
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
    const r = await hl7Probe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
