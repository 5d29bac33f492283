/** What the result mapping reads: a run and its stored observations. */
import type { Finding } from './findings/finding.types.js';
import type { DomainObservation, ScanRun, ServiceObservation } from './scanner.types.js';

/** A run with everything it observed, as loaded from the store. */
export interface ScanStoredRun {
  readonly run: Pick<
    ScanRun,
    | 'id'
    | 'targets'
    | 'options'
    | 'status'
    | 'refused'
    | 'checkpoint'
    | 'error'
    | 'structureId'
    | 'createdAt'
    | 'startedAt'
    | 'finishedAt'
  >;
  readonly domains: readonly {
    readonly observation: DomainObservation;
    readonly structureId: string | null;
  }[];
  readonly hosts: readonly {
    readonly address: string;
    readonly hostnames: readonly string[];
    readonly structureId: string | null;
  }[];
  readonly services: readonly { readonly address: string; readonly service: ServiceObservation }[];
  /** Visible findings of the run (false positives left out), with their current status. */
  readonly findings?: readonly Finding[];
}
