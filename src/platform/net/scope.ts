/**
 * The scope guard: the one place that decides whether an address, a port or a name may be contacted.
 * A scan's own scope (its networks, domains and ports) is intersected with the global lists
 * HYGIE_NET_ALLOW / HYGIE_NET_DENY; deny always wins. Every refusal is logged once on the guard, and
 * the log becomes the scan result's `scan.refused`.
 */
import { cidrContains, parseCidr, parseIp, type Cidr, type IpAddress } from '../../lib/cidr.js';
import { parseDomainName } from '../../lib/domain-name.js';
import { domainToASCII } from 'node:url';

/** What one scan may touch. Empty lists allow nothing: a scope is always explicit. */
export interface Scope {
  /** Networks (CIDR or single addresses) the scan may contact. */
  readonly cidrs: readonly string[];
  /** Domains the scan may resolve and follow: a name is in scope if it or one of its parents is listed. */
  readonly domains: readonly string[];
  /** When set, only these ports may be contacted. */
  readonly ports?: readonly number[];
  /** Ports never contacted (HYGIE_SCAN_EXCLUDE_PORTS plus the scan's own exclusions). */
  readonly excludedPorts?: readonly number[];
  /** Whether addresses found by resolving an in-scope name become contactable (default true). */
  readonly admitResolved?: boolean;
}

/** One refused target and why, as stored in the scan result's `scan.refused`. */
export interface Refusal {
  readonly target: string;
  readonly reason: string;
}

/** Reasons a guard gives; other modules compare against these, so they are part of the contract. */
export const REFUSAL_REASONS = {
  notIp: 'not an IP address',
  notUnicast: 'not a unicast address',
  outsideAllow: 'outside HYGIE_NET_ALLOW',
  inDeny: 'in HYGIE_NET_DENY',
  notInScope: 'not in scan scope',
  badPort: 'invalid port',
  portExcluded: 'port excluded',
  portNotInScope: 'port not in scan scope',
  notName: 'not a domain name',
  nameNotInScope: 'name not in scan scope',
} as const;

/** A connection or name was refused by the scope guard; it has already been logged on the guard. */
export class ScopeError extends Error {
  readonly code = 'NET_SCOPE_REFUSED';

  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`Refused ${target}: ${reason}`);
    this.name = 'ScopeError';
  }
}

/** Decides, before any socket exists, whether a target may be contacted; keeps the refusal log. */
export interface ScopeGuard {
  /** Returns the canonical address (IPv4-mapped unwrapped) or throws a logged ScopeError. */
  checkAddress(ip: string, port?: number): string;
  /** Returns the canonical name (lower-case ASCII, no trailing dot) or throws a logged ScopeError. */
  checkName(name: string): string;
  /** The refusal an address would get, without logging it; undefined when it may be contacted. */
  refusalFor(ip: string, port?: number): Refusal | undefined;
  /** The refusal a name would get, without logging it; undefined when it is in the domain scope. */
  nameRefusalFor(name: string): Refusal | undefined;
  /** Records addresses found for an in-scope name, so they may be contacted (see `Scope.admitResolved`). */
  admitResolved(name: string, addresses: readonly string[]): void;
  /** Admits one infrastructure endpoint (a configured DNS server); global lists still apply. */
  admitEndpoint(ip: string, port: number): void;
  /** Adds a refusal to the log (a redirect or CNAME that left the scope); duplicates are ignored. */
  record(refusal: Refusal): void;
  /** The refusals so far, oldest first, each target/reason pair once. */
  readonly refused: readonly Refusal[];
}

/** Everything a guard combines: the scan's scope and the global lists (strings as in NetConfig). */
export interface ScopeGuardOptions {
  readonly scope: Scope;
  readonly netAllow?: readonly string[];
  readonly netDeny?: readonly string[];
  /** Bound on the refusal log, so a scan of a huge refused range cannot exhaust memory. */
  readonly maxRefusals?: number;
}

// Connecting to 0.0.0.0 or :: reaches the local machine; multicast and broadcast are never a target.
const NEVER = ['0.0.0.0/8', '224.0.0.0/4', '255.255.255.255/32', '::/128', 'ff00::/8'].map(cidr);

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new RangeError(`Invalid CIDR "${text}": ${r.reason}`);
  return r.value;
}

/** Canonical form of a name for scope matching; undefined when it is not a usable name. */
function canonicalName(name: string): string | undefined {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '' || /[\s/:@%]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.split('.').includes('')) return undefined;
  return ascii;
}

