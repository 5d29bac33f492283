import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientVersionFor, parseRfbGreeting, parseRfbSecurity, securityTypeName } from './vnc.parse.js';
import { vncProbe } from './vnc.probe.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

describe('RFB (TigerVNC, captured from 127.100.6.30:5900)', () => {
  it('reads the greeting and picks our version', () => {
    const v = parseRfbGreeting(fixture('tigervnc-greeting.bin'));
    expect(v).toEqual({ major: 3, minor: 8, text: '003.008' });
    expect(clientVersionFor(v!)).toBe('003.008');
    expect(clientVersionFor({ major: 3, minor: 7, text: '003.007' })).toBe('003.007');
    expect(clientVersionFor({ major: 3, minor: 5, text: '003.005' })).toBe('003.003');
    expect(clientVersionFor({ major: 4, minor: 1, text: '004.001' })).toBe('003.008');
  });

  it('reads the security types of 3.8 and the type chosen in 3.3', () => {
    expect(parseRfbSecurity(fixture('tigervnc-security-3.8.bin'), '003.008')).toEqual({
      kind: 'types',
      types: [1],
    });
    expect(parseRfbSecurity(fixture('tigervnc-security-3.3.bin'), '003.003')).toEqual({
      kind: 'types',
      types: [1],
    });
    expect(securityTypeName(1)).toBe('None');
    expect(securityTypeName(2)).toBe('VNC Authentication');
    expect(securityTypeName(99)).toBe('Type 99');
  });

  it('reads a refusal and waits for incomplete answers', () => {
    const refusal = Buffer.concat([Buffer.from([0, 0, 0, 0, 5]), Buffer.from('busy!')]);
    expect(parseRfbSecurity(refusal, '003.008')).toEqual({ kind: 'refused', reason: 'busy!' });
    expect(parseRfbSecurity(Buffer.from([2, 1]), '003.008')).toEqual({ kind: 'incomplete' });
    expect(parseRfbSecurity(Buffer.from([0, 0]), '003.003')).toEqual({ kind: 'incomplete' });
  });

  it('recognises the greeting alone', () => {
    expect(vncProbe.matchGreeting?.(fixture('tigervnc-greeting.bin'))).toMatchObject({ protocol: 'vnc' });
    expect(vncProbe.matchGreeting?.(Buffer.from('RFB 3.8\n'))).toBeNull();
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('003.003', '003.007', '003.008'),
        (bytes, v) => {
          parseRfbGreeting(Buffer.from(bytes));
          parseRfbSecurity(Buffer.from(bytes), v);
          vncProbe.matchGreeting?.(Buffer.from(bytes));
        },
      ),
    );
  });
});
