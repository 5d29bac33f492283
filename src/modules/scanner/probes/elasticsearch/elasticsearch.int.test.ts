/**
 * The Elasticsearch probe against replayed nodes on 127.100.252.8 (node:http and node:https; the lab
 * has none), and the hostile peer.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Server } from 'node:net';
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
import { elasticsearchProbe } from './elasticsearch.probe.js';

/** Lab addresses, lab ports only; replay listeners of this file on 127.100.252.x. */
const labNet = labNetwork();
const replayNet = probeNetwork(['127.100.252.0/24']);

beforeAll(() => requireLab([[HOSTILE, 21]]));

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
// A throw-away loopback certificate that the network layer's own tests use.
const tlsFixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../../platform/net/fixtures/${name}`, import.meta.url));

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler, secure = false): Promise<number> {
  const server = secure
    ? https.createServer({ cert: tlsFixture('lab-tls.crt'), key: tlsFixture('lab-tls.key') }, handler)
    : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.100.252.8', port: 0 }, resolve));
  return (server.address() as AddressInfo).port;
}

const root: Handler = (req, res) => {
  if (req.method !== 'GET' || req.url !== '/') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
  res.end(fixture('elasticsearch-8.15-root.json'));
};

describe('elasticsearch probe on replayed nodes', () => {
  it('an open node over HTTP', async () => {
    const port = await serve(root);
    expect(
      await elasticsearchProbe.run(probeContext(replayNet, '127.100.252.8', port, { timeoutMs: 5000 })),
    ).toEqual({
      protocol: 'elasticsearch',
      tls: false,
      product: 'Elasticsearch',
      version: '8.15.1',
      cpe: ['cpe:2.3:a:elastic:elasticsearch:8.15.1:*:*:*:*:*:*:*'],
      details: {
        authRequired: false,
        clusterName: 'chu-logs',
        nodeName: 'es-node-01',
        buildFlavor: 'default',
        luceneVersion: '9.11.1',
        tagline: 'You Know, for Search',
      },
    });
  });

  it('a secured node over HTTPS only: found after the plain request fails', async () => {
    const port = await serve((_req, res) => {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="security" charset="UTF-8"',
        'x-elastic-product': 'Elasticsearch',
      });
      res.end(fixture('elasticsearch-8-401.json'));
    }, true);
    expect(
      await elasticsearchProbe.run(probeContext(replayNet, '127.100.252.8', port, { timeoutMs: 5000 })),
    ).toEqual({
      protocol: 'elasticsearch',
      tls: true,
      product: 'Elasticsearch',
      details: { authRequired: true },
    });
  });

  it('another web server is not Elasticsearch', async () => {
    const port = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>It works!</h1>'),
    );
    expect(
      await elasticsearchProbe.run(probeContext(replayNet, '127.100.252.8', port, { timeoutMs: 5000 })),
    ).toBeNull();
  });
});

describe('elasticsearch probe on the hostile peer', () => {
  it.concurrent.each(HOSTILE_PORTS)('port %i: completes with nothing or a noted match', async (port) => {
    const r = await elasticsearchProbe.run(probeContext(labNet, HOSTILE, port, { timeoutMs: 1500 }));
    expect(r === null || (r.notes?.length ?? 0) > 0).toBe(true);
  });
});
