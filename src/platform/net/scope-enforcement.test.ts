/**
 * The network layer's first promise: an out-of-scope target is refused before any socket exists.
 * The injected socket factories throw if ever called, so these tests cannot send a packet even if the
 * guard were broken; they assert the factories were never reached.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDialer, type ConnectFn } from './dialer.js';
import { createHttpClient } from './http-client.js';
import { followRedirects } from './http-redirects.js';
import { loadNetConfig } from './net-config.js';
import { createResolver, DnsError } from './resolver.js';
import { createConnectionLimiter } from './limits.js';
import { createScanNetwork } from './scan-network.js';
import { createScopeGuard, REFUSAL_REASONS as R, ScopeError } from './scope.js';

function setup() {
  const { netAllow, netDeny } = loadNetConfig();
  const guard = createScopeGuard({
    scope: { cidrs: ['127.100.250.0/24'], domains: ['lab.test'], excludedPorts: [9100] },
    netAllow,
    netDeny,
  });
  const connect = vi.fn<ConnectFn>(() => {
    throw new Error('connect must not be called in this test');
  });
  const udp = vi.fn(() => {
    throw new Error('no UDP socket may be created in this test');
  });
  const dialer = createDialer({ guard, connect });
  const lookup = vi.fn(() => Promise.resolve({ addresses: ['8.8.8.8'] }));
  return { guard, connect, udp, dialer, lookup };
}

const scopeError = (reason: string) => expect.objectContaining({ name: 'ScopeError', reason }) as unknown;

describe('out-of-scope targets never reach a socket', () => {
  it('TCP, TLS, exchange and probe', async () => {
    const { guard, connect, dialer } = setup();
    expect(loadNetConfig().netAllow).toEqual(['127.0.0.0/8']);
    await expect(dialer.tcp('8.8.8.8', 80)).rejects.toEqual(scopeError(R.outsideAllow));
    await expect(dialer.tcp('127.100.251.1', 80)).rejects.toEqual(scopeError(R.notInScope));
    await expect(dialer.tcp('127.100.250.1', 9100)).rejects.toEqual(scopeError(R.portExcluded));
    await expect(dialer.tcp('localhost', 80)).rejects.toEqual(scopeError(R.notIp));
    await expect(dialer.tls('::ffff:8.8.8.8', 443, { servername: 'dns.google' })).rejects.toBeInstanceOf(
      ScopeError,
    );
    await expect(dialer.tls('2001:4860:4860::8888', 443)).rejects.toEqual(scopeError(R.outsideAllow));
    expect(await dialer.exchange('1.1.1.1', 53, 'x', {})).toEqual({
      status: 'refused-by-scope',
      note: 'Refused 1.1.1.1: outside HYGIE_NET_ALLOW',
    });
    expect(await dialer.probe('0.0.0.0', 22)).toMatchObject({ status: 'refused-by-scope' });
    expect(connect).not.toHaveBeenCalled();
    expect(guard.refused.map((r) => r.target)).toEqual([
      '8.8.8.8',
      '127.100.251.1',
      '127.100.250.1:9100',
      'localhost',
      '2001:4860:4860::8888',
      '1.1.1.1',
      '0.0.0.0',
    ]);
  });

  it('HTTP: IP URLs, names outside the domain scope, and names resolving outside the allow list', async () => {
    const { guard, connect, dialer, lookup } = setup();
    const http = createHttpClient({ dialer, resolver: { lookup } });
    await expect(http.request('http://8.8.8.8/')).rejects.toEqual(scopeError(R.outsideAllow));
    await expect(http.request('https://[::ffff:8.8.8.8]/')).rejects.toEqual(scopeError(R.outsideAllow));
    await expect(http.request('https://www.elsewhere.example/')).rejects.toEqual(
      scopeError(R.nameNotInScope),
    );
    expect(lookup).not.toHaveBeenCalled();
    // An in-scope name whose only address is outside the allow list: resolved, then refused.
    await expect(followRedirects(http, 'http://www.lab.test/')).rejects.toEqual(scopeError(R.outsideAllow));
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(connect).not.toHaveBeenCalled();
    expect(guard.refused).toContainEqual({ target: 'www.elsewhere.example', reason: R.nameNotInScope });
  });

  it('DNS: servers outside the allow list, AXFR to out-of-scope servers or zones, out-of-scope names', async () => {
    const { guard, connect, udp, dialer } = setup();
    const options = { dialer, createUdpSocket: udp };
    expect(() => createResolver({ ...options, servers: [{ host: '9.9.9.9', port: 53 }] })).toThrow(
      ScopeError,
    );
    expect(guard.refused).toContainEqual({ target: '9.9.9.9:53', reason: R.outsideAllow });

    const resolver = createResolver({ ...options, servers: [{ host: '127.100.250.53', port: 53 }] });
    await expect(resolver.axfr('lab.test', '8.8.8.8')).rejects.toEqual(scopeError(R.outsideAllow));
    await expect(resolver.axfr('elsewhere.example', '127.100.250.53')).rejects.toEqual(
      scopeError(R.nameNotInScope),
    );
    await expect(resolver.lookup('www.elsewhere.example')).rejects.toEqual(scopeError(R.nameNotInScope));
    await expect(resolver.lookupMx('elsewhere.example')).rejects.toBeInstanceOf(ScopeError);
    await expect(resolver.query(`${'a'.repeat(64)}.lab.test`, 'A')).rejects.toThrow(
      /is not a name DNS can carry/,
    );
    await expect(resolver.query('a..lab.test', 'TXT')).rejects.toBeInstanceOf(DnsError);
    expect(udp).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });

  it('DNS without a configured server fails clearly, never falling back to the system resolver', async () => {
    const { udp, dialer } = setup();
    const resolver = createResolver({ dialer, servers: [], createUdpSocket: udp });
    const failure = resolver.query('www.lab.test', 'A');
    await expect(failure).rejects.toBeInstanceOf(DnsError);
    await expect(failure).rejects.toThrow(/No DNS server configured: set HYGIE_DNS_SERVERS/);
    await expect(resolver.lookup('www.lab.test')).rejects.toMatchObject({ code: 'NET_DNS_NO_SERVER' });
    expect(udp).not.toHaveBeenCalled();
  });

  it('a scan network: the DNS servers must pass the global lists, HYGIE_SCAN_EXCLUDE_PORTS applies', async () => {
    const { connect } = setup();
    const limiter = createConnectionLimiter();
    const config = {
      netAllow: ['127.0.0.0/8'],
      netDeny: [],
      dnsServers: [{ host: '127.100.250.53', port: 53 }],
      excludedPorts: [9100],
    };
    const scope = { cidrs: ['127.100.250.0/24'], domains: ['lab.test'] };
    expect(() =>
      createScanNetwork({
        scope,
        limiter,
        connect,
        config: { ...config, dnsServers: [{ host: '8.8.8.8', port: 53 }] },
      }),
    ).toThrow(ScopeError);
    const network = createScanNetwork({ scope, limiter, connect, config });
    await expect(network.dialer.tcp('127.100.250.1', 9100)).rejects.toEqual(scopeError(R.portExcluded));
    await expect(network.http.request('http://127.100.250.1:9100/')).rejects.toEqual(
      scopeError(R.portExcluded),
    );
    expect(network.guard.refused).toEqual([{ target: '127.100.250.1:9100', reason: R.portExcluded }]);
    expect(connect).not.toHaveBeenCalled();
  });
});
