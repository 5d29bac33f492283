/**
 * The identify stage for one open port: read what the server says unprompted (short wait), let the
 * probes recognise that greeting, else run the probes (likely ones for the port first) until one
 * recognises the service, then fill product, version and CPE from fingerprints. The protocol comes
 * from what the server answers, never from the port number; a service nothing recognises is `unknown`
 * with its banner. Every service has a time budget, so a hostile peer cannot stall the scan.
 */
import type { Dialer, HttpClient, Resolver } from '../../platform/net/index.js';
import type { Probe, ProbeContext, ProbeMatch } from './probes/probe.js';
import type { ServiceObservation } from './scanner.types.js';

/** Fills product, version, CPE and technologies of a service from fingerprint data. */
export type Enricher = (service: ServiceObservation) => ServiceObservation;

/** What the stage needs from the scan's network. */
export interface IdentifyNetwork {
  readonly dialer: Dialer;
  readonly http: HttpClient;
  readonly resolver: Resolver | null;
}

/** Probes and fingerprints used to identify. */
export interface IdentifyDeps {
  readonly net: IdentifyNetwork;
  readonly probes: readonly Probe[];
  readonly enrich: Enricher;
}

/** Time bounds of one service's identification. */
export interface IdentifyOptions {
  /** How long to wait for an unprompted greeting; default 1,500 ms. */
  readonly greetingWaitMs?: number;
  /** Timeout handed to each probe (connect, read); default 5,000 ms. */
  readonly timeoutMs?: number;
  /** Whole identification of one service; default four probe timeouts. */
  readonly budgetMs?: number;
  readonly trustedCa?: readonly string[];
}

/** The endpoint to identify and the names known for it (SNI, Host). */
export interface ServiceTarget {
  readonly address: string;
  readonly port: number;
  readonly hostnames: readonly string[];
}

/** Largest greeting kept: enough for every banner protocol, small against floods. */
const GREETING_BYTES = 4096;
/** Longest banner kept in the result. */
const BANNER_CHARS = 512;
/** Probe names that only describe what was seen: always tried last. */
const FALLBACK_PROTOCOLS = new Set(['banner', 'unknown']);

/** Printable form of the first bytes a server sent (control bytes escaped, capped). */
export function printableBanner(bytes: Buffer, max = BANNER_CHARS): string {
  let out = '';
  for (const byte of bytes.subarray(0, max)) {
    if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > max ? `${out}…` : out;
}

/**
 * The order in which probes are run on a port, given the greeting. Probes likely for the port come
 * first; a probe that needs a greeting is skipped when there was none (unless likely for the port: a
 * slow greeter) and when its `matchGreeting` already said no; fallbacks (`banner`) come last.
 */
export function probeOrder(probes: readonly Probe[], port: number, greeting: Buffer): Probe[] {
  const usable = probes.filter((p) => {
    if (FALLBACK_PROTOCOLS.has(p.protocol)) return true;
    if (!p.greetingFirst) return true;
    if (greeting.length === 0) return p.likelyPorts.includes(port);
    return p.matchGreeting === undefined;
  });
  const rank = (p: Probe): number =>
    FALLBACK_PROTOCOLS.has(p.protocol) ? 2 : p.likelyPorts.includes(port) ? 0 : 1;
  return usable
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** The first probe whose `matchGreeting` recognises the greeting (likely ones first). */
export function matchGreeting(
  probes: readonly Probe[],
  port: number,
  greeting: Buffer,
): { probe: Probe; match: ProbeMatch } | null {
  if (greeting.length === 0) return null;
  const ordered = [...probes].sort(
    (a, b) => Number(b.likelyPorts.includes(port)) - Number(a.likelyPorts.includes(port)),
  );
  for (const probe of ordered) {
    if (!probe.matchGreeting || FALLBACK_PROTOCOLS.has(probe.protocol)) continue;
    try {
      const match = probe.matchGreeting(greeting);
      if (match) return { probe, match };
    } catch {
      // A pure matcher that throws on odd bytes is a probe bug; it must not stop identification.
    }
  }
  return null;
}

/** Drops undefined fields so that the stored and printed observation stays small. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Runs one probe within what is left of the budget; null when it does not recognise or runs out. */
async function runWithin(
  probe: Probe,
  ctx: ProbeContext,
  remainingMs: number,
): Promise<ProbeMatch | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, remainingMs));
  });
  // The probe's own sockets are bounded by the network layer; a late answer is simply dropped.
  const running = probe.run(ctx).catch(() => null);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the greeting: what the server sends before we say anything, within the short wait. */
