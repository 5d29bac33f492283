/**
 * Everything one scan needs to touch the network, built around one scope guard: the guard's refusal
 * log is that scan's `scan.refused`. The limiter is passed in so that every scan of the process shares
 * the same concurrency and rate limits (a host scanned by two scans at once is still spared).
 */
import { createDialer, type ConnectFn, type Dialer } from './dialer.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import type { ConnectionLimiter, NetLimits } from './limits.js';
import type { NetConfig } from './net-config.js';
import { createResolver, type Resolver } from './resolver.js';
import { createScopeGuard, type Scope, type ScopeGuard } from './scope.js';

/** The network capabilities of one scan. */
export interface ScanNetwork {
  readonly guard: ScopeGuard;
  readonly dialer: Dialer;
  readonly resolver: Resolver;
  readonly http: HttpClient;
}

/** What a scan's network is built from. */
export interface ScanNetworkOptions {
  readonly scope: Scope;
  /** From `loadNetConfig()`; its excluded ports are added to the scope's. */
  readonly config: NetConfig;
  /** The process-wide limiter (`createConnectionLimiter(limits)` once, at start). */
  readonly limiter: ConnectionLimiter;
  readonly limits?: Partial<NetLimits>;
  readonly dnsTimeoutMs?: number;
  readonly dnsRetries?: number;
  readonly userAgent?: string;
  /** Tests only: a counting socket factory. */
  readonly connect?: ConnectFn;
}

/** Builds guard → dialer → resolver → HTTP client for one scan; throws ScopeError on a refused DNS server. */
export function createScanNetwork(options: ScanNetworkOptions): ScanNetwork {
  const { config, scope } = options;
  const guard = createScopeGuard({
    scope: { ...scope, excludedPorts: [...(scope.excludedPorts ?? []), ...config.excludedPorts] },
    netAllow: config.netAllow,
    netDeny: config.netDeny,
  });
  const dialer = createDialer({
    guard,
    limiter: options.limiter,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.connect === undefined ? {} : { connect: options.connect }),
  });
  const resolver = createResolver({
    dialer,
    servers: config.dnsServers,
    ...(options.dnsTimeoutMs === undefined ? {} : { timeoutMs: options.dnsTimeoutMs }),
    ...(options.dnsRetries === undefined ? {} : { retries: options.dnsRetries }),
  });
  const http = createHttpClient({
    dialer,
    resolver,
    ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
  });
  return { guard, dialer, resolver, http };
}
