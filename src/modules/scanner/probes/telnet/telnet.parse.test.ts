import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bannerText,
  hasLoginPrompt,
  optionName,
  parseTelnet,
  refusals,
  startsWithNegotiation,
} from './telnet.parse.js';
import { telnetProbe } from './telnet.probe.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

describe('telnet negotiation (GNU inetutils telnetd, captured from 127.100.6.20:23)', () => {
  it('reads the opening negotiation', () => {
    const greeting = fixture('inetutils-greeting.bin');
    expect(startsWithNegotiation(greeting)).toBe(true);
    const stream = parseTelnet(greeting);
    expect(stream.will.map(optionName)).toEqual(['AUTHENTICATION', 'ENCRYPT']);
    expect(stream.do.map(optionName)).toEqual([
      'TERMINAL-TYPE',
      'TERMINAL-SPEED',
      'X-DISPLAY-LOCATION',
      'NEW-ENVIRON',
      'ENVIRON',
    ]);
    expect(stream.text.length).toBe(0);
  });

  it('answers every request with a refusal', () => {
    expect([...refusals({ will: [1], do: [24] })]).toEqual([255, 254, 1, 255, 252, 24]);
  });

  it('separates the printed text up to the login prompt', () => {
    const stream = parseTelnet(fixture('inetutils-session.bin'));
    const text = bannerText(stream.text);
    expect(text).toMatch(/^Linux \S+ \(localhost\) \(pts\/\d+\)/);
    expect(text).toContain('Automate de laboratoire AL-4000');
    expect(hasLoginPrompt(stream.text.toString('latin1'))).toBe(true);
    expect(text).not.toContain('\0');
  });

  it('handles escaped 0xFF, subnegotiation and unknown options', () => {
    const stream = parseTelnet(
      Buffer.from([0xff, 0xfa, 24, 1, 0xff, 0xf0, 0x41, 0xff, 0xff, 0xff, 0xfb, 200]),
    );
    expect([...stream.text]).toEqual([0x41, 0xff]);
    expect(stream.will).toEqual([200]);
    expect(optionName(200)).toBe('OPTION-200');
  });

  it('recognises the greeting alone', () => {
    expect(telnetProbe.matchGreeting?.(fixture('inetutils-greeting.bin'))).toMatchObject({
      protocol: 'telnet',
    });
    expect(
      telnetProbe.matchGreeting?.(Buffer.from('\r\nUser Access Verification\r\n\r\nUsername: ')),
    ).toMatchObject({
      protocol: 'telnet',
    });
    expect(telnetProbe.matchGreeting?.(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'))).toBeNull();
    expect(telnetProbe.matchGreeting?.(Buffer.from([0xff, 0x41, 0x42]))).toBeNull();
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const stream = parseTelnet(Buffer.from(bytes));
        refusals(stream);
        bannerText(stream.text);
        telnetProbe.matchGreeting?.(Buffer.from(bytes));
      }),
    );
  });
});
