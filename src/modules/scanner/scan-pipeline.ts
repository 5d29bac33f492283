/**
 * The scan pipeline: discover → ports → identify, in rounds (names met in certificates during a
 * round are looked up in the next one), then assess (checks) once on everything observed. Every
 * stage writes what it observed to a `ScanStore` and a checkpoint after it, so the same call on the
 * same store continues an interrupted scan where it stopped. Only the network layer touches the network; this file decides what to ask it.
 */
import { parseDomainName } from '../../lib/domain-name.js';
import type { ScanNetwork } from '../../platform/net/index.js';
import { discoverNames, type NameCandidate } from './discovery/discovery.js';
import { identifyService, type Enricher } from './identify.js';
import { planPortTasks, PORT_CHUNK_SIZE, scanPortTask } from './ports/port-scan.js';
import type { Finding } from './findings/finding.types.js';
import type { Probe } from './probes/probe.js';
import type { ScanCheckpoint, ScanStage, ScanStore, StoredScan } from './scan-store.js';
import type { DomainObservation, HostObservation } from './scanner.types.js';
import { addressesOf, type ScanTargets } from './targets.js';
import { runPool } from './task-pool.js';

/** What one scan looks at. */
export interface PipelineInput {
  readonly targets: ScanTargets;
  /** Ports in scan order, exclusions already removed. */
  readonly ports: readonly number[];
  readonly ctNames: readonly string[];
  readonly wordlist: readonly string[];
}

/** Bounds of the pipeline; every value has a default fit for Internet scans. */
export interface PipelineOptions {
  /** Connect timeout of the port scan and timeout handed to each probe; default 5,000 ms. */
  readonly timeoutMs?: number;
  readonly greetingWaitMs?: number;
  /** Identification budget of one service; default four timeouts. */
  readonly budgetMs?: number;
  readonly trustedCa?: readonly string[];
  /** Ports per port task; default 256. */
  readonly chunkSize?: number;
  /** Port tasks run at once (hosts scanned in parallel); default 512. */
  readonly taskConcurrency?: number;
  /** Ports of one host probed at once; default 4. */
  readonly portConcurrency?: number;
  /** Services identified at once; default 32. */
  readonly identifyConcurrency?: number;
  /** Names resolved at once; default 32. */
  readonly dnsConcurrency?: number;
  /** Rounds of discovery (the first for the targets); default 3. */
  readonly maxRounds?: number;
}

/** Progress of the running stage, for bars and the live page. */
export interface PipelineProgress {
  readonly stage: ScanStage;
  readonly round: number;
  readonly done: number;
  readonly total: number;
}

/** What the assess stage judges: part 1's observations, hosts with their services. */
export interface AssessObservations {
  readonly hosts: readonly HostObservation[];
  readonly domains: readonly DomainObservation[];
}

/** The assess stage: observers and checks (`assess/assess.ts`), bound to the scan's settings. */
export type AssessStage = (
  observations: AssessObservations,
  signal: AbortSignal | undefined,
) => Promise<{ readonly findings: readonly Finding[]; readonly notes: readonly string[] }>;

/** What the pipeline works with. */
export interface PipelineDeps {
  readonly net: ScanNetwork;
  readonly store: ScanStore;
  readonly probes: readonly Probe[];
  readonly enrich: Enricher;
  /** Without it the pipeline ends after identification (no findings). */
  readonly assess?: AssessStage;
  /** Aborting stops the pipeline at the next unit of work; the store keeps what was done. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PipelineProgress) => void;
  /** Called after each stage's checkpoint is written. */
  readonly onStage?: (stage: Exclude<ScanStage, 'done'>, round: number) => void | Promise<void>;
}

/** How the pipeline ended. `interrupted`: the signal stopped it; run it again to continue. */
export interface PipelineOutcome {
  readonly status: 'completed' | 'partial' | 'interrupted';
  readonly stage: ScanStage;
  readonly notes: readonly string[];
}

