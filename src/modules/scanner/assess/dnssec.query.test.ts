import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnskeyQuery, readDnskeyAnswer } from './dnssec.query.js';

function answer(
  id: number,
  zone: string,
  records: dnsPacket.Answer[],
  flags = dnsPacket.AUTHENTIC_DATA,
): Buffer {
  return dnsPacket.streamEncode({
    type: 'response',
    id,
    flags,
    questions: [{ type: 'DNSKEY', name: zone, class: 'IN' }],
    answers: records,
  });
}

describe('DNSSEC presence query', () => {
  it('asks DNSKEY with the DO bit', () => {
    const { id, bytes } = dnskeyQuery('hopital-sain.test', 42);
    const q = dnsPacket.streamDecode(bytes);
    expect(id).toBe(42);
    expect(q.questions?.[0]).toMatchObject({ type: 'DNSKEY', name: 'hopital-sain.test' });
    const opt = q.additionals?.find((a) => a.type === 'OPT');
    expect(opt?.flag_do).toBe(true);
  });

  it('counts keys and signatures of the zone', () => {
    const key: dnsPacket.Answer = {
      type: 'DNSKEY',
      name: 'hopital-sain.test',
      ttl: 300,
      data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 1) },
    };
    const signed = readDnskeyAnswer(
      answer(7, 'hopital-sain.test', [key, { ...key, data: { ...key.data, flags: 256 } }]),
      'hopital-sain.test',
      7,
    );
    expect(signed).toEqual({
      kind: 'answer',
      rcode: 'NOERROR',
      dnskeys: 2,
      signatures: 0,
      authenticated: true,
    });
    expect(readDnskeyAnswer(answer(7, 'chu-lab.test', [], 0), 'chu-lab.test', 7)).toMatchObject({
      dnskeys: 0,
      authenticated: false,
    });
    expect(readDnskeyAnswer(answer(8, 'chu-lab.test', []), 'chu-lab.test', 7)).toEqual({
      kind: 'invalid',
      reason: 'unrelated answer',
    });
    expect(readDnskeyAnswer(Buffer.from([0, 40, 1]), 'chu-lab.test', 7).kind).toBe('invalid');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        (b) => void readDnskeyAnswer(Buffer.from(b), 'x.test', 1),
      ),
    );
  });
});
