/**
 * Pure HTTP/1.x response parsing for the scanner's own client: the head (status line and headers)
 * and an incremental chunked-transfer decoder. Lenient where real servers are sloppy (bare LF line
 * ends, malformed header lines skipped), strict where a wrong guess would mislead (status line).
 */

/** Status line and headers of a response. */
export interface HttpHead {
  readonly httpVersion: string;
  readonly status: number;
  readonly statusText: string;
  /** Headers in wire order, names as sent. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  /** Lower-case names; repeated headers joined with ", " (see rawHeaders for Set-Cookie). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Result of parsing a head: the head, or a sentence saying why the bytes are not HTTP. */
export type HeadParse = { ok: true; head: HttpHead } | { ok: false; reason: string };

const HTTP_PREFIX = Buffer.from('HTTP/', 'latin1');
const STATUS_LINE = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** True while the bytes could still be the start of an HTTP response. */
export function looksLikeHttp(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, HTTP_PREFIX.length);
  return bytes.subarray(0, n).equals(HTTP_PREFIX.subarray(0, n));
}

/** Offset just past the blank line ending the head (CRLF CRLF or LF LF), or -1 when not there yet. */
export function findHeadEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  const lf = bytes.indexOf('\n\n', 0, 'latin1');
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  if (lf < 0 || crlf < lf) return crlf + 4;
  return lf + 2;
}

/** Printable preview of bytes for a note (a banner from another protocol, a bad status line). */
export function preview(bytes: Buffer, max = 60): string {
  const text = bytes
    .subarray(0, max)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return bytes.length > max ? `${text}…` : text;
}

/** Parses a complete head (as delimited by findHeadEnd); at most `maxHeaders` header lines are kept. */
export function parseHttpHead(bytes: Buffer, maxHeaders = 256): HeadParse {
  const lines = bytes.toString('latin1').split(/\r?\n/);
  const statusLine = lines[0] ?? '';
  const m = STATUS_LINE.exec(statusLine);
  if (!m)
    return { ok: false, reason: `not an HTTP status line: "${preview(Buffer.from(statusLine, 'latin1'))}"` };
  const rawHeaders: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const last = rawHeaders[rawHeaders.length - 1];
    if (/^[ \t]/.test(line) && last) {
      // Obsolete line folding (RFC 7230 §3.2.4): a continuation of the previous value.
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) continue;
    if (rawHeaders.length >= maxHeaders) break;
    rawHeaders.push([name, line.slice(colon + 1).trim()]);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of rawHeaders) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return {
    ok: true,
    head: {
      httpVersion: `${m[1]}.${m[2]}`,
      status: Number(m[3]),
      statusText: m[4] ?? '',
      rawHeaders,
      headers,
    },
  };
}

/** How the body of a response is delimited (RFC 9112 §6.3, as far as a GET/HEAD client needs). */
export type BodyFraming =
  | { kind: 'none' }
  | { kind: 'chunked' }
  | { kind: 'length'; length: number }
  | { kind: 'close'; note?: string };

/** Decides the body framing from the method, status and headers. */
export function bodyFraming(method: string, head: HttpHead): BodyFraming {
  if (
    method === 'HEAD' ||
    (head.status >= 100 && head.status < 200) ||
    head.status === 204 ||
    head.status === 304
  ) {
    return { kind: 'none' };
  }
  const te = head.headers['transfer-encoding'];
  if (te !== undefined) {
    const codings = te
      .toLowerCase()
      .split(',')
      .map((s) => s.trim());
    if (codings[codings.length - 1] === 'chunked') return { kind: 'chunked' };
    return { kind: 'close', note: `unsupported Transfer-Encoding "${te}": body read until close` };
  }
  const cl = head.headers['content-length'];
  if (cl !== undefined) {
    const values = new Set(cl.split(',').map((s) => s.trim()));
    const [only] = values;
    if (values.size === 1 && only !== undefined && /^\d{1,15}$/.test(only))
      return { kind: 'length', length: Number(only) };
    return { kind: 'close', note: `invalid Content-Length "${cl}": body read until close` };
  }
  return { kind: 'close' };
}

/** Incremental decoder of `Transfer-Encoding: chunked`, keeping at most `maxBody` decoded bytes. */
export class ChunkedDecoder {
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' | 'error' = 'size';
  private line = '';
  private remaining = 0;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Why decoding stopped on bad input. */
  error: string | undefined;
  /** True when the body was longer than `maxBody` and was cut. */
  overflowed = false;

  constructor(private readonly maxBody: number) {}

  /** The terminating zero-size chunk and trailers have been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Decoding stopped on malformed input (see `error`). */
  get failed(): boolean {
    return this.state === 'error';
  }

  /** The decoded body so far (at most `maxBody` bytes). */
  body(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  /** Feeds the next bytes from the wire; bytes after the end of the body are ignored. */
  push(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length && this.state !== 'done' && this.state !== 'error') {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, bytes.length - i);
        this.keep(bytes.subarray(i, i + n));
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const nl = bytes.indexOf(0x0a, i);
      const end = nl < 0 ? bytes.length : nl;
      this.line += bytes.toString('latin1', i, end);
      if (this.line.length > 4096) return this.fail('chunk-size or trailer line longer than 4096 bytes');
      if (nl < 0) return;
      i = nl + 1;
      const text = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
      this.line = '';
      this.onLine(text);
    }
  }

  private onLine(text: string): void {
    if (this.state === 'data-end') {
      if (text !== '') this.fail('chunk data not followed by CRLF');
      else this.state = 'size';
    } else if (this.state === 'trailer') {
      if (text === '') this.state = 'done';
    } else {
      const m = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(text);
      if (!m) return this.fail(`bad chunk-size line "${preview(Buffer.from(text, 'latin1'), 30)}"`);
      const size = parseInt(m[1] ?? '', 16);
      if (size === 0) this.state = 'trailer';
      else {
        this.remaining = size;
        this.state = 'data';
      }
    }
  }

  private keep(bytes: Buffer): void {
    const room = this.maxBody - this.kept;
    if (bytes.length > room) this.overflowed = true;
    const take = Math.min(room, bytes.length);
    if (take > 0) {
      this.chunks.push(Buffer.from(bytes.subarray(0, take)));
      this.kept += take;
    }
  }

  private fail(reason: string): void {
    this.state = 'error';
    this.error = reason;
  }
}
