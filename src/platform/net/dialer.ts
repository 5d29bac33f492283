/**
 * The dialer: the only code that opens a TCP or TLS connection to a target. Order of operations,
 * always: scope guard (may throw ScopeError, nothing opened yet) → limiter (concurrency, rate) →
 * `connect` with an IP literal (no name lookup is possible) → a bounded Connection with a hard deadline.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import {
  wrapSocket,
  type ClosedBy,
  type Connection,
  type ReadOptions,
  type ReadResult,
} from './connection.js';
import {
  DEFAULT_NET_LIMITS,
  createConnectionLimiter,
  type ConnectionLimiter,
  type NetLimits,
} from './limits.js';
import { ScopeError, formatTarget, type ScopeGuard } from './scope.js';

/** What a TCP connect scan concludes about a port. */
export type PortStatus = 'open' | 'closed' | 'filtered' | 'refused-by-scope';

/** Why a connection could not be opened or upgraded (scope refusals are ScopeError instead). */
export type NetFailure = 'closed' | 'filtered' | 'timeout' | 'reset' | 'peer' | 'protocol' | 'unresolved';

/** A connection attempt failed because of the network or the peer; `failure` says how. */
export class NetError extends Error {
  readonly code = 'NET_CONNECTION_FAILED';

  constructor(
    readonly target: string,
    readonly failure: NetFailure,
    detail: string,
  ) {
    super(`${target}: ${detail}`);
    this.name = 'NetError';
  }
}

/** The socket factory; `net.connect` in production, a counting wrapper in tests. */
export type ConnectFn = (options: net.TcpNetConnectOpts) => net.Socket;

/** Per-call bounds; unset ones come from the dialer's limits. */
export interface DialOptions {
  readonly connectTimeoutMs?: number;
  /** Hard bound on the connection's life, from the start of the dial. */
  readonly totalTimeoutMs?: number;
  /** Defaults for reads on this connection. */
  readonly readTimeoutMs?: number;
  readonly maxBytes?: number;
}

/** TLS handshake settings; certificates are never verified (the scanner observes, it does not trust). */
export interface TlsDialOptions extends DialOptions {
  /** SNI name; omitted when empty or an IP literal. */
  readonly servername?: string;
  readonly minVersion?: tls.SecureVersion;
  readonly maxVersion?: tls.SecureVersion;
  /** OpenSSL cipher list; old protocols need e.g. `DEFAULT@SECLEVEL=0`. */
  readonly ciphers?: string;
  /** Trust anchors, only to report `authorized` against them. */
  readonly ca?: string | Buffer | (string | Buffer)[];
  readonly ALPNProtocols?: string[];
  readonly handshakeTimeoutMs?: number;
}

/** What the TLS handshake negotiated and what the peer presented. */
export interface TlsInfo {
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly alpn: string | null;
  readonly certificate: X509Certificate | null;
  /** Whether the chain verified against `ca` (or the default store) and the SNI name. */
  readonly authorized: boolean;
  readonly authorizationError: string | null;
}

/** A connection over TLS. */
export interface TlsConnection extends Connection {
  readonly tls: TlsInfo;
}

/** Bounds and stop condition of a one-shot exchange; `tls` wraps it in a TLS handshake. */
export interface ExchangeOptions extends DialOptions, ReadOptions {
  readonly tls?: TlsDialOptions;
}

/** Outcome of an exchange: what was read, or why nothing could be. Never a thrown error. */
export type ExchangeResult =
  | (ReadResult & { readonly status: 'open' })
  | { readonly status: Exclude<PortStatus, 'open'>; readonly note: string };

/** Outcome of a connect probe. */
export interface ProbeResult {
  readonly status: PortStatus;
  readonly note?: string;
}

