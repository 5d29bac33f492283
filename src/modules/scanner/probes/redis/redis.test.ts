import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INFO_SERVER, PING } from './redis.encode.js';
import {
  bulkComplete,
  lineComplete,
  parseBulkReply,
  parseInfo,
  parsePingReply,
  productFromInfo,
} from './redis.parse.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('commands', () => {
  it('are inline PING and INFO server', () => {
    expect(PING.toString()).toBe('PING\r\n');
    expect(INFO_SERVER.toString()).toBe('INFO server\r\n');
  });
});

describe('answers captured from the lab Redis 7.0', () => {
  it('PING → PONG', () => {
    const bytes = fixture('redis-7.0-ping.bin');
    expect(lineComplete(bytes)).toBe(true);
    expect(parsePingReply(bytes)).toEqual({ kind: 'pong' });
  });

  it('INFO server → version, mode, OS', () => {
    const bytes = fixture('redis-7.0-info-server.bin');
    expect(bulkComplete(bytes)).toBe(true);
    const reply = parseBulkReply(bytes);
    if (reply.kind !== 'bulk') throw new Error(reply.kind);
    const info = parseInfo(reply.text);
    expect(info).toMatchObject({ redis_version: '7.0.15', redis_mode: 'standalone' });
    expect(productFromInfo(info)).toEqual({
      product: 'Redis',
      version: '7.0.15',
      cpe: 'cpe:2.3:a:redis:redis:7.0.15:*:*:*:*:*:*:*',
    });
  });
});

describe('protected servers', () => {
  it('NOAUTH, ACL refusals and protected mode', () => {
    expect(parsePingReply(Buffer.from('-NOAUTH Authentication required.\r\n'))).toEqual({
      kind: 'auth-required',
      message: 'NOAUTH Authentication required.',
    });
    expect(parsePingReply(Buffer.from('-NOPERM User default has no permissions\r\n'))).toMatchObject({
      kind: 'auth-required',
    });
    expect(
      parsePingReply(
        Buffer.from(
          '-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.\r\n',
        ),
      ),
    ).toMatchObject({
      kind: 'protected-mode',
    });
    expect(parsePingReply(Buffer.from("-ERR unknown command 'PING'\r\n"))).toMatchObject({ kind: 'error' });
  });

  it('other protocols are not Redis', () => {
    expect(parsePingReply(Buffer.from('HTTP/1.0 400 Bad Request\r\n'))).toBeNull();
    expect(parsePingReply(Buffer.from('-bad\r\n'))).toBeNull();
    expect(parsePingReply(Buffer.from('+PONG'))).toBeNull();
  });
});

describe('forks and parsing details', () => {
  it('Valkey and Dragonfly declare themselves', () => {
    expect(productFromInfo({ redis_version: '7.2.4', valkey_version: '8.0.1' })).toEqual({
      product: 'Valkey',
      version: '8.0.1',
    });
    expect(productFromInfo({ redis_version: '6.2.11', dragonfly_version: 'df-v1.21.2' })).toEqual({
      product: 'Dragonfly',
      version: '1.21.2',
    });
    expect(productFromInfo({ redis_version: 'weird' })).toEqual({ product: 'Redis' });
  });

  it('bulk replies: incomplete, complete, refused', () => {
    expect(parseBulkReply(Buffer.from('$5\r\nab'))).toEqual({ kind: 'incomplete' });
    expect(parseBulkReply(Buffer.from('-NOAUTH x\r\n'))).toEqual({ kind: 'error', message: 'NOAUTH x' });
    expect(parseBulkReply(Buffer.from('$99999999\r\n'))).toEqual({ kind: 'invalid' });
    expect(parseInfo('# Server\r\n__proto__:x\r\nredis_version:7.2.0\r\nbad line\r\n')).toEqual({
      redis_version: '7.2.0',
    });
  });

  it('reads back any bulk string (round trip)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const body = Buffer.from(text, 'utf8');
        const bytes = Buffer.concat([Buffer.from(`$${body.length}\r\n`), body, Buffer.from('\r\n')]);
        expect(parseBulkReply(bytes)).toEqual({ kind: 'bulk', text: body.toString('utf8') });
      }),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b = Buffer.from(bytes);
        parsePingReply(b);
        parseBulkReply(b);
        lineComplete(b);
        bulkComplete(b);
        parseInfo(b.toString('latin1'));
      }),
    );
  });
});
