import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSslRequest, encodeVersionProbe } from './postgresql.encode.js';
import {
  errorComplete,
  parseErrorResponse,
  parseSslAnswer,
  protocolRange,
  versionRangeFor,
} from './postgresql.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A protocol-3 ErrorResponse built from §55.8: 'E', length, (code, text NUL)*, NUL. */
function errorResponse(fields: [string, string][]): Buffer {
  const body = Buffer.concat([
    ...fields.map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

describe('encoders', () => {
  it('SSLRequest and the protocol 4.0 startup packet, byte for byte', () => {
    expect(encodeSslRequest().toString('hex')).toBe('0000000804d2162f');
    expect(encodeVersionProbe().toString('hex')).toBe('000000090004000000');
  });
});

describe('answers captured from the lab PostgreSQL 15', () => {
  it('SSLRequest answered S', () => {
    expect(parseSslAnswer(fixture('pg-ssl-answer.bin'))).toBe('S');
  });

  it('protocol 4.0 refused with a protocol-3 ErrorResponse: 0A000, file, line, routine', () => {
    const bytes = fixture('pg-protocol-4.0-error.bin');
    expect(errorComplete(bytes)).toBe(true);
    expect(parseErrorResponse(bytes)).toEqual({
      format: 'v3',
      severity: 'FATAL',
      code: '0A000',
      message: 'unsupported frontend protocol 4.0: server supports 3.0 to 3.0',
      file: 'postmaster.c',
      line: '2220',
      routine: 'ProcessStartupPacket',
    });
  });

  it('protocol 1.0 refused in the old text form (why the probe asks for 4.0)', () => {
    const bytes = fixture('pg-protocol-1.0-error.bin');
    expect(errorComplete(bytes)).toBe(true);
    expect(parseErrorResponse(bytes)).toEqual({
      format: 'v2',
      severity: 'FATAL',
      message: 'unsupported frontend protocol 1.0: server supports 3.0 to 3.0',
    });
  });
});

describe('version ranges', () => {
  it('from the protocol range a server announces', () => {
    expect(protocolRange('unsupported frontend protocol 4.0: server supports 3.0 to 3.2')).toEqual({
      min: '3.0',
      max: '3.2',
    });
    expect(protocolRange('no PostgreSQL user name specified')).toBeNull();
    expect(versionRangeFor({ min: '3.0', max: '3.2' })).toBe('18 or later');
    expect(versionRangeFor({ min: '3.0', max: '3.0' })).toBe('14 to 17');
    expect(versionRangeFor({ min: '2.0', max: '3.0' })).toBe('13 or earlier');
    expect(versionRangeFor({ min: '1.0', max: '2.0' })).toBeNull();
  });
});

describe('robustness', () => {
  it('SSL answers are exactly one byte', () => {
    expect(parseSslAnswer(Buffer.from('N'))).toBe('N');
    expect(parseSslAnswer(Buffer.from('SS'))).toBeNull();
    expect(parseSslAnswer(Buffer.from('X'))).toBeNull();
  });

  it('reads back any ErrorResponse fields (round trip)', () => {
    const value = fc.stringMatching(/^[ -~]{1,40}$/);
    fc.assert(
      fc.property(value, value, value, (severity, code, message) => {
        expect(
          parseErrorResponse(
            errorResponse([
              ['S', severity],
              ['C', code],
              ['M', message],
            ]),
          ),
        ).toEqual({
          format: 'v3',
          severity,
          code,
          message,
        });
      }),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const b = Buffer.from(bytes);
        parseSslAnswer(b);
        errorComplete(b);
        parseErrorResponse(b);
        parseErrorResponse(Buffer.concat([Buffer.from('E\0'), b]));
      }),
    );
  });
});