/** Opens guarded, limited, bounded connections to targets. */
export interface Dialer {
  readonly guard: ScopeGuard;
  readonly limits: NetLimits;
  /** Connects over TCP; throws ScopeError (before any socket) or NetError. */
  tcp(ip: string, port: number, options?: DialOptions): Promise<Connection>;
  /** Connects and completes a TLS handshake; throws ScopeError (before any socket) or NetError. */
  tls(ip: string, port: number, options?: TlsDialOptions): Promise<TlsConnection>;
  /** Upgrades an open connection (after STARTTLS); the old wrapper must no longer be used. */
  startTls(connection: Connection, options?: TlsDialOptions): Promise<TlsConnection>;
  /** Connects, sends `request` (if any), reads under the bounds, closes. Never throws. */
  exchange(
    ip: string,
    port: number,
    request: Buffer | string | null,
    options?: ExchangeOptions,
  ): Promise<ExchangeResult>;
  /** TCP connect scan of one port. Never throws. */
  probe(ip: string, port: number, options?: DialOptions): Promise<ProbeResult>;
}

/** What a dialer is built from. */
export interface DialerOptions {
  readonly guard: ScopeGuard;
  readonly limits?: Partial<NetLimits>;
  /** Share one limiter between dialers so that limits hold process-wide. */
  readonly limiter?: ConnectionLimiter;
  readonly connect?: ConnectFn;
}

const ignore = (): void => undefined;

// Defence in depth: the host is always an IP literal, so Node never calls this; if it ever did,
// the system resolver would be reached, which is exactly what must not happen.
const noLookup: net.LookupFunction = (hostname, _options, callback) =>
  callback(new Error(`refusing to resolve "${hostname}" with the system resolver`), '', 4);

const CLOSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);

function connectFailure(target: string, error: Error & { code?: string }): NetError {
  const code = error.code ?? 'error';
  return new NetError(target, CLOSED_CODES.has(code) ? 'closed' : 'filtered', `${code}: ${error.message}`);
}

function handshakeFailure(target: string, error: Error & { code?: string }): NetError {
  const code = error.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new NetError(target, 'reset', 'reset during TLS handshake');
  return new NetError(target, 'protocol', `TLS handshake failed: ${code} ${error.message}`.slice(0, 300));
}

function tlsInfo(socket: tls.TLSSocket): TlsInfo {
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    certificate: socket.getPeerX509Certificate() ?? null,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
  };
}

function closedByFor(failure: NetFailure): ClosedBy {
  return failure === 'timeout' || failure === 'reset' || failure === 'peer' ? failure : 'error';
}

