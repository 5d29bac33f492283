/**
 * The resolver against a tiny real DNS server (UDP and TCP, `dns-packet` encoded) on 127.100.250.53,
 * serving a `lab.test` zone built to exercise CNAME chains, scope exits, truncation and AXFR.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Packet } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialer } from './dialer.js';
import { loadNetConfig } from './net-config.js';
import { createResolver, DnsError, type Resolver } from './resolver.js';
import { createScopeGuard, REFUSAL_REASONS as R, type ScopeGuard } from './scope.js';

const DNS_HOST = '127.100.250.53';
const SILENT_HOST = '127.100.250.54';
const SOA: Answer = {
  type: 'SOA',
  name: 'lab.test',
  ttl: 300,
  data: {
    mname: 'ns1.lab.test',
    rname: 'hostmaster.lab.test',
    serial: 2030010101,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 300,
  },
};
const a = (name: string, ip: string): Answer => ({ type: 'A', name, ttl: 60, data: ip });
const cname = (name: string, to: string): Answer => ({ type: 'CNAME', name, ttl: 60, data: to });

/** Answers by "name type"; A-record chains are served as a recursive resolver would. */
const ZONE: Record<string, Answer[]> = {
  'www.lab.test A': [a('www.lab.test', '127.100.250.10')],
  'alias.lab.test A': [
    cname('alias.lab.test', 'a1.lab.test'),
    cname('a1.lab.test', 'www.lab.test'),
    a('www.lab.test', '127.100.250.10'),
  ],
  'alias.lab.test AAAA': [cname('alias.lab.test', 'a1.lab.test'), cname('a1.lab.test', 'www.lab.test')],
  'partial.lab.test A': [cname('partial.lab.test', 'step.lab.test')],
  'step.lab.test A': [a('step.lab.test', '127.100.250.11')],
  'out.lab.test A': [
    cname('out.lab.test', 'cdn.elsewhere.example'),
    a('cdn.elsewhere.example', '127.100.250.99'),
  ],
  'loop.lab.test A': [cname('loop.lab.test', 'loop2.lab.test'), cname('loop2.lab.test', 'loop.lab.test')],
  'txt.lab.test TXT': [
    { type: 'TXT', name: 'txt.lab.test', ttl: 60, data: ['v=spf1 ip4:127.100.250.0/24 ', '-all'] },
  ],
  'lab.test MX': [
    { type: 'MX', name: 'lab.test', ttl: 60, data: { preference: 20, exchange: 'mx.outsourced.example' } },
    { type: 'MX', name: 'lab.test', ttl: 60, data: { preference: 10, exchange: 'mx.lab.test' } },
  ],
  'mx.lab.test A': [a('mx.lab.test', '127.100.250.25')],
  'lab.test CAA': [
    { type: 'CAA', name: 'lab.test', ttl: 60, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
  ],
  'lab.test SOA': [SOA],
  'big.lab.test TXT': Array.from({ length: 40 }, (_, i) => ({
    type: 'TXT',
    name: 'big.lab.test',
    ttl: 60,
    data: `record ${i} ${'x'.repeat(60)}`,
  })),
  '10.250.100.127.in-addr.arpa PTR': [
    { type: 'PTR', name: '10.250.100.127.in-addr.arpa', ttl: 60, data: 'www.lab.test' },
  ],
};

const AXFR_MESSAGES: Answer[][] = [
  [
    SOA,
    { type: 'NS', name: 'lab.test', ttl: 300, data: 'ns1.lab.test' },
    a('www.lab.test', '127.100.250.10'),
  ],
  [a('mx.lab.test', '127.100.250.25'), ...(ZONE['txt.lab.test TXT'] ?? [])],
  [cname('alias.lab.test', 'www.lab.test'), SOA],
];

function response(query: DecodedPacket, answers: Answer[], flags = 0): Packet {
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | flags,
    questions: query.questions ?? [],
    answers,
  };
}

function answer(query: DecodedPacket, transport: 'udp' | 'tcp'): Packet {
  const q = query.questions?.[0];
  const key = `${(q?.name ?? '').toLowerCase()} ${q?.type ?? ''}`;
  if (key === 'big.lab.test TXT' && transport === 'udp')
    return response(query, [], dnsPacket.TRUNCATED_RESPONSE);
  if (key.startsWith('nowhere.lab.test')) return response(query, [], 3);
  return response(query, ZONE[key] ?? []);
}

/** The whole AXFR conversation for one query, as length-prefixed frames. */
function transfer(query: DecodedPacket, socket: net.Socket): void {
  const zone = (query.questions?.[0]?.name ?? '').toLowerCase();
  if (zone === 'closed.lab.test') return void socket.destroy();
  if (zone === 'secret.lab.test') return void socket.end(dnsPacket.streamEncode(response(query, [], 5)));
  if (zone === 'notauth.lab.test') return void socket.end(dnsPacket.streamEncode(response(query, [], 9)));
  if (zone === 'cut.lab.test')
    return void socket.end(dnsPacket.streamEncode(response(query, AXFR_MESSAGES[0] ?? [])));
  // Messages written in one go, so the client must split frames that arrive together.
  socket.end(Buffer.concat(AXFR_MESSAGES.map((answers) => dnsPacket.streamEncode(response(query, answers)))));
}

