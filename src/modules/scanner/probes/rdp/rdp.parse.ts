/**
 * Reading the X.224 Connection Confirm of an RDP server (MS-RDPBCGR 2.2.1.2) and judging, from the
 * answers to several requests, which security protocols it accepts. Pure; never throws.
 */
import { RDP_PROTOCOL } from './rdp.encode.js';

/** Security protocols as named in `details.protocolsOffered`, in bit order. */
export type RdpProtocolName = 'rdp' | 'ssl' | 'hybrid' | 'rdstls' | 'hybrid_ex' | 'rdsaad';

/** RDP_NEG_FAILURE codes (MS-RDPBCGR 2.2.1.2.2). */
export const RDP_FAILURE_CODES: Readonly<Record<number, string>> = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
};

/** What the negotiation part of a Connection Confirm said. */
export type RdpNegotiation =
  | { readonly kind: 'selected'; readonly selectedProtocol: number; readonly flags: number }
  | { readonly kind: 'failure'; readonly failureCode: number; readonly failureName: string }
  /** A Connection Confirm without negotiation data: a pre-Vista server, standard RDP security only. */
  | { readonly kind: 'legacy' };

/** Outcome of parsing one answer. */
export type ConnectionConfirmResult =
  | { readonly ok: true; readonly negotiation: RdpNegotiation }
  | { readonly ok: false; readonly reason: string };

const PROTOCOL_NAMES: readonly [number, RdpProtocolName][] = [
  [RDP_PROTOCOL.ssl, 'ssl'],
  [RDP_PROTOCOL.hybrid, 'hybrid'],
  [RDP_PROTOCOL.rdstls, 'rdstls'],
  [RDP_PROTOCOL.hybridEx, 'hybrid_ex'],
  [RDP_PROTOCOL.rdsaad, 'rdsaad'],
];

/** Names of the protocol bits set in `bits`; 0 is standard RDP security. */
export function protocolNames(bits: number): RdpProtocolName[] {
  if (bits === 0) return ['rdp'];
  return PROTOCOL_NAMES.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
}

/** True once `bytes` hold a whole TPKT, or clearly are not one (so a read can stop early). */
export function tpktComplete(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes[0] !== 3) return true;
  if (bytes.length < 4) return false;
  return bytes.length >= bytes.readUInt16BE(2);
}

/** Parses a TPKT + X.224 Connection Confirm, with or without RDP negotiation data. */
export function parseConnectionConfirm(bytes: Buffer): ConnectionConfirmResult {
  if (bytes.length < 11)
    return { ok: false, reason: `answer too short for a TPKT + X.224 header (${bytes.length} bytes)` };
  if (bytes[0] !== 3 || bytes[1] !== 0) return { ok: false, reason: 'not a TPKT header' };
  const length = bytes.readUInt16BE(2);
  if (length < 11 || length > bytes.length)
    return { ok: false, reason: `inconsistent TPKT length ${length}` };
  const li = bytes.readUInt8(4);
  if (li + 5 > length || li < 6) return { ok: false, reason: `inconsistent X.224 length indicator ${li}` };
  if ((bytes.readUInt8(5) & 0xf0) !== 0xd0) return { ok: false, reason: 'not an X.224 Connection Confirm' };
  if (length < 19 || li < 14) return { ok: true, negotiation: { kind: 'legacy' } };
  const type = bytes.readUInt8(11);
  const negLength = bytes.readUInt16LE(13);
  if (negLength !== 8) return { ok: false, reason: `unexpected negotiation structure length ${negLength}` };
  const value = bytes.readUInt32LE(15);
  if (type === 0x02) {
    return {
      ok: true,
      negotiation: { kind: 'selected', selectedProtocol: value, flags: bytes.readUInt8(12) },
    };
  }
  if (type === 0x03) {
    const failureName = RDP_FAILURE_CODES[value] ?? `UNKNOWN_FAILURE_${value}`;
    return { ok: true, negotiation: { kind: 'failure', failureCode: value, failureName } };
  }
  return { ok: false, reason: `unknown negotiation type 0x${type.toString(16)}` };
}