/** Builds the dialer; `connect` is injectable so tests can prove it is never reached out of scope. */
export function createDialer(options: DialerOptions): Dialer {
  const { guard } = options;
  const limits: NetLimits = { ...DEFAULT_NET_LIMITS, ...options.limits };
  const limiter = options.limiter ?? createConnectionLimiter(limits);
  const connect: ConnectFn = options.connect ?? ((o) => net.connect(o));

  interface Opened {
    readonly socket: net.Socket;
    readonly remote: { address: string; port: number };
    readonly deadline: number;
  }

  async function open(ip: string, port: number, o: DialOptions): Promise<Opened> {
    const address = guard.checkAddress(ip, port);
    const target = formatTarget(address, port);
    const deadline = Date.now() + (o.totalTimeoutMs ?? limits.totalTimeoutMs);
    const release = await limiter.acquire(address);
    return new Promise<Opened>((resolve, reject) => {
      let socket: net.Socket;
      try {
        socket = connect({ host: address, port, family: net.isIP(address), lookup: noLookup, noDelay: true });
      } catch (error) {
        release();
        reject(connectFailure(target, error as Error));
        return;
      }
      socket.on('error', ignore);
      socket.once('close', release);
      const ms = Math.max(0, Math.min(o.connectTimeoutMs ?? limits.connectTimeoutMs, deadline - Date.now()));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new NetError(target, 'filtered', `no answer to connect within ${ms} ms`));
      }, ms);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(connectFailure(target, error));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve({ socket, remote: { address, port }, deadline });
      });
    });
  }

  function defaultsFor(o: DialOptions): { maxBytes: number; readTimeoutMs: number } {
    return {
      maxBytes: o.maxBytes ?? limits.maxBytes,
      readTimeoutMs: o.readTimeoutMs ?? limits.readTimeoutMs,
    };
  }

  function upgrade(opened: Opened, o: TlsDialOptions): Promise<TlsConnection> {
    const { socket, remote, deadline } = opened;
    const target = formatTarget(remote.address, remote.port);
    const sni = o.servername && net.isIP(o.servername) === 0 ? o.servername : undefined;
    return new Promise<TlsConnection>((resolve, reject) => {
      const secure = tls.connect({
        socket,
        ...(sni === undefined ? {} : { servername: sni }),
        ...(o.minVersion === undefined ? {} : { minVersion: o.minVersion }),
        ...(o.maxVersion === undefined ? {} : { maxVersion: o.maxVersion }),
        ...(o.ciphers === undefined ? {} : { ciphers: o.ciphers }),
        ...(o.ca === undefined ? {} : { ca: o.ca }),
        ...(o.ALPNProtocols === undefined ? {} : { ALPNProtocols: o.ALPNProtocols }),
        rejectUnauthorized: false,
      });
      const limit = o.handshakeTimeoutMs ?? o.connectTimeoutMs ?? limits.connectTimeoutMs;
      const ms = Math.max(0, Math.min(limit, deadline - Date.now()));
      let settled = false;
      const fail = (error: NetError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secure.destroy();
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new NetError(target, 'timeout', `TLS handshake not finished within ${ms} ms`)),
        ms,
      );
      secure.once('error', (error: Error) => fail(handshakeFailure(target, error)));
      secure.once('close', () => fail(new NetError(target, 'peer', 'closed by peer during TLS handshake')));
      secure.once('secureConnect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secure.on('error', ignore);
        const connection = wrapSocket(secure, remote, defaultsFor(o), deadline);
        resolve(Object.assign(connection, { tls: tlsInfo(secure) }));
      });
    });
  }

  async function tcp(ip: string, port: number, o: DialOptions = {}): Promise<Connection> {
    const opened = await open(ip, port, o);
    return wrapSocket(opened.socket, opened.remote, defaultsFor(o), opened.deadline);
  }

  async function tlsDial(ip: string, port: number, o: TlsDialOptions = {}): Promise<TlsConnection> {
    return upgrade(await open(ip, port, o), o);
  }

  return {
    guard,
    limits,
    tcp,
    tls: tlsDial,
    startTls(connection, o = {}) {
      const { socket } = connection.detach();
      return upgrade({ socket, remote: connection.remote, deadline: connection.deadline }, o);
    },
    async exchange(ip, port, request, o = {}) {
      let connection: Connection;
      try {
        connection = o.tls ? await tlsDial(ip, port, { ...o, ...o.tls }) : await tcp(ip, port, o);
      } catch (error) {
        if (error instanceof ScopeError) return { status: 'refused-by-scope', note: error.message };
        if (error instanceof NetError && (error.failure === 'closed' || error.failure === 'filtered')) {
          return { status: error.failure, note: error.message };
        }
        if (error instanceof NetError) {
          const closedBy = closedByFor(error.failure);
          return { status: 'open', bytes: Buffer.alloc(0), truncated: false, closedBy, note: error.message };
        }
        return { status: 'filtered', note: String(error) };
      }
      try {
        let writeNote: string | undefined;
        if (request !== null) {
          // A peer that resets before reading still may have said something: read it anyway.
          await connection.write(request).catch((error: Error) => {
            writeNote = `write failed: ${error.message}`;
          });
        }
        const result = await connection.read(o);
        const note = [writeNote, result.note].filter(Boolean).join('; ');
        return { status: 'open', ...result, ...(note === '' ? {} : { note }) };
      } finally {
        connection.close();
      }
    },
    async probe(ip, port, o = {}) {
      try {
        const opened = await open(ip, port, o);
        opened.socket.destroy();
        return { status: 'open' };
      } catch (error) {
        if (error instanceof ScopeError) return { status: 'refused-by-scope', note: error.message };
        if (error instanceof NetError)
          return { status: error.failure === 'closed' ? 'closed' : 'filtered', note: error.message };
        return { status: 'filtered', note: String(error) };
      }
    },
  };
}
