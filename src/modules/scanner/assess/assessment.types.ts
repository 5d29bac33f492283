/**
 * What the checks judge: part 1's observations (hosts, services, domains) plus what the assess
 * observers gathered for them (HTTP paths, weak cipher suites, SMB guest access, DNS and mail posture
 * of each domain). Plain data, JSON-serialisable, so that every check can be tested from fixtures.
 */
import type { DomainObservation, HostObservation, ZoneTransferObservation } from '../scanner.types.js';
import type { DmarcRecord } from './dmarc.parse.js';
import type { MtaStsPolicy } from './mta-sts.parse.js';
import type { SpfEvaluation } from './spf.evaluate.js';

/** Why a path was asked for. */
export type PathReason = 'secret-file' | 'backup-file' | 'directory' | 'linked-directory';

/** One answer of the HTTP path probes (only answers below 400 are kept). */
export interface PathObservation {
  readonly path: string;
  readonly url: string;
  readonly reason: PathReason;
  readonly status: number;
  readonly contentType: string | null;
  /** Body bytes received (capped). */
  readonly length: number;
  /** The first characters of the body, as text. */
  readonly sample: string;
  /** The first 16 body bytes in hex (archive signatures). */
  readonly magic: string;
  /** 0–1: how much the answer looks like the answer to a random path (soft 404). */
  readonly soft404Similarity: number;
}

/** The answer to a random path, against which the others are compared. */
export interface Soft404Baseline {
  readonly path: string;
  readonly status: number;
  readonly length: number;
  readonly sample: string;
}

/** The HTTP path probes of one web service. */
export interface HttpPathsAssessment {
  /** `scheme://host:port` the paths were asked of (Host = the first known name). */
  readonly baseUrl: string;
  readonly soft404: Soft404Baseline | null;
  readonly paths: readonly PathObservation[];
  /** Paths asked (including those answered 404). */
  readonly tried: number;
  readonly notes: readonly string[];
}

/** Families of weak TLS cipher suites (`tls.cipher-weak`). */
export type CipherGroup = 'export' | 'null' | 'rc4' | '3des' | 'anonymous';

/** One attempt to get a weak suite accepted. */
export interface CipherGroupResult {
  readonly group: CipherGroup;
  /** `untested`: the attempt could not tell (local OpenSSL lacks it and the server answered oddly …). */
  readonly outcome: 'accepted' | 'refused' | 'untested';
  /** `handshake`: a full handshake with Node's OpenSSL; `server-hello`: a hand-built ClientHello, the server's choice read. */
  readonly method: 'handshake' | 'server-hello';
  /** The suite the server chose (IANA or OpenSSL name). */
  readonly cipher?: string;
  readonly protocol?: string;
  readonly note?: string;
}

/** One share tried with an anonymous SMB session. */
export interface SmbShareAttempt {
  readonly share: string;
  readonly accessible: boolean;
  /** NT status of the TREE_CONNECT answer (`STATUS_SUCCESS`, `STATUS_ACCESS_DENIED`, `STATUS_BAD_NETWORK_NAME` …). */
  readonly status: string;
  readonly shareType?: 'disk' | 'pipe' | 'print' | 'unknown';
}

/** Whether an anonymous SMB session can open shares (`service.smb-guest-access`). */
export interface SmbGuestAssessment {
  /** `anonymous`/`guest`: the server opened a session without credentials (SessionFlags). */
  readonly session: 'anonymous' | 'guest' | 'refused' | 'failed';
  readonly dialect?: string;
  readonly sessionStatus?: string;
  readonly shares: readonly SmbShareAttempt[];
  readonly note?: string;
}

/** What the assess observers added for one service (address + port). */
export interface ServiceAssessment {
  readonly address: string;
  readonly port: number;
  readonly http?: HttpPathsAssessment;
  readonly ciphers?: readonly CipherGroupResult[];
  readonly smbGuest?: SmbGuestAssessment;
  readonly notes?: readonly string[];
}

/** DNSSEC presence of a zone: DNSKEY and RRSIG records asked with the DO bit. */
export interface DnssecObservation {
  readonly status: 'signed' | 'unsigned' | 'unknown';
  readonly dnskeys: number;
  readonly signatures: number;
  /** AD flag of the answer (a validating resolver vouched for it). */
  readonly authenticated: boolean;
  readonly server?: string;
  readonly note?: string;
}

