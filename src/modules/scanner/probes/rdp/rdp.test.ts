import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeConnectionRequest, MODERN_PROTOCOLS, RDP_PROTOCOL } from './rdp.encode.js';
import {
  judgeRdp,
  needsSslOnlyRequest,
  parseConnectionConfirm,
  protocolNames,
  tpktComplete,
  type RdpNegotiation,
} from './rdp.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A Connection Confirm carrying an RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3), per MS-RDPBCGR 2.2.1.2. */
function confirm(type: 2 | 3, value: number, flags = 0): Buffer {
  const b = Buffer.from('030000130ed00000123400' + '0000080000000000', 'hex');
  b.writeUInt8(type, 11);
  b.writeUInt8(flags, 12);
  b.writeUInt32LE(value >>> 0, 15);
  return b;
}

const negotiation = (b: Buffer): RdpNegotiation => {
  const r = parseConnectionConfirm(b);
  if (!r.ok) throw new Error(r.reason);
  return r.negotiation;
};

describe('encodeConnectionRequest', () => {
  it('builds TPKT + X.224 CR + RDP_NEG_REQ as in MS-RDPBCGR 2.2.1.1', () => {
    expect(encodeConnectionRequest(RDP_PROTOCOL.ssl).toString('hex')).toBe(
      '030000130ee000000000000100080001000000',
    );
    expect(encodeConnectionRequest(MODERN_PROTOCOLS).toString('hex')).toBe(
      '030000130ee00000000000010008000b000000',
    );
  });
});

describe('parseConnectionConfirm', () => {
  it('reads the xrdp answers captured in the lab', () => {
    expect(negotiation(fixture('xrdp-modern.bin'))).toEqual({
      kind: 'selected',
      selectedProtocol: 1,
      flags: 1,
    });
    expect(negotiation(fixture('xrdp-standard.bin'))).toEqual({
      kind: 'selected',
      selectedProtocol: 0,
      flags: 1,
    });
    expect(negotiation(fixture('xrdp-ssl-only.bin'))).toEqual({
      kind: 'selected',
      selectedProtocol: 1,
      flags: 1,
    });
  });

  it('names failure codes and recognises a pre-Vista confirm without negotiation data', () => {
    expect(negotiation(confirm(3, 5))).toEqual({
      kind: 'failure',
      failureCode: 5,
      failureName: 'HYBRID_REQUIRED_BY_SERVER',
    });
    expect(negotiation(confirm(3, 2))).toMatchObject({ failureName: 'SSL_NOT_ALLOWED_BY_SERVER' });
    expect(negotiation(confirm(3, 99))).toMatchObject({ failureName: 'UNKNOWN_FAILURE_99' });
    expect(negotiation(Buffer.from('0300000b06d00000123400', 'hex'))).toEqual({ kind: 'legacy' });
  });

  it('refuses what is not a Connection Confirm', () => {
    expect(parseConnectionConfirm(Buffer.from('HTTP/1.0 400 Bad Request\r\n\r\n'))).toMatchObject({
      ok: false,
    });
    expect(parseConnectionConfirm(encodeConnectionRequest(1))).toEqual({
      ok: false,
      reason: 'not an X.224 Connection Confirm',
    });
    expect(parseConnectionConfirm(Buffer.from('030000ff0ed0', 'hex'))).toMatchObject({ ok: false });
  });

  it('reads back every selected protocol and flag value it is given (round trip)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 255 }),
        (value, flags) => {
          expect(negotiation(confirm(2, value, flags))).toEqual({
            kind: 'selected',
            selectedProtocol: value,
            flags,
          });
        },
      ),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const b = Buffer.from(bytes);
        parseConnectionConfirm(b);
        tpktComplete(b);
      }),
    );
  });
});

describe('judgeRdp', () => {
  it('xrdp in the lab: TLS or standard security, NLA not required', () => {
    expect(
      judgeRdp({
        modern: negotiation(fixture('xrdp-modern.bin')),
        standard: negotiation(fixture('xrdp-standard.bin')),
      }),
    ).toEqual({
      protocolsOffered: ['rdp', 'ssl'],
      selectedWhenModernRequested: 'ssl',
      nlaRequired: false,
      standardRdpSecurityAccepted: true,
    });
  });

  it('Windows with NLA enforced: CredSSP chosen, standard security refused with HYBRID_REQUIRED', () => {
    expect(judgeRdp({ modern: negotiation(confirm(2, 2)), standard: negotiation(confirm(3, 5)) })).toEqual({
      protocolsOffered: ['hybrid'],
      selectedWhenModernRequested: 'hybrid',
      nlaRequired: true,
      standardRdpSecurityAccepted: false,
      failureCode: 'HYBRID_REQUIRED_BY_SERVER',
    });
  });

  it('asks the TLS-only question when SSL_REQUIRED leaves NLA open, and concludes from it', () => {
    const answers = { modern: negotiation(confirm(2, 8)), standard: negotiation(confirm(3, 1)) };
    expect(needsSslOnlyRequest(answers)).toBe(true);
    expect(judgeRdp(answers).nlaRequired).toBeNull();
    expect(judgeRdp({ ...answers, sslOnly: negotiation(confirm(2, 1)) })).toMatchObject({
      protocolsOffered: ['ssl', 'hybrid_ex'],
      nlaRequired: false,
      standardRdpSecurityAccepted: false,
      failureCode: 'SSL_REQUIRED_BY_SERVER',
    });
    expect(judgeRdp({ ...answers, sslOnly: negotiation(confirm(3, 5)) }).nlaRequired).toBe(true);
  });

  it('a server that only knows standard security (pre-Vista, or security layer "rdp")', () => {
    expect(judgeRdp({ modern: { kind: 'legacy' } })).toMatchObject({
      protocolsOffered: ['rdp'],
      nlaRequired: false,
      standardRdpSecurityAccepted: true,
    });
    expect(
      judgeRdp({ modern: negotiation(confirm(3, 2)), standard: negotiation(confirm(2, 0)) }),
    ).toMatchObject({
      protocolsOffered: ['rdp'],
      selectedWhenModernRequested: null,
      nlaRequired: false,
      standardRdpSecurityAccepted: true,
    });
  });

  it('names protocol bits', () => {
    expect(protocolNames(0)).toEqual(['rdp']);
    expect(protocolNames(0x1f)).toEqual(['ssl', 'hybrid', 'rdstls', 'hybrid_ex', 'rdsaad']);
  });
});
