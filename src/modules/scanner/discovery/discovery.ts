/**
 * The discover stage: from domain targets to names and addresses. For each domain target: its records
 * (A, AAAA, CNAME, MX, NS, TXT, CAA, SOA), a wildcard probe, an AXFR attempt against each name
 * server, then names from the AXFR, certificate-transparency files and the wordlist, resolved with
 * bounded concurrency. Names outside the scan's domain scope are recorded on the guard, never
 * resolved; wordlist names that answer like the zone's wildcard are dropped.
 */
import { isIP } from 'node:net';
import { systemClock } from '../../../lib/clock.js';
import {
  DnsError,
  realSleep,
  ScopeError,
  TokenBucket,
  type Resolver,
  type ScopeGuard,
} from '../../../platform/net/index.js';
import type { DomainObservation, ZoneTransferObservation } from '../scanner.types.js';
import { runPool } from '../task-pool.js';
import { collectRecords, DOMAIN_RECORD_TYPES } from './dns-records.js';
import {
  detectWildcard,
  matchesWildcard,
  sameAddresses,
  signature,
  type WildcardProfile,
} from './wildcard.js';
import { attemptTransfer, message, targetsOf } from './zone-transfer.js';

/** How a name was found (the contract's `source`). */
export type NameSource = 'target' | 'axfr' | 'ct' | 'wordlist' | 'mx' | 'ns' | 'cname' | 'certificate';

/** A name waiting to be resolved. */
export interface NameCandidate {
  readonly name: string;
  readonly source: NameSource;
}

/** What the stage works on. */
export interface DiscoveryInput {
  /** Domain targets: full treatment (records, wildcard, AXFR, wordlist). */
  readonly domains: readonly string[];
  readonly wordlist: readonly string[];
  /** Names from certificate-transparency files. */
  readonly ctNames: readonly string[];
  /** Names met later in the scan (certificate SANs): looked up only. */
  readonly extraNames?: readonly NameCandidate[];
  /** Names already observed by an earlier round: not looked up again. */
  readonly known?: ReadonlySet<string>;
}

/** The network capabilities and bounds of the stage. */
export interface DiscoveryDeps {
  readonly resolver: Resolver;
  readonly guard: ScopeGuard;
  /** Names resolved at once; default 32. */
  readonly concurrency?: number;
  /**
   * DNS queries per second for the names of one domain target; default 150. Authoritative servers
   * drop answers above their response rate limit (NSD and BIND: about 200 per second per zone).
   */
  readonly ratePerZone?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What the stage observed. */
export interface DiscoveryOutcome {
  readonly domains: DomainObservation[];
  readonly notes: string[];
  /** True when DNS failures may have hidden names (the scan is then `partial`). */
  readonly incomplete: boolean;
}

/** Queries per second per domain target, below the usual response rate limits of authoritative servers. */
export const DEFAULT_RATE_PER_ZONE = 150;

/**
 * The resolver with a query rate per zone (the longest domain target a name falls under; one shared
 * rate for other names). `lookup` costs two queries (A and AAAA); zone transfers are not limited.
 */
export function rateLimited(resolver: Resolver, zones: readonly string[], ratePerSecond: number): Resolver {
  const buckets = new Map<string, TokenBucket>();
  const take = async (name: string, tokens: number): Promise<void> => {
    const zone = parentTarget(name.toLowerCase().replace(/\.$/, ''), zones) ?? '';
    let bucket = buckets.get(zone);
    if (!bucket) buckets.set(zone, (bucket = new TokenBucket(ratePerSecond, 10, systemClock, realSleep)));
    for (let i = 0; i < tokens; i++) await bucket.take();
  };
  return {
    async query(name, type) {
      await take(name, 1);
      return resolver.query(name, type);
    },
    async lookup(name) {
      await take(name, 2);
      return resolver.lookup(name);
    },
    async lookupMx(domain) {
      await take(domain, 1);
      return resolver.lookupMx(domain);
    },
    reverse: (ip) => resolver.reverse(ip),
    axfr: (zone, ip, port, options) => resolver.axfr(zone, ip, port, options),
  };
}

/** The domain target a name falls under (longest), for wildcard profiles. */
function parentTarget(name: string, targets: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const t of targets)
    if ((name === t || name.endsWith(`.${t}`)) && (best === undefined || t.length > best.length)) best = t;
  return best;
}

