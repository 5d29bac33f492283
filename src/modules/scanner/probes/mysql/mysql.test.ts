import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packetComplete, parseGreeting, productFromVersion } from './mysql.parse.js';
import { matchMysqlGreeting } from './mysql.probe.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function packet(payload: Buffer, sequence = 0): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header.writeUInt8(sequence, 3);
  return Buffer.concat([header, payload]);
}

/** A Protocol::HandshakeV10 as MySQL 8.0 sends it (capabilities 0xdfffffff, caching_sha2_password). */
function mysql8Greeting(): Buffer {
  const flagsLow = Buffer.alloc(2);
  flagsLow.writeUInt16LE(0xffff, 0);
  const middle = Buffer.alloc(16);
  middle.writeUInt8(0xff, 0); // charset
  middle.writeUInt16LE(0x0002, 1); // status
  middle.writeUInt16LE(0xdfff, 3); // capability flags, high half
  middle.writeUInt8(21, 5); // auth plugin data length
  return packet(
    Buffer.concat([
      Buffer.from('\x0a8.0.36\0', 'latin1'),
      Buffer.from([8, 0, 0, 0]),
      Buffer.alloc(8, 0x41),
      Buffer.from([0]),
      flagsLow,
      middle,
      Buffer.concat([Buffer.alloc(12, 0x42), Buffer.from([0])]),
      Buffer.from('caching_sha2_password\0', 'latin1'),
    ]),
  );
}

describe('parseGreeting', () => {
  it('reads the MariaDB 10.11 greeting captured in the lab', () => {
    const bytes = fixture('mariadb-10.11-greeting.bin');
    expect(packetComplete(bytes)).toBe(true);
    expect(parseGreeting(bytes)).toEqual({
      kind: 'handshake',
      protocolVersion: 10,
      serverVersion: '5.5.5-10.11.19-MariaDB-0+deb12u1',
      capabilityFlags: expect.any(Number) as unknown,
      capabilities: [
        'protocol-41',
        'secure-connection',
        'plugin-auth',
        'connect-attrs',
        'session-track',
        'deprecate-eof',
      ],
      sslSupported: false,
      authPlugin: 'mysql_native_password',
    });
  });

  it('reads a MySQL 8.0 greeting built from the protocol documentation', () => {
    expect(parseGreeting(mysql8Greeting())).toMatchObject({
      serverVersion: '8.0.36',
      sslSupported: true,
      authPlugin: 'caching_sha2_password',
    });
  });

  it('reads an ERR packet sent instead of a greeting', () => {
    const err = packet(
      Buffer.concat([
        Buffer.from([0xff, 0x6a, 0x04]),
        Buffer.from("Host '192.0.2.1' is not allowed to connect to this MySQL server"),
      ]),
    );
    expect(parseGreeting(err)).toEqual({
      kind: 'error',
      code: 1130,
      message: "Host '192.0.2.1' is not allowed to connect to this MySQL server",
    });
    expect(matchMysqlGreeting(err)).toMatchObject({
      protocol: 'mysql',
      details: { errorCode: 1130 },
      notes: [expect.any(String)],
    });
  });

  it('refuses other greetings', () => {
    expect(parseGreeting(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'))).toBeNull();
    expect(parseGreeting(Buffer.from('220 (vsFTPd 3.0.3)\r\n'))).toBeNull();
    expect(parseGreeting(packet(Buffer.from('\x0a\x01\x02\0', 'latin1')))).toBeNull();
    expect(parseGreeting(packet(Buffer.from('\x0a8.0.36\0', 'latin1'), 1))).toBeNull();
  });

  it('never throws on arbitrary bytes, nor on mutations of a real greeting', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        parseGreeting(Buffer.from(bytes));
        matchMysqlGreeting(Buffer.from(bytes));
        packetComplete(Buffer.from(bytes));
      }),
    );
    const real = fixture('mariadb-10.11-greeting.bin');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: real.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const b = Buffer.from(real);
          b.writeUInt8(value, at);
          parseGreeting(b);
          parseGreeting(b.subarray(0, at));
        },
      ),
    );
  });
});

describe('productFromVersion', () => {
  it.each([
    [
      '5.5.5-10.11.19-MariaDB-0+deb12u1',
      'MariaDB',
      '10.11.19',
      'cpe:2.3:a:mariadb:mariadb:10.11.19:*:*:*:*:*:*:*',
    ],
    ['11.4.2-MariaDB-ubu2404', 'MariaDB', '11.4.2', 'cpe:2.3:a:mariadb:mariadb:11.4.2:*:*:*:*:*:*:*'],
    ['8.0.36', 'MySQL', '8.0.36', 'cpe:2.3:a:oracle:mysql:8.0.36:*:*:*:*:*:*:*'],
    ['5.7.44-log', 'MySQL', '5.7.44', 'cpe:2.3:a:oracle:mysql:5.7.44:*:*:*:*:*:*:*'],
    ['5.7.25-TiDB-v7.1.0', 'TiDB', '7.1.0', undefined],
  ])('%s → %s %s', (banner, product, version, cpe) => {
    expect(productFromVersion(banner)).toEqual({ product, version, ...(cpe === undefined ? {} : { cpe }) });
  });
});
