/**
 * The Redis probe against the lab's Redis (no password), a replayed password-protected Redis on
 * 127.100.252.6, and the hostile peer.
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
import { redisProbe } from './redis.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

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
    const r = await redisProbe.run(probeContext(labNet, redis.address, 6379, { timeoutMs: 5000 }));
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
      probeContext(replayNet, '127.100.252.6', (server.address() as nodeNet.AddressInfo).port, {
        timeoutMs: 5000,
      }),
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
    const r = await redisProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