/** A CNAME of the zone and what its target resolves to. */
export interface CnameObservation {
  readonly name: string;
  readonly target: string;
  /** Response code of the A query for the target (NXDOMAIN: the name does not exist). */
  readonly rcode: string;
  readonly addresses: number;
  readonly note?: string;
}

/** DNS posture of one domain target. */
export interface ZonePosture {
  readonly domain: string;
  /** The name owns an SOA: it is a zone apex (DNSSEC and transfers are judged there). */
  readonly apex: boolean;
  readonly nameServers: readonly string[];
  readonly dnssec: DnssecObservation;
  readonly zoneTransfers: readonly ZoneTransferObservation[];
  readonly cnames: readonly CnameObservation[];
  readonly notes: readonly string[];
}

/** One mail exchanger and whether it offers STARTTLS. */
export interface MxObservation {
  readonly exchange: string;
  readonly preference: number;
  readonly addresses: readonly string[];
  /** null: not observed (out of scope, unreachable). */
  readonly starttls: boolean | null;
  /** Where the STARTTLS fact comes from. */
  readonly source: 'observation' | 'probe' | 'none';
  readonly note?: string;
}

/** SPF of a name: the records published and their evaluation. */
export interface SpfPosture {
  /** TXT records starting with `v=spf1`. */
  readonly records: readonly string[];
  readonly rcode: string;
  readonly evaluation: SpfEvaluation | null;
}

/** DMARC of a domain (`_dmarc.<domain>`). */
export interface DmarcPosture {
  readonly name: string;
  readonly rcode: string;
  /** TXT records starting with `v=DMARC1`. */
  readonly records: readonly string[];
  /** The record in force: exactly one valid record, else null (RFC 7489 §6.6.3). */
  readonly record: DmarcRecord | null;
  readonly errors: readonly string[];
}

/** DKIM keys found at the usual selectors. */
export interface DkimPosture {
  readonly selectorsTried: readonly string[];
  readonly found: readonly { readonly selector: string; readonly record: string }[];
  /** Response code for `_domainkey.<domain>`: NXDOMAIN proves there is no key at any selector. */
  readonly domainKeyRcode: string;
}

/** MTA-STS of a domain: the `_mta-sts` TXT record and the policy over HTTPS (in scope only). */
export interface MtaStsPosture {
  readonly records: readonly string[];
  readonly id: string | null;
  readonly policyUrl: string;
  /** `out-of-scope`: the policy host is outside the scan scope, nothing was asked. */
  readonly policyFetch: 'fetched' | 'failed' | 'out-of-scope' | 'not-tried';
  readonly policyStatus?: number;
  /** The certificate of the policy host verified (RFC 8461 §3.3 requires it). */
  readonly policyCertificateValid?: boolean;
  readonly policy: MtaStsPolicy | null;
  readonly note?: string;
}

/** TLS-RPT of a domain (`_smtp._tls.<domain>`). */
export interface TlsRptPosture {
  readonly records: readonly string[];
  readonly rua: readonly string[];
}

/** Mail posture of one name (the report's "usurpation d'identité"). */
export interface MailPosture {
  readonly domain: string;
  /** A domain target (zone apex): DMARC, DKIM, MTA-STS, TLS-RPT and MX are judged only there. */
  readonly apex: boolean;
  readonly mxRcode: string;
  readonly mx: readonly MxObservation[];
  readonly spf: SpfPosture;
  readonly dmarc: DmarcPosture | null;
  readonly dkim: DkimPosture | null;
  readonly mtaSts: MtaStsPosture | null;
  readonly tlsRpt: TlsRptPosture | null;
  readonly notes: readonly string[];
}

/** Everything the checks judge. */
export interface AssessmentInput {
  readonly hosts: readonly HostObservation[];
  readonly domains: readonly DomainObservation[];
  readonly services: readonly ServiceAssessment[];
  readonly zones: readonly ZonePosture[];
  readonly mail: readonly MailPosture[];
  /** What the observers could not do (out of scope, not testable with this OpenSSL …). */
  readonly notes: readonly string[];
}

/** An input with nothing in it (tests build on it). */
export const EMPTY_ASSESSMENT: AssessmentInput = {
  hosts: [],
  domains: [],
  services: [],
  zones: [],
  mail: [],
  notes: [],
};
