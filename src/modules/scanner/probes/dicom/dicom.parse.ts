/**
 * Reading the answers of a DICOM association acceptor (PS3.8 §9.3): A-ASSOCIATE-AC, -RJ, A-ABORT,
 * A-RELEASE-RP, and naming the toolkit from the Implementation Class UID / Version Name. Pure; never throws.
 */

/** Presentation-context results (PS3.8 Table 9-18). */
const CONTEXT_RESULTS: Readonly<Record<number, string>> = {
  0: 'acceptance',
  1: 'user-rejection',
  2: 'no-reason (provider rejection)',
  3: 'abstract-syntax-not-supported (provider rejection)',
  4: 'transfer-syntaxes-not-supported (provider rejection)',
};

/** One presentation context of an A-ASSOCIATE-AC. */
export interface AcceptedContext {
  readonly id: number;
  readonly result: number;
  readonly resultName: string;
  readonly transferSyntax?: string;
}

/** A PDU as the probe understands it. */
export type DicomPdu =
  | {
      readonly type: 'associate-ac';
      readonly calledAeTitle: string;
      readonly callingAeTitle: string;
      readonly presentationContexts: AcceptedContext[];
      readonly maxPduLength?: number;
      readonly implementationClassUid?: string;
      readonly implementationVersionName?: string;
    }
  | {
      readonly type: 'associate-rj';
      readonly result: number;
      readonly source: number;
      readonly reason: number;
      readonly description: string;
    }
  | { readonly type: 'abort'; readonly source: number; readonly reason: number; readonly description: string }
  | { readonly type: 'release-rp' }
  | { readonly type: 'release-rq' }
  | { readonly type: 'invalid'; readonly reason: string };

