/**
 * DICOM Upper Layer PDUs an association requester sends (PS3.8 §9.3): A-ASSOCIATE-RQ proposing only
 * the Verification SOP Class, and A-RELEASE-RQ. Nothing that carries data (no P-DATA-TF). Pure.
 */

/** DICOM Application Context Name (PS3.7 Annex A.2.1). */
export const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';
/** Verification SOP Class (C-ECHO). */
export const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';
/** Implicit VR Little Endian, the default transfer syntax every SCP must accept. */
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Hygie's Implementation Class UID: UUID 75a3b5e2-4c1f-4d6b-9a0e-3f7c2d8e91c3 under the 2.25 arc (PS3.5 §B.2). */
export const HYGIE_IMPLEMENTATION_CLASS_UID = '2.25.156369708940038026263234883059069129155';
/** Hygie's Implementation Version Name (at most 16 characters). */
export const HYGIE_IMPLEMENTATION_VERSION = 'HYGIE_SCAN_1';

/** What an A-ASSOCIATE-RQ names. */
export interface AssociateRequest {
  readonly calledAeTitle: string;
  readonly callingAeTitle: string;
  readonly maxPduLength?: number;
  readonly implementationClassUid?: string;
  readonly implementationVersionName?: string;
}

/** An AE title: 1–16 characters of the default repertoire, no backslash, space-padded on the wire. */
export function encodeAeTitle(title: string): Buffer {
  if (!/^[\x20-\x5b\x5d-\x7e]{1,16}$/.test(title) || title.trim() === '') {
    throw new RangeError(`invalid AE title "${title}"`);
  }
  const out = Buffer.alloc(16, 0x20);
  out.write(title, 0, 'latin1');
  return out;
}

function item(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt8(type, 0);
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

function uidItem(type: number, uid: string): Buffer {
  return item(type, Buffer.from(uid, 'latin1'));
}

/** A-ASSOCIATE-RQ for the Verification SOP Class with Implicit VR Little Endian (presentation context 1). */
export function encodeAssociateRq(request: AssociateRequest): Buffer {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(0x0001, 0); // protocol version
  encodeAeTitle(request.calledAeTitle).copy(fixed, 4);
  encodeAeTitle(request.callingAeTitle).copy(fixed, 20);
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(request.maxPduLength ?? 16384, 0);
  const presentation = item(
    0x20,
    Buffer.concat([
      Buffer.from([1, 0, 0, 0]), // presentation context id 1, reserved
      uidItem(0x30, VERIFICATION_SOP_CLASS),
      uidItem(0x40, IMPLICIT_VR_LITTLE_ENDIAN),
    ]),
  );
  const userInformation = item(
    0x50,
    Buffer.concat([
      item(0x51, maxLength),
      uidItem(0x52, request.implementationClassUid ?? HYGIE_IMPLEMENTATION_CLASS_UID),
      uidItem(0x55, request.implementationVersionName ?? HYGIE_IMPLEMENTATION_VERSION),
    ]),
  );
  const body = Buffer.concat([fixed, uidItem(0x10, APPLICATION_CONTEXT), presentation, userInformation]);
  return pdu(0x01, body);
}

/** Frames a PDU: type, reserved byte, 32-bit big-endian length of what follows. */
export function pdu(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** A-RELEASE-RQ: ends an accepted association politely. */
export function encodeReleaseRq(): Buffer {
  return pdu(0x05, Buffer.alloc(4));
}
