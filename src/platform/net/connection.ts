/**
 * A connected socket seen through bounded reads: every read stops at a byte cap, a silence timeout or
 * the connection's hard deadline, and says why it stopped. Hostile peers (silent, dripping, flooding,
 * resetting) end a read with a note; they never make it throw or grow memory past the cap.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Why a read ended. `done` = the caller's condition was met or the peer went idle after answering. */
export type ClosedBy = 'peer' | 'timeout' | 'cap' | 'reset' | 'done' | 'error';

/** How much to read and when to stop. */
export interface ReadOptions {
  /** Byte cap for this read; extra bytes stay buffered for the next read. */
  readonly maxBytes?: number;
  /** Longest silence tolerated (before the first byte, and between bytes). */
  readonly readTimeoutMs?: number;
  /** Once some bytes arrived, stop (`done`) after this much silence: for banners of unknown length. */
  readonly untilIdleMs?: number;
  /** Stop (`done`) as soon as this returns true for the bytes read so far (do not keep the buffer). */
  readonly stopWhen?: (bytes: Buffer) => boolean;
}

/** What a read returned. `truncated` = the cap stopped it, so the peer may have had more to say. */
export interface ReadResult {
  readonly bytes: Buffer;
  readonly truncated: boolean;
  readonly closedBy: ClosedBy;
  readonly note?: string;
}

/** A connection opened by the dialer; closed by the caller, or at the latest by its deadline. */
export interface Connection {
  /** The address and port actually connected to (always an IP literal). */
  readonly remote: { readonly address: string; readonly port: number };
  /** The underlying socket, for protocol details (TLS peer certificate, cipher). Do not read from it. */
  readonly socket: Socket | TLSSocket;
  /** Writes bytes; rejects with a NetError when the peer is gone. */
  write(data: Buffer | string): Promise<void>;
  /** Reads under the given bounds; never rejects because of what the peer does. */
  read(options?: ReadOptions): Promise<ReadResult>;
  /** Puts bytes back in front of the buffer (a parser read past the end of what it needed). */
  unshift(bytes: Buffer): void;
  /** Hands the socket over (for a TLS upgrade), dropping this wrapper's listeners; returns unread bytes. */
  detach(): { socket: Socket | TLSSocket; unread: Buffer };
  /** Destroys the socket (idempotent). */
  close(): void;
  /** True once the socket is closed or destroyed. */
  readonly closed: boolean;
  /** Epoch milliseconds at which the socket is destroyed whatever happens. */
  readonly deadline: number;
}

/** Defaults a connection applies to reads that leave a bound unset. */
export interface ReadDefaults {
  readonly maxBytes: number;
  readonly readTimeoutMs: number;
}

/** Why the connection is no longer usable, set once by the first event that ended it. */
interface Ending {
  readonly closedBy: ClosedBy;
  readonly note?: string;
}

/** Network error codes that mean the peer reset or abandoned the connection. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Maps a socket error to how a read ended. */
export function endingFor(error: Error & { code?: string }, received: number): Ending {
  if (error.code !== undefined && RESET_CODES.has(error.code)) {
    return { closedBy: 'reset', note: `connection reset by peer after ${received} bytes` };
  }
  return { closedBy: 'error', note: `${error.code ?? 'error'}: ${error.message}`.slice(0, 300) };
}

/** A byte buffer that grows by doubling up to its cap, so reading N bytes costs O(N). */
class ByteAccumulator {
  private buffer = Buffer.alloc(0);
  length = 0;

  constructor(private readonly cap: number) {}