const udp = dgram.createSocket('udp4');
const silent = dgram.createSocket('udp4');
const tcp = net.createServer((socket) => {
  socket.on('error', () => undefined);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const query = dnsPacket.decode(pending.subarray(2, 2 + pending.readUInt16BE(0)));
      pending = pending.subarray(2 + pending.readUInt16BE(0));
      if (query.questions?.[0]?.type === 'AXFR') transfer(query, socket);
      else socket.write(dnsPacket.streamEncode(answer(query, 'tcp')));
    }
  });
});
let port = 0;
let silentPort = 0;
const udpQueries: string[] = [];

udp.on('message', (message, from) => {
  const query = dnsPacket.decode(message);
  const name = query.questions?.[0]?.name ?? '';
  udpQueries.push(`${name} ${query.questions?.[0]?.type ?? ''}`);
  const reply = (packet: Packet | Buffer): void => {
    udp.send(Buffer.isBuffer(packet) ? packet : dnsPacket.encode(packet), from.port, from.address);
  };
  if (name === 'noisy.lab.test') {
    // Junk and a reply to another query first: the resolver must wait for the real answer.
    reply(Buffer.from('not dns at all'));
    reply({ ...answer(query, 'udp'), id: ((query.id ?? 0) + 1) % 65536 });
    reply(response(query, [a('noisy.lab.test', '127.100.250.12')]));
    return;
  }
  if (name === 'wrongid.lab.test')
    return reply({ ...answer(query, 'udp'), id: ((query.id ?? 0) + 1) % 65536 });
  reply(answer(query, 'udp'));
});

beforeAll(async () => {
  // UDP and TCP on the same port number; retry when the TCP side happens to be taken.
  for (let attempt = 0; ; attempt++) {
    await new Promise<void>((resolve) => udp.bind(0, DNS_HOST, resolve));
    port = udp.address().port;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ host: DNS_HOST, port }, resolve);
      });
      break;
    } catch (error) {
      if (attempt > 5) throw error;
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    }
  }
  await new Promise<void>((resolve) => silent.bind(0, SILENT_HOST, resolve));
  silentPort = silent.address().port;
});

afterAll(async () => {
  udp.close();
  silent.close();
  await new Promise((resolve) => tcp.close(resolve));
});

function setup(
  servers = [{ host: DNS_HOST, port }],
  timeoutMs = 1_000,
): { resolver: Resolver; guard: ScopeGuard } {
  const { netAllow, netDeny } = loadNetConfig();
  const guard = createScopeGuard({ scope: { cidrs: [], domains: ['lab.test'] }, netAllow, netDeny });
  const dialer = createDialer({ guard });
  return { resolver: createResolver({ dialer, servers, timeoutMs, retries: 1 }), guard };
}

describe('queries', () => {
  it('asks the configured server over UDP and returns text records', async () => {
    const { resolver } = setup();
    const txt = await resolver.query('TXT.lab.test.', 'TXT');
    expect(txt).toMatchObject({
      rcode: 'NOERROR',
      authoritative: true,
      transport: 'udp',
      server: `${DNS_HOST}:${port}`,
    });
    expect(txt.records).toEqual([
      { name: 'txt.lab.test', type: 'TXT', ttl: 60, value: 'v=spf1 ip4:127.100.250.0/24 -all' },
    ]);
    expect((await resolver.query('lab.test', 'MX')).records.map((r) => r.value)).toEqual([
      '20 mx.outsourced.example',
      '10 mx.lab.test',
    ]);
    expect((await resolver.query('lab.test', 'CAA')).records[0]?.value).toBe('0 issue "letsencrypt.org"');
    expect((await resolver.query('lab.test', 'SOA')).records[0]?.value).toBe(
      'ns1.lab.test hostmaster.lab.test 2030010101 3600 600 86400 300',
    );
    expect((await resolver.query('nowhere.lab.test', 'A')).rcode).toBe('NXDOMAIN');
  });

  it('falls back to TCP when the UDP answer is truncated', async () => {
    const { resolver } = setup();
    const big = await resolver.query('big.lab.test', 'TXT');
    expect(big.transport).toBe('tcp');
    expect(big.records).toHaveLength(40);
  });

  it('ignores junk and answers to other queries', async () => {
    const { resolver } = setup();
    const r = await resolver.query('noisy.lab.test', 'A');
    expect(r.records.map((x) => x.value)).toEqual(['127.100.250.12']);
  });

  it('times out clearly on a silent server and on one that only sends unrelated answers', async () => {
    const { resolver } = setup([{ host: SILENT_HOST, port: silentPort }], 150);
    const failure = resolver.query('www.lab.test', 'A');
    await expect(failure).rejects.toBeInstanceOf(DnsError);
    await expect(failure).rejects.toThrow(
      `DNS query www.lab.test A got no answer after 2 attempts of 150 ms (${SILENT_HOST}:${silentPort}: no answer within 150 ms; ${SILENT_HOST}:${silentPort}: no answer within 150 ms)`,
    );
    const wrong = setup([{ host: DNS_HOST, port }], 150).resolver.query('wrongid.lab.test', 'A');
    await expect(wrong).rejects.toThrow(/undecodable or unrelated answer/);
  });

  it('moves on to the next server when the first is silent', async () => {
    const { resolver } = setup(
      [
        { host: SILENT_HOST, port: silentPort },
        { host: DNS_HOST, port },
      ],
      250,
    );
    expect((await resolver.query('www.lab.test', 'A')).records[0]?.value).toBe('127.100.250.10');
  });

  it('answers reverse lookups from the configured server', async () => {
    const { resolver } = setup();
    expect(await resolver.reverse('127.100.250.10')).toEqual(['www.lab.test']);
  });
});

