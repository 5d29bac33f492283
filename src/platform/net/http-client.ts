/**
 * A minimal HTTP/1.1 client for the scanner (GET and HEAD), written over the dialer so that the scope
 * guard, the limits and the byte caps apply to every request. The Host header and TLS SNI carry the
 * name; the socket goes to an address the guard accepted. Redirects are returned, never followed here.
 */
import { isIP } from 'node:net';
import type { ClosedBy, Connection, ReadResult } from './connection.js';
import { NetError, type Dialer, type TlsDialOptions, type TlsInfo } from './dialer.js';
import {
  ChunkedDecoder,
  bodyFraming,
  findHeadEnd,
  looksLikeHttp,
  parseHttpHead,
  preview,
  type HttpHead,
} from './http-response.js';
import { formatTarget } from './scope.js';

/** Resolves a name to addresses (the resolver does; the client only needs this much of it). */
export interface AddressLookup {
  lookup(name: string): Promise<{ readonly addresses: readonly string[] }>;
}

/** Per-request settings. */
export interface HttpRequestOptions {
  readonly method?: 'GET' | 'HEAD';
  /** Address to connect to, bypassing resolution (still checked by the guard). */
  readonly address?: string;
  /** Extra request headers (no CR or LF allowed). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Cap on the status line and headers; default 64 KiB. */
  readonly maxHeaderBytes?: number;
  /** Cap on the (decoded) body; default the dialer's `maxBytes`. */
  readonly maxBodyBytes?: number;
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly totalTimeoutMs?: number;
  /** TLS settings for https URLs (SNI is always the URL's host name). */
  readonly tls?: Omit<TlsDialOptions, 'servername'>;
}

/** A response as observed, including why reading stopped. */
export interface HttpResponse extends HttpHead {
  readonly url: string;
  /** The address actually connected to. */
  readonly address: string;
  readonly port: number;
  readonly body: Buffer;
  /** The body was cut at the byte cap. */
  readonly truncated: boolean;
  readonly closedBy: ClosedBy;
  readonly note?: string;
  /** The Location header resolved against `url`, when present and readable. */
  readonly location?: string;
  readonly tls?: TlsInfo;
}

/** Sends requests through the dialer. */
export interface HttpClient {
  /** GET or HEAD `url`; throws ScopeError (nothing sent) or NetError (network or protocol failure). */
  request(url: string | URL, options?: HttpRequestOptions): Promise<HttpResponse>;
}

/** What the client is built from. */
export interface HttpClientOptions {
  readonly dialer: Dialer;
  /** Needed for URLs whose host is a name; IP-literal URLs work without it. */
  readonly resolver?: AddressLookup;
  readonly userAgent?: string;
}

const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; Hygie-scanner; health-sector CERT)';

function headerSafe(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new RangeError('HTTP header values cannot contain CR, LF or NUL');
  return value;
}

