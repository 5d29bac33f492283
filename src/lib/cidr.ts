/**
 * IP addresses and CIDR blocks, as registered for a constituency and checked by the network scope guard.
 * Parsing is strict (dotted-quad IPv4 without leading zeros, no zone ids) so that what the registry stores
 * is exactly what every other tool reads. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are unwrapped to
 * IPv4, because traffic to them is IPv4 traffic: an IPv4 block must match them and an IPv6 block must not.
 */
import ipaddr from 'ipaddr.js';

/** A parsed address in canonical text (dotted IPv4, RFC 5952 IPv6). */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly address: string;
  /** True when the input was written as an IPv4-mapped IPv6 address and has been unwrapped to IPv4. */
  readonly ipv4Mapped: boolean;
}

/** A parsed CIDR block, normalised to its network address. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: string;
  readonly prefix: number;
  /** Canonical text, e.g. "192.0.2.0/24". */
  readonly text: string;
  /** True when the input had bits set after the prefix (192.0.2.10/24): it was normalised to the network. */
  readonly hostBitsSet: boolean;
}

/** Outcome of reading user input: the value, or a sentence telling the user what to fix. */
export type IpResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const STRICT_IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);
const EXAMPLES = 'use dotted IPv4 (192.0.2.10) or IPv6 (2001:db8::1)';

interface Raw {
  family: 4 | 6;
  bytes: number[];
  ipv4Mapped: boolean;
}

function bytesToText(family: 4 | 6, bytes: number[]): string {
  const addr = ipaddr.fromByteArray(bytes);
  return family === 4 ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
}

function parseRaw(input: string): IpResult<Raw> {
  const text = input.trim();
  if (text === '') return { ok: false, reason: `The address is empty: ${EXAMPLES}.` };
  if (text.includes('%')) {
    return {
      ok: false,
      reason: 'IPv6 zone ids (%eth0) only make sense on one machine: remove the part from % onwards.',
    };
  }
  if (text.includes(':')) {
    const tail = text.slice(text.lastIndexOf(':') + 1);
    const strictTail = !tail.includes('.') || STRICT_IPV4.test(tail);
    if (!strictTail || !ipaddr.IPv6.isValid(text)) {
      return { ok: false, reason: `"${text}" is not an IP address: ${EXAMPLES}.` };
    }
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) {
      return { ok: true, value: { family: 4, bytes: v6.toIPv4Address().toByteArray(), ipv4Mapped: true } };
    }
    return { ok: true, value: { family: 6, bytes: v6.toByteArray(), ipv4Mapped: false } };
  }
  if (STRICT_IPV4.test(text)) {
    return {
      ok: true,
      value: { family: 4, bytes: ipaddr.IPv4.parse(text).toByteArray(), ipv4Mapped: false },
    };
  }
  if (/^\d+(\.\d+){3}$/.test(text) && /(^|\.)0\d/.test(text)) {
    return {
      ok: false,
      reason:
        'IPv4 parts must not have leading zeros (some tools read them as octal): write 10.0.0.1, not 010.0.0.1.',
    };
  }
  return { ok: false, reason: `"${text}" is not an IP address: ${EXAMPLES}.` };
}

/** Parses one IP address strictly and returns its canonical form (IPv4-mapped IPv6 becomes IPv4). */
export function parseIp(input: string): IpResult<IpAddress> {
  const raw = parseRaw(input);
  if (!raw.ok) return raw;
  const { family, bytes, ipv4Mapped } = raw.value;
  return { ok: true, value: { family, address: bytesToText(family, bytes), ipv4Mapped } };
}

/** Clears every bit after `prefix`; reports whether any was set. */
function maskBytes(bytes: number[], prefix: number): { masked: number[]; hostBitsSet: boolean } {
  let hostBitsSet = false;
  const masked = bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((byte & ~mask & 0xff) !== 0) hostBitsSet = true;
    return byte & mask;
  });
  return { masked, hostBitsSet };
}

/**
 * Parses a CIDR block ("192.0.2.0/24", "2001:db8::/32"); a bare address means a single host (/32, /128).
 * Host bits after the prefix are accepted, cleared, and reported with `hostBitsSet`.
 */
export function parseCidr(input: string): IpResult<Cidr> {
  const text = input.trim();
  const slash = text.indexOf('/');
  const raw = parseRaw(slash < 0 ? text : text.slice(0, slash));
  if (!raw.ok) return raw;
  let { family, bytes } = raw.value;
  const max = family === 4 ? 32 : 128;
  const fromMapped = raw.value.ipv4Mapped;
  let prefix = fromMapped ? 128 : max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    prefix = /^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN;
    const limit = fromMapped ? 128 : max;
    if (!(prefix <= limit)) {
      return {
        ok: false,
        reason: `The prefix length after "/" must be a whole number from 0 to ${limit}, e.g. ${family === 4 && !fromMapped ? '192.0.2.0/24' : '2001:db8::/32'}.`,
      };
    }
  }
  if (fromMapped) {
    if (prefix >= 96) prefix -= 96;
    else {
      // Wider than the mapped range: keep it as the IPv6 block it is.
      family = 6;
      bytes = ipaddr.IPv4.parse(bytesToText(4, bytes)).toIPv4MappedAddress().toByteArray();
    }
  }
  const { masked, hostBitsSet } = maskBytes(bytes, prefix);
  const network = bytesToText(family, masked);
  return { ok: true, value: { family, network, prefix, text: `${network}/${prefix}`, hostBitsSet } };
}

function need<T>(r: IpResult<T>, what: string): T {
  if (!r.ok) throw new RangeError(`Invalid ${what}: ${r.reason}`);
  return r.value;
}

function toBytes(family: 4 | 6, text: string): number[] {
  return family === 4 ? ipaddr.IPv4.parse(text).toByteArray() : ipaddr.IPv6.parse(text).toByteArray();
}

/** True when `ip` lies inside `cidr` (families must agree after IPv4-mapped unwrapping); throws on malformed text. */
export function cidrContains(cidr: string | Cidr, ip: string | IpAddress): boolean {
  const block = typeof cidr === 'string' ? need(parseCidr(cidr), 'CIDR block') : cidr;
  const addr = typeof ip === 'string' ? need(parseIp(ip), 'IP address') : ip;
  if (block.family !== addr.family) return false;
  const { masked } = maskBytes(toBytes(addr.family, addr.address), block.prefix);
  const net = toBytes(block.family, block.network);
  return masked.every((b, i) => b === net[i]);
}

/** The value of the most specific block containing `ip` (first entry wins a tie), as a router would pick. */
export function longestPrefixMatch<T>(
  ip: string | IpAddress,
  entries: readonly { cidr: string | Cidr; value: T }[],
): T | undefined {
  const addr = typeof ip === 'string' ? need(parseIp(ip), 'IP address') : ip;
  let best: { prefix: number; value: T } | undefined;
  for (const entry of entries) {
    const block = typeof entry.cidr === 'string' ? need(parseCidr(entry.cidr), 'CIDR block') : entry.cidr;
    if ((best === undefined || block.prefix > best.prefix) && cidrContains(block, addr)) {
      best = { prefix: block.prefix, value: entry.value };
    }
  }
  return best?.value;
}
