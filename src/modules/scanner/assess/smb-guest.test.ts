import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeNegotiate,
  encodeSessionSetup,
  encodeTreeConnect,
  ntlmAnonymousAuthenticate,
  ntlmNegotiate,
  spnegoInit,
} from './smb-guest.encode.js';
import {
  negotiatedDialect,
  ntStatusName,
  readNtlmChallenge,
  readSmb2,
  securityBuffer,
  sessionKind,
  shareType,
} from './smb-guest.parse.js';

const fixture = (name: string): Buffer =>
  readFileSync(join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', name));

describe('SMB anonymous session (pure parts)', () => {
  it('encodes requests the way MS-SMB2 frames them', () => {
    const negotiate = encodeNegotiate(Buffer.alloc(16, 1));
    expect(negotiate.readUInt32BE(0)).toBe(negotiate.length - 4);
    expect(negotiate.subarray(4, 8)).toEqual(Buffer.from([0xfe, 0x53, 0x4d, 0x42]));
    const setup = encodeSessionSetup(1, 5n, spnegoInit(ntlmNegotiate()));
    expect(setup.includes(Buffer.from('NTLMSSP\0', 'latin1'))).toBe(true);
    const auth = ntlmAnonymousAuthenticate(0xa2898205);
    expect(auth.readUInt32LE(8)).toBe(3);
    expect(auth.readUInt16LE(12)).toBe(1); // LM response: Z(1)
    expect(auth.readUInt16LE(20) + auth.readUInt16LE(36)).toBe(0); // no NT response, no user name
    expect(auth.readUInt32LE(60) & 0x800).toBe(0x800); // NTLMSSP_NEGOTIATE_ANONYMOUS
    expect(
      encodeTreeConnect(3, 5n, '127.100.3.10', 'public').includes(
        Buffer.from('\\\\127.100.3.10\\public', 'utf16le'),
      ),
    ).toBe(true);
  });

  it('reads the legacy lab Samba: challenge, anonymous session, public share', () => {
    const negotiate = readSmb2(fixture('samba-legacy-negotiate.bin'));
    expect(negotiate?.status).toBe(0);
    expect(negotiatedDialect(negotiate!)).toBe(0x0302);
    const first = readSmb2(fixture('samba-legacy-session-challenge.bin'))!;
    expect(ntStatusName(first.status)).toBe('STATUS_MORE_PROCESSING_REQUIRED');
    expect(readNtlmChallenge(securityBuffer(first, 4))).toMatchObject({
      targetName: 'FICHIERS-CHU',
      names: { netbiosComputer: 'FICHIERS-CHU' },
    });
    const second = readSmb2(fixture('samba-legacy-session-anonymous.bin'))!;
    expect(second.status).toBe(0);
    expect(sessionKind(second)).toBe('anonymous');
    const tree = readSmb2(fixture('samba-legacy-tree-connect.bin'))!;
    expect(tree.status).toBe(0);
    expect(shareType(tree)).toBe('disk');
  });

  it('reads the secure lab Samba refusing the share', () => {
    const tree = readSmb2(fixture('samba-secure-tree-connect.bin'))!;
    expect(ntStatusName(tree.status)).toBe('STATUS_ACCESS_DENIED');
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const buf = Buffer.from(b);
        readNtlmChallenge(buf);
        const a = readSmb2(Buffer.concat([Buffer.from([0xfe, 0x53, 0x4d, 0x42, 64, 0]), buf]));
        if (a) {
          securityBuffer(a, 4);
          sessionKind(a);
          shareType(a);
          negotiatedDialect(a);
        }
      }),
    );
  });
});