/** Host names per address, from every domain observation (aliases included). */
export function hostnamesByAddress(domains: readonly DomainObservation[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const d of domains) {
    for (const address of d.addresses ?? []) {
      const names = map.get(address) ?? new Set<string>();
      names.add(d.name);
      map.set(address, names);
    }
  }
  return map;
}

/** Subject alternative names seen on certificates during the scan (DNS names only). */
function certificateNames(stored: StoredScan): string[] {
  const names = new Set<string>();
  for (const { service } of stored.services) {
    for (const san of service.certificate?.subjectAltNames ?? []) {
      const raw = san.replace(/^DNS:/i, '').replace(/^\*\./, '').trim();
      const parsed = parseDomainName(raw);
      if (parsed.ok) names.add(parsed.value);
    }
  }
  return [...names];
}

/** Hosts with their services, in the shape of the contract (what the checks read). */
export function observationsOf(stored: StoredScan): AssessObservations {
  const services = new Map<string, HostObservation['services'][number][]>();
  for (const { address, service } of stored.services) {
    const list = services.get(address) ?? [];
    list.push(service);
    services.set(address, list);
  }
  const hosts = stored.hosts
    .filter((h) => services.has(h.address))
    .map((h) => ({
      address: h.address,
      hostnames: [...h.hostnames],
      services: (services.get(h.address) ?? []).sort((a, b) => a.port - b.port),
    }));
  return { hosts, domains: stored.domains };
}