/** Text of a target in the refusal log: the address, with the port when the port is the problem. */
export function formatTarget(ip: string, port?: number): string {
  if (port === undefined) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Builds a guard; throws RangeError when the scope or a global list holds an unreadable entry. */
export function createScopeGuard(options: ScopeGuardOptions): ScopeGuard {
  const { scope } = options;
  const allow = (options.netAllow ?? []).map(cidr);
  const deny = (options.netDeny ?? []).map(cidr);
  const scopeCidrs = scope.cidrs.map(cidr);
  const domains = new Set(
    scope.domains.map((d) => {
      const r = parseDomainName(d);
      if (!r.ok) throw new RangeError(`Invalid scope domain "${d}": ${r.reason}`);
      return r.value;
    }),
  );
  const ports = scope.ports === undefined ? undefined : new Set(scope.ports);
  const excluded = new Set(scope.excludedPorts ?? []);
  const admitted = new Set<string>();
  const endpoints = new Set<string>();
  const maxRefusals = options.maxRefusals ?? 10_000;
  const refused: Refusal[] = [];
  const seen = new Set<string>();

  const inAny = (blocks: readonly Cidr[], ip: IpAddress): boolean => blocks.some((b) => cidrContains(b, ip));

  function nameInScope(name: string): boolean {
    for (let n = name; ; n = n.slice(n.indexOf('.') + 1)) {
      if (domains.has(n)) return true;
      if (!n.includes('.')) return false;
    }
  }

  /** The global lists' verdict, which nothing (scope, admitted endpoint) can override. */
  function globalRefusal(ip: IpAddress): string | undefined {
    if (inAny(NEVER, ip)) return REFUSAL_REASONS.notUnicast;
    if (inAny(deny, ip)) return REFUSAL_REASONS.inDeny;
    if (allow.length > 0 && !inAny(allow, ip)) return REFUSAL_REASONS.outsideAllow;
    return undefined;
  }

  function refusalFor(input: string, port?: number): Refusal | undefined {
    const parsed = parseIp(input);
    if (!parsed.ok) return { target: input, reason: REFUSAL_REASONS.notIp };
    const ip = parsed.value;
    const at = (reason: string, withPort = false): Refusal => ({
      target: formatTarget(ip.address, withPort ? port : undefined),
      reason,
    });
    const global = globalRefusal(ip);
    if (global !== undefined) return at(global);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      return at(REFUSAL_REASONS.badPort, true);
    }
    if (port !== undefined && endpoints.has(formatTarget(ip.address, port))) return undefined;
    if (!admitted.has(ip.address) && !inAny(scopeCidrs, ip)) return at(REFUSAL_REASONS.notInScope);
    if (port !== undefined && excluded.has(port)) return at(REFUSAL_REASONS.portExcluded, true);
    if (port !== undefined && ports !== undefined && !ports.has(port)) {
      return at(REFUSAL_REASONS.portNotInScope, true);
    }
    return undefined;
  }

  function nameRefusalFor(name: string): Refusal | undefined {
    const n = canonicalName(name);
    if (n === undefined) return { target: name, reason: REFUSAL_REASONS.notName };
    return nameInScope(n) ? undefined : { target: n, reason: REFUSAL_REASONS.nameNotInScope };
  }

  function record(refusal: Refusal): void {
    const key = `${refusal.target}\u0000${refusal.reason}`;
    if (seen.has(key) || refused.length >= maxRefusals) return;
    seen.add(key);
    refused.push({ target: refusal.target, reason: refusal.reason });
  }

  function refuse(refusal: Refusal): never {
    record(refusal);
    throw new ScopeError(refusal.target, refusal.reason);
  }

  return {
    refused,
    refusalFor,
    nameRefusalFor,
    record,
    checkAddress(ip, port) {
      const refusal = refusalFor(ip, port);
      if (refusal) refuse(refusal);
      return (parseIp(ip) as { ok: true; value: IpAddress }).value.address;
    },
    checkName(name) {
      const refusal = nameRefusalFor(name);
      if (refusal) refuse(refusal);
      return canonicalName(name) as string;
    },
    admitResolved(name, addresses) {
      if (scope.admitResolved === false || nameRefusalFor(name) !== undefined) return;
      for (const a of addresses) {
        const ip = parseIp(a);
        if (ip.ok) admitted.add(ip.value.address);
      }
    },
    admitEndpoint(ip, port) {
      const parsed = parseIp(ip);
      if (!parsed.ok) refuse({ target: ip, reason: REFUSAL_REASONS.notIp });
      const address = parsed.value;
      const global = globalRefusal(address);
      if (global !== undefined) refuse({ target: formatTarget(address.address, port), reason: global });
      endpoints.add(formatTarget(address.address, port));
    },
  };
}

/** Splits command-line style targets (IPs, CIDRs, domain names) into a scope; throws RangeError on junk. */
export function scopeFromTargets(targets: readonly string[], extra: Partial<Scope> = {}): Scope {
  const cidrs: string[] = [];
  const domains: string[] = [];
  for (const target of targets) {
    const block = parseCidr(target);
    if (block.ok) {
      cidrs.push(block.value.text);
      continue;
    }
    const name = parseDomainName(target);
    if (!name.ok) throw new RangeError(`"${target}" is neither an address, a CIDR block nor a domain name.`);
    domains.push(name.value);
  }
  return {
    ...extra,
    cidrs: [...(extra.cidrs ?? []), ...cidrs],
    domains: [...(extra.domains ?? []), ...domains],
  };
}
