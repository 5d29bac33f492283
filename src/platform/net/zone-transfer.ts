/**
 * AXFR attempts (RFC 5936) against a target's name server: one TCP connection through the dialer, a
 * length-prefixed query, then as many length-prefixed messages as the server sends until the closing
 * SOA. Bounded in bytes, records and time; a refusal is an answer, not an error.
 */
import type { Connection } from './connection.js';
import { NetError, type Dialer } from './dialer.js';
import { formatTarget } from './scope.js';
import {
  answersQuery,
  buildQuery,
  decodeMessage,
  encodeQuery,
  frameLength,
  rcodeName,
  toRecords,
  type DnsRecord,
} from './dns-message.js';

/** Bounds of one transfer. */
export interface ZoneTransferOptions {
  /** Whole transfer, connection included; default 30 s. */
  readonly timeoutMs?: number;
  /** Longest silence between messages; default 10 s. */
  readonly readTimeoutMs?: number;
  /** Bytes read in total; default 8 MiB. */
  readonly maxBytes?: number;
  /** Records kept; default 100 000. */
  readonly maxRecords?: number;
}

/**
 * Outcome of an attempt. `transferred`: the whole zone (a finding: transfers should be refused);
 * `partial`: cut by a cap, or some records then a timeout or close; `refused`: the server said no (REFUSED,
 * NOTAUTH, …) or closed without answering; `failed`: no connection could be made.
 */
export interface ZoneTransfer {
  readonly zone: string;
  readonly server: string;
  readonly status: 'transferred' | 'partial' | 'refused' | 'failed';
  readonly records: readonly DnsRecord[];
  readonly messages: number;
  readonly truncated: boolean;
  readonly rcode?: string;
  readonly note?: string;
}

/** Attempts a zone transfer; throws ScopeError (nothing opened) when the zone or server is out of scope. */
export async function transferZone(
  dialer: Dialer,
  zone: string,
  ip: string,
  port: number,
  options: ZoneTransferOptions = {},
): Promise<ZoneTransfer> {
  const name = dialer.guard.checkName(zone);
  const address = dialer.guard.checkAddress(ip, port);
  const server = formatTarget(address, port);
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const maxRecords = options.maxRecords ?? 100_000;
  const base = { zone: name, server };

  let connection: Connection;
  try {
    connection = await dialer.tcp(address, port, {
      totalTimeoutMs: options.timeoutMs ?? 30_000,
      readTimeoutMs: options.readTimeoutMs ?? 10_000,
    });
  } catch (error) {
    if (error instanceof NetError) {
      return { ...base, status: 'failed', records: [], messages: 0, truncated: false, note: error.message };
    }
    throw error;
  }

  const records: DnsRecord[] = [];
  let messages = 0;
  let bytesRead = 0;
  let soaSeen = 0;
  const result = (
    status: ZoneTransfer['status'],
    extra: { truncated?: boolean; rcode?: string; note?: string } = {},
  ): ZoneTransfer => ({
    ...base,
    status,
    records,
    messages,
    truncated: extra.truncated ?? false,
    ...(extra.rcode === undefined ? {} : { rcode: extra.rcode }),
    ...(extra.note === undefined ? {} : { note: extra.note }),
  });
  const cut = (note: string, truncated = false): ZoneTransfer =>
    records.length === 0 && !truncated ? result('refused', { note }) : result('partial', { note, truncated });

  try {
    const query = buildQuery(name, 'AXFR');
    try {
      await connection.write(encodeQuery(query, true));
    } catch (error) {
      return cut(`could not send the query: ${(error as Error).message}`);
    }
    for (;;) {
      const room = maxBytes - bytesRead;
      if (room <= 0) return cut(`stopped at the ${maxBytes}-byte cap`, true);
      const read = await connection.read({
        maxBytes: Math.min(room, 65_537),
        stopWhen: (b) => frameLength(b) >= 0,
      });
      const length = frameLength(read.bytes);
      if (length < 0) {
        if (read.closedBy === 'cap' && room < 65_537) return cut(`stopped at the ${maxBytes}-byte cap`, true);
        const why = read.closedBy === 'peer' ? 'connection closed' : (read.note ?? read.closedBy);
        return cut(messages === 0 ? `${why} without an answer` : `${why} before the closing SOA`);
      }
      bytesRead += length;
      connection.unshift(Buffer.from(read.bytes.subarray(length)));
      const packet = decodeMessage(read.bytes.subarray(2, length));
      if (!packet || !answersQuery(packet, query)) return cut('undecodable or unrelated message');
      messages++;
      const rcode = rcodeName(packet.flags);
      if (rcode !== 'NOERROR') {
        return records.length === 0
          ? result('refused', { rcode })
          : result('partial', { rcode, note: `${rcode} mid-transfer` });
      }
      for (const record of toRecords(packet.answers)) {
        if (records.length === 0 && record.type !== 'SOA')
          return result('refused', { note: 'the answer does not start with the SOA' });
        if (records.length >= maxRecords) return cut(`stopped at ${maxRecords} records`, true);
        records.push(record);
        if (record.type === 'SOA' && ++soaSeen === 2) return result('transferred');
      }
      if (records.length === 0) return result('refused', { rcode, note: 'empty answer' });
    }
  } finally {
    connection.close();
  }
}
