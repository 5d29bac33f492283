/**
 * Scan targets as typed by a user (command line, form, API): IP addresses, CIDR blocks (capped in
 * size) and domain names. Pure: parsing with a clear reason per bad target, and expansion of blocks
 * into addresses for the port stage.
 */
import ipaddr from 'ipaddr.js';
import { parseCidr, parseIp } from '../../lib/cidr.js';
import { parseDomainName } from '../../lib/domain-name.js';

/** Widest IPv4 block a scan accepts (/16 = 65,536 addresses). */
export const WIDEST_IPV4_PREFIX = 16;
/** Widest IPv6 block a scan accepts (/112 = 65,536 addresses). */
export const WIDEST_IPV6_PREFIX = 112;
/** Most targets one scan takes. */
export const MAX_TARGETS = 1_000;
/** Most addresses all blocks of one scan may cover together. */
export const MAX_ADDRESSES = 4 * 65_536;

/** Targets split by kind, canonical, without duplicates. */
export interface ScanTargets {
  /** Blocks in canonical text; a single address is a /32 (/128) block. */
  readonly networks: readonly string[];
  readonly domains: readonly string[];
}

/** One target that could not be read, and what to do about it. */
export interface TargetProblem {
  readonly target: string;
  readonly reason: string;
}

/** Outcome of reading a list of targets. */
export type TargetsResult = { ok: true; value: ScanTargets } | { ok: false; problems: TargetProblem[] };

/** Splits free text (a form's textarea) into targets: whitespace, commas and semicolons separate. */
export function splitTargetText(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function looksLikeAddress(text: string): boolean {
  return /^[\d.]+(\/\d*)?$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+(\/\d*)?$/i.test(text));
}

/** Reads one target; returns the problem when it is unusable. */
function readTarget(
  input: string,
): { kind: 'network'; text: string; size: number } | { kind: 'domain'; name: string } | TargetProblem {
  const target = input.trim();
  const shown = target.length > 80 ? `${target.slice(0, 80)}…` : target;
  if (target === '')
    return { target: shown, reason: 'Empty target: give an IP address, a CIDR block or a domain name.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let host = '';
    try {
      host = new URL(target).hostname;
    } catch {
      // Not even a URL: the generic hint below is enough.
    }
    return {
      target: shown,
      reason: `A URL is not a target: give only the host name${host ? ` (${host})` : ''}, without scheme, port or path.`,
    };
  }
  if (looksLikeAddress(target)) {
    const block = parseCidr(target);
    if (!block.ok) return { target: shown, reason: block.reason };
    const { family, prefix } = block.value;
    const widest = family === 4 ? WIDEST_IPV4_PREFIX : WIDEST_IPV6_PREFIX;
    if (prefix < widest) {
      return {
        target: shown,
        reason: `/${prefix} is too wide for one scan: split it into blocks of /${widest} or narrower (65,536 addresses at most).`,
      };
    }
    const size = 2 ** ((family === 4 ? 32 : 128) - prefix);
    return { kind: 'network', text: block.value.text, size };
  }
  const name = parseDomainName(target);
  if (!name.ok) return { target: shown, reason: name.reason };
  return { kind: 'domain', name: name.value };
}

/** Reads targets; every unusable one is reported (not only the first), so a form shows them all. */
export function parseTargets(inputs: readonly string[]): TargetsResult {
  const problems: TargetProblem[] = [];
  const networks = new Set<string>();
  const domains = new Set<string>();
  let addresses = 0;
  if (inputs.length === 0) {
    return {
      ok: false,
      problems: [
        { target: '', reason: 'No target: give at least one IP address, CIDR block or domain name.' },
      ],
    };
  }
  if (inputs.length > MAX_TARGETS) {
    return {
      ok: false,
      problems: [
        {
          target: `${inputs.length} targets`,
          reason: `At most ${MAX_TARGETS} targets per scan: split the list.`,
        },
      ],
    };
  }
  for (const input of inputs) {
    const read = readTarget(input);
    if ('reason' in read) {
      problems.push(read);
    } else if (read.kind === 'network') {
      if (!networks.has(read.text)) {
        networks.add(read.text);
        addresses += read.size;
      }
    } else {
      domains.add(read.name);
    }
  }
  if (addresses > MAX_ADDRESSES) {
    problems.push({
      target: `${addresses} addresses`,
      reason: `The blocks cover ${addresses} addresses; one scan takes at most ${MAX_ADDRESSES}: split the scan.`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { networks: [...networks], domains: [...domains] } };
}

/** The targets as one list of strings (networks as given in canonical form, /32 shown as the address). */
export function targetStrings(targets: ScanTargets): string[] {
  return [...targets.networks.map(displayNetwork), ...targets.domains];
}

/** A /32 or /128 block shown as its address, other blocks as they are. */
export function displayNetwork(cidr: string): string {
  return /\/(32|128)$/.test(cidr) && parseIp(cidr.replace(/\/\d+$/, '')).ok
    ? cidr.replace(/\/\d+$/, '')
    : cidr;
}

/** Every address of a block, in order (network and broadcast addresses included, as nmap does). */
export function* addressesOf(cidr: string): Generator<string> {
  const block = parseCidr(cidr);
  if (!block.ok) throw new RangeError(block.reason);
  const { family, network, prefix } = block.value;
  const bytes = ipaddr.parse(network).toByteArray();
  const hostBits = (family === 4 ? 32 : 128) - prefix;
  const count = 2 ** Math.min(hostBits, 20);
  for (let i = 0; i < count; i++) {
    const out = [...bytes];
    let carry = i;
    for (let b = out.length - 1; b >= 0 && carry > 0; b--) {
      const sum = (out[b] ?? 0) + (carry & 0xff);
      out[b] = sum & 0xff;
      carry = (carry >>> 8) + (sum >> 8);
    }
    const address = ipaddr.fromByteArray(out);
    yield family === 4 ? address.toString() : (address as ipaddr.IPv6).toRFC5952String();
  }
}