/** Runs the stage; never throws on DNS or scope failures (they become notes and refusals). */
export async function discoverNames(input: DiscoveryInput, deps: DiscoveryDeps): Promise<DiscoveryOutcome> {
  const { guard, signal } = deps;
  const resolver = rateLimited(deps.resolver, input.domains, deps.ratePerZone ?? DEFAULT_RATE_PER_ZONE);
  const notes: string[] = [];
  let incomplete = false;
  const observed = new Map<string, DomainObservation>();
  const queued = new Map<string, NameCandidate>();
  const fromTransfers = new Map<string, Record<string, string[]>>();
  const wildcards = new Map<string, WildcardProfile>();
  const known = input.known ?? new Set<string>();

  /** Queues an in-scope name once; records an out-of-scope one on the guard. */
  const offer = (raw: string, source: NameSource): void => {
    const refusal = guard.nameRefusalFor(raw);
    if (refusal) {
      // Garbage (a SAN that is no domain name) is not worth a line in the refusal log.
      if (refusal.reason !== 'not a domain name' && raw.includes('.')) guard.record(refusal);
      return;
    }
    const name = guard.checkName(raw);
    if (known.has(name) || observed.has(name) || queued.has(name)) return;
    queued.set(name, { name, source });
  };

  // 1. Domain targets (a few at once): records, wildcard, AXFR.
  await runPool(
    input.domains,
    8,
    async (domain) => {
      const collected = await collectRecords(resolver, domain);
      const domainNotes = [...collected.notes];
      if (collected.incomplete) incomplete = true;
      let addresses: string[] = [];
      try {
        const found = await resolver.lookup(domain);
        addresses = [...found.addresses];
        if (found.refused)
          domainNotes.push(`CNAME to ${found.refused.to} leaves the scan scope: recorded, not followed`);
      } catch (error) {
        if (!(error instanceof ScopeError)) domainNotes.push(`address lookup: ${message(error)}`);
        if (error instanceof DnsError) incomplete = true;
      }
      if (collected.rcode === 'NXDOMAIN') domainNotes.push('the domain does not exist (NXDOMAIN)');
      for (const type of ['NS', 'MX', 'CNAME'] as const) {
        for (const value of collected.records[type] ?? [])
          for (const n of targetsOf(type, value))
            offer(n, type === 'CNAME' ? 'cname' : (type.toLowerCase() as NameSource));
      }
      let wildcard: WildcardProfile | null = null;
      try {
        wildcard = await detectWildcard(resolver, domain);
      } catch (error) {
        domainNotes.push(`wildcard test: ${message(error)}`);
      }
      if (wildcard) {
        wildcards.set(domain, wildcard);
        domainNotes.push(
          `wildcard DNS: any name under ${domain} resolves (${wildcard.signature.addresses.join(', ') || wildcard.signature.cname.join(', ')}); wordlist names answering the same are not reported`,
        );
      }
      const transfers: ZoneTransferObservation[] = [];
      for (const ns of collected.records.NS ?? []) {
        if (signal?.aborted) break;
        transfers.push(await attemptTransfer(resolver, guard, domain, ns, fromTransfers, offer));
      }
      observed.set(domain, {
        name: domain,
        records: collected.records,
        addresses,
        source: 'target',
        ...(wildcard ? { wildcard: true } : {}),
        ...(transfers.length > 0 ? { zoneTransfers: transfers } : {}),
        ...(domainNotes.length > 0 ? { notes: domainNotes } : {}),
      });
    },
    signal,
  );

  // 2. Names from transfers (already offered), CT files, later rounds, then the wordlist.
  for (const name of input.ctNames) offer(name, 'ct');
  for (const extra of input.extraNames ?? []) offer(extra.name, extra.source);
  // Label-major, so that every domain target's rate is used at once.
  for (const label of input.wordlist)
    for (const domain of input.domains) offer(`${label}.${domain}`, 'wordlist');

  const candidates = [...queued.values()];
  let done = 0;
  let silent = 0;
  let wildcardDropped = 0;
  deps.onProgress?.(0, candidates.length);
  await runPool(
    candidates,
    deps.concurrency ?? 32,
    async (candidate) => {
      const outcome = await resolveCandidate(resolver, candidate, {
        transfer: fromTransfers.get(candidate.name),
        wildcard:
          candidate.source === 'wordlist'
            ? wildcards.get(parentTarget(candidate.name, input.domains) ?? '')
            : undefined,
      });
      if (outcome === 'silent') silent++;
      else if (outcome === 'wildcard') wildcardDropped++;
      else if (outcome !== null) {
        observed.set(candidate.name, outcome);
        for (const type of ['CNAME', 'MX', 'NS'] as const) {
          for (const value of outcome.records[type] ?? [])
            for (const n of targetsOf(type, value)) offer(n, 'cname');
        }
      }
      deps.onProgress?.(++done, candidates.length);
    },
    signal,
  );
  // Names offered while resolving (CNAME targets inside the scope) get one more pass.
  const first = new Set(candidates);
  const late = [...queued.values()].filter((c) => !first.has(c) && !observed.has(c.name));
  await runPool(
    late,
    deps.concurrency ?? 32,
    async (candidate) => {
      const outcome = await resolveCandidate(resolver, candidate, {
        transfer: fromTransfers.get(candidate.name),
        wildcard: undefined,
      });
      if (outcome !== null && typeof outcome !== 'string') observed.set(candidate.name, outcome);
    },
    signal,
  );
  if (silent > 0) {
    incomplete = true;
    notes.push(`${silent} names got no DNS answer (resolver silent or overloaded)`);
  }
  if (wildcardDropped > 0)
    notes.push(`${wildcardDropped} wordlist names answered like a wildcard and are not reported`);
  const [targets, others] = [
    [...observed.values()].filter((d) => d.source === 'target'),
    [...observed.values()].filter((d) => d.source !== 'target').sort((a, b) => a.name.localeCompare(b.name)),
  ];
  return { domains: [...targets, ...others], notes, incomplete };
}

