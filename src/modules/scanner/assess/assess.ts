/**
 * The assess stage's two entry points. `gatherAssessmentInput` (I/O) runs the observers the checks
 * need beyond part 1's observations — HTTP path probes, weak cipher suites, SMB guest access, DNS
 * and mail posture of every domain target — through the scan's network only. `runChecks` asks the
 * injected vulnerability lookup about the detected (CPE, version) pairs, then runs every pure check
 * and returns stable, deduplicated, sorted findings.
 */
import type { DnsServer, ScanNetwork } from '../../../platform/net/index.js';
import { checks as allChecks } from '../checks/index.js';
import type { EndOfLifeCatalogue } from '../checks/end-of-life.js';
import { redirectsToHttps } from '../checks/http-view.js';
import { lookupPairs } from '../checks/software-view.js';
import { localiseFinding } from '../findings/finding.build.js';
import type { Check, CheckContext, Finding, FindingLanguage } from '../findings/finding.types.js';
import { targetIdentity } from '../findings/fingerprint.js';
import { isMoreSevere, severityRank } from '../findings/severity.js';
import type { TrustStore } from '../findings/trust-store.js';
import {
  vulnerabilityKey,
  type VulnerabilityLookup,
  type VulnerabilityRecord,
} from '../findings/vulnerability-lookup.js';
import type { DomainObservation, HostObservation, ServiceObservation } from '../scanner.types.js';
import { runPool } from '../task-pool.js';
import type { AssessmentInput, MailPosture, ServiceAssessment, ZonePosture } from './assessment.types.js';
import { observeZone } from './dns-posture.observe.js';
import { observeHttpPaths } from './http-paths.observe.js';
import { observeMail } from './mail-posture.observe.js';
import { observeSmbGuest } from './smb-guest.observe.js';
import { isSpfRecord } from './spf.parse.js';
import { observeWeakCiphers } from './tls-ciphers.observe.js';

/** What part 1 observed (the `hosts` and `domains` of a `hygie.scan/1` result). */
export interface AssessmentObservations {
  readonly hosts: readonly HostObservation[];
  readonly domains: readonly DomainObservation[];
}

/** Which observers run (all by default). */
export interface ObserverSelection {
  readonly httpPaths?: boolean;
  readonly ciphers?: boolean;
  readonly smbGuest?: boolean;
  readonly dns?: boolean;
  readonly mail?: boolean;
}

/** Settings of the gathering. */
export interface GatherOptions {
  /** The scan's DNS servers (DNSSEC queries go to them through the dialer). */
  readonly dnsServers: readonly DnsServer[];
  /** Domain targets whose DNS and mail posture is assessed; default: domains whose source is `target`. */
  readonly domains?: readonly string[];
  /** Trust anchors for the MTA-STS policy host (and STARTTLS probes). */
  readonly trustedCa?: readonly string[];
  /** Per connection; default 5 s. */
  readonly timeoutMs?: number;
  /** Hosts assessed at once; default 8 (per-host limits of the network layer still apply). */
  readonly concurrency?: number;
  readonly observers?: ObserverSelection;
  /** Stops starting new hosts and domains once aborted (those in flight finish, bounded by timeouts). */
  readonly signal?: AbortSignal;
}

const isWeb = (s: ServiceObservation): boolean =>
  s.http !== undefined && (s.protocol === 'http' || s.protocol === 'https');
const isTls = (s: ServiceObservation): boolean => s.tls === true || s.protocol === 'https';

async function assessService(
  network: ScanNetwork,
  host: HostObservation,
  service: ServiceObservation,
  options: GatherOptions,
  notes: string[],
): Promise<ServiceAssessment | null> {
  const on = options.observers ?? {};
  const timeoutMs = options.timeoutMs ?? 5000;
  const where = `${host.address}:${service.port}`;
  let assessment: ServiceAssessment = { address: host.address, port: service.port };
  if (
    on.httpPaths !== false &&
    isWeb(service) &&
    !(service.protocol === 'http' && redirectsToHttps(service))
  ) {
    const http = await observeHttpPaths(network, host, service, { timeoutMs });
    for (const n of http.notes) notes.push(`${where}: ${n}`);
    assessment = { ...assessment, http };
  }
  if (on.ciphers !== false && isTls(service) && service.protocol !== 'smtp') {
    const ciphers = await observeWeakCiphers(network, {
      address: host.address,
      port: service.port,
      ...(host.hostnames[0] ? { servername: host.hostnames[0] } : {}),
      timeoutMs,
    });
    for (const c of ciphers)
      if (c.outcome === 'untested')
        notes.push(`${where}: ${c.group} suites not tested (${c.note ?? 'no answer'})`);
    assessment = { ...assessment, ciphers };
  }
  if (on.smbGuest !== false && service.protocol === 'smb') {
    const smbGuest = await observeSmbGuest(network, {
      address: host.address,
      port: service.port,
      ...(host.hostnames[0] ? { hostname: host.hostnames[0] } : {}),
      timeoutMs,
    });
    if (smbGuest.session === 'failed')
      notes.push(`${where}: SMB guest access not determined (${smbGuest.note ?? '?'})`);
    assessment = { ...assessment, smbGuest };
  }
  return Object.keys(assessment).length > 2 ? assessment : null;
}

function inZone(name: string, zone: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === zone || n.endsWith(`.${zone}`);
}

