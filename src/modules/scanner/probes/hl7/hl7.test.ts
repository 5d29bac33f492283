import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProbeMessage, encodeMllp, hl7Timestamp } from './hl7.encode.js';
import { answerComplete, extractMessage, parseAck } from './hl7.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const message = (b: Buffer): string => {
  const f = extractMessage(b);
  if (f.kind !== 'message') throw new Error(f.kind);
  return f.message;
};

describe('the probe message', () => {
  const text = buildProbeMessage({ controlId: 'HYGIE0001', time: new Date('2026-11-29T09:00:00Z') });

  it('is a lone MSH segment of type ACK, training mode, HL7 2.5', () => {
    expect(text).toBe('MSH|^~\\&|HYGIE-SCAN|CERT-SANTE|||20261129090000+0000||ACK|HYGIE0001|T|2.5\r');
    expect(text.split('\r').filter((s) => s !== '')).toHaveLength(1);
    expect(text).not.toMatch(/PID|PV1|QRD|ORC|OBR/);
  });

  it('is MLLP-framed', () => {
    const framed = encodeMllp(text);
    expect(framed[0]).toBe(0x0b);
    expect(framed.subarray(-2).toString('hex')).toBe('1c0d');
    expect(hl7Timestamp(new Date('2001-02-03T04:05:06Z'))).toBe('20010203040506+0000');
    expect(() => buildProbeMessage({ controlId: 'a|b', time: new Date() })).toThrow(RangeError);
  });

  it('frames and extracts any message without FS (round trip)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', maxLength: 200 }).filter((s) => !s.includes('\x1c')),
        (s) => {
          expect(extractMessage(encodeMllp(s))).toEqual({ kind: 'message', framing: 'mllp', message: s });
        },
      ),
    );
  });
});

describe('answers', () => {
  it('the lab listener ACKs with AA and echoes our control ID', () => {
    const bytes = fixture('lab-mllp-ack.bin');
    expect(answerComplete(bytes)).toBe(true);
    expect(parseAck(message(bytes))).toEqual({
      messageType: 'ACK',
      sendingApplication: 'HYGIE_LAB',
      sendingFacility: 'CHU_LAB',
      version: '2.5',
      controlId: expect.stringMatching(/^LABACK/) as unknown,
      ack: 'AA',
      acknowledgedControlId: 'HYGIE0001',
      errors: [],
    });
  });

  it('a NAK with ERR, other delimiters, and the engine declared in SFT', () => {
    const nak =
      'MSH#$~\\&#MIRTH$X#HOSP##HYGIE-SCAN#20260101##ACK$A01#C1#T#2.5.1\n' +
      'SFT#NextGen#4.5.0#Mirth Connect\n' +
      'MSA#AE#HYGIE0001#Required field missing\n' +
      'ERR###101$Required field missing$HL70357#E\n';
    expect(parseAck(nak)).toMatchObject({
      messageType: 'ACK^A01',
      sendingApplication: 'MIRTH',
      version: '2.5.1',
      ack: 'AE',
      errors: ['Required field missing', '101$Required field missing$HL70357 | E'],
      software: { product: 'Mirth Connect', version: '4.5.0' },
    });
  });

  it('an unframed HL7 answer is read, and said to be unframed', () => {
    const f = extractMessage(Buffer.from('MSH|^~\\&|APP|FAC|||x||ACK|1|P|2.3\rMSA|AR|X\r'));
    expect(f).toMatchObject({ kind: 'message', framing: 'none' });
    expect(parseAck(message(Buffer.from('MSH|^~\\&|APP\rMSA|AR|X\r')))).toMatchObject({ ack: 'AR' });
  });

  it('other protocols are not HL7', () => {
    expect(extractMessage(Buffer.from('HTTP/1.0 400 Bad Request\r\n'))).toMatchObject({ kind: 'invalid' });
    expect(answerComplete(Buffer.from('SSH-2.0-x'))).toBe(true);
    expect(extractMessage(Buffer.from([0x0b, 0x41]))).toEqual({ kind: 'incomplete' });
    expect(parseAck('HELLO|world')).toBeNull();
    expect(parseAck('MSHX')).toBeNull();
  });

  it('never throws on arbitrary bytes or text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const f = extractMessage(Buffer.from(bytes));
        answerComplete(Buffer.from(bytes));
        if (f.kind === 'message') parseAck(f.message);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseAck(`MSH${s}`);
      }),
    );
  });
});
