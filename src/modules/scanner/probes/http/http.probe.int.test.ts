/** The HTTP probe against the lab's web servers and a test server on 127.100.251.x (redirects, favicon). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labNetwork, probeContext, probeNetwork, requireLab } from '../probe-lab-kit.js';
import { faviconMd5, shodanFaviconHash } from './favicon.parse.js';
import { httpProbe } from './http.probe.js';

const lab = labNetwork();
const local = probeNetwork(['127.100.251.0/24']);
const ICON = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const server = http.createServer((req, res) => {
  const send = (status: number, headers: http.OutgoingHttpHeaders, body: string | Buffer = '') => {
    res.writeHead(status, headers);
    res.end(body);
  };
  if (req.url === '/') return send(302, { location: '/portal/' });
  if (req.url === '/portal/') {
    return send(
      200,
      { 'content-type': 'text/html; charset=utf-8', 'set-cookie': ['SID=1; Path=/', 'PHPSESSID=2'] },
      '<html><head><title>Portail &amp; accès</title><link rel="icon" href="/static/i.png"></head></html>',
    );
  }
  if (req.url === '/static/i.png') return send(200, { 'content-type': 'image/png' }, ICON);
  if (req.url === '/away') return send(301, { location: 'http://127.100.250.1/elsewhere' });
  return send(404, { 'content-type': 'text/html' }, '<title>404</title>');
});
let port = 0;

describe('http probe', () => {
  beforeAll(async () => {
    await requireLab([
      ['127.100.1.20', 80],
      ['127.100.1.10', 80],
      ['127.100.1.40', 80],
    ]);
    await new Promise<void>((resolve) => server.listen(0, '127.100.251.41', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('weak nginx (127.100.1.20:80): status, headers, title', async () => {
    const match = await httpProbe.run(
      probeContext(lab, '127.100.1.20', 80, { hostnames: ['www.chu-lab.test'] }),
    );
    expect(match).toMatchObject({
      protocol: 'http',
      tls: false,
      http: {
        url: 'http://www.chu-lab.test/',
        status: 200,
        title: 'CHU Lab — Portail patient',
        redirects: [],
        headers: { server: 'nginx/1.22.1', 'x-powered-by': 'PHP/5.6.40' },
      },
    });
    expect(match?.http?.bodySample).toContain('Portail patient');
  });

  it('clean nginx (127.100.1.10:80): the redirect to HTTPS is followed in scope and recorded', async () => {
    const match = await httpProbe.run(
      probeContext(lab, '127.100.1.10', 80, { hostnames: ['www.hopital-sain.test'] }),
    );
    expect(match?.http).toMatchObject({
      status: 301,
      headers: { location: 'https://www.hopital-sain.test/' },
      redirects: [
        { from: 'http://www.hopital-sain.test/', to: 'https://www.hopital-sain.test/', status: 301 },
      ],
    });
    expect(match?.details).toMatchObject({ finalUrl: 'https://www.hopital-sain.test/', finalStatus: 200 });
  });

  it('IIS imitation (127.100.1.40:80) by IP only', async () => {
    const match = await httpProbe.run(probeContext(lab, '127.100.1.40', 80));
    expect(match?.http).toMatchObject({
      url: 'http://127.100.1.40/',
      title: 'IIS7',
      headers: { server: 'Microsoft-IIS/7.5' },
    });
  });

  it('follows a same-site redirect, keeps cookies one per line, hashes the favicon', async () => {
    const match = await httpProbe.run(probeContext(local, '127.100.251.41', port));
    expect(match?.http).toMatchObject({
      url: `http://127.100.251.41:${port}/portal/`,
      status: 200,
      title: 'Portail & accès',
      faviconHash: shodanFaviconHash(ICON),
      headers: { 'set-cookie': 'SID=1; Path=/\nPHPSESSID=2' },
    });
    expect(match?.details?.favicon).toMatchObject({ md5: faviconMd5(ICON), bytes: ICON.length });
  });

  it('records a redirect that leaves the scope instead of following it', async () => {
    const client = local.http;
    const match = await httpProbe.run({
      ...probeContext(local, '127.100.251.41', port),
      http: { request: (url, o) => client.request(String(url).replace(/\/$/, '/away'), o) },
    });
    expect(match?.http?.refusedRedirects).toEqual([
      {
        from: `http://127.100.251.41:${port}/away`,
        to: 'http://127.100.250.1/elsewhere',
        reason: 'not in scan scope',
      },
    ]);
    expect(local.guard.refused).toContainEqual({ target: '127.100.250.1', reason: 'not in scan scope' });
  });

  it('says no to TLS ports and to other protocols', async () => {
    expect(await httpProbe.run(probeContext(lab, '127.100.1.20', 443, { timeoutMs: 3000 }))).toBeNull();
    expect(await httpProbe.run(probeContext(lab, '127.100.6.10', 22, { timeoutMs: 3000 }))).toBeNull();
  });
});
