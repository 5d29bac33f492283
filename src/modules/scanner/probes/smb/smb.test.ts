import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeNetbiosName,
  encodeSessionRequest,
  encodeSmb1Negotiate,
  encodeSmb2Negotiate,
  frameSessionMessage,
} from './smb.encode.js';
import {
  dialectName,
  filetimeToIso,
  formatGuid,
  guidAsName,
  parseSessionAnswer,
  parseSmb1Negotiate,
  parseSmb2Negotiate,
  readSessionPacket,
  smbGeneration,
} from './smb.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const payload = (name: string): Buffer => {
  const p = readSessionPacket(fixture(name));
  if (p.kind !== 'packet') throw new Error(`${name}: ${p.kind}`);
  return p.payload;
};
const negotiate2 = (name: string) => {
  const r = parseSmb2Negotiate(payload(name));
  if (!r.ok) throw new Error(r.reason);
  return r.negotiation;
};

describe('encoders', () => {
  it('SMB1 NEGOTIATE offering only NT LM 0.12, byte for byte', () => {
    expect(encodeSmb1Negotiate().toString('hex')).toBe(
      '0000002fff534d4272000000001853c80000000000000000000000000000fffe00000000000c00024e54204c4d20302e313200',
    );
  });

  it('SMB2 NEGOTIATE: five dialects, preauth and encryption contexts 8-byte aligned after them', () => {
    const guid = Buffer.alloc(16, 0xab);
    const salt = Buffer.alloc(32, 0x5a);
    const framed = encodeSmb2Negotiate({ clientGuid: guid, salt });
    const m = framed.subarray(4);
    expect(framed.readUInt32BE(0)).toBe(m.length);
    expect(m.subarray(0, 4).toString('latin1')).toBe('\xfeSMB');
    expect(m.readUInt16LE(64 + 2)).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => m.readUInt16LE(100 + 2 * i))).toEqual([
      0x0202, 0x0210, 0x0300, 0x0302, 0x0311,
    ]);
    const contextOffset = m.readUInt32LE(64 + 28);
    expect(contextOffset).toBe(112);
    expect(m.readUInt16LE(64 + 32)).toBe(2);
    expect(m.readUInt16LE(contextOffset)).toBe(1); // PREAUTH_INTEGRITY
    expect(m.subarray(contextOffset + 14, contextOffset + 46)).toEqual(salt);
    const second = contextOffset + 8 + 38 + 2; // 38 bytes of data padded to 40
    expect(m.readUInt16LE(second)).toBe(2); // ENCRYPTION
    expect(m.length).toBe(second + 8 + 10);
    expect(() => encodeSmb2Negotiate({ clientGuid: Buffer.alloc(3), salt })).toThrow(RangeError);
  });

  it('NetBIOS names and the session request to *SMBSERVER (RFC 1001/1002)', () => {
    expect(encodeNetbiosName('*SMBSERVER', 0x20).subarray(1, 33).toString('latin1')).toBe(
      'CKFDENECFDEFFCFGEFFCCACACACACACA',
    );
    const request = encodeSessionRequest();
    expect(request.readUInt8(0)).toBe(0x81);
    expect(request.readUInt16BE(2)).toBe(68);
    expect(request.length).toBe(72);
  });
});

