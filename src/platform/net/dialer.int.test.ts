/**
 * The dialer against real loopback listeners on 127.100.250.x (random ports), including hostile ones:
 * silent, dripping, flooding, resetting, speaking another protocol. Every case must end in bounded
 * time with bounded bytes and a note, never an exception or a crash.
 */
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { createDialer, NetError, type ConnectFn } from './dialer.js';
import { loadNetConfig } from './net-config.js';
import { createScopeGuard } from './scope.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const CERT = fixture('lab-tls.crt');
const KEY = fixture('lab-tls.key');

const servers: net.Server[] = [];
const accepted = new Set<net.Socket>();
afterAll(async () => {
  // Some listeners here never read, so they never see the client's FIN: close their side by hand.
  for (const socket of accepted) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Starts a listener on `host` (random port) and returns its port. */
async function listen(
  host: string,
  onConnection: (socket: net.Socket) => void,
  server?: net.Server,
): Promise<number> {
  const s = server ?? net.createServer();
  s.on(server ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    socket.on('error', () => undefined);
    accepted.add(socket);
    onConnection(socket);
  });
  servers.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen({ host, port: 0 }, resolve);
  });
  return (s.address() as net.AddressInfo).port;
}

function setup(limits: Parameters<typeof createDialer>[0]['limits'] = {}) {
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
  const dialer = createDialer({
    guard,
    connect,
    limits: { perHostRatePerSecond: 1000, perHostBurst: 100, ...limits },
  });
  return { dialer, hosts };
}

describe('hostile peers', () => {
  it('a listener that never sends: the read times out', async () => {
    const port = await listen('127.100.250.1', () => undefined);
    const { dialer } = setup();
    const r = await dialer.exchange('127.100.250.1', port, null, {
      readTimeoutMs: 200,
      totalTimeoutMs: 10_000,
    });
    expect(r).toEqual({
      status: 'open',
      bytes: Buffer.alloc(0),
      truncated: false,
      closedBy: 'timeout',
      note: 'no data for 200 ms',
    });
  });

  it('a listener that drips a byte every 100 ms forever: the total timeout ends it with the bytes so far', async () => {
    const port = await listen('127.100.250.2', (socket) => {
      const timer = setInterval(() => socket.write('x'), 100);
      socket.on('close', () => clearInterval(timer));
    });
    const { dialer } = setup();
    const r = await dialer.exchange('127.100.250.2', port, 'hello', {
      readTimeoutMs: 5_000,
      totalTimeoutMs: 700,
    });
    expect(r).toMatchObject({
      status: 'open',
      closedBy: 'timeout',
      note: 'total time limit reached',
      truncated: false,
    });
    if (r.status !== 'open') throw new Error('unreachable');
    expect(r.bytes.length).toBeGreaterThan(0);
    expect(r.bytes.toString()).toMatch(/^x+$/);
  });

  it('a listener that sends 10 MB: the byte cap ends it, the buffer never exceeds the cap', async () => {
    const port = await listen('127.100.250.3', (socket) => socket.end(Buffer.alloc(10 * 1024 * 1024, 0x41)));
    const { dialer } = setup();
    const cap = 64 * 1024;
    const r = await dialer.exchange('127.100.250.3', port, null, { maxBytes: cap });
    expect(r).toMatchObject({
      status: 'open',
      closedBy: 'cap',
      truncated: true,
      note: `stopped at the ${cap}-byte cap`,
    });
    if (r.status !== 'open') throw new Error('unreachable');
    expect(r.bytes.length).toBe(cap);
    expect(r.bytes.buffer.byteLength).toBeLessThanOrEqual(cap);
  });

  it('a listener that resets mid-stream: closedBy reset, with a note and the bytes before', async () => {
    const port = await listen('127.100.250.4', (socket) => {
      socket.write('hello');
      setTimeout(() => socket.resetAndDestroy(), 100);
    });
    const { dialer } = setup();
    const r = await dialer.exchange('127.100.250.4', port, null, { readTimeoutMs: 5_000 });
    expect(r).toMatchObject({
      status: 'open',
      closedBy: 'reset',
      note: 'connection reset by peer after 5 bytes',
    });
    if (r.status === 'open') expect(r.bytes.toString()).toBe('hello');
  });

  it('a banner of unknown length: stops when the peer goes idle, or at the caller condition', async () => {
    const port = await listen('127.100.250.5', (socket) =>
      socket.write('SSH-2.0-OpenSSH_9.2p1 Debian\r\nmore'),
    );
    const { dialer } = setup();
    const idle = await dialer.exchange('127.100.250.5', port, null, { untilIdleMs: 100 });
    expect(idle).toMatchObject({ status: 'open', closedBy: 'done', note: 'peer idle for 100 ms' });
    const line = await dialer.exchange('127.100.250.5', port, null, { stopWhen: (b) => b.includes('\n') });
    expect(line).toMatchObject({ status: 'open', closedBy: 'done' });
    if (line.status === 'open') expect(line.bytes.toString()).toMatch(/^SSH-2\.0-OpenSSH_9\.2p1 Debian\r\n/);
  });

  it('a listener that closes at once: closedBy peer', async () => {
    const port = await listen('127.100.250.5', (socket) => socket.end('bye'));
    const { dialer } = setup();
    expect(await dialer.exchange('127.100.250.5', port, 'hi')).toMatchObject({
      status: 'open',
      closedBy: 'peer',
    });
  });
});

