/** The network layer: the only code that opens a socket to a scanned target (see README.md). */
export {
  createScopeGuard,
  formatTarget,
  REFUSAL_REASONS,
  ScopeError,
  scopeFromTargets,
  type Refusal,
  type Scope,
  type ScopeGuard,
  type ScopeGuardOptions,
} from './scope.js';
export {
  createConnectionLimiter,
  DEFAULT_NET_LIMITS,
  realSleep,
  Semaphore,
  TokenBucket,
  type ConnectionLimiter,
  type LimiterOptions,
  type NetLimits,
  type Release,
  type Sleep,
} from './limits.js';
export type { ClosedBy, Connection, ReadOptions, ReadResult } from './connection.js';
export {
  createDialer,
  NetError,
  type ConnectFn,
  type DialOptions,
  type Dialer,
  type DialerOptions,
  type ExchangeOptions,
  type ExchangeResult,
  type NetFailure,
  type PortStatus,
  type ProbeResult,
  type TlsConnection,
  type TlsDialOptions,
  type TlsInfo,
} from './dialer.js';
export {
  createHttpClient,
  type AddressLookup,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestOptions,
  type HttpResponse,
} from './http-client.js';
export type { HttpHead } from './http-response.js';
export {
  followRedirects,
  type FollowOptions,
  type RedirectChain,
  type RedirectRefusal,
} from './http-redirects.js';
export {
  createResolver,
  DnsError,
  MAX_CNAME_DEPTH,
  type CnameHop,
  type LookupResult,
  type MxTarget,
  type NameRefusal,
  type Resolver,
  type ResolverOptions,
} from './resolver.js';
export type { DnsAnswer, DnsRecord, DnsRecordType } from './dns-message.js';
export type { ZoneTransfer, ZoneTransferOptions } from './zone-transfer.js';
export {
  loadNetConfig,
  parseCidrList,
  parseDnsServers,
  parsePortList,
  type DnsServer,
  type NetConfig,
} from './net-config.js';
export { createScanNetwork, type ScanNetwork, type ScanNetworkOptions } from './scan-network.js';
