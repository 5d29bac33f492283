/**
 * Evaluates an SPF record the way a receiver would before knowing the sender's address: follows
 * `include` and `redirect` through DNS, counts the terms that cost a DNS query (RFC 7208 §4.6.4:
 * more than 10 is a `permerror`) and the void lookups (more than 2), and works out what the record
 * does for everybody else (`+all`, `?all`, no `all`, a `+all` reached through an include). DNS is
 * injected (`SpfDns`), so the walk is tested with in-memory zones; the scanner passes its resolver.
 */
import {
  allMechanism,
  countsAsLookup,
  isSpfRecord,
  parseSpf,
  redirectOf,
  type SpfQualifier,
  type SpfTerm,
} from './spf.parse.js';

/** The DNS questions an SPF walk asks (TXT for records; A/MX only to count void lookups). */
export interface SpfDns {
  txt(name: string): Promise<{ readonly rcode: string; readonly records: readonly string[] }>;
  /** Number of A or MX records of a name; optional (void lookups of `a`/`mx`/`exists` not counted without it). */
  count?(name: string, type: 'A' | 'MX'): Promise<{ readonly rcode: string; readonly count: number }>;
}

/** One record reached through `include` or `redirect`. */
export interface SpfInclude {
  readonly domain: string;
  readonly via: 'include' | 'redirect';
  readonly depth: number;
  readonly outcome: 'ok' | 'no-record' | 'several-records' | 'dns-error' | 'loop' | 'not-followed';
  readonly record?: string;
}

/** What the walk found. */
export interface SpfEvaluation {
  readonly domain: string;
  readonly record: string;
  /** Top-level terms, in order. */
  readonly terms: readonly SpfTerm[];
  /** Every reason for a `permerror` (syntax anywhere in the tree, limits, includes without SPF). */
  readonly errors: readonly string[];
  /** DNS failures met on the way (`temperror`): the walk may be incomplete. */
  readonly dnsErrors: readonly string[];
  /** DNS-querying terms counted over the whole tree (RFC 7208 §4.6.4 limit: 10). */
  readonly lookups: number;
  /** Lookups that returned NXDOMAIN or no record (limit: 2). */
  readonly voidLookups: number;
  /** Qualifier of the `all` in force (the record's, or its redirect's); null: none → `neutral`. */
  readonly defaultQualifier: SpfQualifier | null;
  /** The term through which every sender passes (`+all`, `include:x` whose record has `+all` …), if any. */
  readonly passesEverythingVia: string | null;
  /** Networks so large that they authorise far more than a hospital's servers (`ip4:x/8` …). */
  readonly broadNetworks: readonly string[];
  readonly includes: readonly SpfInclude[];
}

/** Bounds of a walk. */
export interface SpfWalkOptions {
  /** RFC 7208 limits. */
  readonly maxLookups?: number;
  readonly maxVoidLookups?: number;
  /** Hard stop on queries asked, whatever the record says (a hostile include tree). */
  readonly maxQueries?: number;
  readonly maxDepth?: number;
}

/** Smallest prefixes considered reasonable for a sender's own networks. */
const BROAD_IPV4_PREFIX = 16;
const BROAD_IPV6_PREFIX = 32;

interface WalkState {
  lookups: number;
  voids: number;
  queries: number;
  readonly errors: string[];
  readonly dnsErrors: string[];
  readonly includes: SpfInclude[];
  readonly broad: string[];
  readonly visited: Set<string>;
}

interface WalkResult {
  readonly passesEverythingVia: string | null;
  readonly defaultQualifier: SpfQualifier | null;
}

const hasMacro = (value: string): boolean => value.includes('%');

