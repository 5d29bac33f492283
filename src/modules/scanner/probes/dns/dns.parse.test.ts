import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVersionAnswer, productFromVersion, VERSION_QUERY_ID, versionBindQuery } from './dns.parse.js';

function answer(text: string | null, rcode = 0): Buffer {
  return dnsPacket.streamEncode({
    type: 'response',
    id: VERSION_QUERY_ID,
    flags: rcode,
    questions: [{ type: 'TXT', name: 'version.bind', class: 'CH' }],
    answers: text === null ? [] : [{ type: 'TXT', name: 'version.bind', class: 'CH', ttl: 0, data: text }],
  });
}

describe('dns probe parsing', () => {
  it('encodes a framed version.bind CHAOS query', () => {
    const query = versionBindQuery();
    expect(query.readUInt16BE(0)).toBe(query.length - 2);
    const decoded = dnsPacket.decode(query.subarray(2));
    expect(decoded.questions?.[0]).toMatchObject({ name: 'version.bind', type: 'TXT', class: 'CH' });
  });

  it('reads the version an NSD server discloses (lab ns1: "NSD 4.6.1")', () => {
    const parsed = parseVersionAnswer(answer('NSD 4.6.1'));
    expect(parsed).toEqual({ rcode: 'NOERROR', version: 'NSD 4.6.1' });
    expect(productFromVersion('NSD 4.6.1')).toEqual({
      product: 'NSD',
      version: '4.6.1',
      cpe: 'cpe:2.3:a:nlnetlabs:name_server_daemon:4.6.1:*:*:*:*:*:*:*',
    });
    expect(productFromVersion('9.18.24-1-Debian')).toMatchObject({
      product: 'ISC BIND',
      version: '9.18.24-1-Debian',
    });
    expect(productFromVersion('none of your business')).toBeNull();
  });

  it('keeps a refusal as DNS without version, and rejects other bytes', () => {
    expect(parseVersionAnswer(answer(null, 5))).toEqual({ rcode: 'REFUSED' });
    expect(parseVersionAnswer(Buffer.from('HTTP/1.0 400 Bad Request\r\n\r\n'))).toBeNull();
    expect(parseVersionAnswer(Buffer.alloc(0))).toBeNull();
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        parseVersionAnswer(Buffer.from(bytes));
      }),
    );
  });
});
