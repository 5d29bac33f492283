/**
 * DNSSEC presence of a zone: a DNSKEY query with the DO bit (RFC 4035 §3.2.1) and AD requested
 * (RFC 6840 §5.7), over TCP through the dialer to the scan's DNS servers. The platform resolver only
 * asks the scanner's everyday record types, so this small addition lives here rather than in
 * `src/platform/net` (which it does not modify): same servers, same guard, same bounds. Encoding and
 * reading are pure (`dnskeyQuery`, `readDnskeyAnswer`).
 */
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { Dialer, DnsServer } from '../../../platform/net/index.js';
import type { DnssecObservation } from './assessment.types.js';

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

/** A DNSKEY query for `zone` with DO and AD set, framed for TCP; returns the id to match. */
export function dnskeyQuery(zone: string, id: number = randomInt(0, 65536)): { id: number; bytes: Buffer } {
  const bytes = dnsPacket.streamEncode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    questions: [{ type: 'DNSKEY', name: zone, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 4096,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: dnsPacket.DNSSEC_OK,
        flag_do: true,
        options: [],
      },
    ],
  });
  return { id, bytes };
}

/** Length of the first TCP frame (prefix included) or -1 while incomplete. */
function frameLength(bytes: Buffer): number {
  if (bytes.length < 2) return -1;
  const total = 2 + bytes.readUInt16BE(0);
  return bytes.length >= total ? total : -1;
}

/** What one answer says: signed (DNSKEY present), unsigned (none), or why it tells nothing. */
export type DnskeyAnswer =
  | {
      readonly kind: 'answer';
      readonly rcode: string;
      readonly dnskeys: number;
      readonly signatures: number;
      readonly authenticated: boolean;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Reads a TCP-framed answer to `dnskeyQuery(zone, id)`. Never throws. */
export function readDnskeyAnswer(bytes: Buffer, zone: string, id: number): DnskeyAnswer {
  const length = frameLength(bytes);
  if (length < 0) return { kind: 'invalid', reason: `incomplete answer (${bytes.length} bytes)` };
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(bytes.subarray(2, length));
  } catch {
    return { kind: 'invalid', reason: 'undecodable answer' };
  }
  const question = packet.questions?.[0];
  if (packet.type !== 'response' || packet.id !== id) return { kind: 'invalid', reason: 'unrelated answer' };
  if (
    question &&
    (question.name.toLowerCase().replace(/\.$/, '') !== zone.toLowerCase() || question.type !== 'DNSKEY')
  ) {
    return { kind: 'invalid', reason: 'answer to another question' };
  }
  const owner = zone.toLowerCase().replace(/\.$/, '');
  const answers = (packet.answers ?? []).filter((a) => a.name.toLowerCase().replace(/\.$/, '') === owner);
  const code = (packet.flags ?? 0) & 0xf;
  return {
    kind: 'answer',
    rcode: RCODES[code] ?? `RCODE${code}`,
    dnskeys: answers.filter((a) => a.type === 'DNSKEY').length,
    signatures: answers.filter((a) => a.type === 'RRSIG').length,
    authenticated: packet.flag_ad === true,
  };
}

/** Asks each configured server in turn until one answers NOERROR or NXDOMAIN. Never throws. */
export async function observeDnssec(
  dialer: Dialer,
  servers: readonly DnsServer[],
  zone: string,
  timeoutMs = 3000,
): Promise<DnssecObservation> {
  const notes: string[] = [];
  for (const server of servers) {
    const { id, bytes } = dnskeyQuery(zone);
    const result = await dialer.exchange(server.host, server.port, bytes, {
      maxBytes: 65_537,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      totalTimeoutMs: timeoutMs * 2,
      stopWhen: (b) => frameLength(b) >= 0,
    });
    const where = `${server.host}:${server.port}`;
    if (result.status !== 'open') {
      notes.push(`${where}: ${result.note}`);
      continue;
    }
    const answer = readDnskeyAnswer(Buffer.from(result.bytes), zone, id);
    if (answer.kind === 'invalid') {
      notes.push(`${where}: ${answer.reason}`);
      continue;
    }
    if (answer.rcode !== 'NOERROR' && answer.rcode !== 'NXDOMAIN') {
      notes.push(`${where}: ${answer.rcode}`);
      continue;
    }
    return {
      status: answer.dnskeys > 0 ? 'signed' : 'unsigned',
      dnskeys: answer.dnskeys,
      signatures: answer.signatures,
      authenticated: answer.authenticated,
      server: where,
    };
  }
  return {
    status: 'unknown',
    dnskeys: 0,
    signatures: 0,
    authenticated: false,
    note: notes.length === 0 ? 'no DNS server configured' : notes.join('; ').slice(0, 300),
  };
}
