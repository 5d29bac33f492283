/** Tables of the `scanner` module: scan runs, what each run observed, and assets across runs. */

/** One scan: targets, options, where it stands, and who launched it. */
export interface ScanRunTable {
  id: string;
  /** JSON array of the targets as given (canonical). */
  targets: string;
  /** JSON: port list, exclusions, DNS servers, CT names, timeouts (see ScanOptions). */
  options: string;
  status: 'queued' | 'running' | 'completed' | 'partial' | 'failed';
  /** Pipeline stage reached: discover, ports, identify, done. */
  stage: string;
  /** JSON: what the pipeline carries between stages (round, pending names, notes, incomplete). */
  checkpoint: string;
  /** JSON: live progress of the running stage (done / total) for bars and the live page. */
  progress: string;
  /** JSON array of { target, reason }: the scope guard's refusals. */
  refused: string;
  structure_id: string | null;
  /** Actor label (e-mail, `cli`, `job`). */
  created_by: string;
  created_by_user_id: string | null;
  cancel_requested: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /** Targets and ports, canonical: scans with the same key are compared with each other. */
  scope_key: string | null;
  /** The previous assessed scan of the same scope, when there was one (the diff's base). */
  base_scan_id: string | null;
  /** When the findings of this scan were stored and reconciled. */
  assessed_at: string | null;
}

/** A domain name observed by a run. */
export interface ScanDomainTable {
  id: string;
  scan_id: string;
  name: string;
  source: string;
  /** JSON: the DomainObservation. */
  observation: string;
  structure_id: string | null;
  created_at: string;
}

/** A host (address) of a run, with its names. */
export interface ScanHostTable {
  id: string;
  scan_id: string;
  address: string;
  /** JSON array of names. */
  hostnames: string;
  structure_id: string | null;
  asset_host_id: string | null;
  created_at: string;
}

/** A (host × port range) task of a run's port stage. */
export interface ScanTaskTable {
  id: string;
  scan_id: string;
  address: string;
  /** Port ranges, e.g. `21-23,80,443`. */
  ports: string;
  status: 'pending' | 'done';
  /** JSON array of open ports. */
  open_ports: string;
  note: string | null;
  finished_at: string | null;
}

/** A service identified by a run. */
export interface ScanServiceTable {
  id: string;
  scan_id: string;
  address: string;
  port: number;
  transport: string;
  protocol: string;
  product: string | null;
  version: string | null;
  /** JSON: the ServiceObservation. */
  observation: string;
  created_at: string;
}

/** A host seen by any scan: first and last seen. */
export interface AssetHostTable {
  id: string;
  address: string;
  structure_id: string | null;
  hostnames: string;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

/** A service seen by any scan on an asset host. */
export interface AssetServiceTable {
  id: string;
  host_id: string;
  port: number;
  transport: string;
  protocol: string;
  product: string | null;
  version: string | null;
  /** JSON array of CPE 2.3 names. */
  cpe: string;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

/** A product or web technology seen on an asset service (version '' when unknown). */
export interface AssetTechnologyTable {
  id: string;
  service_id: string;
  name: string;
  version: string;
  cpe: string | null;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

/** Where an analyst stands on a finding. */
export type FindingStatusColumn = 'open' | 'acknowledged' | 'resolved' | 'false-positive' | 'accepted-risk';

/** One problem on one target across scans: the latest observation and its lifecycle. */
export interface FindingTable {
  /** The stable fingerprint (check + target + discriminator). */
  id: string;
  check_id: string;
  category: string;
  severity: string;
  /** 0 critical … 4 info, for ordering. */
  severity_rank: number;
  /** The target as people read it (`host:port`, domain, URL). */
  target_label: string;
  domain: string | null;
  address: string | null;
  port: number | null;
  structure_id: string | null;
  /** JSON: the Finding as last seen (both languages). */
  finding: string;
  /** SHA-256 of the last evidence: a false positive comes back when it changes. */
  evidence_hash: string;
  status: FindingStatusColumn;
  status_reason: string | null;
  /** Actor label of the last status change (e-mail, `scan`, `cli`). */
  status_by: string | null;
  status_at: string | null;
  /** Evidence hash when the status was set (false positive, accepted risk). */
  status_evidence_hash: string | null;
  first_seen_at: string;
  last_seen_at: string;
  first_scan_id: string;
  last_scan_id: string;
  search_text: string;
  updated_at: string;
}

/** What one scan found: a snapshot, kept as it was even when the finding changes later. */
export interface ScanFindingTable {
  scan_id: string;
  finding_id: string;
  check_id: string;
  severity: string;
  severity_rank: number;
  /** JSON: the Finding as this scan saw it. */
  finding: string;
  evidence_hash: string;
  /** 1: a false positive with unchanged evidence, hidden from this scan's lists. */
  hidden: number;
  created_at: string;
}

/** A status change of a finding (analyst's or the scan's). */
export interface FindingEventTable {
  id: string;
  finding_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor: string;
  scan_id: string | null;
  created_at: string;
}

/** Tables owned by scanner. */
export interface ScannerTables {
  scan_runs: ScanRunTable;
  scan_domains: ScanDomainTable;
  scan_hosts: ScanHostTable;
  scan_tasks: ScanTaskTable;
  scan_services: ScanServiceTable;
  assets_hosts: AssetHostTable;
  assets_services: AssetServiceTable;
  assets_technologies: AssetTechnologyTable;
  findings: FindingTable;
  scan_findings: ScanFindingTable;
  finding_events: FindingEventTable;
}