/** Resolves one candidate: its observation, null (does not exist), 'wildcard' or 'silent' (no answer). */
async function resolveCandidate(
  resolver: Resolver,
  candidate: NameCandidate,
  context: { transfer: Record<string, string[]> | undefined; wildcard: WildcardProfile | undefined },
): Promise<DomainObservation | null | 'wildcard' | 'silent'> {
  const { name, source } = candidate;
  // Guessed names (wordlist, record targets) are asked one A query first: most do not exist.
  const guessed = source === 'wordlist' || source === 'cname';
  if (guessed) {
    let first;
    try {
      first = await resolver.query(name, 'A');
    } catch (error) {
      return error instanceof ScopeError ? null : 'silent';
    }
    if (first.rcode === 'NXDOMAIN') return null;
    const addresses = first.records.filter((r) => r.type === 'A').map((r) => r.value);
    const cname = first.records.filter((r) => r.type === 'CNAME' && r.name === name).map((r) => r.value);
    if (context.wildcard && sameAddresses(context.wildcard.signature, { addresses, cname })) {
      try {
        const txt = await resolver.query(name, 'TXT');
        const values = txt.records.filter((r) => r.type === 'TXT' && r.name === name).map((r) => r.value);
        if (matchesWildcard(context.wildcard, signature(addresses, cname, values))) return 'wildcard';
      } catch {
        return 'silent';
      }
    }
  }
  let found;
  try {
    found = await resolver.lookup(name);
  } catch (error) {
    if (error instanceof ScopeError) return null;
    if (guessed) return 'silent';
    return {
      name,
      records: context.transfer ?? {},
      addresses: [],
      source,
      notes: [`lookup: ${message(error)}`],
    };
  }
  const chain = found.chain.filter((h) => h.from === name || found.chain.some((p) => p.to === h.from));
  const cname = chain.length > 0 ? [chain[0]?.to ?? ''] : [];
  const hasRecords = Object.keys(context.transfer ?? {}).length > 0;
  const exists = found.addresses.length > 0 || chain.length > 0 || found.refused !== undefined || hasRecords;
  if (!exists && guessed) return null;
  const records: Record<string, string[]> = { ...(context.transfer ?? {}) };
  const v4 = found.addresses.filter((a) => isIP(a) === 4);
  const v6 = found.addresses.filter((a) => isIP(a) === 6);
  if (v4.length > 0) records.A = [...new Set([...(records.A ?? []), ...v4])];
  if (v6.length > 0) records.AAAA = [...new Set([...(records.AAAA ?? []), ...v6])];
  if (cname.length > 0) records.CNAME = [...new Set([...(records.CNAME ?? []), ...cname])];
  const notes: string[] = [];
  if (found.refused) notes.push(`CNAME to ${found.refused.to} leaves the scan scope: recorded, not followed`);
  else if (chain.length > 0 && found.addresses.length === 0) {
    notes.push(`dangling CNAME: ${found.canonicalName} does not resolve (${found.rcode})`);
  } else if (!exists) notes.push(`the name does not resolve (${found.rcode})`);
  const ordered: Record<string, string[]> = {};
  for (const type of DOMAIN_RECORD_TYPES) if (records[type]) ordered[type] = records[type];
  return {
    name,
    records: ordered,
    addresses: [...found.addresses],
    source,
    ...(found.canonicalName !== name ? { canonicalName: found.canonicalName } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
