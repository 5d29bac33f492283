/**
 * The network layer's own `HYGIE_*` variables: global allow/deny lists (parsed strictly, as the guard
 * needs them), the explicit DNS servers and the ports a scan never touches. Read once at start.
 */
import { parseCidr, parseIp } from '../../lib/cidr.js';
import { ConfigError } from '../config/config.js';

/** A DNS server the resolver may ask: always an IP literal, never a name (no system resolver to find it). */
export interface DnsServer {
  readonly host: string;
  readonly port: number;
}

/** Everything `platform/net` reads from the environment. */
export interface NetConfig {
  /** HYGIE_NET_ALLOW: when non-empty, every address contacted must be inside one of these blocks. */
  readonly netAllow: readonly string[];
  /** HYGIE_NET_DENY: never contacted, whatever the scope says (deny wins). */
  readonly netDeny: readonly string[];
  /** HYGIE_DNS_SERVERS: the only DNS servers ever asked; empty means name resolution fails. */
  readonly dnsServers: readonly DnsServer[];
  /** HYGIE_SCAN_EXCLUDE_PORTS: ports no scan connects to (fragile devices such as printers on 9100). */
  readonly excludedPorts: readonly number[];
}

type Env = Readonly<Record<string, string | undefined>>;

const PORT = /^[1-9]\d{0,4}$/;

function port(text: string, variable: string, item: string): number {
  const value = PORT.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= 65535)) {
    throw new ConfigError(variable, 'ports between 1 and 65535', item);
  }
  return value;
}

function items(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Reads a comma list of `host[:port]` DNS servers (IPv6 in brackets: `[2001:db8::53]:5353`); the
 * host must be an IP literal and the port defaults to 53. Throws a ConfigError naming the variable.
 */
export function parseDnsServers(raw: string | undefined, variable = 'HYGIE_DNS_SERVERS'): DnsServer[] {
  const expected = 'a comma-separated list of IP[:port] such as 192.0.2.53,[2001:db8::53]:5353';
  return items(raw).map((item) => {
    let host: string;
    let portText: string | undefined;
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(item);
    if (bracketed) {
      host = bracketed[1] ?? '';
      portText = bracketed[2];
      const ip = parseIp(host);
      if (!ip.ok || (ip.value.family === 4 && !ip.value.ipv4Mapped)) {
        throw new ConfigError(variable, `${expected} (brackets hold an IPv6 address)`, item);
      }
    } else if ((item.match(/:/g) ?? []).length > 1) {
      throw new ConfigError(variable, `${expected} (write IPv6 addresses in brackets)`, item);
    } else {
      const colon = item.indexOf(':');
      host = colon < 0 ? item : item.slice(0, colon);
      portText = colon < 0 ? undefined : item.slice(colon + 1);
    }
    const ip = parseIp(host);
    if (!ip.ok) {
      throw new ConfigError(variable, `${expected} (IP addresses only: names would need a resolver)`, item);
    }
    return { host: ip.value.address, port: portText === undefined ? 53 : port(portText, variable, item) };
  });
}

/** Reads a comma list of ports and ranges (`9100,515,6000-6063`) into sorted unique port numbers. */
export function parsePortList(raw: string | undefined, variable = 'HYGIE_SCAN_EXCLUDE_PORTS'): number[] {
  const ports = new Set<number>();
  for (const item of items(raw)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    if (range) {
      const from = port(range[1] ?? '', variable, item);
      const to = port(range[2] ?? '', variable, item);
      if (from > to) throw new ConfigError(variable, 'ranges written low-high such as 6000-6063', item);
      for (let p = from; p <= to; p++) ports.add(p);
    } else {
      ports.add(port(item, variable, item));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Reads a comma list of CIDR blocks or single addresses, strictly (a typo must not widen the net). */
export function parseCidrList(raw: string | undefined, variable: string): string[] {
  return items(raw).map((item) => {
    const cidr = parseCidr(item);
    if (!cidr.ok) {
      throw new ConfigError(variable, 'a comma-separated list of CIDRs such as 127.0.0.0/8', item);
    }
    return cidr.value.text;
  });
}

/** Validates the network variables and returns them, or throws a ConfigError naming the variable. */
export function loadNetConfig(env: Env = process.env): NetConfig {
  return {
    netAllow: parseCidrList(env.HYGIE_NET_ALLOW, 'HYGIE_NET_ALLOW'),
    netDeny: parseCidrList(env.HYGIE_NET_DENY, 'HYGIE_NET_DENY'),
    dnsServers: parseDnsServers(env.HYGIE_DNS_SERVERS),
    excludedPorts: parsePortList(env.HYGIE_SCAN_EXCLUDE_PORTS),
  };
}