/** Names under `zone` (other than it) that publish SPF, from a transfer and from part 1's domains. */
function otherSpfNames(
  zone: string,
  transferred: readonly { name: string; type: string; value: string }[],
  known: readonly DomainObservation[],
): string[] {
  const names = new Set<string>();
  for (const r of transferred)
    if (r.type === 'TXT' && isSpfRecord(r.value) && r.name !== zone && inZone(r.name, zone))
      names.add(r.name);
  for (const d of known) {
    const name = d.name.toLowerCase().replace(/\.$/, '');
    if (name !== zone && inZone(name, zone) && (d.records.TXT ?? []).some(isSpfRecord)) names.add(name);
  }
  return [...names].sort().slice(0, 50);
}

/**
 * Gathers what the checks need beyond part 1's observations. Never throws for a target that
 * misbehaves: what could not be observed is in `notes`.
 */
export async function gatherAssessmentInput(
  network: ScanNetwork,
  observations: AssessmentObservations,
  options: GatherOptions,
): Promise<AssessmentInput> {
  const notes: string[] = [];
  const on = options.observers ?? {};
  const concurrency = options.concurrency ?? 8;

  const perHost: ServiceAssessment[][] = observations.hosts.map(() => []);
  await runPool(
    observations.hosts,
    concurrency,
    async (host, i) => {
      for (const service of host.services) {
        try {
          const a = await assessService(network, host, service, options, notes);
          if (a) perHost[i]?.push(a);
        } catch (error) {
          notes.push(
            `${host.address}:${service.port}: assessment failed: ${(error as Error).message}`.slice(0, 300),
          );
        }
      }
    },
    options.signal,
  );

  const targets = [
    ...new Set(
      (options.domains ?? observations.domains.filter((d) => d.source === 'target').map((d) => d.name)).map(
        (d) => d.toLowerCase().replace(/\.$/, ''),
      ),
    ),
  ];
  const zones: ZonePosture[] = [];
  const mail: MailPosture[] = [];
  await runPool(
    targets,
    4,
    async (domain) => {
      let transferred: readonly { name: string; type: string; value: string }[] = [];
      let apex = true;
      if (on.dns !== false) {
        const zone = await observeZone(network, domain, observations.domains, {
          dnsServers: options.dnsServers,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
        zones.push(zone.posture);
        for (const n of zone.posture.notes) notes.push(`${domain}: ${n}`);
        transferred = zone.transferred;
        apex = zone.posture.apex;
      }
      if (on.mail !== false) {
        const mailOptions = {
          hosts: observations.hosts,
          ...(options.trustedCa ? { trustedCa: options.trustedCa } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        };
        const own = await observeMail(network, domain, apex, mailOptions);
        mail.push(own);
        for (const n of own.notes) notes.push(`${domain}: ${n}`);
        for (const name of otherSpfNames(domain, transferred, observations.domains)) {
          mail.push(await observeMail(network, name, false, mailOptions));
        }
      }
    },
    options.signal,
  );
  zones.sort((a, b) => a.domain.localeCompare(b.domain));
  mail.sort((a, b) => a.domain.localeCompare(b.domain));

  return {
    hosts: observations.hosts,
    domains: observations.domains,
    services: perHost.flat(),
    zones,
    mail,
    notes,
  };
}

/** What judgement needs: the scan's time, trust anchors, end-of-life data, an optional CVE source. */
export interface RunChecksOptions {
  readonly now: Date;
  readonly trustStore: TrustStore;
  readonly endOfLife: EndOfLifeCatalogue;
  readonly vulnerabilityLookup?: VulnerabilityLookup;
  /** Language of `title`, `description`, `recommendation` (both are always kept); default French. */
  readonly language?: FindingLanguage;
  /** The checks to run; default every check of `checks/index.ts`. */
  readonly checks?: readonly Check[];
}

/** Asks the lookup about every (CPE, version) pair once; a failing lookup gives no CVE, never an error. */
async function lookUpVulnerabilities(
  input: AssessmentInput,
  lookup: VulnerabilityLookup | undefined,
): Promise<Map<string, readonly VulnerabilityRecord[]>> {
  const found = new Map<string, readonly VulnerabilityRecord[]>();
  if (!lookup) return found;
  const pairs = new Map<string, { cpe: string; version: string }>();
  for (const host of input.hosts) {
    for (const service of host.services) {
      for (const p of lookupPairs(service)) pairs.set(vulnerabilityKey(p.cpe, p.version), p);
    }
  }
  await runPool([...pairs], 4, async ([key, p]) => {
    try {
      found.set(key, await lookup.lookup(p.cpe, p.version));
    } catch {
      // The knowledge base being unavailable must not stop the other checks.
    }
  });
  return found;
}

/** Runs pure checks; a check that throws is skipped (its bug must not hide the others' findings). */
export function evaluateChecks(
  input: AssessmentInput,
  context: CheckContext,
  checks: readonly Check[] = allChecks,
): Finding[] {
  const byId = new Map<string, Finding>();
  for (const check of checks) {
    let found: Finding[];
    try {
      found = check.evaluate(input, context);
    } catch {
      continue;
    }
    for (const f of found) {
      const existing = byId.get(f.id);
      if (!existing || isMoreSevere(f.severity, existing.severity)) byId.set(f.id, f);
    }
  }
  return [...byId.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.check.localeCompare(b.check) ||
      targetIdentity(a.target).localeCompare(targetIdentity(b.target)) ||
      a.id.localeCompare(b.id),
  );
}

/** Turns an assessment input into findings (asks the vulnerability lookup first, when given). */
export async function runChecks(input: AssessmentInput, options: RunChecksOptions): Promise<Finding[]> {
  const vulnerabilities = await lookUpVulnerabilities(input, options.vulnerabilityLookup);
  const context: CheckContext = {
    now: options.now,
    trustStore: options.trustStore,
    endOfLife: options.endOfLife,
    vulnerabilities,
  };
  const language = options.language ?? 'fr';
  return evaluateChecks(input, context, options.checks).map((f) => localiseFinding(f, language));
}
