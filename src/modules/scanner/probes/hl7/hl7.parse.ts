/**
 * Reading what an HL7 v2 listener answered: the MLLP frame (or an unframed message) and the ACK's
 * MSH, MSA, ERR and SFT segments. Pure; never throws.
 */
import { MLLP_END, MLLP_START, MLLP_TRAILER } from './hl7.encode.js';

/** How the answer was framed. */
export type Hl7Framing = 'mllp' | 'none';

/** An extracted message, or why there is none yet. */
export type Hl7Frame =
  | { readonly kind: 'message'; readonly framing: Hl7Framing; readonly message: string }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Acknowledgment codes (HL7 table 0008), original and enhanced mode. */
export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

const ACK_CODES: ReadonlySet<string> = new Set(['AA', 'AE', 'AR', 'CA', 'CE', 'CR']);

/** Finds the first message: MLLP-framed, or a bare message starting with MSH (some listeners skip framing). */
export function extractMessage(bytes: Buffer): Hl7Frame {
  if (bytes.length === 0) return { kind: 'incomplete' };
  if (bytes.readUInt8(0) === MLLP_START) {
    const end = bytes.indexOf(Buffer.from([MLLP_END, MLLP_TRAILER]), 1);
    if (end < 0) return { kind: 'incomplete' };
    return { kind: 'message', framing: 'mllp', message: bytes.subarray(1, end).toString('latin1') };
  }
  const head = bytes.subarray(0, 3).toString('latin1');
  if (!'MSH'.startsWith(head)) return { kind: 'invalid', reason: 'neither an MLLP block nor an HL7 message' };
  if (bytes.length < 3) return { kind: 'incomplete' };
  return { kind: 'message', framing: 'none', message: bytes.toString('latin1') };
}

/** True once a read holds a whole MLLP block or clearly is not HL7 (an unframed answer waits for silence). */
export function answerComplete(bytes: Buffer): boolean {
  const f = extractMessage(bytes);
  return f.kind === 'invalid' || (f.kind === 'message' && f.framing === 'mllp');
}

/** What an acknowledgment says. */
export interface Hl7Ack {
  readonly messageType: string;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly version: string;
  readonly controlId: string;
  /** MSA-1; absent when the answer is an HL7 message without MSA. */
  readonly ack?: AckCode;
  /** MSA-2: the control ID acknowledged. */
  readonly acknowledgedControlId?: string;
  /** MSA-3 text and ERR segments, when the receiver explains a NAK. */
  readonly errors: string[];
  /** SFT-3 / SFT-2: software product and version, when the receiver declares them. */
  readonly software?: { readonly product: string; readonly version?: string };
}

/** Printable, bounded text of a field (HL7 escapes are kept as they are). */
function clean(value: string | undefined, max = 200): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, max);
}

/** Parses an HL7 v2 message into the fields of an acknowledgment; null when it is not HL7 v2. */
export function parseAck(message: string): Hl7Ack | null {
  const segments = message
    .split(/\r\n|\r|\n/)
    .filter((s) => s.length > 0)
    .slice(0, 100);
  const msh = segments[0];
  if (msh === undefined || !/^MSH[^A-Za-z0-9\r\n]/.test(msh)) return null;
  const separator = msh.charAt(3);
  const mshFields = msh.split(separator); // [0]='MSH', [n] = MSH-(n+1)
  const encoding = mshFields[1] ?? '^~\\&';
  if (encoding.length < 1) return null;
  const component = encoding.charAt(0);
  const first = (value: string | undefined): string => clean((value ?? '').split(component)[0]);
  const field = (segment: string, name: string): string[] | undefined =>
    segment.startsWith(name + separator) || segment === name ? segment.split(separator) : undefined;

  let ack: AckCode | undefined;
  let acknowledgedControlId: string | undefined;
  let software: Hl7Ack['software'];
  const errors: string[] = [];
  for (const segment of segments.slice(1)) {
    const msa = field(segment, 'MSA');
    if (msa) {
      const code = clean(msa[1]).toUpperCase();
      if (ACK_CODES.has(code)) ack = code as AckCode;
      acknowledgedControlId = clean(msa[2]);
      if (clean(msa[3]) !== '') errors.push(clean(msa[3]));
      continue;
    }
    const err = field(segment, 'ERR');
    if (err && errors.length < 10) {
      errors.push(
        clean(
          err
            .slice(1)
            .filter((f) => f !== '')
            .join(' | '),
        ),
      );
      continue;
    }
    const sft = field(segment, 'SFT');
    if (sft && software === undefined && first(sft[3]) !== '') {
      const version = first(sft[2]);
      software = { product: first(sft[3]), ...(version === '' ? {} : { version }) };
    }
  }
  return {
    messageType: clean(mshFields[8])
      .split(component)
      .filter((p) => p !== '')
      .join('^'),
    sendingApplication: first(mshFields[2]),
    sendingFacility: first(mshFields[3]),
    version: first(mshFields[11]),
    controlId: clean(mshFields[9]),
    ...(ack === undefined ? {} : { ack }),
    ...(acknowledgedControlId === undefined ? {} : { acknowledgedControlId }),
    errors,
    ...(software === undefined ? {} : { software }),
  };
}
