/**
 * What a scan runs with besides the database: network configuration and the process-wide connection
 * limiter, probes, fingerprints, the wordlist and the pipeline's bounds. Built once per process (the
 * job definitions, a CLI command) so that limits hold across the scans of that process.
 */
import {
  createConnectionLimiter,
  DEFAULT_NET_LIMITS,
  loadNetConfig,
  type ConnectFn,
  type ConnectionLimiter,
  type NetConfig,
  type NetLimits,
} from '../../platform/net/index.js';
import { loadSubdomainWordlist } from './discovery/wordlist.js';
import type { Enricher } from './identify.js';
import { enrich, probes } from './probes/index.js';
import type { Probe } from './probes/probe.js';
import type { PipelineOptions } from './scan-pipeline.js';

/** Everything a scan needs that is not the database or the actor. */
export interface ScanRuntime {
  readonly netConfig: NetConfig;
  readonly limiter: ConnectionLimiter;
  readonly limits: Partial<NetLimits>;
  readonly probes: readonly Probe[];
  readonly enrich: Enricher;
  /** The subdomain wordlist, read on first use. */
  readonly wordlist: () => readonly string[];
  /** PEM trust anchors to judge certificates against (the lab CA in tests). */
  readonly trustedCa?: readonly string[];
  /** Tests only: a recording socket factory. */
  readonly connect?: ConnectFn;
  readonly pipeline: PipelineOptions;
}

/** Builds the runtime from the environment (`HYGIE_NET_*`, `HYGIE_DNS_SERVERS`, `HYGIE_SCAN_EXCLUDE_PORTS`). */
export function createScanRuntime(
  overrides: Partial<ScanRuntime> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): ScanRuntime {
  const limits = { ...DEFAULT_NET_LIMITS, ...overrides.limits };
  let words: readonly string[] | undefined;
  return {
    netConfig: overrides.netConfig ?? loadNetConfig(env),
    limiter: overrides.limiter ?? createConnectionLimiter(limits),
    limits,
    probes: overrides.probes ?? probes,
    enrich: overrides.enrich ?? enrich,
    wordlist:
      overrides.wordlist ??
      (() => {
        words ??= loadSubdomainWordlist();
        return words;
      }),
    ...(overrides.trustedCa === undefined ? {} : { trustedCa: overrides.trustedCa }),
    ...(overrides.connect === undefined ? {} : { connect: overrides.connect }),
    pipeline: overrides.pipeline ?? {},
  };
}