function normalise(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/** Evaluates `record` published at `domain`. Never throws: DNS failures become `dnsErrors`. */
export async function evaluateSpf(
  domain: string,
  record: string,
  dns: SpfDns,
  options: SpfWalkOptions = {},
): Promise<SpfEvaluation> {
  const maxLookups = options.maxLookups ?? 10;
  const maxVoid = options.maxVoidLookups ?? 2;
  const maxQueries = options.maxQueries ?? 40;
  const maxDepth = options.maxDepth ?? 10;
  const state: WalkState = {
    lookups: 0,
    voids: 0,
    queries: 0,
    errors: [],
    dnsErrors: [],
    includes: [],
    broad: [],
    visited: new Set([normalise(domain)]),
  };

  async function fetchRecord(
    name: string,
    via: 'include' | 'redirect',
    depth: number,
  ): Promise<{ record: string } | null> {
    const key = normalise(name);
    if (state.visited.has(key)) {
      state.errors.push(`${via} loop at ${name}`);
      state.includes.push({ domain: name, via, depth, outcome: 'loop' });
      return null;
    }
    if (state.queries >= maxQueries || depth > maxDepth) {
      state.dnsErrors.push(
        `${via}:${name} not followed (walk bounded at ${maxQueries} queries, depth ${maxDepth})`,
      );
      state.includes.push({ domain: name, via, depth, outcome: 'not-followed' });
      return null;
    }
    state.queries++;
    let answer: { rcode: string; records: readonly string[] };
    try {
      answer = await dns.txt(name);
    } catch (error) {
      state.dnsErrors.push(`${via}:${name}: ${(error as Error).message}`.slice(0, 200));
      state.includes.push({ domain: name, via, depth, outcome: 'dns-error' });
      return null;
    }
    if (answer.rcode !== 'NOERROR' && answer.rcode !== 'NXDOMAIN') {
      state.dnsErrors.push(`${via}:${name}: ${answer.rcode}`);
      state.includes.push({ domain: name, via, depth, outcome: 'dns-error' });
      return null;
    }
    const spf = answer.records.filter(isSpfRecord);
    if (answer.rcode === 'NXDOMAIN' || answer.records.length === 0) state.voids++;
    if (spf.length === 0) {
      state.errors.push(`${via}:${name} has no SPF record (${answer.rcode})`);
      state.includes.push({ domain: name, via, depth, outcome: 'no-record' });
      return null;
    }
    if (spf.length > 1) {
      state.errors.push(`${via}:${name} publishes ${spf.length} SPF records`);
      state.includes.push({ domain: name, via, depth, outcome: 'several-records' });
      return null;
    }
    const found = spf[0] as string;
    state.visited.add(key);
    state.includes.push({ domain: name, via, depth, outcome: 'ok', record: found });
    return { record: found };
  }

  async function countVoid(name: string, type: 'A' | 'MX'): Promise<void> {
    if (!dns.count || hasMacro(name) || state.queries >= maxQueries) return;
    state.queries++;
    try {
      const answer = await dns.count(name, type);
      if (answer.rcode === 'NXDOMAIN' || (answer.rcode === 'NOERROR' && answer.count === 0)) state.voids++;
      else if (answer.rcode !== 'NOERROR') state.dnsErrors.push(`${type} ${name}: ${answer.rcode}`);
    } catch (error) {
      state.dnsErrors.push(`${type} ${name}: ${(error as Error).message}`.slice(0, 200));
    }
  }

  async function walk(name: string, text: string, depth: number, label: string): Promise<WalkResult> {
    const parsed = parseSpf(text);
    for (const e of parsed.errors) state.errors.push(depth === 0 ? e : `${label}: ${e}`);
    const all = allMechanism(parsed);
    let passesEverythingVia: string | null = null;
    for (const term of parsed.terms) {
      if (term.kind === 'modifier') continue;
      if (countsAsLookup(term)) state.lookups++;
      switch (term.name) {
        case 'all':
          if (term.qualifier === '+' && passesEverythingVia === null) passesEverythingVia = term.raw;
          break;
        case 'include': {
          const target = term.value as string;
          if (hasMacro(target)) break;
          const found = await fetchRecord(target, 'include', depth + 1);
          if (!found) break;
          const inner = await walk(target, found.record, depth + 1, `include:${target}`);
          if (term.qualifier === '+' && inner.passesEverythingVia !== null && passesEverythingVia === null) {
            passesEverythingVia = `${term.raw} (${inner.passesEverythingVia})`;
          }
          break;
        }
        case 'a':
          await countVoid(term.value ?? name, 'A');
          break;
        case 'mx':
          await countVoid(term.value ?? name, 'MX');
          break;
        case 'exists':
          await countVoid(term.value as string, 'A');
          break;
        case 'ip4':
          if ((term.cidr4 ?? 32) < BROAD_IPV4_PREFIX) {
            state.broad.push(term.raw);
            if (term.cidr4 === 0 && term.qualifier === '+' && passesEverythingVia === null) {
              passesEverythingVia = term.raw;
            }
          }
          break;
        case 'ip6':
          if ((term.cidr6 ?? 128) < BROAD_IPV6_PREFIX) {
            state.broad.push(term.raw);
            if (term.cidr6 === 0 && term.qualifier === '+' && passesEverythingVia === null) {
              passesEverythingVia = term.raw;
            }
          }
          break;
        default:
          break;
      }
      // Receivers stop at `all`: terms after it are never evaluated.
      if (term === all) break;
    }
    if (all) return { passesEverythingVia, defaultQualifier: all.qualifier };
    const redirect = redirectOf(parsed);
    if (redirect === undefined || hasMacro(redirect)) return { passesEverythingVia, defaultQualifier: null };
    state.lookups++;
    const found = await fetchRecord(redirect, 'redirect', depth + 1);
    if (!found) return { passesEverythingVia, defaultQualifier: null };
    const inner = await walk(redirect, found.record, depth + 1, `redirect=${redirect}`);
    return {
      passesEverythingVia:
        passesEverythingVia ??
        (inner.passesEverythingVia === null ? null : `redirect=${redirect} (${inner.passesEverythingVia})`),
      defaultQualifier: inner.defaultQualifier,
    };
  }

  const result = await walk(domain, record, 0, domain);
  if (state.lookups > maxLookups) {
    state.errors.push(
      `${state.lookups} DNS-querying terms (include, a, mx, ptr, exists, redirect): more than ${maxLookups}`,
    );
  }
  if (state.voids > maxVoid) state.errors.push(`${state.voids} void DNS lookups: more than ${maxVoid}`);
  return {
    domain,
    record,
    terms: parseSpf(record).terms,
    errors: state.errors,
    dnsErrors: state.dnsErrors,
    lookups: state.lookups,
    voidLookups: state.voids,
    defaultQualifier: result.defaultQualifier,
    passesEverythingVia: result.passesEverythingVia,
    broadNetworks: state.broad,
    includes: state.includes,
  };
}
