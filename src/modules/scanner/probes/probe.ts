import type { Dialer, HttpClient, Resolver } from '../../../platform/net/index.js';
import type { ServiceObservation } from '../scanner.types.js';

/** What a probe gets: the scope-guarded network, the endpoint, and names known for it. */
export interface ProbeContext {
  readonly dialer: Dialer;
  readonly http: HttpClient;
  readonly resolver: Resolver | null;
  readonly address: string;
  readonly port: number;
  /** Names that resolve to this address (for SNI, Host headers); may be empty. */
  readonly hostnames: readonly string[];
  /** First bytes the server sent unprompted after connecting (may be empty: server waits). */
  readonly greeting: Buffer;
  /** PEM trust anchors used to judge certificates (the lab CA in tests). */
  readonly trustedCa?: readonly string[];
  readonly timeoutMs: number;
}

/**
 * A partial identification: the protocol and whatever the probe learnt. The identify stage merges
 * it into a ServiceObservation (fingerprints fill product/version/cpe from banners).
 */
export type ProbeMatch = Partial<ServiceObservation> & { readonly protocol: string };

/**
 * One protocol identifier. `match` decides from the greeting alone when it can (pure), `run`
 * talks to the server (anonymous client only: never credentials).
 */
export interface Probe {
  /** Lower-case protocol name, as in the contract (http, ssh, rdp, smb, dicom …). */
  readonly protocol: string;
  /** Ports where this protocol is usual: tried first there, but any port may be probed. */
  readonly likelyPorts: readonly number[];
  /** True when this probe needs the server to speak first (banner protocols). */
  readonly greetingFirst: boolean;
  /** Pure: recognises the protocol from the unprompted greeting, or returns null. */
  matchGreeting?(greeting: Buffer): ProbeMatch | null;
  /** Talks to the service; returns null when it is not this protocol. Never throws. */
  run(ctx: ProbeContext): Promise<ProbeMatch | null>;
}