describe('connections', () => {
  it('reads in steps on one connection, puts back surplus bytes, and is destroyed at its deadline', async () => {
    const port = await listen('127.100.250.6', (socket) => {
      socket.write('220 ready\r\n250 ok\r\n');
      socket.on('data', () => socket.write('echo\r\n'));
    });
    const { dialer, hosts } = setup();
    const c = await dialer.tcp('127.100.250.6', port, { totalTimeoutMs: 1_000 });
    const first = await c.read({ stopWhen: (b) => b.includes('\n') });
    const text = first.bytes.toString();
    const line = text.slice(0, text.indexOf('\n') + 1);
    c.unshift(Buffer.from(text.slice(line.length)));
    expect(line).toBe('220 ready\r\n');
    await c.write('NOOP\r\n');
    const rest = await c.read({ stopWhen: (b) => b.toString().endsWith('echo\r\n') });
    expect(rest.bytes.toString()).toBe('250 ok\r\necho\r\n');
    const forgotten = await c.read({ readTimeoutMs: 5_000 });
    expect(forgotten).toMatchObject({ closedBy: 'timeout', note: 'total time limit reached' });
    expect(c.closed).toBe(true);
    expect(hosts).toEqual(['127.100.250.6']);
  });

  it('probes open and closed ports', async () => {
    const port = await listen('127.100.250.7', (socket) => socket.end());
    const spare = net.createServer();
    await new Promise<void>((resolve) => spare.listen({ host: '127.100.250.7', port: 0 }, resolve));
    const closedPort = (spare.address() as net.AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const { dialer } = setup();
    expect(await dialer.probe('127.100.250.7', port)).toEqual({ status: 'open' });
    expect(await dialer.probe('127.100.250.7', closedPort)).toMatchObject({
      status: 'closed',
      note: expect.stringMatching(/ECONNREFUSED/) as string,
    });
    expect(await dialer.exchange('127.100.250.7', closedPort, 'x')).toMatchObject({ status: 'closed' });
  });

  it('holds the per-host concurrency limit (counted by the listener)', async () => {
    let current = 0;
    let peak = 0;
    let accepted = 0;
    const port = await listen('127.100.250.8', (socket) => {
      accepted++;
      peak = Math.max(peak, ++current);
      setTimeout(() => {
        // Counted down before the FIN leaves, so the client can only free its slot afterwards.
        current--;
        socket.end('done');
      }, 100);
    });
    const { dialer } = setup({ perHostConcurrency: 2 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => dialer.exchange('127.100.250.8', port, null, { readTimeoutMs: 5_000 })),
    );
    expect(results.every((r) => r.status === 'open' && r.closedBy === 'peer')).toBe(true);
    expect(accepted).toBe(6);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThanOrEqual(1);
  });
});

describe('TLS', () => {
  it('completes a handshake without trusting the certificate, and reports what it saw', async () => {
    const server = tls.createServer({ cert: CERT, key: KEY, ALPNProtocols: ['http/1.1'] });
    const port = await listen(
      '127.100.250.9',
      (socket) => socket.on('data', (d: Buffer) => socket.write(d)),
      server,
    );
    const { dialer } = setup();
    const c = await dialer.tls('127.100.250.9', port, {
      servername: 'www.lab.test',
      ALPNProtocols: ['http/1.1'],
    });
    expect(c.tls).toMatchObject({ protocol: 'TLSv1.3', alpn: 'http/1.1', authorized: false });
    expect(c.tls.authorizationError).toMatch(/SELF_SIGNED/);
    expect(c.tls.certificate?.subject).toContain('CN=www.lab.test');
    await c.write('ping');
    expect((await c.read({ stopWhen: (b) => b.length >= 4 })).bytes.toString()).toBe('ping');
    c.close();
    const trusted = await dialer.tls('127.100.250.9', port, {
      servername: 'www.lab.test',
      ca: CERT,
      maxVersion: 'TLSv1.2',
    });
    expect(trusted.tls).toMatchObject({ protocol: 'TLSv1.2', authorized: true });
    trusted.close();
  });

  it('fails with a typed error against another protocol, a reset or a silent peer', async () => {
    const ssh = await listen('127.100.250.10', (socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n'));
    const reset = await listen('127.100.250.10', (socket) => socket.resetAndDestroy());
    const silent = await listen('127.100.250.10', () => undefined);
    const { dialer } = setup();
    await expect(dialer.tls('127.100.250.10', ssh)).rejects.toMatchObject({
      failure: 'protocol',
      message: expect.stringMatching(/TLS handshake failed/) as string,
    });
    await expect(dialer.tls('127.100.250.10', reset)).rejects.toBeInstanceOf(NetError);
    await expect(dialer.tls('127.100.250.10', silent, { handshakeTimeoutMs: 200 })).rejects.toMatchObject({
      failure: 'timeout',
    });
    const viaExchange = await dialer.exchange('127.100.250.10', ssh, 'GET / HTTP/1.0\r\n\r\n', { tls: {} });
    expect(viaExchange).toMatchObject({
      status: 'open',
      closedBy: 'error',
      note: expect.stringMatching(/TLS handshake failed/) as string,
    });
  });

  it('upgrades a plaintext connection after STARTTLS', async () => {
    const port = await listen('127.100.250.9', (socket) => {
      socket.write('220 ready\r\n');
      socket.once('data', () => {
        socket.write('220 go ahead\r\n');
        const secure = new tls.TLSSocket(socket, { isServer: true, cert: CERT, key: KEY });
        secure.on('error', () => undefined);
        secure.on('data', (d: Buffer) => secure.write(`secure ${d.toString()}`));
      });
    });
    const { dialer } = setup();
    const plain = await dialer.tcp('127.100.250.9', port);
    expect((await plain.read({ stopWhen: (b) => b.includes('\n') })).bytes.toString()).toBe('220 ready\r\n');
    await plain.write('STARTTLS\r\n');
    expect((await plain.read({ stopWhen: (b) => b.includes('\n') })).bytes.toString()).toBe(
      '220 go ahead\r\n',
    );
    const secure = await dialer.startTls(plain, { servername: 'www.lab.test' });
    expect(secure.tls.protocol).toMatch(/^TLSv1\.[23]$/);
    await secure.write('EHLO');
    expect((await secure.read({ stopWhen: (b) => b.length >= 11 })).bytes.toString()).toBe('secure EHLO');
    secure.close();
  });
});
