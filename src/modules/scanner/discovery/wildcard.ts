/**
 * Wildcard DNS detection: when random labels under a domain resolve, the zone has a wildcard and a
 * wordlist name that answers exactly like a random label is not a host. Comparing only addresses
 * would also drop real names that point to the wildcard's address, so the signature also holds the
 * TXT and CNAME answers: a real name hides the wildcard for every type (RFC 4592), so its TXT answer
 * differs from a random label's whenever the wildcard carries a TXT record.
 */
import { randomBytes } from 'node:crypto';
import type { Resolver } from '../../../platform/net/index.js';

/** The answers of one name that a wildcard comparison looks at, each list sorted. */
export interface NameSignature {
  readonly addresses: readonly string[];
  readonly cname: readonly string[];
  readonly txt: readonly string[];
}

/** What random labels under a domain answered. */
export interface WildcardProfile {
  readonly domain: string;
  readonly signature: NameSignature;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Builds a signature from raw answers (order and duplicates do not matter). */
export function signature(
  addresses: Iterable<string>,
  cname: Iterable<string>,
  txt: Iterable<string>,
): NameSignature {
  return { addresses: sorted(addresses), cname: sorted(cname), txt: sorted(txt) };
}

const equal = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** True when two names answer the same addresses and CNAME (the cheap first test). */
export function sameAddresses(a: NameSignature, b: Pick<NameSignature, 'addresses' | 'cname'>): boolean {
  return equal(a.addresses, sorted(b.addresses)) && equal(a.cname, sorted(b.cname));
}

/** True when a name answers exactly like the wildcard (addresses, CNAME and TXT). */
export function matchesWildcard(profile: WildcardProfile, candidate: NameSignature): boolean {
  return sameAddresses(profile.signature, candidate) && equal(profile.signature.txt, sorted(candidate.txt));
}

/** A label no zone holds on purpose. */
export function randomLabel(): string {
  return `hygie-${randomBytes(8).toString('hex')}`;
}

/** Answers of one name through the configured resolver (never the target): A, AAAA, CNAME, TXT. */
export async function nameSignature(resolver: Resolver, name: string): Promise<NameSignature | null> {
  const [a, aaaa, txt] = await Promise.all([
    resolver.query(name, 'A'),
    resolver.query(name, 'AAAA'),
    resolver.query(name, 'TXT'),
  ]);
  if (a.rcode === 'NXDOMAIN') return null;
  const addresses = [...a.records, ...aaaa.records]
    .filter((r) => r.type === 'A' || r.type === 'AAAA')
    .map((r) => r.value);
  const cname = [...a.records, ...aaaa.records]
    .filter((r) => r.type === 'CNAME' && r.name === name)
    .map((r) => r.value);
  const txtValues = txt.records.filter((r) => r.type === 'TXT' && r.name === name).map((r) => r.value);
  if (addresses.length === 0 && cname.length === 0 && txtValues.length === 0) return null;
  return signature(addresses, cname, txtValues);
}

/**
 * Asks two random labels under `domain`; a profile when both answer the same (a wildcard), else null.
 * Throws DnsError when the resolver does not answer.
 */
export async function detectWildcard(resolver: Resolver, domain: string): Promise<WildcardProfile | null> {
  const first = await nameSignature(resolver, `${randomLabel()}.${domain}`);
  if (first === null) return null;
  const second = await nameSignature(resolver, `${randomLabel()}.${domain}`);
  if (second === null || !sameAddresses(first, second)) return null;
  return { domain, signature: first };
}