async function readGreeting(
  dialer: Dialer,
  target: ServiceTarget,
  waitMs: number,
  timeoutMs: number,
): Promise<{ bytes: Buffer; note?: string; reachable: boolean }> {
  const result = await dialer.exchange(target.address, target.port, null, {
    maxBytes: GREETING_BYTES,
    readTimeoutMs: waitMs,
    untilIdleMs: Math.min(300, waitMs),
    connectTimeoutMs: timeoutMs,
    totalTimeoutMs: timeoutMs + waitMs,
  });
  if (result.status !== 'open')
    return { bytes: Buffer.alloc(0), note: `greeting: ${result.note}`, reachable: false };
  const note =
    result.closedBy === 'cap'
      ? `the server sent more than ${GREETING_BYTES} bytes unprompted (read stopped at the cap)`
      : result.closedBy === 'reset'
        ? 'the server reset the connection'
        : undefined;
  return { bytes: Buffer.from(result.bytes), reachable: true, ...(note ? { note } : {}) };
}

/** Identifies the service on one open port; never throws, always within the budget (plus one greeting). */
export async function identifyService(
  target: ServiceTarget,
  deps: IdentifyDeps,
  options: IdentifyOptions = {},
): Promise<ServiceObservation> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const greetingWaitMs = options.greetingWaitMs ?? 1_500;
  const budgetMs = options.budgetMs ?? 4 * timeoutMs;
  const started = Date.now();
  const notes: string[] = [];
  const { dialer, http, resolver } = deps.net;

  const greeting = await readGreeting(dialer, target, greetingWaitMs, timeoutMs);
  if (greeting.note) notes.push(greeting.note);
  const ctx: ProbeContext = {
    dialer,
    http,
    resolver,
    address: target.address,
    port: target.port,
    hostnames: target.hostnames,
    greeting: greeting.bytes,
    timeoutMs,
    ...(options.trustedCa ? { trustedCa: options.trustedCa } : {}),
  };
  const remaining = (): number => budgetMs - (Date.now() - started);

  let match: ProbeMatch | null = null;
  const recognised = matchGreeting(deps.probes, target.port, greeting.bytes);
  if (recognised) {
    match = recognised.match;
    // The greeting said which protocol; the probe's run adds what only a conversation shows.
    const more = await runWithin(recognised.probe, ctx, remaining());
    if (more && more !== 'timeout' && more.protocol === match.protocol) match = { ...match, ...more };
  } else {
    for (const probe of probeOrder(deps.probes, target.port, greeting.bytes)) {
      if (remaining() <= 0) {
        notes.push(`identification stopped after its ${budgetMs} ms budget`);
        break;
      }
      const result = await runWithin(probe, ctx, remaining());
      if (result === 'timeout') {
        notes.push(
          `identification stopped after its ${budgetMs} ms budget (during the ${probe.protocol} probe)`,
        );
        break;
      }
      if (result) {
        match = result;
        break;
      }
    }
  }

  const banner = greeting.bytes.length > 0 ? printableBanner(greeting.bytes) : undefined;
  const base: ServiceObservation = match
    ? compact({
        ...match,
        port: target.port,
        transport: 'tcp' as const,
        protocol: match.protocol,
        banner: match.banner ?? banner,
        notes: [...(match.notes ?? []), ...notes].length > 0 ? [...(match.notes ?? []), ...notes] : undefined,
      })
    : compact({
        port: target.port,
        transport: 'tcp' as const,
        protocol: 'unknown',
        banner,
        notes: [
          ...notes,
          greeting.reachable ? 'no probe recognised the service' : 'the port no longer answered',
        ],
      });
  try {
    return deps.enrich(base);
  } catch (error) {
    return {
      ...base,
      notes: [...(base.notes ?? []), `fingerprints: ${(error as Error).message}`.slice(0, 300)],
    };
  }
}
