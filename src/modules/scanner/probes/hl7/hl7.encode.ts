/**
 * The one HL7 v2 message the probe sends, and MLLP framing (HL7 v2 Appendix C: VT message FS CR).
 *
 * Why this message: an interface engine forwards what it receives to clinical systems, so the probe
 * must send nothing that could be taken for care data or trigger a workflow. It sends a lone MSH
 * segment of type `ACK` (an acknowledgment carries no clinical content and no trigger event, and
 * receivers do not route it to a patient record) with processing ID `T` (training: not production
 * data), no PID, no patient or visit identifier, no query. Receivers answer it with their own ACK or
 * a NAK (AE/AR: the MSA segment is missing), and either one identifies an HL7 v2 listener. Pure.
 */

/** MLLP start block (vertical tab). */
export const MLLP_START = 0x0b;
/** MLLP end block (file separator) … */
export const MLLP_END = 0x1c;
/** … followed by a carriage return. */
export const MLLP_TRAILER = 0x0d;

/** What varies between probes: the control ID to find in MSA-2 and the message time. */
export interface ProbeMessageInput {
  /** MSH-10, at most 20 characters of [A-Za-z0-9-]. */
  readonly controlId: string;
  readonly time: Date;
}

/** HL7 DTM (YYYYMMDDHHMMSS, UTC with offset) of a date. */
export function hl7Timestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-29T09:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+0000`;
}

/** The probe's MSH-only `ACK` message (segments end with CR). */
export function buildProbeMessage(input: ProbeMessageInput): string {
  if (!/^[A-Za-z0-9-]{1,20}$/.test(input.controlId))
    throw new RangeError(`invalid control ID "${input.controlId}"`);
  const fields = [
    'MSH',
    '^~\\&',
    'HYGIE-SCAN',
    'CERT-SANTE',
    '',
    '',
    hl7Timestamp(input.time),
    '',
    'ACK',
    input.controlId,
    'T',
    '2.5',
  ];
  return `${fields.join('|')}\r`;
}

/** Wraps a message in an MLLP block. */
export function encodeMllp(message: string): Buffer {
  return Buffer.concat([
    Buffer.from([MLLP_START]),
    Buffer.from(message, 'latin1'),
    Buffer.from([MLLP_END, MLLP_TRAILER]),
  ]);
}
