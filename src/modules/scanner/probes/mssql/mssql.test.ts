import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeClientPrelogin,
  encodePreloginPacket,
  PRELOGIN_OPTION,
  TDS_TYPE,
  versionData,
} from './mssql.encode.js';
import { parsePreloginResponse, sqlServerRelease, tdsPacketComplete } from './mssql.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('encodeClientPrelogin', () => {
  it('is one PRELOGIN packet: VERSION, ENCRYPTION off, default instance, thread id, no MARS', () => {
    expect(encodeClientPrelogin().toString('hex')).toBe(
      '1201002f0000010000001a00060100200001020021000103002200040400260001ff00000000000000000000000000',
    );
  });
});

describe('parsePreloginResponse (fixtures built from MS-TDS 2.2.6.5)', () => {
  it('SQL Server 2019 RTM, encryption off', () => {
    const bytes = fixture('sql2019-prelogin-response.bin');
    expect(tdsPacketComplete(bytes)).toBe(true);
    expect(parsePreloginResponse(bytes)).toEqual({
      ok: true,
      prelogin: {
        version: { major: 15, minor: 0, build: 2000, subBuild: 5 },
        encryption: 'off',
        mars: false,
        fedAuthRequired: false,
      },
    });
  });

  it('SQL Server 2008 R2, encryption required', () => {
    expect(parsePreloginResponse(fixture('sql2008r2-prelogin-response.bin'))).toMatchObject({
      ok: true,
      prelogin: { version: { major: 10, minor: 50, build: 1600 }, encryption: 'required' },
    });
  });

  it('refuses what is not a PRELOGIN answer', () => {
    expect(parsePreloginResponse(encodeClientPrelogin())).toEqual({
      ok: false,
      reason: 'not a TDS tabular-result packet',
    });
    expect(parsePreloginResponse(Buffer.from('HTTP/1.0 400 Bad Request\r\n\r\n'))).toMatchObject({
      ok: false,
    });
    const noVersion = encodePreloginPacket(TDS_TYPE.tabularResult, [
      { token: PRELOGIN_OPTION.encryption, data: Buffer.from([1]) },
    ]);
    expect(parsePreloginResponse(noVersion)).toEqual({
      ok: false,
      reason: 'no VERSION option: not a PRELOGIN answer',
    });
  });

  it('reads back any version, encryption and instance (round trip)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 3 }),
        fc.stringMatching(/^[A-Z0-9_]{1,16}$/),
        (major, minor, build, encryption, instance) => {
          const bytes = encodePreloginPacket(TDS_TYPE.tabularResult, [
            { token: PRELOGIN_OPTION.version, data: versionData(major, minor, build) },
            { token: PRELOGIN_OPTION.encryption, data: Buffer.from([encryption]) },
            { token: PRELOGIN_OPTION.instance, data: Buffer.from(`${instance}\0`, 'latin1') },
          ]);
          expect(parsePreloginResponse(bytes)).toEqual({
            ok: true,
            prelogin: {
              version: { major, minor, build, subBuild: 0 },
              encryption: (['off', 'on', 'not-supported', 'required'] as const)[encryption],
              instance,
            },
          });
        },
      ),
    );
  });

  it('never throws on arbitrary bytes, nor on mutations of an answer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        parsePreloginResponse(Buffer.from(bytes));
        parsePreloginResponse(
          Buffer.concat([Buffer.from('04010040000001 00'.replace(/ /g, ''), 'hex'), Buffer.from(bytes)]),
        );
        tdsPacketComplete(Buffer.from(bytes));
      }),
    );
    const real = fixture('sql2019-prelogin-response.bin');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: real.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const b = Buffer.from(real);
          b.writeUInt8(value, at);
          parsePreloginResponse(b);
        },
      ),
    );
  });
});

describe('sqlServerRelease', () => {
  it('names releases from the major (and minor for 2008 R2)', () => {
    expect(sqlServerRelease(15, 0)).toBe('2019');
    expect(sqlServerRelease(16, 0)).toBe('2022');
    expect(sqlServerRelease(10, 50)).toBe('2008 R2');
    expect(sqlServerRelease(10, 0)).toBe('2008');
    expect(sqlServerRelease(99, 0)).toBeUndefined();
  });
});
