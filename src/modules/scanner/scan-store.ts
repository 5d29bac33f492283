/**
 * Where the pipeline writes what it observed, stage by stage, so that an interrupted scan resumes
 * where it stopped. The service stores it in the database (`scan-store.repository.ts`); tests and
 * benchmarks use the in-memory store below.
 */
import type { Refusal } from '../../platform/net/index.js';
import type { NameCandidate } from './discovery/discovery.js';
import type { Finding } from './findings/finding.types.js';
import type { DomainObservation, ServiceObservation } from './scanner.types.js';

/** Stages of the pipeline, in order; `done` when nothing is left. */
export type ScanStage = 'discover' | 'ports' | 'identify' | 'assess' | 'done';

/** The pipeline's position and what it carries between stages. */
export interface ScanCheckpoint {
  readonly stage: ScanStage;
  /** 0 for the targets; later rounds look up names met on the way (certificate SANs). */
  readonly round: number;
  readonly pendingNames: readonly NameCandidate[];
  readonly refused: readonly Refusal[];
  readonly notes: readonly string[];
  /** Something may be missing (DNS silent, a task failed): the scan ends `partial`. */
  readonly incomplete: boolean;
}

/** A (host × port range) task of the port stage. */
export interface PortTaskRecord {
  readonly id: string;
  readonly address: string;
  readonly ports: readonly number[];
  readonly status: 'pending' | 'done';
  readonly open: readonly number[];
  readonly note?: string;
}

/** A host: an address and the in-scope names that resolve to it. */
export interface HostRecord {
  readonly address: string;
  readonly hostnames: readonly string[];
}

/** An identified service on an address. */
export interface ServiceRecord {
  readonly address: string;
  readonly service: ServiceObservation;
}

/** Everything stored for one scan. */
export interface StoredScan {
  readonly checkpoint: ScanCheckpoint;
  readonly domains: readonly DomainObservation[];
  readonly hosts: readonly HostRecord[];
  readonly tasks: readonly PortTaskRecord[];
  readonly services: readonly ServiceRecord[];
  /** Findings of the assess stage (empty until it ran). */
  readonly findings: readonly Finding[];
}

/** Persistence of one scan's progress; every write is idempotent (upsert). */
export interface ScanStore {
  load(): Promise<StoredScan>;
  saveCheckpoint(checkpoint: ScanCheckpoint): Promise<void>;
  /** Upserts by name. */
  saveDomains(domains: readonly DomainObservation[]): Promise<void>;
  /** Upserts by address; host names are added to those already stored. */
  saveHosts(hosts: readonly HostRecord[]): Promise<void>;
  addPortTasks(tasks: readonly Omit<PortTaskRecord, 'id' | 'status' | 'open'>[]): Promise<void>;
  completePortTask(id: string, open: readonly number[], note?: string): Promise<void>;
  /** Upserts by address, port and transport. */
  saveService(record: ServiceRecord): Promise<void>;
  /** Replaces the scan's findings (the assess stage runs as a whole, again after a resume). */
  saveFindings(findings: readonly Finding[]): Promise<void>;
}

/** The checkpoint of a scan that has not started. */
export const INITIAL_CHECKPOINT: ScanCheckpoint = {
  stage: 'discover',
  round: 0,
  pendingNames: [],
  refused: [],
  notes: [],
  incomplete: false,
};

/** A store in memory (tests, benchmarks): same semantics as the database one. */
export function createMemoryScanStore(): ScanStore & { readonly snapshot: () => StoredScan } {
  let checkpoint = INITIAL_CHECKPOINT;
  const domains = new Map<string, DomainObservation>();
  const hosts = new Map<string, Set<string>>();
  const tasks = new Map<string, PortTaskRecord>();
  const services = new Map<string, ServiceRecord>();
  let findings: readonly Finding[] = [];
  let nextId = 0;
  const snapshot = (): StoredScan => ({
    checkpoint,
    domains: [...domains.values()],
    hosts: [...hosts].map(([address, names]) => ({ address, hostnames: [...names].sort() })),
    tasks: [...tasks.values()],
    services: [...services.values()],
    findings,
  });
  return {
    snapshot,
    load: () => Promise.resolve(snapshot()),
    saveCheckpoint(c) {
      checkpoint = c;
      return Promise.resolve();
    },
    saveDomains(list) {
      for (const d of list) domains.set(d.name, d);
      return Promise.resolve();
    },
    saveHosts(list) {
      for (const h of list) {
        const names = hosts.get(h.address) ?? new Set<string>();
        for (const n of h.hostnames) names.add(n);
        hosts.set(h.address, names);
      }
      return Promise.resolve();
    },
    addPortTasks(list) {
      for (const t of list) {
        const id = String(nextId++);
        tasks.set(id, { id, address: t.address, ports: t.ports, status: 'pending', open: [] });
      }
      return Promise.resolve();
    },
    completePortTask(id, open, note) {
      const task = tasks.get(id);
      if (task) tasks.set(id, { ...task, status: 'done', open: [...open], ...(note ? { note } : {}) });
      return Promise.resolve();
    },
    saveService(record) {
      services.set(`${record.address}|${record.service.port}|${record.service.transport}`, record);
      return Promise.resolve();
    },
    saveFindings(list) {
      findings = [...list];
      return Promise.resolve();
    },
  };
}