/** What the probe reports in `details`. `null` = the answers did not allow a conclusion. */
export interface RdpDetails {
  /** Protocols the server accepted in at least one of our requests. */
  readonly protocolsOffered: RdpProtocolName[];
  /** The protocol chosen when TLS, CredSSP and CredSSP-EX are all offered. */
  readonly selectedWhenModernRequested: RdpProtocolName | null;
  /** True when the server refuses every session without Network Level Authentication (CredSSP). */
  readonly nlaRequired: boolean | null;
  /** True when legacy "Standard RDP Security" (RC4, no server authentication) is accepted. */
  readonly standardRdpSecurityAccepted: boolean | null;
  /** Name of the failure code the server gave to the standard-security request, if any. */
  readonly failureCode?: string;
}

/** Answers to the requests the probe made; `undefined` = not asked or no readable answer. */
export interface RdpAnswers {
  /** Request for TLS | CredSSP | CredSSP-EX. */
  readonly modern?: RdpNegotiation;
  /** Request for standard RDP security only. */
  readonly standard?: RdpNegotiation;
  /** Request for TLS only (asked when the first two do not tell whether NLA is required). */
  readonly sslOnly?: RdpNegotiation;
}

/** True when the TLS-only request is needed to decide whether NLA is required. */
export function needsSslOnlyRequest(answers: RdpAnswers): boolean {
  return judgeRdp(answers).nlaRequired === null && answers.modern !== undefined;
}

function accepted(n: RdpNegotiation | undefined): number | undefined {
  if (n === undefined) return undefined;
  if (n.kind === 'legacy') return RDP_PROTOCOL.rdp;
  return n.kind === 'selected' ? n.selectedProtocol : undefined;
}

function failed(n: RdpNegotiation | undefined, code: number): boolean {
  return n?.kind === 'failure' && n.failureCode === code;
}

/** Decides what the answers mean (the decision table of the design notes, surface.md §4.1). */
export function judgeRdp(answers: RdpAnswers): RdpDetails {
  const offered = new Set<number>();
  for (const n of [answers.modern, answers.standard, answers.sslOnly]) {
    const p = accepted(n);
    if (p !== undefined) offered.add(p);
  }
  const bits = [...offered].reduce((a, b) => a | b, 0);
  const names = protocolNames(bits).filter((n) => n !== 'rdp');
  const protocolsOffered: RdpProtocolName[] = offered.has(RDP_PROTOCOL.rdp) ? ['rdp', ...names] : names;

  // A Connection Confirm without negotiation data comes from a server that only knows standard security.
  const legacy = answers.modern?.kind === 'legacy' || answers.standard?.kind === 'legacy';
  const standardOk = legacy || accepted(answers.standard) === RDP_PROTOCOL.rdp;
  const sslOk =
    accepted(answers.sslOnly) === RDP_PROTOCOL.ssl || accepted(answers.modern) === RDP_PROTOCOL.ssl;
  const hybridRequired =
    failed(answers.standard, 5) || failed(answers.sslOnly, 5) || failed(answers.sslOnly, 6);
  const nlaRequired = standardOk || sslOk ? false : hybridRequired ? true : null;
  const standardRdpSecurityAccepted = standardOk ? true : answers.standard === undefined ? null : false;

  const modern = accepted(answers.modern);
  const failure =
    answers.standard?.kind === 'failure'
      ? answers.standard.failureName
      : answers.modern?.kind === 'failure'
        ? answers.modern.failureName
        : undefined;
  return {
    protocolsOffered,
    selectedWhenModernRequested: modern === undefined ? null : (protocolNames(modern)[0] ?? null),
    nlaRequired,
    standardRdpSecurityAccepted,
    ...(failure === undefined ? {} : { failureCode: failure }),
  };
}
