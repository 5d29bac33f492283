/**
 * The MongoDB probe against a replayed MongoDB 7.0 on 127.100.252.7 (the lab has none: the answers are
 * fixtures built from the wire-protocol and BSON specifications) and the hostile peer.
 */
import * as nodeNet from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  HOSTILE,
  HOSTILE_PORTS,
  labNetwork,
  probeContext,
  probeNetwork,
  requireLab,
} from '../probe-lab-kit.js';
import { decodeDocument } from './bson.parse.js';
import { mongodbProbe } from './mongodb.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

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
    expect(
      await mongodbProbe.run(probeContext(replayNet, '127.100.252.7', port, { timeoutMs: 5000 })),
    ).toEqual({
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
    expect(
      await mongodbProbe.run(probeContext(replayNet, '127.100.252.7', port, { timeoutMs: 5000 })),
    ).toMatchObject({
      product: 'MongoDB',
      details: { releaseFromWireVersion: '7.0' },
      notes: ['buildInfo refused: command buildInfo requires authentication'],
    });
  });
});

describe('mongodb probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mongodbProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
