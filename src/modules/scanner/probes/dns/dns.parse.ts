/**
 * DNS over TCP as a scanned service: the `version.bind` (CHAOS TXT) query a DNS server answers with
 * its product and often its version, and the pure reading of the answer. No I/O here.
 */
import dnsPacket from 'dns-packet';

/** The query id used by the probe (any value: one query per connection). */
export const VERSION_QUERY_ID = 0x4859;

/** `version.bind CH TXT`, framed for TCP (two-byte length prefix). */
export function versionBindQuery(): Buffer {
  return dnsPacket.streamEncode({
    type: 'query',
    id: VERSION_QUERY_ID,
    flags: 0,
    questions: [{ type: 'TXT', name: 'version.bind', class: 'CH' }],
  });
}

/** Length of the first complete TCP frame (prefix included), or -1. */
export function frameLength(bytes: Buffer): number {
  if (bytes.length < 2) return -1;
  const total = 2 + bytes.readUInt16BE(0);
  return bytes.length >= total ? total : -1;
}

/** What a DNS server said about itself. */
export interface DnsVersionAnswer {
  readonly rcode: string;
  /** The TXT text, when the server disclosed one. */
  readonly version?: string;
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

/** Reads a framed answer to `versionBindQuery`; null when the bytes are not that answer. Never throws. */
export function parseVersionAnswer(bytes: Buffer): DnsVersionAnswer | null {
  const length = frameLength(bytes);
  if (length < 14) return null;
  let packet;
  try {
    packet = dnsPacket.decode(bytes.subarray(2, length));
  } catch {
    return null;
  }
  if (packet.type !== 'response' || packet.id !== VERSION_QUERY_ID) return null;
  const rcode = RCODES[(packet.flags ?? 0) & 0xf] ?? `RCODE${(packet.flags ?? 0) & 0xf}`;
  const txt = (packet.answers ?? []).find((a) => a.type === 'TXT');
  if (!txt || txt.type !== 'TXT') return { rcode };
  const data = txt.data as unknown;
  const parts = Array.isArray(data) ? data : [data];
  const text = parts
    .map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p)))
    .join('')
    .trim();
  return text === '' ? { rcode } : { rcode, version: text.slice(0, 200) };
}

/** Known servers' version strings: product and version. */
const PRODUCTS: readonly { re: RegExp; product: string; cpe?: [string, string] }[] = [
  { re: /^NSD\s+v?(\d[\w.]*)/i, product: 'NSD', cpe: ['nlnetlabs', 'name_server_daemon'] },
  { re: /^unbound\s+v?(\d[\w.]*)/i, product: 'Unbound', cpe: ['nlnetlabs', 'unbound'] },
  { re: /^Knot DNS\s+v?(\d[\w.]*)/i, product: 'Knot DNS', cpe: ['nic', 'knot_dns'] },
  { re: /^PowerDNS.*?(\d+\.\d+[\w.]*)/i, product: 'PowerDNS', cpe: ['powerdns', 'authoritative'] },
  { re: /^dnsmasq-v?(\d[\w.]*)/i, product: 'dnsmasq', cpe: ['thekelleys', 'dnsmasq'] },
  { re: /^(9\.\d+\.\d+[\w.-]*)/, product: 'ISC BIND', cpe: ['isc', 'bind'] },
];

/** Product, version and CPE from a `version.bind` text, when it names a known server. */
export function productFromVersion(text: string): { product: string; version: string; cpe?: string } | null {
  for (const { re, product, cpe } of PRODUCTS) {
    const m = re.exec(text.trim());
    if (m?.[1]) {
      const version = m[1];
      return {
        product,
        version,
        ...(cpe ? { cpe: `cpe:2.3:a:${cpe[0]}:${cpe[1]}:${version}:*:*:*:*:*:*:*` } : {}),
      };
    }
  }
  return null;
}