/** Runs (or continues) a scan on `store`; never throws for network trouble, only for store failures. */
export async function runPipeline(
  input: PipelineInput,
  deps: PipelineDeps,
  options: PipelineOptions = {},
): Promise<PipelineOutcome> {
  const { net, store, signal } = deps;
  const { guard } = net;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxRounds = options.maxRounds ?? 3;
  let stored = await store.load();
  let checkpoint: ScanCheckpoint = stored.checkpoint;

  // A resumed scan starts with a fresh guard: give it back what the first run had learnt.
  for (const refusal of checkpoint.refused) guard.record(refusal);
  for (const d of stored.domains) {
    if (!d.addresses || d.addresses.length === 0) continue;
    guard.admitResolved(d.name, d.addresses);
    if (d.canonicalName) guard.admitResolved(d.canonicalName, d.addresses);
  }

  const save = async (next: Partial<ScanCheckpoint>): Promise<void> => {
    checkpoint = { ...checkpoint, ...next, refused: [...guard.refused] };
    await store.saveCheckpoint(checkpoint);
  };
  const interrupted = async (): Promise<PipelineOutcome> => {
    await save({});
    return { status: 'interrupted', stage: checkpoint.stage, notes: checkpoint.notes };
  };
  const progress = (done: number, total: number): void =>
    deps.onProgress?.({ stage: checkpoint.stage, round: checkpoint.round, done, total });

  while (checkpoint.stage !== 'done') {
    if (signal?.aborted) return interrupted();
    const { stage, round } = checkpoint;

    if (stage === 'discover') {
      const known = new Set(stored.domains.map((d) => d.name));
      const outcome = await discoverNames(
        round === 0
          ? { domains: input.targets.domains, wordlist: input.wordlist, ctNames: input.ctNames }
          : { domains: [], wordlist: [], ctNames: [], extraNames: checkpoint.pendingNames, known },
        {
          resolver: net.resolver,
          guard,
          ...(options.dnsConcurrency === undefined ? {} : { concurrency: options.dnsConcurrency }),
          ...(signal === undefined ? {} : { signal }),
          onProgress: progress,
        },
      );
      if (signal?.aborted) return interrupted();
      await store.saveDomains(outcome.domains);
      const names = hostnamesByAddress([...stored.domains, ...outcome.domains]);
      await store.saveHosts([...names].map(([address, set]) => ({ address, hostnames: [...set].sort() })));
      const tasked = new Set(stored.tasks.map((t) => t.address));
      const addresses = new Set<string>();
      if (round === 0)
        for (const block of input.targets.networks) for (const a of addressesOf(block)) addresses.add(a);
      for (const address of names.keys()) addresses.add(address);
      const plans = planPortTasks(
        [...addresses].filter((a) => !tasked.has(a)),
        input.ports,
        options.chunkSize ?? PORT_CHUNK_SIZE,
      );
      await store.addPortTasks(plans);
      await save({
        stage: 'ports',
        pendingNames: [],
        notes: [...checkpoint.notes, ...outcome.notes],
        incomplete: checkpoint.incomplete || outcome.incomplete,
      });
    } else if (stage === 'ports') {
      const pending = stored.tasks.filter((t) => t.status === 'pending');
      const total = pending.reduce((n, t) => n + t.ports.length, 0);
      let done = 0;
      progress(0, total);
      await runPool(
        pending,
        options.taskConcurrency ?? 512,
        async (task) => {
          const result = await scanPortTask(net.dialer, task, {
            connectTimeoutMs: timeoutMs,
            concurrency: options.portConcurrency ?? 4,
            ...(signal === undefined ? {} : { signal }),
            onPort: () => progress(++done, total),
          });
          if (result.aborted) return;
          if (result.open.length > 0) await store.saveHosts([{ address: task.address, hostnames: [] }]);
          await store.completePortTask(task.id, result.open, result.note);
        },
        signal,
      );
      if (signal?.aborted) return interrupted();
      await save({ stage: 'identify' });
    } else if (stage === 'identify') {
      const identified = new Set(stored.services.map((s) => `${s.address}|${s.service.port}`));
      const names = new Map(stored.hosts.map((h) => [h.address, h.hostnames]));
      const todo = stored.tasks
        .filter((t) => t.status === 'done')
        .flatMap((t) => t.open.map((port) => ({ address: t.address, port })))
        .filter((s) => !identified.has(`${s.address}|${s.port}`));
      let done = 0;
      progress(0, todo.length);
      await runPool(
        todo,
        options.identifyConcurrency ?? 32,
        async ({ address, port }) => {
          const service = await identifyService(
            { address, port, hostnames: names.get(address) ?? [] },
            { net, probes: deps.probes, enrich: deps.enrich },
            {
              timeoutMs,
              ...(options.greetingWaitMs === undefined ? {} : { greetingWaitMs: options.greetingWaitMs }),
              ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
              ...(options.trustedCa === undefined ? {} : { trustedCa: options.trustedCa }),
            },
          );
          await store.saveService({ address, service });
          progress(++done, todo.length);
        },
        signal,
      );
      if (signal?.aborted) return interrupted();
      const after = await store.load();
      const known = new Set(after.domains.map((d) => d.name));
      const pendingNames: NameCandidate[] = [];
      for (const name of certificateNames(after)) {
        if (known.has(name)) continue;
        const refusal = guard.nameRefusalFor(name);
        if (refusal) guard.record(refusal);
        else pendingNames.push({ name, source: 'certificate' });
      }
      const another = pendingNames.length > 0 && round + 1 < maxRounds;
      await save(
        another
          ? { stage: 'discover', round: round + 1, pendingNames }
          : { stage: deps.assess ? 'assess' : 'done', pendingNames: [] },
      );
    } else if (stage === 'assess') {
      if (!deps.assess) {
        await save({ stage: 'done' });
      } else {
        progress(0, 1);
        const assessed = await deps.assess(observationsOf(stored), signal);
        if (signal?.aborted) return interrupted();
        await store.saveFindings(assessed.findings);
        progress(1, 1);
        await save({ stage: 'done', notes: [...checkpoint.notes, ...assessed.notes] });
      }
    }
    await deps.onStage?.(stage, round);
    stored = await store.load();
  }
  return { status: checkpoint.incomplete ? 'partial' : 'completed', stage: 'done', notes: checkpoint.notes };
}
