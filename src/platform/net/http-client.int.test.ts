/**
 * The HTTP client against a real `node:http` server (and raw hostile ones) on 127.100.250.30-32.
 * The injected connect records every host it is asked for: nothing but loopback may appear.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialer, type ConnectFn } from './dialer.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { followRedirects } from './http-redirects.js';
import { loadNetConfig } from './net-config.js';
import { createScopeGuard, REFUSAL_REASONS as R, type ScopeGuard } from './scope.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const HOST = '127.100.250.30';
const TLS_HOST = '127.100.250.31';
const RAW_HOST = '127.100.250.32';

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  const send = (status: number, headers: http.OutgoingHttpHeaders, body = ''): void => {
    res.writeHead(status, headers);
    res.end(body);
  };
  if (url === '/hello') return send(200, { 'x-test': 'yes', 'content-type': 'text/plain' }, 'hello world');
  if (url === '/host') {
    const sni = (req.socket as TLSSocket).servername ?? '-';
    return send(200, {}, `${req.headers.host ?? ''} ${sni} ${req.headers['accept-encoding'] ?? ''}`);
  }
  if (url === '/chunked') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first,');
    res.write('second,');
    setTimeout(() => res.end('third'), 20);
    return;
  }
  if (url === '/big') return send(200, {}, 'B'.repeat(2 * 1024 * 1024));
  if (url === '/redirect-in') return send(302, { location: '/hello' });
  if (url === '/redirect-twice') return send(301, { location: '/redirect-in' });
  if (url === '/redirect-out') return send(302, { location: 'http://8.8.8.8/' });
  if (url === '/redirect-name-out') return send(301, { location: 'https://www.elsewhere.example/x' });
  if (url === '/redirect-loop') return send(302, { location: '/redirect-loop' });
  if (url === '/redirect-ftp') return send(302, { location: 'ftp://files.lab.test/' });
  send(404, {}, 'not found');
}

/** Canned raw answers no well-behaved HTTP server would produce, by request path. */
const RAW: Record<string, string> = {
  '/ssh': 'SSH-2.0-OpenSSH_9.2p1\r\n',
  '/short': 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b',
  '/until-close': 'HTTP/1.0 200 OK\r\nServer: old\r\n\r\nbody until close',
  '/continue': 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  '/bad-chunks': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc',
  '/big-length': `HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n${'B'.repeat(5_000_000)}`,
};

function rawHandler(socket: net.Socket): void {
  socket.on('error', () => undefined);
  socket.once('data', (data: Buffer) => {
    const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '';
    if (path !== '/huge-head')
      return void socket.end(RAW[path] ?? 'HTTP/1.1 500 Nope\r\nContent-Length: 0\r\n\r\n');
    // Headers forever, written as fast as the client reads them.
    socket.write('HTTP/1.1 200 OK\r\n');
    const line = `X-Padding: ${'p'.repeat(1000)}\r\n`;
    const flood = (): void => {
      while (!socket.destroyed && socket.write(line));
    };
    socket.on('drain', flood);
    flood();
  });
}

let port = 0;
let tlsPort = 0;
let rawPort = 0;
const server = http.createServer(handler);
const tlsServer = https.createServer({ cert: fixture('lab-tls.crt'), key: fixture('lab-tls.key') }, handler);
const rawServer = net.createServer(rawHandler);

async function start(s: net.Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen({ host, port: 0 }, resolve);
  });
  return (s.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  port = await start(server, HOST);
  tlsPort = await start(tlsServer, TLS_HOST);
  rawPort = await start(rawServer, RAW_HOST);
});

afterAll(async () => {
  server.closeAllConnections();
  tlsServer.closeAllConnections();
  await Promise.all([server, tlsServer, rawServer].map((s) => new Promise((resolve) => s.close(resolve))));
});

function setup(): { client: HttpClient; guard: ScopeGuard; hosts: string[] } {
  const { netAllow, netDeny } = loadNetConfig();
  const guard = createScopeGuard({
    scope: { cidrs: ['127.100.250.0/24'], domains: ['lab.test'] },
    netAllow,
    netDeny,
  });
  const hosts: string[] = [];
  const connect: ConnectFn = (options) => {
    hosts.push(String(options.host));
    return net.connect(options);
  };
  const dialer = createDialer({ guard, connect, limits: { perHostRatePerSecond: 1000, perHostBurst: 100 } });
  // In-memory name resolution: every lab name points at the TLS host.
  const resolver = { lookup: () => Promise.resolve({ addresses: [TLS_HOST] }) };
  return { client: createHttpClient({ dialer, resolver }), guard, hosts };
}

