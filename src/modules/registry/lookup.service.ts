import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { parseCidr, parseIp } from '../../lib/cidr.js';
import { parseDomainName } from '../../lib/domain-name.js';
import { HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import { listActiveDomainsNamed } from './domain.repository.js';
import { listActiveNetworksWithCidrs } from './network.repository.js';
import { RegistryErrors } from './registry.errors.js';
import { canLookupOwners } from './registry.policy.js';
import { toSummary } from './registry.service.js';
import type { DomainOwner, IpOwner, StructureSummary } from './registry.types.js';
import { WIDEST_PREFIX } from './registry.validation.js';
import { findStructure } from './structure.repository.js';

/**
 * Which structure owns an address or a name. Networks are stored as canonical CIDR text and
 * domains as canonical names, so both lookups are exact-match queries on a unique index over
 * every candidate (each prefix length, each parent domain) — the same SQL on both dialects —
 * and the most specific candidate wins.
 */

/** Every block that could contain the address, most specific first (/32…/8 or /128…/16). */
export function candidateBlocks(ip: string): string[] {
  const parsed = parseIp(ip);
  if (!parsed.ok) throw new HygieError(RegistryErrors.REGISTRY_IP_INVALID);
  const { family, address } = parsed.value;
  const out: string[] = [];
  for (let prefix = family === 4 ? 32 : 128; prefix >= WIDEST_PREFIX[family]; prefix--) {
    const block = parseCidr(`${address}/${prefix}`);
    if (block.ok) out.push(block.value.text);
  }
  return out;
}

/** The name itself and each parent with at least two labels, most specific first. */
export function candidateDomains(name: string): string[] {
  const parsed = parseDomainName(name);
  if (!parsed.ok) throw new HygieError(RegistryErrors.REGISTRY_DOMAIN_INVALID);
  const labels = parsed.value.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * The structure owning an IP address: the longest prefix among active networks of active
 * structures (IPv4-mapped IPv6 addresses count as IPv4). Throws REGISTRY_IP_INVALID on bad text.
 */
export async function findOwnerOfIp(db: Kysely<Database>, ip: string): Promise<IpOwner | undefined> {
  const candidates = candidateBlocks(ip);
  const networks = await listActiveNetworksWithCidrs(db, candidates);
  const rank = new Map(candidates.map((c, i) => [c, i]));
  const best = networks.sort((a, b) => (rank.get(a.cidr) ?? 0) - (rank.get(b.cidr) ?? 0))[0];
  return best ? { structureId: best.structureId, network: { id: best.id, cidr: best.cidr } } : undefined;
}

/**
 * The structure owning a domain name: the longest registered suffix (the name itself or a
 * parent) among active domains of active structures. Throws REGISTRY_DOMAIN_INVALID on bad text.
 */
export async function findOwnerOfDomain(
  db: Kysely<Database>,
  name: string,
): Promise<DomainOwner | undefined> {
  const candidates = candidateDomains(name);
  const domains = await listActiveDomainsNamed(db, candidates);
  const best = domains.sort((a, b) => b.name.length - a.name.length)[0];
  return best ? { structureId: best.structureId, domain: { id: best.id, name: best.name } } : undefined;
}

/** An owner lookup answer with the owning structure's summary. */
export interface LookupAnswer {
  readonly query: string;
  readonly kind: 'ip' | 'domain';
  readonly match: {
    readonly structure: StructureSummary;
    readonly network?: IpOwner['network'];
    readonly domain?: DomainOwner['domain'];
  } | null;
}

/** "Who owns this?" for CERT staff: an IP address or a domain name, whichever the text is. */
export async function lookupOwner(ctx: ServiceContext, query: string): Promise<LookupAnswer> {
  const text = query.trim();
  return parseIp(text).ok ? lookupIp(ctx, text) : lookupDomain(ctx, text);
}

/** The owner of an IP address (admin, analyst, auditor). */
export async function lookupIp(ctx: ServiceContext, ip: string): Promise<LookupAnswer> {
  authorize(ctx.actor, canLookupOwners(ctx.actor));
  const owner = await findOwnerOfIp(ctx.db, ip);
  const structure = owner ? await findStructure(ctx.db, owner.structureId) : undefined;
  return {
    query: ip,
    kind: 'ip',
    match: owner && structure ? { structure: toSummary(structure), network: owner.network } : null,
  };
}

/** The owner of a domain name (admin, analyst, auditor). */
export async function lookupDomain(ctx: ServiceContext, name: string): Promise<LookupAnswer> {
  authorize(ctx.actor, canLookupOwners(ctx.actor));
  const owner = await findOwnerOfDomain(ctx.db, name);
  const structure = owner ? await findStructure(ctx.db, owner.structureId) : undefined;
  return {
    query: name,
    kind: 'domain',
    match: owner && structure ? { structure: toSummary(structure), domain: owner.domain } : null,
  };
}
