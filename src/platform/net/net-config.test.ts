import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.js';
import { loadNetConfig, parseCidrList, parseDnsServers, parsePortList } from './net-config.js';

describe('parseDnsServers', () => {
  it('reads IPv4 and bracketed IPv6 with optional ports', () => {
    expect(parseDnsServers(' 192.0.2.53 , 127.100.250.53:5353,[2001:DB8::53],[::1]:5300')).toEqual([
      { host: '192.0.2.53', port: 53 },
      { host: '127.100.250.53', port: 5353 },
      { host: '2001:db8::53', port: 53 },
      { host: '::1', port: 5300 },
    ]);
    expect(parseDnsServers(undefined)).toEqual([]);
    expect(parseDnsServers(' , ')).toEqual([]);
  });

  it.each([
    ['ns1.example.fr', /IP addresses only/],
    ['ns1.example.fr:53', /IP addresses only/],
    ['2001:db8::53', /brackets/],
    ['[192.0.2.1]:53', /brackets hold an IPv6/],
    ['192.0.2.53:0', /ports between 1 and 65535/],
    ['192.0.2.53:65536', /ports between 1 and 65535/],
    ['192.0.2.53:053', /ports between 1 and 65535/],
    ['192.0.2.53:', /ports between 1 and 65535/],
    ['[2001:db8::53', /brackets/],
  ])('refuses %s, naming the variable', (raw, message) => {
    expect(() => parseDnsServers(raw)).toThrow(ConfigError);
    expect(() => parseDnsServers(raw)).toThrow(/^HYGIE_DNS_SERVERS must be/);
    expect(() => parseDnsServers(raw)).toThrow(message);
  });

  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  const ipv6 = fc
    .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
    .map((g) => g.map((n) => n.toString(16)).join(':'));
  const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });

  it('round-trips any list of servers (property)', () => {
    const server = fc.oneof(
      fc.tuple(ipv4, port).map(([h, p]) => ({ text: p === undefined ? h : `${h}:${p}`, port: p ?? 53 })),
      fc
        .tuple(ipv6, port)
        .map(([h, p]) => ({ text: p === undefined ? `[${h}]` : `[${h}]:${p}`, port: p ?? 53 })),
    );
    fc.assert(
      fc.property(fc.array(server, { maxLength: 5 }), (servers) => {
        const parsed = parseDnsServers(servers.map((s) => s.text).join(','));
        expect(parsed.map((s) => s.port)).toEqual(servers.map((s) => s.port));
        // Canonical output parses to itself.
        const again = parsed.map((s) =>
          s.host.includes(':') ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`,
        );
        expect(parseDnsServers(again.join(','))).toEqual(parsed);
      }),
    );
  });

  it('either parses or throws a ConfigError naming the variable, on any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        try {
          for (const s of parseDnsServers(raw, 'X_DNS')) {
            expect(s.port).toBeGreaterThanOrEqual(1);
            expect(s.port).toBeLessThanOrEqual(65535);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).variable).toBe('X_DNS');
        }
      }),
    );
  });
});

describe('parsePortList', () => {
  it('reads ports and ranges, sorted and unique', () => {
    expect(parsePortList('9100, 515,631,6000-6003,515')).toEqual([515, 631, 6000, 6001, 6002, 6003, 9100]);
    expect(parsePortList('')).toEqual([]);
  });

  it.each(['0', '65536', '80-70', 'http', '1-2-3'])('refuses %s', (raw) => {
    expect(() => parsePortList(raw)).toThrow(/HYGIE_SCAN_EXCLUDE_PORTS/);
  });
});

describe('loadNetConfig', () => {
  it('reads every variable, strictly', () => {
    expect(
      loadNetConfig({
        HYGIE_NET_ALLOW: '127.0.0.0/8, 2001:db8::/32',
        HYGIE_NET_DENY: '127.0.0.1',
        HYGIE_DNS_SERVERS: '127.100.250.53:5353',
        HYGIE_SCAN_EXCLUDE_PORTS: '9100',
      }),
    ).toEqual({
      netAllow: ['127.0.0.0/8', '2001:db8::/32'],
      netDeny: ['127.0.0.1/32'],
      dnsServers: [{ host: '127.100.250.53', port: 5353 }],
      excludedPorts: [9100],
    });
    expect(() => parseCidrList('127.0.0.0/33', 'HYGIE_NET_DENY')).toThrow(/HYGIE_NET_DENY/);
  });

  it('sees the test lock-down to loopback', () => {
    expect(loadNetConfig().netAllow).toEqual(['127.0.0.0/8']);
  });
});
