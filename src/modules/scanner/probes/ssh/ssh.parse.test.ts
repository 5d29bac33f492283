import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSshIdentification, sshRecogInput } from './ssh.parse.js';
import { sshProbe } from './ssh.probe.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

describe('SSH identification', () => {
  it('reads OpenSSH on Debian (captured from 127.100.6.10:22)', () => {
    const id = parseSshIdentification(fixture('openssh-9.2p1-debian.bin'));
    expect(id).toEqual({
      line: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10',
      protocolVersion: '2.0',
      software: 'OpenSSH_9.2p1',
      comment: 'Debian-2+deb12u10',
      product: 'OpenSSH',
      version: '9.2p1',
    });
    expect(sshRecogInput(id!)).toBe('OpenSSH_9.2p1 Debian-2+deb12u10');
  });

  it('skips lines sent before the identification (RFC 4253 §4.2) and reads SSH-1.99', () => {
    const id = parseSshIdentification(
      Buffer.from('Welcome\r\nauthorised users only\r\nSSH-1.99-Cisco-1.25\r\n'),
    );
    expect(id).toMatchObject({
      protocolVersion: '1.99',
      software: 'Cisco-1.25',
      product: 'Cisco',
      version: '1.25',
    });
  });

  it('recognises the greeting alone, as the identify stage asks', () => {
    expect(sshProbe.matchGreeting?.(fixture('openssh-9.2p1-debian.bin'))).toMatchObject({
      protocol: 'ssh',
      version: '9.2p1',
    });
    expect(sshProbe.matchGreeting?.(Buffer.from('220 (vsFTPd 3.0.3)\r\n'))).toBeNull();
    expect(sshProbe.matchGreeting?.(Buffer.from('HTTP/1.0 400 Bad Request\r\n'))).toBeNull();
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        parseSshIdentification(Buffer.from(bytes));
        sshProbe.matchGreeting?.(Buffer.from(bytes));
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void parseSshIdentification(Buffer.from(`SSH-${s}`))));
  });
});
