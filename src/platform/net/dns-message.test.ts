import dnsPacket, { type Answer } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { answersQuery, buildQuery, frameLength, recordValue, reverseName, toAnswer } from './dns-message.js';

describe('recordValue', () => {
  it.each<[Answer, string]>([
    [{ type: 'A', name: 'a', data: '192.0.2.1' }, '192.0.2.1'],
    [{ type: 'CNAME', name: 'a', data: 'Target.Example.FR.' }, 'target.example.fr'],
    [{ type: 'MX', name: 'a', data: { preference: 10, exchange: 'MX.example.fr' } }, '10 mx.example.fr'],
    [{ type: 'MX', name: 'a', data: { preference: 0, exchange: '.' } }, '0 .'],
    [
      { type: 'TXT', name: 'a', data: [Buffer.from('v=spf1 include:x '), Buffer.from('-all')] },
      'v=spf1 include:x -all',
    ],
    [
      { type: 'CAA', name: 'a', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
      '0 issue "letsencrypt.org"',
    ],
    [
      {
        type: 'SOA',
        name: 'a',
        data: {
          mname: 'ns1.example.fr',
          rname: 'hostmaster.example.fr',
          serial: 7,
          refresh: 1,
          retry: 2,
          expire: 3,
          minimum: 4,
        },
      },
      'ns1.example.fr hostmaster.example.fr 7 1 2 3 4',
    ],
    [
      { type: 'SRV', name: 'a', data: { priority: 1, weight: 2, port: 443, target: 'x.example.fr' } },
      '1 2 443 x.example.fr',
    ],
  ])('%j → %s', (answer, value) => {
    expect(recordValue(answer)).toBe(value);
  });
});

describe('answers', () => {
  it('matches a response to its query and reads the rcode and flags', () => {
    const query = buildQuery('www.example.fr', 'A');
    const response = dnsPacket.decode(
      dnsPacket.encode({
        type: 'response',
        id: query.id,
        flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE | 3,
        questions: [{ type: 'A', name: 'WWW.example.fr' }],
      }),
    );
    expect(answersQuery(response, query)).toBe(true);
    expect(answersQuery({ ...response, id: (query.id + 1) % 65536 }, query)).toBe(false);
    expect(toAnswer(response, 'www.example.fr', 'A')).toMatchObject({
      rcode: 'NXDOMAIN',
      authoritative: true,
      truncated: true,
    });
  });
});

describe('frameLength', () => {
  it('finds a complete length-prefixed frame only', () => {
    const frame = dnsPacket.streamEncode(buildQuery('example.fr', 'AXFR'));
    expect(frameLength(frame.subarray(0, 1))).toBe(-1);
    expect(frameLength(frame.subarray(0, frame.length - 1))).toBe(-1);
    expect(frameLength(Buffer.concat([frame, frame]))).toBe(frame.length);
  });
});

describe('reverseName', () => {
  it('builds in-addr.arpa and ip6.arpa names', () => {
    expect(reverseName([192, 0, 2, 10])).toBe('10.2.0.192.in-addr.arpa');
    const v6 = [0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 1];
    expect(reverseName(v6)).toBe(`1.0.${'0.'.repeat(22)}8.b.d.0.1.0.0.2.ip6.arpa`);
  });
});
