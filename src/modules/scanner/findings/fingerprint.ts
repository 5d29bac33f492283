/**
 * Stable finding ids: SHA-256 of the check id, the normalised target (domain, address, port) and a
 * discriminator the check chooses (a file path, a CVE id, a name server). Evidence, titles, host
 * names and URLs are left out on purpose: they change between scans (a new name found, a version
 * string, a date) while the problem stays the same, and the same problem must keep the same id.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import type { FindingTarget } from './finding.types.js';

/** Version of the id recipe; bump only with a migration of stored ids. */
const RECIPE = 'hygie.finding/1';

/** Lower-case ASCII (punycode) name without trailing dot. */
export function normaliseDomain(name: string): string {
  const trimmed = name.trim().replace(/\.+$/, '').toLowerCase();
  if (trimmed === '') return '';
  const ascii = domainToASCII(trimmed);
  return ascii === '' ? trimmed : ascii;
}

/** Canonical address text (IPv4-mapped IPv6 unwrapped, IPv6 compressed); the input when not an IP. */
export function normaliseAddress(address: string): string {
  const raw = address.trim().replace(/^\[|\]$/g, '');
  try {
    return ipaddr.process(raw).toString();
  } catch {
    return raw.toLowerCase();
  }
}

/** The part of a target that identifies a problem's place: domain, address, port. */
export function targetIdentity(target: FindingTarget): string {
  return [
    target.domain === undefined ? '' : normaliseDomain(target.domain),
    target.address === undefined ? '' : normaliseAddress(target.address),
    target.port === undefined ? '' : String(target.port),
  ].join('|');
}

/**
 * The id of a finding: 64 hex characters. `discriminator` tells apart several findings of one check
 * on one target (`/.git/HEAD` and `/.env`, two CVEs, two name servers).
 */
export function findingId(check: string, target: FindingTarget, discriminator = ''): string {
  return createHash('sha256')
    .update([RECIPE, check.trim(), targetIdentity(target), discriminator.trim()].join('\n'))
    .digest('hex');
}
