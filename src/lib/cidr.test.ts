import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cidrContains, longestPrefixMatch, parseCidr, parseIp } from './cidr.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (r: { ok: boolean; reason?: string }): string => (r.ok ? '' : (r.reason ?? ''));

describe('parseIp', () => {
  it('returns canonical text', () => {
    expect(ok(parseIp(' 192.0.2.10 '))).toEqual({ family: 4, address: '192.0.2.10', ipv4Mapped: false });
    expect(ok(parseIp('2001:DB8:0:0:0:0:0:1'))).toEqual({
      family: 6,
      address: '2001:db8::1',
      ipv4Mapped: false,
    });
  });

  it('unwraps IPv4-mapped IPv6', () => {
    expect(ok(parseIp('::ffff:192.0.2.1'))).toEqual({ family: 4, address: '192.0.2.1', ipv4Mapped: true });
    expect(ok(parseIp('::FFFF:c000:0201')).address).toBe('192.0.2.1');
  });

  it('is strict and explains refusals', () => {
    expect(reason(parseIp(''))).toMatch(/empty/);
    expect(reason(parseIp('010.0.0.1'))).toMatch(/leading zeros/);
    expect(reason(parseIp('127.1'))).toMatch(/not an IP address/);
    expect(reason(parseIp('0x7f.0.0.1'))).toMatch(/not an IP address/);
    expect(reason(parseIp('256.1.1.1'))).toMatch(/not an IP address/);
    expect(reason(parseIp('fe80::1%eth0'))).toMatch(/zone/);
    expect(reason(parseIp('::ffff:01.2.3.4'))).toMatch(/not an IP address/);
    expect(reason(parseIp('example.org'))).toMatch(/not an IP address/);
  });
});

describe('parseCidr', () => {
  it('parses and normalises blocks', () => {
    expect(ok(parseCidr('192.0.2.0/24'))).toEqual({
      family: 4,
      network: '192.0.2.0',
      prefix: 24,
      text: '192.0.2.0/24',
      hostBitsSet: false,
    });
    expect(ok(parseCidr('192.0.2.77/26'))).toMatchObject({ text: '192.0.2.64/26', hostBitsSet: true });
    expect(ok(parseCidr('2001:DB8:1::5/48'))).toMatchObject({
      family: 6,
      text: '2001:db8:1::/48',
      hostBitsSet: true,
    });
    expect(ok(parseCidr('10.1.2.3')).text).toBe('10.1.2.3/32');
    expect(ok(parseCidr('2001:db8::1')).text).toBe('2001:db8::1/128');
    expect(ok(parseCidr('0.0.0.0/0')).text).toBe('0.0.0.0/0');
  });

  it('turns IPv4-mapped blocks into IPv4 blocks', () => {
    expect(ok(parseCidr('::ffff:10.0.0.0/104'))).toMatchObject({ family: 4, text: '10.0.0.0/8' });
    expect(ok(parseCidr('::ffff:0:0/64'))).toMatchObject({ family: 6, text: '::/64', hostBitsSet: true });
  });

  it('explains bad prefixes', () => {
    expect(reason(parseCidr('192.0.2.0/33'))).toMatch(/0 to 32/);
    expect(reason(parseCidr('2001:db8::/129'))).toMatch(/0 to 128/);
    expect(reason(parseCidr('192.0.2.0/'))).toMatch(/prefix length/);
    expect(reason(parseCidr('192.0.2.0/024'))).toMatch(/prefix length/);
    expect(reason(parseCidr('192.0.2.0/-1'))).toMatch(/prefix length/);
  });
});

describe('cidrContains and longestPrefixMatch', () => {
  it('matches by family', () => {
    expect(cidrContains('127.0.0.0/8', '127.10.20.30')).toBe(true);
    expect(cidrContains('127.0.0.0/8', '128.0.0.1')).toBe(false);
    expect(cidrContains('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
    expect(cidrContains('::/0', '::ffff:127.0.0.1')).toBe(false);
    expect(cidrContains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(cidrContains('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(() => cidrContains('nonsense', '1.2.3.4')).toThrow(RangeError);
  });

  it('picks the most specific block', () => {
    const entries = [
      { cidr: '10.0.0.0/8', value: 'region' },
      { cidr: '10.1.0.0/16', value: 'hospital' },
      { cidr: '10.1.2.0/24', value: 'lab' },
      { cidr: '10.1.0.0/16', value: 'duplicate' },
    ];
    expect(longestPrefixMatch('10.1.2.3', entries)).toBe('lab');
    expect(longestPrefixMatch('10.1.9.9', entries)).toBe('hospital');
    expect(longestPrefixMatch('10.200.0.1', entries)).toBe('region');
    expect(longestPrefixMatch('192.0.2.1', entries)).toBeUndefined();
  });
});

const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6().filter((s) => !s.includes('.'));

describe('cidr properties', () => {
  it('parseIp output re-parses to itself (canonical form is a fixed point)', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), (s) => {
        const a = ok(parseIp(s));
        expect(ok(parseIp(a.address))).toEqual({ ...a, ipv4Mapped: false });
      }),
    );
  });

  it('a block contains the address it was written from, and its text is a fixed point', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })),
          fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })),
        ),
        ([ip, prefix]) => {
          const block = ok(parseCidr(`${ip}/${prefix}`));
          expect(cidrContains(block, ip)).toBe(true);
          const again = ok(parseCidr(block.text));
          expect(again).toEqual({ ...block, hostBitsSet: false });
        },
      ),
    );
  });

  it('a longer prefix never contains more than a shorter one', () => {
    fc.assert(
      fc.property(ipv4, ipv4, fc.integer({ min: 0, max: 31 }), (net, ip, p) => {
        if (cidrContains(`${net}/${p + 1}`, ip)) expect(cidrContains(`${net}/${p}`, ip)).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseIp(s);
        parseCidr(s);
      }),
    );
  });
});
