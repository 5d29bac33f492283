import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeAeTitle,
  encodeAssociateRq,
  encodeReleaseRq,
  HYGIE_IMPLEMENTATION_CLASS_UID,
  IMPLICIT_VR_LITTLE_ENDIAN,
  pdu,
  VERIFICATION_SOP_CLASS,
} from './dicom.encode.js';
import { implementationProduct, parsePdu, pduComplete, rejectDescription } from './dicom.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('encodeAssociateRq', () => {
  const rq = encodeAssociateRq({ calledAeTitle: 'ANY-SCP-TEST', callingAeTitle: 'HYGIE-SCAN' });

  it('is one well-framed A-ASSOCIATE-RQ naming both AE titles, space-padded', () => {
    expect(rq.readUInt8(0)).toBe(0x01);
    expect(rq.readUInt32BE(2)).toBe(rq.length - 6);
    expect(rq.readUInt16BE(6)).toBe(1);
    expect(rq.subarray(10, 26).toString('latin1')).toBe('ANY-SCP-TEST    ');
    expect(rq.subarray(26, 42).toString('latin1')).toBe('HYGIE-SCAN      ');
    expect(pduComplete(rq)).toBe(true);
  });

  it('proposes only Verification with Implicit VR Little Endian, and names Hygie', () => {
    const text = rq.toString('latin1');
    expect(text).toContain(VERIFICATION_SOP_CLASS);
    expect(text).toContain(IMPLICIT_VR_LITTLE_ENDIAN);
    expect(text).toContain(HYGIE_IMPLEMENTATION_CLASS_UID);
    const types: number[] = [];
    for (let at = 74; at < rq.length; at += 4 + rq.readUInt16BE(at + 2)) types.push(rq.readUInt8(at));
    expect(types).toEqual([0x10, 0x20, 0x50]); // application context, one presentation context, user info
    expect(HYGIE_IMPLEMENTATION_CLASS_UID.length).toBeLessThanOrEqual(64);
  });

  it('refuses AE titles DICOM does not allow', () => {
    expect(() => encodeAeTitle('')).toThrow(RangeError);
    expect(() => encodeAeTitle('   ')).toThrow(RangeError);
    expect(() => encodeAeTitle('A'.repeat(17))).toThrow(RangeError);
    expect(() => encodeAeTitle('BACK\\SLASH')).toThrow(RangeError);
  });

  it('puts any valid AE titles where an acceptor reads them (round trip through the fixed fields)', () => {
    const title = fc.stringMatching(/^[A-Z0-9_-]{1,16}$/);
    fc.assert(
      fc.property(title, title, (called, calling) => {
        const b = encodeAssociateRq({ calledAeTitle: called, callingAeTitle: calling });
        // An A-ASSOCIATE-AC has the same fixed layout; relabel the PDU to read it back.
        const asAc = Buffer.concat([Buffer.from([0x02]), b.subarray(1)]);
        expect(parsePdu(asAc)).toMatchObject({
          type: 'associate-ac',
          calledAeTitle: called,
          callingAeTitle: calling,
        });
      }),
    );
  });

  it('A-RELEASE-RQ is the fixed 10-byte PDU', () => {
    expect(encodeReleaseRq().toString('hex')).toBe('05000000000400000000');
  });
});

describe('parsePdu on answers captured from DCMTK 3.6.7 storescp', () => {
  it('A-ASSOCIATE-AC: accepted context, implementation class and version', () => {
    expect(parsePdu(fixture('storescp-367-associate-ac.bin'))).toEqual({
      type: 'associate-ac',
      calledAeTitle: 'ANY-SCP-TEST',
      callingAeTitle: 'HYGIE-SCAN',
      presentationContexts: [
        { id: 1, result: 0, resultName: 'acceptance', transferSyntax: IMPLICIT_VR_LITTLE_ENDIAN },
      ],
      maxPduLength: 16384,
      implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
      implementationVersionName: 'OFFIS_DCMTK_367',
    });
  });

  it('A-RELEASE-RP', () => {
    expect(parsePdu(fixture('storescp-367-release-rp.bin'))).toEqual({ type: 'release-rp' });
  });
});

describe('rejections and aborts (PS3.8 Table 9-21, 9-26)', () => {
  it('explains an A-ASSOCIATE-RJ', () => {
    expect(parsePdu(pdu(0x03, Buffer.from([0, 1, 1, 7])))).toEqual({
      type: 'associate-rj',
      result: 1,
      source: 1,
      reason: 7,
      description: 'called AE title not recognised (permanent, service user)',
    });
    expect(rejectDescription(2, 3, 1)).toBe(
      'temporary congestion (transient, service provider (presentation))',
    );
    expect(rejectDescription(1, 1, 3)).toBe('calling AE title not recognised (permanent, service user)');
    expect(rejectDescription(1, 9, 9)).toBe('reason 9 (permanent, source 9)');
  });

  it('explains an A-ABORT', () => {
    expect(parsePdu(pdu(0x07, Buffer.from([0, 0, 2, 1])))).toMatchObject({
      type: 'abort',
      description: 'aborted by the service provider: unrecognized PDU',
    });
  });

  it('rejects what is not a PDU or does not fit', () => {
    expect(parsePdu(Buffer.from('HTTP/1.0 400 Bad Request\r\n'))).toMatchObject({ type: 'invalid' });
    expect(parsePdu(Buffer.from('0200ffffffff', 'hex'))).toMatchObject({ type: 'invalid' });
    expect(pduComplete(Buffer.from('0200ffffffff', 'hex'))).toBe(true);
    expect(pduComplete(Buffer.from('02000000', 'hex'))).toBe(false);
  });
});

describe('implementationProduct', () => {
  it('names DCMTK and its version, and pynetdicom', () => {
    expect(implementationProduct('1.2.276.0.7230010.3.0.3.6.7', 'OFFIS_DCMTK_367')).toEqual({
      product: 'DCMTK',
      version: '3.6.7',
      cpe: 'cpe:2.3:a:offis:dcmtk:3.6.7:*:*:*:*:*:*:*',
    });
    expect(implementationProduct(undefined, 'OFFIS_DCMTK_3610')?.version).toBe('3.6.10');
    expect(implementationProduct('1.2.276.0.7230010.3.0.3.6.2', 'ORTHANC')).toEqual({ product: 'DCMTK' });
    expect(implementationProduct('1.2.826.0.1.3680043.9.3811.2.0.2', 'PYNETDICOM_202')).toEqual({
      product: 'pynetdicom',
    });
    expect(implementationProduct('1.2.3', 'ACME')).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws on arbitrary bytes, nor on mutations of a real A-ASSOCIATE-AC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        parsePdu(Buffer.from(bytes));
        pduComplete(Buffer.from(bytes));
      }),
    );
    const ac = fixture('storescp-367-associate-ac.bin');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ac.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const b = Buffer.from(ac);
          b.writeUInt8(value, at);
          parsePdu(b);
        },
      ),
    );
  });
});
