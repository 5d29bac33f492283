/**
 * The scanner's DNS resolver: queries go only to the servers configured in HYGIE_DNS_SERVERS, over UDP
 * with a fall back to TCP when truncated; never to the system resolver. `lookup` follows CNAME chains
 * inside the domain scope and records the hop that leaves it; MX targets are treated the same way.
 */
import * as dgram from 'node:dgram';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { RecordType } from 'dns-packet';
import ipaddr from 'ipaddr.js';
import { parseIp } from '../../lib/cidr.js';
import type { Dialer } from './dialer.js';
import {
  answersQuery,
  buildQuery,
  decodeMessage,
  encodeQuery,
  frameLength,
  normaliseName,
  reverseName,
  toAnswer,
  type DnsAnswer,
  type DnsRecordType,
} from './dns-message.js';
import { Semaphore } from './limits.js';
import type { DnsServer } from './net-config.js';
import { formatTarget } from './scope.js';
import { transferZone, type ZoneTransfer, type ZoneTransferOptions } from './zone-transfer.js';

/** Longest CNAME chain followed. */
export const MAX_CNAME_DEPTH = 8;

/** What went wrong with name resolution; the message says what to do. */
export class DnsError extends Error {
  constructor(
    readonly code: 'NET_DNS_NO_SERVER' | 'NET_DNS_TIMEOUT' | 'NET_DNS_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'DnsError';
  }
}

/** One step of a CNAME chain. */
export interface CnameHop {
  readonly from: string;
  readonly to: string;
}

/** A CNAME or MX target that was not followed because it leaves the scope. */
export interface NameRefusal extends CnameHop {
  readonly reason: string;
}

/** Addresses of a name, how they were reached, and where the chain left the scope. */
export interface LookupResult {
  readonly name: string;
  /** The last name of the chain that was followed. */
  readonly canonicalName: string;
  readonly addresses: readonly string[];
  readonly chain: readonly CnameHop[];
  readonly refused?: NameRefusal;
  /** Response code of the final A query (NXDOMAIN means the name does not exist). */
  readonly rcode: string;
}

/** One mail exchanger of a domain, resolved only when in scope. */
export interface MxTarget {
  readonly preference: number;
  readonly exchange: string;
  readonly addresses: readonly string[];
  readonly refused?: string;
  readonly note?: string;
}

/** Answers to the DNS questions a scan asks. */
export interface Resolver {
  /** Asks the configured servers; no scope check (no packet reaches the target). Throws DnsError. */
  query(name: string, type: DnsRecordType): Promise<DnsAnswer & { server: string; transport: 'udp' | 'tcp' }>;
  /** Addresses of an in-scope name (throws ScopeError otherwise); admits them into the guard. */
  lookup(name: string): Promise<LookupResult>;
  /** MX targets of an in-scope domain, each resolved only when it is in scope too. */
  lookupMx(domain: string): Promise<{ readonly rcode: string; readonly exchanges: readonly MxTarget[] }>;
  /** PTR names of an address, asked of the configured servers only. */
  reverse(ip: string): Promise<readonly string[]>;
  /** Zone transfer attempt against a target name server (scope-checked like any connection). */
  axfr(zone: string, nsIp: string, port?: number, options?: ZoneTransferOptions): Promise<ZoneTransfer>;
}

/** What a resolver is built from. */
export interface ResolverOptions {
  readonly dialer: Dialer;
  readonly servers: readonly DnsServer[];
  /** Per-attempt timeout; default 2 s. */
  readonly timeoutMs?: number;
  /** Extra attempts per server after a timeout; default 1. */
  readonly retries?: number;
  /** Queries in flight at once; default 64. */
  readonly concurrency?: number;
  /** UDP socket factory; injectable so tests can prove it is never reached out of scope. */
  readonly createUdpSocket?: (type: 'udp4' | 'udp6') => dgram.Socket;
}

type Attempt = { kind: 'answer'; answer: DnsAnswer } | { kind: 'timeout' | 'error'; note: string };

// dgram passes even IP literals through its lookup function: accept those, refuse any name, so the
// system resolver can never be reached from here.
const ipOnlyLookup = (
  hostname: string,
  _options: unknown,
  callback: (error: Error | null, address: string, family: number) => void,
): void => {
  const family = isIP(hostname);
  if (family === 0) callback(new Error(`refusing to resolve "${hostname}" with the system resolver`), '', 4);
  else callback(null, hostname, family);
};

