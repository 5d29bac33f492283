/**
 * HTTP path probes against a local server on 127.100.250.42:8443 (a lab-range address no lab host uses,
 * a lab port):
 * a single-page application that answers its page to every path (soft 404) gives path answers the
 * checks reject, and a server exposing `.env` gives one they confirm.
 */
import * as http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionLimiter, createScanNetwork, scopeFromTargets } from '../../../platform/net/index.js';
import { checks } from '../checks/index.js';
import { EMPTY_END_OF_LIFE } from '../checks/end-of-life.js';
import { OBSERVED_VERDICT_ONLY } from '../findings/trust-store.js';
import type { HostObservation } from '../scanner.types.js';
import { EMPTY_ASSESSMENT } from './assessment.types.js';
import { evaluateChecks } from './assess.js';
import { observeHttpPaths } from './http-paths.observe.js';

const ADDRESS = '127.100.250.42';
const PORT = 8443;
const SPA =
  '<!doctype html><html><head><title>Portail</title></head><body><div id="app"></div></body></html>';

describe('HTTP path probes', () => {
  let server: http.Server;
  const network = createScanNetwork({
    scope: scopeFromTargets([ADDRESS], { ports: [PORT] }),
    config: { netAllow: ['127.100.250.0/24'], netDeny: [], dnsServers: [], excludedPorts: [] },
    limiter: createConnectionLimiter({ perHostRatePerSecond: 1000, perHostBurst: 100 }),
  });
  let envExposed = false;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (envExposed && req.url === '/.env') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('APP_ENV=production\nDB_PASSWORD=not-a-secret\nMAIL_HOST=mail.test\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(SPA);
    });
    await new Promise<void>((resolve) => server.listen(PORT, ADDRESS, () => resolve()));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const host: HostObservation = {
    address: ADDRESS,
    hostnames: [],
    services: [
      {
        port: PORT,
        transport: 'tcp',
        protocol: 'http',
        http: { url: `http://${ADDRESS}:${PORT}/`, status: 200, headers: {}, redirects: [], bodySample: SPA },
      },
    ],
  };
  const judge = (paths: Awaited<ReturnType<typeof observeHttpPaths>>): string[] =>
    evaluateChecks(
      { ...EMPTY_ASSESSMENT, hosts: [host], services: [{ address: ADDRESS, port: PORT, http: paths }] },
      {
        now: new Date(),
        trustStore: OBSERVED_VERDICT_ONLY,
        endOfLife: EMPTY_END_OF_LIFE,
        vulnerabilities: new Map(),
      },
      checks.filter((c) => /git|env|backup|directory/.test(c.definition.id)),
    ).map((f) => `${f.check} ${f.target.url ?? ''}`);

  it('recognises a soft-404 server and reports nothing from it', async () => {
    const paths = await observeHttpPaths(network, host, host.services[0]!, { timeoutMs: 3000 });
    expect(paths.soft404?.status).toBe(200);
    expect(paths.paths.length).toBeGreaterThan(10);
    expect(paths.paths.every((p) => p.soft404Similarity > 0.9)).toBe(true);
    expect(judge(paths)).toEqual([]);
  });

  it('confirms an exposed .env on the same server by its content', async () => {
    envExposed = true;
    const paths = await observeHttpPaths(network, host, host.services[0]!, { timeoutMs: 3000 });
    expect(judge(paths)).toEqual([`http.env-exposed http://${ADDRESS}:${PORT}/.env`]);
  });
});