describe('lookup', () => {
  it('follows a CNAME chain inside the scope, recording each hop, and admits the addresses', async () => {
    const { resolver, guard } = setup();
    expect(guard.refusalFor('127.100.250.10')?.reason).toBe(R.notInScope);
    const r = await resolver.lookup('alias.lab.test');
    expect(r).toMatchObject({
      name: 'alias.lab.test',
      canonicalName: 'www.lab.test',
      addresses: ['127.100.250.10'],
      rcode: 'NOERROR',
    });
    expect(r.chain).toEqual([
      { from: 'alias.lab.test', to: 'a1.lab.test' },
      { from: 'a1.lab.test', to: 'www.lab.test' },
    ]);
    expect(guard.refusalFor('127.100.250.10')).toBeUndefined();
  });

  it('asks again for the end of a chain the server did not complete', async () => {
    const { resolver } = setup();
    const r = await resolver.lookup('partial.lab.test');
    expect(r).toMatchObject({
      canonicalName: 'step.lab.test',
      addresses: ['127.100.250.11'],
      chain: [{ from: 'partial.lab.test', to: 'step.lab.test' }],
    });
    expect(udpQueries).toContain('step.lab.test A');
  });

  it('records a CNAME that leaves the scope and does not use its addresses', async () => {
    const { resolver, guard } = setup();
    const r = await resolver.lookup('out.lab.test');
    expect(r.addresses).toEqual([]);
    expect(r.refused).toEqual({
      from: 'out.lab.test',
      to: 'cdn.elsewhere.example',
      reason: R.nameNotInScope,
    });
    expect(guard.refused).toContainEqual({ target: 'cdn.elsewhere.example', reason: R.nameNotInScope });
    expect(guard.refusalFor('127.100.250.99')?.reason).toBe(R.notInScope);
  });

  it('fails clearly on a CNAME loop', async () => {
    const { resolver } = setup();
    await expect(resolver.lookup('loop.lab.test')).rejects.toThrow('CNAME loop at loop.lab.test');
  });

  it('resolves MX targets in scope and records those outside', async () => {
    const { resolver, guard } = setup();
    const mx = await resolver.lookupMx('lab.test');
    expect(mx.exchanges).toEqual([
      { preference: 10, exchange: 'mx.lab.test', addresses: ['127.100.250.25'] },
      { preference: 20, exchange: 'mx.outsourced.example', addresses: [], refused: R.nameNotInScope },
    ]);
    expect(guard.refused).toContainEqual({ target: 'mx.outsourced.example', reason: R.nameNotInScope });
  });
});

describe('zone transfer', () => {
  it('reads a multi-message transfer up to the closing SOA', async () => {
    const { resolver } = setup();
    const z = await resolver.axfr('lab.test', DNS_HOST, port);
    expect(z).toMatchObject({
      status: 'transferred',
      zone: 'lab.test',
      server: `${DNS_HOST}:${port}`,
      messages: 3,
      truncated: false,
    });
    expect(z.records.map((r) => r.type)).toEqual(['SOA', 'NS', 'A', 'A', 'TXT', 'CNAME', 'SOA']);
  });

  it.each([
    ['secret.lab.test', { status: 'refused', rcode: 'REFUSED' }],
    ['notauth.lab.test', { status: 'refused', rcode: 'NOTAUTH' }],
    ['closed.lab.test', { status: 'refused', note: 'connection closed without an answer' }],
    ['cut.lab.test', { status: 'partial', note: 'connection closed before the closing SOA', messages: 1 }],
  ])('reports %s as %j', async (zone, expected) => {
    const { resolver } = setup();
    expect(await resolver.axfr(zone, DNS_HOST, port)).toMatchObject(expected);
  });

  it('stops at the byte cap', async () => {
    const { resolver } = setup();
    const z = await resolver.axfr('lab.test', DNS_HOST, port, { maxBytes: 100 });
    expect(z).toMatchObject({ status: 'partial', truncated: true, note: 'stopped at the 100-byte cap' });
    const some = await resolver.axfr('lab.test', DNS_HOST, port, { maxRecords: 4 });
    expect(some).toMatchObject({ status: 'partial', truncated: true, note: 'stopped at 4 records' });
    expect(some.records).toHaveLength(4);
  });
});
