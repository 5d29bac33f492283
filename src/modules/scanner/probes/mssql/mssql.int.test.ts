/**
 * The MSSQL probe against replayed SQL Servers on 127.100.252.5 (the lab has none: the answers are
 * fixtures built from MS-TDS) and the hostile peer.
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
import { encodeClientPrelogin } from './mssql.encode.js';
import { mssqlProbe } from './mssql.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

beforeAll(() => requireLab([[HOSTILE, 21]]));

const servers: nodeNet.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server that answers the first packet with a fixture and records what it received. */
async function replay(fixture: string, received: Buffer[]): Promise<number> {
  const answer = readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url));
  const server = nodeNet.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      received.push(chunk);
      socket.write(answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.5', port: 0 }, resolve));
  return (server.address() as nodeNet.AddressInfo).port;
}

describe('mssql probe on replayed servers', () => {
  it('SQL Server 2019: version, release, encryption off; only a PRELOGIN was sent', async () => {
    const received: Buffer[] = [];
    const port = await replay('sql2019-prelogin-response.bin', received);
    const r = await mssqlProbe.run(probeContext(replayNet, '127.100.252.5', port, { timeoutMs: 5000 }));
    expect(r).toEqual({
      protocol: 'mssql',
      product: 'Microsoft SQL Server',
      version: '15.0.2000',
      cpe: ['cpe:2.3:a:microsoft:sql_server:2019:*:*:*:*:*:*:*'],
      details: { encryption: 'off', release: '2019', subBuild: 5, mars: false, fedAuthRequired: false },
    });
    expect(received).toEqual([encodeClientPrelogin()]);
  });

  it('SQL Server 2008 R2 requiring encryption', async () => {
    const port = await replay('sql2008r2-prelogin-response.bin', []);
    expect(
      await mssqlProbe.run(probeContext(replayNet, '127.100.252.5', port, { timeoutMs: 5000 })),
    ).toMatchObject({
      version: '10.50.1600',
      details: { encryption: 'required', release: '2008 R2' },
    });
  });
});

describe('mssql probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await mssqlProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