/** The name as sent on the wire (IDN to punycode), or a DnsError when no DNS message could carry it. */
function wireName(input: string): string {
  const trimmed = input.trim().replace(/\.$/, '');
  const name = /[^\x20-\x7e]/.test(trimmed) ? domainToASCII(trimmed) : trimmed;
  const labels = name.split('.');
  if (name === '' || name.length > 253 || labels.some((l) => l.length === 0 || l.length > 63)) {
    throw new DnsError('NET_DNS_FAILED', `"${input.slice(0, 80)}" is not a name DNS can carry`);
  }
  return name;
}

const NO_SERVER =
  'No DNS server configured: set HYGIE_DNS_SERVERS (IP[:port], comma-separated). ' +
  'The system resolver is never used.';

/** Builds a resolver; every server must pass the global allow/deny lists (ScopeError otherwise). */
export function createResolver(options: ResolverOptions): Resolver {
  const { dialer } = options;
  const servers = options.servers.map((s) => {
    const ip = parseIp(s.host);
    return ip.ok ? { host: ip.value.address, port: s.port } : s;
  });
  const guard = dialer.guard;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const retries = options.retries ?? 1;
  const inFlight = new Semaphore(options.concurrency ?? 64);
  const createUdpSocket =
    options.createUdpSocket ?? ((type) => dgram.createSocket({ type, lookup: ipOnlyLookup }));
  for (const s of servers) guard.admitEndpoint(s.host, s.port);

  function udpAttempt(server: DnsServer, name: string, type: RecordType): Promise<Attempt> {
    guard.checkAddress(server.host, server.port);
    const query = buildQuery(name, type);
    const socket = createUdpSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    return new Promise<Attempt>((resolve) => {
      let garbage: string | undefined;
      const done = (attempt: Attempt): void => {
        clearTimeout(timer);
        socket.removeAllListeners('message');
        socket.on('error', () => undefined);
        try {
          socket.close();
        } catch {
          // Already closed after an error.
        }
        resolve(attempt);
      };
      const timer = setTimeout(
        () => done({ kind: 'timeout', note: garbage ?? `no answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
      socket.on('message', (message: Buffer, from: dgram.RemoteInfo) => {
        // Only the server asked may answer, with the id and question asked (anti-spoofing).
        const sender = parseIp(from.address);
        if (!sender.ok || sender.value.address !== server.host || from.port !== server.port) return;
        const packet = decodeMessage(message);
        if (!packet || !answersQuery(packet, query)) {
          garbage = 'the server sent an undecodable or unrelated answer';
          return;
        }
        done({ kind: 'answer', answer: toAnswer(packet, name, type) });
      });
      socket.on('error', (error) => done({ kind: 'error', note: error.message }));
      socket.send(encodeQuery(query, false), server.port, server.host, (error) => {
        if (error) done({ kind: 'error', note: error.message });
      });
    });
  }

  async function tcpAttempt(server: DnsServer, name: string, type: RecordType): Promise<Attempt> {
    const query = buildQuery(name, type);
    const result = await dialer.exchange(server.host, server.port, encodeQuery(query, true), {
      maxBytes: 65_537,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 2,
      stopWhen: (b) => frameLength(b) >= 0,
    });
    if (result.status !== 'open') return { kind: 'error', note: `TCP ${result.status}: ${result.note}` };
    const length = frameLength(result.bytes);
    if (length < 0)
      return { kind: 'timeout', note: `incomplete TCP answer (${result.note ?? result.closedBy})` };
    const packet = decodeMessage(result.bytes.subarray(2, length));
    if (!packet || !answersQuery(packet, query)) return { kind: 'error', note: 'undecodable TCP answer' };
    return { kind: 'answer', answer: toAnswer(packet, name, type) };
  }

  async function query(
    input: string,
    type: RecordType,
  ): Promise<DnsAnswer & { server: string; transport: 'udp' | 'tcp' }> {
    if (servers.length === 0) throw new DnsError('NET_DNS_NO_SERVER', NO_SERVER);
    const name = wireName(input);
    const release = await inFlight.acquire();
    try {
      const notes: string[] = [];
      let fallback: (DnsAnswer & { server: string; transport: 'udp' | 'tcp' }) | undefined;
      for (const server of servers) {
        const where = formatTarget(server.host, server.port);
        for (let attempt = 0; attempt <= retries; attempt++) {
          let result = await udpAttempt(server, name, type);
          let transport: 'udp' | 'tcp' = 'udp';
          if (result.kind === 'answer' && result.answer.truncated) {
            result = await tcpAttempt(server, name, type);
            transport = 'tcp';
          }
          if (result.kind !== 'answer') {
            notes.push(`${where}: ${result.note}`);
            if (result.kind === 'error') break;
            continue;
          }
          const answer = { ...result.answer, server: where, transport };
          // A broken or unwilling server: another one may know better.
          if (answer.rcode === 'SERVFAIL' || answer.rcode === 'REFUSED') {
            fallback ??= answer;
            notes.push(`${where}: ${answer.rcode}`);
            break;
          }
          return answer;
        }
      }
      if (fallback) return fallback;
      const attempts = servers.length * (retries + 1);
      throw new DnsError(
        'NET_DNS_TIMEOUT',
        `DNS query ${name} ${type} got no answer after ${attempts} attempts of ${timeoutMs} ms (${notes.join('; ')})`,
      );
    } finally {
      release();
    }
  }

  async function walk(start: string, type: 'A' | 'AAAA'): Promise<Omit<LookupResult, 'name'>> {
    let current = start;
    const chain: CnameHop[] = [];
    const visited = new Set([start]);
    for (;;) {
      const answer = await query(current, type);
      const cnames = new Map(answer.records.filter((r) => r.type === 'CNAME').map((r) => [r.name, r.value]));
      const before = current;
      for (let to = cnames.get(current); to !== undefined; to = cnames.get(current)) {
        chain.push({ from: current, to });
        if (chain.length > MAX_CNAME_DEPTH) {
          throw new DnsError('NET_DNS_FAILED', `CNAME chain of ${start} is longer than ${MAX_CNAME_DEPTH}`);
        }
        const refusal = guard.nameRefusalFor(to);
        if (refusal) {
          guard.record(refusal);
          return {
            canonicalName: current,
            addresses: [],
            chain,
            refused: { from: current, to, reason: refusal.reason },
            rcode: answer.rcode,
          };
        }
        if (visited.has(to)) throw new DnsError('NET_DNS_FAILED', `CNAME loop at ${to}`);
        visited.add(to);
        current = to;
      }
      const addresses = answer.records
        .filter((r) => r.type === type && r.name === current)
        .map((r) => r.value);
      // Ask again only when the chain moved on and the server did not include the rest of it.
      if (addresses.length > 0 || current === before) {
        return { canonicalName: current, addresses, chain, rcode: answer.rcode };
      }
    }
  }

  async function lookup(name: string): Promise<LookupResult> {
    const start = guard.checkName(name);
    const [v4, v6] = await Promise.all([walk(start, 'A'), walk(start, 'AAAA')]);
    const chain = [...v4.chain];
    for (const hop of v6.chain)
      if (!chain.some((h) => h.from === hop.from && h.to === hop.to)) chain.push(hop);
    const addresses = [...new Set([...v4.addresses, ...v6.addresses])];
    const refused = v4.refused ?? v6.refused;
    guard.admitResolved(v4.canonicalName, v4.addresses);
    guard.admitResolved(v6.canonicalName, v6.addresses);
    return {
      name: start,
      canonicalName: v4.canonicalName,
      addresses,
      chain,
      ...(refused === undefined ? {} : { refused }),
      rcode: v4.rcode,
    };
  }

  return {
    query,
    lookup,
    async lookupMx(domain) {
      const answer = await query(guard.checkName(domain), 'MX');
      const mx = answer.records
        .filter((r) => r.type === 'MX')
        .map((r) => {
          const [preference = '0', exchange = '.'] = r.value.split(' ');
          return { preference: Number(preference), exchange };
        })
        .sort((a, b) => a.preference - b.preference);
      const exchanges = await Promise.all(
        mx.map(async ({ preference, exchange }): Promise<MxTarget> => {
          if (exchange === '.' || exchange === '')
            return { preference, exchange, addresses: [], note: 'null MX: the domain accepts no mail' };
          const refusal = guard.nameRefusalFor(exchange);
          if (refusal) {
            guard.record(refusal);
            return { preference, exchange, addresses: [], refused: refusal.reason };
          }
          try {
            const found = await lookup(exchange);
            return {
              preference,
              exchange,
              addresses: found.addresses,
              ...(found.refused ? { refused: `CNAME to ${found.refused.to}: ${found.refused.reason}` } : {}),
            };
          } catch (error) {
            return {
              preference,
              exchange,
              addresses: [],
              note: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      return { rcode: answer.rcode, exchanges };
    },
    async reverse(ip) {
      const parsed = parseIp(ip);
      if (!parsed.ok) throw new RangeError(parsed.reason);
      const answer = await query(reverseName(ipaddr.parse(parsed.value.address).toByteArray()), 'PTR');
      return answer.records.filter((r) => r.type === 'PTR').map((r) => normaliseName(r.value));
    },
    axfr(zone, nsIp, port = 53, o = {}) {
      return transferZone(dialer, zone, nsIp, port, o);
    },
  };
}
