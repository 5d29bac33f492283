import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains } from '../../lib/cidr.js';
import { candidateBlocks, candidateDomains } from './lookup.service.js';

describe('owner lookup candidates', () => {
  it('lists every block containing an address, most specific first', () => {
    const v4 = candidateBlocks('127.100.5.77');
    expect(v4).toHaveLength(25);
    expect(v4.slice(0, 3)).toEqual(['127.100.5.77/32', '127.100.5.76/31', '127.100.5.76/30']);
    expect(v4.at(-1)).toBe('127.0.0.0/8');
    expect(candidateBlocks('::ffff:127.0.0.1')[0]).toBe('127.0.0.1/32');
    const v6 = candidateBlocks('2001:DB8::1');
    expect(v6).toHaveLength(113);
    expect(v6[0]).toBe('2001:db8::1/128');
    expect(v6.at(-1)).toBe('2001::/16');
    expect(() => candidateBlocks('300.1.1.1')).toThrow(/IP address/);
  });

  it('only lists blocks that contain the address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        for (const block of candidateBlocks(ip)) expect(cidrContains(block, ip)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        for (const block of candidateBlocks(ip).slice(0, 5)) expect(cidrContains(block, ip)).toBe(true);
      }),
    );
  });

  it('lists the name and its parents down to two labels', () => {
    expect(candidateDomains('PACS.Radio.CH-Test.fr.')).toEqual([
      'pacs.radio.ch-test.fr',
      'radio.ch-test.fr',
      'ch-test.fr',
    ]);
    expect(candidateDomains('ch-test.fr')).toEqual(['ch-test.fr']);
    expect(() => candidateDomains('localhost')).toThrow();
  });
});
