/**
 * What a scan observes, in the shape of the contract `hygie.scan/1`
 * (`../shared/contracts/scan-result.schema.json`). Extend, never break.
 */

/** TLS protocol names as the contract spells them. */
export type TlsVersionName = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** A certificate as seen by an anonymous client. */
export interface CertificateObservation {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly subjectAltNames: string[];
  readonly selfSigned: boolean;
  /** Whether the chain verified against the configured trust store and the name asked for. */
  readonly trusted?: boolean;
  readonly trustError?: string | null;
  readonly fingerprintSha256?: string;
  readonly serialNumber?: string;
  readonly keyType?: string;
  readonly keyBits?: number;
  readonly signatureAlgorithm?: string;
}

/** A web technology recognised on an HTTP service (webappanalyzer rules). */
export interface TechnologyObservation {
  readonly name: string;
  readonly version?: string;
  readonly cpe?: string;
  readonly categories?: string[];
}

/** What an HTTP(S) probe saw on the root page (and redirects). */
export interface HttpObservation {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly title?: string;
  readonly redirects: { from: string; to: string; status: number }[];
  /** Redirect targets that left the scope: recorded, not followed. */
  readonly refusedRedirects?: { from: string; to: string; reason: string }[];
  readonly faviconHash?: string;
  /** First bytes of the body (capped) for later checks. */
  readonly bodySample?: string;
}

/** One open port and what answers on it. `protocol` comes from probes, not from the port number. */
export interface ServiceObservation {
  readonly port: number;
  readonly transport: 'tcp' | 'udp';
  readonly protocol: string;
  readonly tls?: boolean;
  readonly product?: string;
  readonly version?: string;
  readonly cpe?: string[];
  readonly banner?: string;
  readonly technologies?: TechnologyObservation[];
  readonly certificate?: CertificateObservation;
  readonly tlsVersions?: TlsVersionName[];
  /** Protocol-specific facts (RDP: NLA required; SMB: dialect, signing, smb1; DICOM: association …). */
  readonly details?: Record<string, unknown>;
  readonly http?: HttpObservation;
  /** What went wrong or was odd (hostile server, timeouts, caps): never a crash. */
  readonly notes?: string[];
}

/** One address with its names and open services. */
export interface HostObservation {
  readonly address: string;
  readonly hostnames: string[];
  readonly services: ServiceObservation[];
  /** Registry structure owning the address (longest prefix) or one of its names. */
  readonly structureId?: string | null;
}

/** One AXFR attempt against a name server of a domain target. */
export interface ZoneTransferObservation {
  readonly nameServer: string;
  /** `address:port` actually contacted. */
  readonly server?: string;
  /** `out-of-scope`: the name server's address is outside the scan scope, nothing was sent. */
  readonly status: 'transferred' | 'partial' | 'refused' | 'failed' | 'out-of-scope';
  readonly records: number;
  readonly rcode?: string;
  readonly note?: string;
}

/** One domain name and its DNS records. */
export interface DomainObservation {
  readonly name: string;
  readonly records: Record<string, string[]>;
  readonly addresses?: string[];
  readonly source: string;
  readonly structureId?: string | null;
  readonly notes?: string[];
  /** The last name of the CNAME chain, when the name is an alias. */
  readonly canonicalName?: string;
  /** Random labels under this domain target resolve: the zone has a wildcard. */
  readonly wildcard?: boolean;
  /** AXFR attempts against each name server (domain targets only). */
  readonly zoneTransfers?: ZoneTransferObservation[];
}

/** A refusal of the scope guard, as listed in `scan.refused`. */
export interface RefusedTarget {
  readonly target: string;
  readonly reason: string;
}

/** The document `hygie scan --format json` prints. */
export interface ScanResult {
  readonly schema: 'hygie.scan/1';
  readonly scan: {
    readonly id: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly targets: string[];
    readonly status: 'completed' | 'partial' | 'failed';
    readonly refused: RefusedTarget[];
    readonly ports?: string;
    readonly notes?: string[];
    readonly error?: string;
    readonly structureId?: string;
  };
  readonly domains: DomainObservation[];
  readonly hosts: HostObservation[];
  readonly findings: unknown[];
}

/** Where a scan run stands. `partial`: finished with gaps (interrupted, cancelled, DNS silent). */
export type ScanStatus = 'queued' | 'running' | 'completed' | 'partial' | 'failed';

/** How a scan was asked for, stored with the run so that a resumed scan does the same. */
export interface ScanOptions {
  /** `top100`, `top1000`, `all` or an explicit list such as `80,443,8000-8100`. */
  readonly ports: string;
  /** Ports never contacted by this scan (HYGIE_SCAN_EXCLUDE_PORTS is added at run time). */
  readonly excludePorts: readonly number[];
  /** `IP[:port]` DNS servers replacing HYGIE_DNS_SERVERS for this scan. */
  readonly dnsServers?: readonly string[];
  /** Names read from certificate-transparency files at launch. */
  readonly ctNames?: readonly string[];
  /** Connect timeout and probe timeout, in milliseconds. */
  readonly timeoutMs?: number;
  /** Try the shipped subdomain wordlist under each domain target (default true). */
  readonly wordlist?: boolean;
}

/** The pipeline's state between stages, as stored with the run. */
export interface ScanCheckpointState {
  readonly round: number;
  readonly pendingNames: readonly { readonly name: string; readonly source: string }[];
  readonly notes: readonly string[];
  readonly incomplete: boolean;
}

/** Live progress of the running stage. */
export interface ScanLiveProgress {
  readonly stage: string;
  readonly round: number;
  readonly done: number;
  readonly total: number;
  readonly at: string;
}

/** A scan run as stored. */
export interface ScanRun {
  readonly id: string;
  readonly targets: string[];
  readonly options: ScanOptions;
  readonly status: ScanStatus;
  /** discover, ports, identify or done. */
  readonly stage: string;
  readonly checkpoint: ScanCheckpointState;
  readonly progress: ScanLiveProgress | null;
  readonly refused: RefusedTarget[];
  readonly structureId: string | null;
  readonly createdBy: string;
  readonly createdByUserId: string | null;
  readonly cancelRequested: boolean;
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
  /** The previous assessed scan of the same scope (what `--diff` compares with); set after assess. */
  readonly baseScanId?: string | null;
  /** When the findings were stored and reconciled; null before (or without) the assess stage. */
  readonly assessedAt?: string | null;
}

/** A technology or product seen on an asset service across scans. */
export interface AssetTechnology {
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
  readonly cpe: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** A service seen on an asset host across scans. */
export interface AssetService {
  readonly id: string;
  readonly hostId: string;
  readonly port: number;
  readonly transport: string;
  readonly protocol: string;
  readonly product: string | null;
  readonly version: string | null;
  readonly cpe: string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly lastScanId: string;
  readonly technologies: AssetTechnology[];
}

/** A host seen by scans, linked to the registry structure owning it. */
export interface AssetHost {
  readonly id: string;
  readonly address: string;
  readonly structureId: string | null;
  readonly hostnames: string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly lastScanId: string;
}

/** A host with its services, for the host page and API. */
export interface AssetHostDetails extends AssetHost {
  readonly services: AssetService[];
}