const PDU_TYPES = new Set([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
/** Largest PDU the probe will wait for: an A-ASSOCIATE-AC is a few hundred bytes. */
export const MAX_PDU_BYTES = 64 * 1024;

/** True once a whole PDU arrived, or the bytes cannot start one (a read may stop). */
export function pduComplete(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (!PDU_TYPES.has(bytes.readUInt8(0))) return true;
  if (bytes.length < 6) return false;
  const length = bytes.readUInt32BE(2);
  return length > MAX_PDU_BYTES || bytes.length >= 6 + length;
}

/** Table 9-21 and PS3.8 §9.3.8: what an A-ASSOCIATE-RJ says, in words. */
export function rejectDescription(result: number, source: number, reason: number): string {
  const bySource: Readonly<Record<number, Readonly<Record<number, string>>>> = {
    1: {
      1: 'no reason given',
      2: 'application context name not supported',
      3: 'calling AE title not recognised',
      7: 'called AE title not recognised',
    },
    2: { 1: 'no reason given', 2: 'protocol version not supported' },
    3: { 1: 'temporary congestion', 2: 'local limit exceeded' },
  };
  const sourceName: Readonly<Record<number, string>> = {
    1: 'service user',
    2: 'service provider (ACSE)',
    3: 'service provider (presentation)',
  };
  const what = bySource[source]?.[reason] ?? `reason ${reason}`;
  const permanence = result === 1 ? 'permanent' : result === 2 ? 'transient' : `result ${result}`;
  return `${what} (${permanence}, ${sourceName[source] ?? `source ${source}`})`;
}

/** A-ABORT source and reason in words (PS3.8 Table 9-26). */
export function abortDescription(source: number, reason: number): string {
  if (source === 0) return 'aborted by the service user';
  const reasons: Readonly<Record<number, string>> = {
    0: 'reason not specified',
    1: 'unrecognized PDU',
    2: 'unexpected PDU',
    4: 'unrecognized PDU parameter',
    5: 'unexpected PDU parameter',
    6: 'invalid PDU parameter value',
  };
  return `aborted by the service provider: ${reasons[reason] ?? `reason ${reason}`}`;
}

/** Text of a UID or AE field: printable bytes, trailing NUL and spaces removed. */
function text(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

interface Item {
  readonly type: number;
  readonly body: Buffer;
}

/** Splits a run of items (type, reserved, 16-bit length, body); stops at the first broken one. */
function items(bytes: Buffer): Item[] {
  const out: Item[] = [];
  let at = 0;
  while (at + 4 <= bytes.length && out.length < 256) {
    const length = bytes.readUInt16BE(at + 2);
    if (at + 4 + length > bytes.length) break;
    out.push({ type: bytes.readUInt8(at), body: bytes.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return out;
}

function parseAssociateAc(body: Buffer): DicomPdu {
  if (body.length < 68) return { type: 'invalid', reason: 'A-ASSOCIATE-AC shorter than its fixed fields' };
  const presentationContexts: AcceptedContext[] = [];
  let maxPduLength: number | undefined;
  let implementationClassUid: string | undefined;
  let implementationVersionName: string | undefined;
  for (const it of items(body.subarray(68))) {
    if (it.type === 0x21 && it.body.length >= 4) {
      const result = it.body.readUInt8(2);
      const ts = items(it.body.subarray(4)).find((s) => s.type === 0x40);
      presentationContexts.push({
        id: it.body.readUInt8(0),
        result,
        resultName: CONTEXT_RESULTS[result] ?? `result ${result}`,
        ...(ts === undefined ? {} : { transferSyntax: text(ts.body) }),
      });
    } else if (it.type === 0x50) {
      for (const sub of items(it.body)) {
        if (sub.type === 0x51 && sub.body.length === 4) maxPduLength = sub.body.readUInt32BE(0);
        if (sub.type === 0x52) implementationClassUid = text(sub.body);
        if (sub.type === 0x55) implementationVersionName = text(sub.body);
      }
    }
  }
  return {
    type: 'associate-ac',
    calledAeTitle: text(body.subarray(4, 20)),
    callingAeTitle: text(body.subarray(20, 36)),
    presentationContexts,
    ...(maxPduLength === undefined ? {} : { maxPduLength }),
    ...(implementationClassUid ? { implementationClassUid } : {}),
    ...(implementationVersionName ? { implementationVersionName } : {}),
  };
}

/** Parses the first PDU in `bytes`. */
export function parsePdu(bytes: Buffer): DicomPdu {
  if (bytes.length < 6)
    return { type: 'invalid', reason: `answer too short for a PDU (${bytes.length} bytes)` };
  const type = bytes.readUInt8(0);
  if (!PDU_TYPES.has(type))
    return { type: 'invalid', reason: `not a DICOM PDU (type 0x${type.toString(16)})` };
  const length = bytes.readUInt32BE(2);
  if (length > MAX_PDU_BYTES)
    return { type: 'invalid', reason: `PDU length ${length} beyond the probe's limit` };
  if (bytes.length < 6 + length)
    return { type: 'invalid', reason: `truncated PDU (${bytes.length - 6} of ${length} bytes)` };
  const body = bytes.subarray(6, 6 + length);
  switch (type) {
    case 0x02:
      return parseAssociateAc(body);
    case 0x03:
    case 0x07: {
      if (body.length !== 4)
        return { type: 'invalid', reason: `PDU type ${type} with length ${body.length}, not 4` };
      const [result, source, reason] = [body.readUInt8(1), body.readUInt8(2), body.readUInt8(3)];
      return type === 0x03
        ? {
            type: 'associate-rj',
            result,
            source,
            reason,
            description: rejectDescription(result, source, reason),
          }
        : { type: 'abort', source, reason, description: abortDescription(source, reason) };
    }
    case 0x05:
      return { type: 'release-rq' };
    case 0x06:
      return { type: 'release-rp' };
    default:
      return {
        type: 'invalid',
        reason: `unexpected PDU type 0x${type.toString(16)} in answer to an association request`,
      };
  }
}

/** Toolkit and version named by an acceptor's implementation identifiers. */
export interface DicomImplementation {
  readonly product: string;
  readonly version?: string;
  readonly cpe?: string;
}

/**
 * Names the toolkit from the Implementation Version Name / Class UID, for the toolkits whose
 * conventions are documented: DCMTK (`OFFIS_DCMTK_367`, UID root 1.2.276.0.7230010.3 of OFFIS) and
 * pynetdicom (`PYNETDICOM_…`). Others are left to the fingerprint stage (the raw values are kept).
 */
export function implementationProduct(
  classUid?: string,
  versionName?: string,
): DicomImplementation | undefined {
  const dcmtk = /^OFFIS_DCMTK_(\d)(\d)(\d+)$/.exec(versionName ?? '');
  if (dcmtk) {
    const version = `${dcmtk[1]}.${dcmtk[2]}.${dcmtk[3]}`;
    return { product: 'DCMTK', version, cpe: `cpe:2.3:a:offis:dcmtk:${version}:*:*:*:*:*:*:*` };
  }
  if (classUid?.startsWith('1.2.276.0.7230010.3.')) return { product: 'DCMTK' };
  if (/^PYNETDICOM_\d+$/.test(versionName ?? '')) return { product: 'pynetdicom' };
  return undefined;
}