/** Builds the request bytes; Connection: close keeps one exchange per socket. */
function requestBytes(
  url: URL,
  method: string,
  userAgent: string,
  extra: Readonly<Record<string, string>>,
): Buffer {
  const lines = [`${method} ${url.pathname || '/'}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  const given = new Set(Object.keys(extra).map((k) => k.toLowerCase()));
  const defaults: [string, string][] = [
    ['User-Agent', userAgent],
    ['Accept', '*/*'],
    ['Accept-Encoding', 'identity'],
  ];
  for (const [name, value] of defaults) if (!given.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  for (const [name, value] of Object.entries(extra)) {
    if (['host', 'connection', 'content-length', 'transfer-encoding'].includes(name.toLowerCase())) continue;
    lines.push(`${headerSafe(name)}: ${headerSafe(value)}`);
  }
  lines.push('Connection: close', '', '');
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

function failureFor(closedBy: ClosedBy): 'timeout' | 'reset' | 'peer' | 'protocol' {
  return closedBy === 'timeout' || closedBy === 'reset' || closedBy === 'peer' ? closedBy : 'protocol';
}

/** Reads one response head; surplus bytes (start of the body) go back into the connection. */
async function readHead(connection: Connection, target: string, maxHeaderBytes: number): Promise<HttpHead> {
  const read = await connection.read({
    maxBytes: maxHeaderBytes,
    stopWhen: (b) => findHeadEnd(b) >= 0 || !looksLikeHttp(b),
  });
  const { bytes } = read;
  if (bytes.length > 0 && !looksLikeHttp(bytes)) {
    throw new NetError(target, 'protocol', `not an HTTP response: "${preview(bytes)}"`);
  }
  const end = findHeadEnd(bytes);
  if (end < 0) {
    const why =
      read.closedBy === 'cap'
        ? `response head larger than ${maxHeaderBytes} bytes`
        : `incomplete response head after ${bytes.length} bytes (${read.note ?? `closed by ${read.closedBy}`})`;
    throw new NetError(target, read.closedBy === 'cap' ? 'protocol' : failureFor(read.closedBy), why);
  }
  connection.unshift(Buffer.from(bytes.subarray(end)));
  const parsed = parseHttpHead(bytes.subarray(0, end));
  if (!parsed.ok) throw new NetError(target, 'protocol', parsed.reason);
  return parsed.head;
}

interface Body {
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly closedBy: ClosedBy;
  readonly note?: string;
}

function bodyOf(read: ReadResult, body: Buffer, truncated: boolean, note?: string): Body {
  const notes = [note, read.note].filter(Boolean).join('; ');
  return { body, truncated, closedBy: read.closedBy, ...(notes === '' ? {} : { note: notes }) };
}

/** Reads the body as framed by the head, never more than `maxBody` decoded bytes. */
async function readBody(
  connection: Connection,
  method: string,
  head: HttpHead,
  maxBody: number,
): Promise<Body> {
  const framing = bodyFraming(method, head);
  if (framing.kind === 'none') return { body: Buffer.alloc(0), truncated: false, closedBy: 'done' };
  if (framing.kind === 'length') {
    if (framing.length === 0) return { body: Buffer.alloc(0), truncated: false, closedBy: 'done' };
    const read = await connection.read({
      maxBytes: Math.min(framing.length, maxBody),
      stopWhen: (b) => b.length >= framing.length,
    });
    const short =
      read.closedBy !== 'done' && read.closedBy !== 'cap'
        ? `body shorter than Content-Length (${read.bytes.length} of ${framing.length} bytes)`
        : undefined;
    return bodyOf(read, read.bytes, framing.length > maxBody, short);
  }
  if (framing.kind === 'chunked') {
    const decoder = new ChunkedDecoder(maxBody);
    let fed = 0;
    const read = await connection.read({
      // Framing overhead on top of the body cap; a flood of tiny chunks is still bounded.
      maxBytes: maxBody + 64 * 1024,
      stopWhen: (b) => {
        decoder.push(b.subarray(fed));
        fed = b.length;
        return decoder.done || decoder.failed || decoder.overflowed;
      },
    });
    if (decoder.overflowed) {
      return {
        body: decoder.body(),
        truncated: true,
        closedBy: 'cap',
        note: `stopped at the ${maxBody}-byte cap`,
      };
    }
    const truncated = read.closedBy === 'cap' && !decoder.done;
    const note = decoder.failed
      ? `invalid chunked encoding: ${decoder.error ?? ''}`
      : !decoder.done && !truncated
        ? 'chunked body ended before its last chunk'
        : undefined;
    return bodyOf(read, decoder.body(), truncated, note);
  }
  const read = await connection.read({ maxBytes: maxBody });
  return bodyOf(read, read.bytes, read.truncated, framing.note);
}

/** Builds the client. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { dialer, resolver } = options;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;

  async function addressFor(url: URL, port: number, given: string | undefined): Promise<string> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (given !== undefined) return given;
    if (isIP(host) !== 0) return host;
    if (!resolver)
      throw new NetError(host, 'unresolved', 'no resolver given to the HTTP client for a host name');
    dialer.guard.checkName(host);
    const { addresses } = await resolver.lookup(host);
    if (addresses.length === 0) throw new NetError(host, 'unresolved', 'the name has no address');
    // Prefer an address the guard accepts; otherwise the dial below records and throws the refusal.
    return addresses.find((a) => dialer.guard.refusalFor(a, port) === undefined) ?? (addresses[0] as string);
  }

  return {
    async request(input, o = {}) {
      const url = new URL(input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new RangeError(`only http and https URLs can be requested, not ${url.protocol}`);
      }
      const method = o.method ?? 'GET';
      const https = url.protocol === 'https:';
      const port = url.port === '' ? (https ? 443 : 80) : Number(url.port);
      const address = await addressFor(url, port, o.address);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const bounds = {
        ...(o.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: o.connectTimeoutMs }),
        ...(o.readTimeoutMs === undefined ? {} : { readTimeoutMs: o.readTimeoutMs }),
        ...(o.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: o.totalTimeoutMs }),
      };
      const connection = https
        ? await dialer.tls(address, port, { ...bounds, ...o.tls, servername: host })
        : await dialer.tcp(address, port, bounds);
      const target = formatTarget(connection.remote.address, port);
      try {
        await connection
          .write(requestBytes(url, method, userAgent, o.headers ?? {}))
          .catch((error: Error) => {
            throw new NetError(target, 'reset', `could not send the request: ${error.message}`);
          });
        let head = await readHead(connection, target, o.maxHeaderBytes ?? 64 * 1024);
        // Interim 1xx answers (100 Continue, 103 Early Hints) precede the real one.
        for (let i = 0; head.status >= 100 && head.status < 200 && head.status !== 101 && i < 5; i++) {
          head = await readHead(connection, target, o.maxHeaderBytes ?? 64 * 1024);
        }
        const body = await readBody(connection, method, head, o.maxBodyBytes ?? dialer.limits.maxBytes);
        let location: string | undefined;
        if (head.headers.location !== undefined) {
          try {
            location = new URL(head.headers.location, url).href;
          } catch {
            location = undefined;
          }
        }
        return {
          ...head,
          ...body,
          url: url.href,
          address: connection.remote.address,
          port,
          ...(location === undefined ? {} : { location }),
          ...('tls' in connection ? { tls: (connection as { tls: TlsInfo }).tls } : {}),
        };
      } finally {
        connection.close();
      }
    },
  };
}