  /** Appends what fits; returns the part of `chunk` that did not. */
  append(chunk: Buffer): Buffer {
    const take = Math.min(chunk.length, this.cap - this.length);
    if (this.length + take > this.buffer.length) {
      const size = Math.min(this.cap, Math.max(this.length + take, this.buffer.length * 2, 1024));
      const grown = Buffer.allocUnsafe(size);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.length, 0, take);
    this.length += take;
    return chunk.subarray(take);
  }

  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Wraps a connected socket; `deadline` (epoch ms) is the hard end of its life. */
export function wrapSocket(
  socket: Socket | TLSSocket,
  remote: { address: string; port: number },
  defaults: ReadDefaults,
  deadline: number,
): Connection {
  let pending: Buffer[] = [];
  let received = 0;
  let ended: Ending | undefined;
  let wake: (() => void) | undefined;
  let reading = false;
  let detached = false;

  const deadlineTimer = setTimeout(
    () => {
      ended ??= { closedBy: 'timeout', note: 'total time limit reached' };
      socket.destroy();
      wake?.();
    },
    Math.max(0, deadline - Date.now()),
  );

  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    pending.push(chunk);
    if (!reading) socket.pause();
    wake?.();
  };
  const onEnd = (): void => {
    ended ??= { closedBy: 'peer' };
    wake?.();
  };
  const onError = (error: Error): void => {
    ended ??= endingFor(error, received);
    wake?.();
  };
  const onClose = (): void => {
    clearTimeout(deadlineTimer);
    ended ??= { closedBy: 'peer' };
    wake?.();
  };
  // A peer may hang up between the handshake and this wrapper: no 'close' event would come.
  if (socket.destroyed) ended = { closedBy: 'peer' };
  socket.pause();
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onClose);

  function read(options: ReadOptions = {}): Promise<ReadResult> {
    if (reading) throw new Error('Connection.read called while another read is in progress');
    if (detached) throw new Error('Connection.read called after detach');
    reading = true;
    const maxBytes = Math.max(1, options.maxBytes ?? defaults.maxBytes);
    const readTimeoutMs = options.readTimeoutMs ?? defaults.readTimeoutMs;
    const acc = new ByteAccumulator(maxBytes);

    return new Promise<ReadResult>((resolve) => {
      let silence: NodeJS.Timeout | undefined;
      let silenceEnding: Ending | undefined;

      const finish = (closedBy: ClosedBy, note?: string): void => {
        clearTimeout(silence);
        wake = undefined;
        reading = false;
        if (!socket.destroyed) socket.pause();
        const bytes = acc.view();
        resolve({ bytes, truncated: closedBy === 'cap', closedBy, ...(note === undefined ? {} : { note }) });
      };

      const armSilence = (): void => {
        clearTimeout(silence);
        const idle = acc.length > 0 && options.untilIdleMs !== undefined;
        const ms = idle ? Math.min(options.untilIdleMs ?? 0, readTimeoutMs) : readTimeoutMs;
        silenceEnding = idle
          ? { closedBy: 'done', note: `peer idle for ${ms} ms` }
          : { closedBy: 'timeout', note: `no data for ${ms} ms` };
        silence = setTimeout(() => {
          if (silenceEnding) finish(silenceEnding.closedBy, silenceEnding.note);
        }, ms);
      };

      const pump = (): void => {
        let gotData = false;
        while (pending.length > 0) {
          const chunk = pending.shift() as Buffer;
          const rest = acc.append(chunk);
          gotData = true;
          if (options.stopWhen?.(acc.view())) {
            if (rest.length > 0) pending.unshift(rest);
            return finish('done');
          }
          if (acc.length >= maxBytes) {
            if (rest.length > 0) pending.unshift(rest);
            return finish('cap', `stopped at the ${maxBytes}-byte cap`);
          }
        }
        if (ended) return finish(ended.closedBy, ended.note);
        if (gotData || silence === undefined) armSilence();
        // A destroyed socket always emits 'close' next, which ends the read with the right reason.
        if (!socket.destroyed) socket.resume();
      };

      wake = pump;
      pump();
    });
  }

  return {
    remote,
    socket,
    deadline,
    get closed() {
      return socket.destroyed;
    },
    read,
    write(data) {
      return new Promise<void>((resolve, reject) => {
        if (socket.destroyed || socket.writableEnded) {
          reject(new Error(`cannot write: connection to ${remote.address}:${remote.port} is closed`));
          return;
        }
        socket.write(data, (error) => (error ? reject(error) : resolve()));
      });
    },
    unshift(bytes) {
      if (bytes.length > 0) pending.unshift(bytes);
    },
    detach() {
      detached = true;
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.off('close', onClose);
      // The new owner reports errors; this keeps one in the gap from crashing the process.
      socket.on('error', () => undefined);
      clearTimeout(deadlineTimer);
      const unread = Buffer.concat(pending);
      pending = [];
      return { socket, unread };
    },
    close() {
      clearTimeout(deadlineTimer);
      ended ??= { closedBy: 'done', note: 'closed by us' };
      socket.destroy();
    },
  };
}