describe('HTTP client', () => {
  it('reads status, headers and a Content-Length body; HEAD has no body', async () => {
    const { client } = setup();
    const r = await client.request(`http://${HOST}:${port}/hello`);
    expect(r).toMatchObject({
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      address: HOST,
      port,
      truncated: false,
      closedBy: 'done',
    });
    expect(r.headers['x-test']).toBe('yes');
    expect(r.body.toString()).toBe('hello world');
    const head = await client.request(`http://${HOST}:${port}/hello`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('decodes a chunked body', async () => {
    const { client } = setup();
    const r = await client.request(`http://${HOST}:${port}/chunked`);
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.body.toString()).toBe('first,second,third');
    expect(r.closedBy).toBe('done');
  });

  it('caps the body', async () => {
    const { client } = setup();
    const r = await client.request(`http://${HOST}:${port}/big`, { maxBodyBytes: 10_000 });
    expect(r).toMatchObject({ status: 200, truncated: true, closedBy: 'cap' });
    expect(r.body.length).toBe(10_000);
    const framed = await client.request(`http://${RAW_HOST}:${rawPort}/big-length`, { maxBodyBytes: 10_000 });
    expect(framed).toMatchObject({ status: 200, truncated: true, closedBy: 'cap' });
    expect(framed.body.length).toBe(10_000);
  });

  it('sends the name in Host and SNI while connecting to the resolved address', async () => {
    const { client, hosts } = setup();
    const r = await client.request(`https://www.lab.test:${tlsPort}/host`);
    expect(r.body.toString()).toBe(`www.lab.test:${tlsPort} www.lab.test identity`);
    expect(r.address).toBe(TLS_HOST);
    expect(r.tls).toMatchObject({ authorized: false });
    expect(r.tls?.certificate?.subject).toContain('CN=www.lab.test');
    expect(hosts).toEqual([TLS_HOST]);
  });

  it.each([
    ['/ssh', 'protocol', /not an HTTP response: "SSH-2\.0-OpenSSH_9\.2p1\.\."/],
    ['/huge-head', 'protocol', /response head larger than 8192 bytes/],
  ])('fails clearly on %s', async (path, failure, message) => {
    const { client } = setup();
    await expect(
      client.request(`http://${RAW_HOST}:${rawPort}${path}`, { maxHeaderBytes: 8192 }),
    ).rejects.toMatchObject({
      name: 'NetError',
      failure,
      message: expect.stringMatching(message) as string,
    });
  });

  it('reports sloppy framing in the result instead of failing', async () => {
    const { client } = setup();
    const base = `http://${RAW_HOST}:${rawPort}`;
    expect(await client.request(`${base}/short`)).toMatchObject({
      closedBy: 'peer',
      note: 'body shorter than Content-Length (10 of 100 bytes)',
    });
    const old = await client.request(`${base}/until-close`);
    expect(old).toMatchObject({ httpVersion: '1.0', closedBy: 'peer' });
    expect(old.body.toString()).toBe('body until close');
    const cont = await client.request(`${base}/continue`);
    expect(cont).toMatchObject({ status: 200 });
    expect(cont.body.toString()).toBe('ok');
    expect(await client.request(`${base}/bad-chunks`)).toMatchObject({
      note: 'chunked body ended before its last chunk',
    });
  });
});

describe('followRedirects', () => {
  it('follows in-scope redirects', async () => {
    const { client } = setup();
    const chain = await followRedirects(client, `http://${HOST}:${port}/redirect-twice`);
    expect(chain.responses.map((r) => r.status)).toEqual([301, 302, 200]);
    expect(chain.final.body.toString()).toBe('hello world');
    expect(chain.refused).toEqual([]);
  });

  it('records a redirect to an out-of-scope address without connecting to it', async () => {
    const { client, guard, hosts } = setup();
    const from = `http://${HOST}:${port}/redirect-out`;
    const chain = await followRedirects(client, from);
    expect(chain.final.status).toBe(302);
    expect(chain.refused).toEqual([{ from, to: 'http://8.8.8.8/', reason: R.outsideAllow }]);
    expect(hosts).toEqual([HOST]);
    expect(guard.refused).toEqual([{ target: '8.8.8.8', reason: R.outsideAllow }]);
  });

  it('records a redirect to an out-of-scope name, and one to another scheme', async () => {
    const { client, hosts } = setup();
    const named = await followRedirects(client, `http://${HOST}:${port}/redirect-name-out`);
    expect(named.refused).toEqual([
      {
        from: `http://${HOST}:${port}/redirect-name-out`,
        to: 'https://www.elsewhere.example/x',
        reason: R.nameNotInScope,
      },
    ]);
    const ftp = await followRedirects(client, `http://${HOST}:${port}/redirect-ftp`);
    expect(ftp.refused[0]?.reason).toBe('not an HTTP URL');
    expect(hosts).toEqual([HOST, HOST]);
  });

  it('stops on loops and at the hop limit', async () => {
    const { client } = setup();
    const loop = await followRedirects(client, `http://${HOST}:${port}/redirect-loop`);
    expect(loop.note).toBe(`redirect loop at http://${HOST}:${port}/redirect-loop`);
    const limited = await followRedirects(client, `http://${HOST}:${port}/redirect-twice`, {
      maxRedirects: 1,
    });
    expect(limited.responses.map((r) => r.status)).toEqual([301, 302]);
    expect(limited.note).toBe('stopped after 1 redirects');
  });
});
