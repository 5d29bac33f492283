/**
 * Pure DNS message handling on top of `dns-packet`: building queries, checking that an answer belongs to
 * its question, turning records into the text form of the scan result (`domains[].records`), and cutting
 * length-prefixed TCP frames. No I/O here.
 */
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, RecordType } from 'dns-packet';

/** Record types the scanner asks for. */
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'TXT' | 'CAA' | 'SOA' | 'PTR' | 'SRV';

/** One resource record in text form: `value` is what the scan result stores. */
export interface DnsRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly value: string;
}

/** A decoded answer, reduced to what callers use. */
export interface DnsAnswer {
  readonly name: string;
  readonly type: string;
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED, NOTAUTH, … */
  readonly rcode: string;
  readonly authoritative: boolean;
  readonly truncated: boolean;
  readonly records: readonly DnsRecord[];
  readonly authorities: readonly DnsRecord[];
}

const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

/** The name of a response code (from the low four bits of the header flags). */
export function rcodeName(flags: number | undefined): string {
  const code = (flags ?? 0) & 0xf;
  return RCODES[code] ?? `RCODE${code}`;
}

/** Lower-case, no trailing dot: the form every comparison uses. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** A query with a fresh random id; recursion desired except for zone transfers. */
export function buildQuery(name: string, type: RecordType): Packet & { id: number } {
  return {
    type: 'query',
    id: randomInt(0, 65536),
    flags: type === 'AXFR' ? 0 : dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
  };
}

/** Encodes a query for UDP (`stream` false) or TCP (two-byte length prefix). */
export function encodeQuery(query: Packet, stream: boolean): Buffer {
  return stream ? dnsPacket.streamEncode(query) : dnsPacket.encode(query);
}

/** Decodes a message; undefined when the bytes are not a DNS message. */
export function decodeMessage(bytes: Buffer): DecodedPacket | undefined {
  try {
    return dnsPacket.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when `packet` answers `query` (same id, a response, same question). */
export function answersQuery(packet: DecodedPacket, query: Packet & { id: number }): boolean {
  const q = query.questions?.[0];
  const a = packet.questions?.[0];
  if (packet.type !== 'response' || packet.id !== query.id || !q) return false;
  // Some servers omit the question in later AXFR messages; the first message always carries it.
  if (!a) return true;
  return normaliseName(a.name) === normaliseName(q.name) && a.type === q.type;
}

function text(data: unknown): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map(text).join('');
  return '';
}

/** The text value of one record, in the conventional zone-file order of its fields. */
export function recordValue(answer: Answer): string {
  switch (answer.type) {
    case 'A':
    case 'AAAA':
      return answer.data;
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return normaliseName(answer.data);
    case 'MX':
      return `${answer.data.preference ?? 0} ${normaliseName(answer.data.exchange) || '.'}`;
    case 'TXT':
      // RFC 7208 §3.3: the character-strings of one TXT record are concatenated without spaces.
      return text(answer.data);
    case 'CAA':
      return `${answer.data.flags ?? 0} ${answer.data.tag} "${answer.data.value}"`;
    case 'SOA': {
      const d = answer.data;
      const fields = [d.serial, d.refresh, d.retry, d.expire, d.minimum].map((n) => n ?? 0);
      return `${normaliseName(d.mname)} ${normaliseName(d.rname)} ${fields.join(' ')}`;
    }
    case 'SRV':
      return `${answer.data.priority ?? 0} ${answer.data.weight ?? 0} ${answer.data.port} ${normaliseName(answer.data.target)}`;
    case 'OPT':
      return '';
    default:
      return Buffer.isBuffer(answer.data) ? answer.data.toString('hex') : JSON.stringify(answer.data);
  }
}

/** Converts decoded records to text records (OPT pseudo-records dropped). */
export function toRecords(answers: readonly Answer[] | undefined): DnsRecord[] {
  return (answers ?? [])
    .filter((a) => a.type !== 'OPT')
    .map((a) => ({
      name: normaliseName(a.name),
      type: a.type,
      ttl: 'ttl' in a ? (a.ttl ?? 0) : 0,
      value: recordValue(a),
    }));
}

/** Reduces a decoded packet to a DnsAnswer for the question asked. */
export function toAnswer(packet: DecodedPacket, name: string, type: string): DnsAnswer {
  return {
    name: normaliseName(name),
    type,
    rcode: rcodeName(packet.flags),
    authoritative: packet.flag_aa,
    truncated: packet.flag_tc,
    records: toRecords(packet.answers),
    authorities: toRecords(packet.authorities),
  };
}

/** Length of the first complete length-prefixed frame in `bytes` (prefix included), or -1. */
export function frameLength(bytes: Buffer): number {
  if (bytes.length < 2) return -1;
  const total = 2 + bytes.readUInt16BE(0);
  return bytes.length >= total ? total : -1;
}

/** The reverse-lookup name of an address (`in-addr.arpa` or nibble `ip6.arpa`). */
export function reverseName(bytes: readonly number[]): string {
  if (bytes.length === 4) return `${[...bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = bytes.flatMap((b) => [b >> 4, b & 0xf]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}