describe('SMB2 NEGOTIATE responses captured from Samba 4.17', () => {
  it('legacy host: 3.1.1, signing enabled but not required, NetBIOS name in the GUID', () => {
    expect(negotiate2('samba-legacy-445-smb2.bin')).toMatchObject({
      dialect: '3.1.1',
      signingEnabled: true,
      signingRequired: false,
      serverGuid: '68636966-6569-7372-2d63-687500000000',
      serverGuidName: 'fichiers-chu',
      securityMechanisms: ['NTLMSSP'],
      encryptionCipher: 'AES-128-GCM',
      capabilities: ['dfs', 'leasing', 'large-mtu', 'multi-channel'],
    });
  });

  it('secure host: signing required', () => {
    expect(negotiate2('samba-secure-445-smb2.bin')).toMatchObject({
      dialect: '3.1.1',
      signingRequired: true,
      serverGuidName: 'partage-sain',
    });
    expect(negotiate2('samba-secure-445-smb2.bin').systemTime).toMatch(/^20\d\d-/);
  });

  it('refuses a failed status and other commands', () => {
    const p = Buffer.from(payload('samba-legacy-445-smb2.bin'));
    p.writeUInt32LE(0xc0000022, 8);
    expect(parseSmb2Negotiate(p)).toEqual({
      ok: false,
      reason: 'SMB2 NEGOTIATE failed with status 0xc0000022',
    });
    expect(parseSmb2Negotiate(Buffer.from('\xffSMB', 'latin1'))).toEqual({
      ok: false,
      reason: 'not an SMB2 message',
    });
  });
});

describe('SMB1 NEGOTIATE responses captured from Samba 4.17', () => {
  it('legacy host accepts NT LM 0.12; secure host picks no dialect', () => {
    expect(parseSmb1Negotiate(payload('samba-legacy-445-smb1.bin'))).toEqual({
      kind: 'accepted',
      signingRequired: false,
    });
    expect(parseSmb1Negotiate(payload('samba-secure-445-smb1.bin'))).toEqual({
      kind: 'refused',
      reason: 'no SMB1 dialect accepted',
    });
  });

  it('an SMB2 answer means SMB1 is not spoken', () => {
    expect(parseSmb1Negotiate(payload('samba-legacy-445-smb2.bin'))).toEqual({ kind: 'smb2' });
    expect(smbGeneration(payload('samba-legacy-445-smb1.bin'))).toBe('smb1');
  });
});

describe('NetBIOS session service', () => {
  it('positive answer from Samba on 139, and the negative codes of RFC 1002', () => {
    expect(parseSessionAnswer(fixture('samba-legacy-139-session.bin'))).toEqual({ kind: 'positive' });
    expect(parseSessionAnswer(Buffer.from('8300000182', 'hex'))).toEqual({
      kind: 'negative',
      reason: 'called name not present',
    });
    expect(parseSessionAnswer(Buffer.from('SSH-2.0-x\r\n'))).toMatchObject({ kind: 'other' });
  });

  it('frames and reads back any payload (round trip)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const p = Buffer.from(bytes);
        expect(readSessionPacket(frameSessionMessage(p))).toEqual({ kind: 'packet', type: 0, payload: p });
      }),
    );
  });
});

describe('field formats', () => {
  it('GUIDs, names in GUIDs, FILETIME, dialect names', () => {
    expect(formatGuid(Buffer.from('33221100554477668899aabbccddeeff', 'hex'))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
    expect(guidAsName(Buffer.from('33221100554477668899aabbccddeeff', 'hex'))).toBeUndefined();
    expect(guidAsName(Buffer.from('SRV01\0\0\0\0\0\0\0\0\0\0\0', 'latin1'))).toBe('SRV01');
    expect(filetimeToIso(0xd53e8000, 0x019db1de)).toBe('1970-01-01T00:00:00.000Z');
    expect(filetimeToIso(0, 0)).toBeUndefined();
    expect(dialectName(0x0311)).toBe('3.1.1');
    expect(dialectName(0x0abc)).toBe('0x0abc');
  });
});

describe('robustness', () => {
  it('no parser throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const b = Buffer.from(bytes);
        readSessionPacket(b);
        parseSessionAnswer(b);
        parseSmb2Negotiate(b);
        parseSmb1Negotiate(b);
        guidAsName(b.subarray(0, 16));
      }),
    );
  });

  it('no parser throws on mutated real answers', () => {
    const base = payload('samba-legacy-445-smb2.bin');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const b = Buffer.from(base);
          b.writeUInt8(value, at);
          parseSmb2Negotiate(b);
          parseSmb2Negotiate(b.subarray(0, at));
        },
      ),
    );
  });
});
