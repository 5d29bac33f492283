import { describe, expect, it } from 'vitest';
import { matchesWildcard, randomLabel, sameAddresses, signature } from './wildcard.js';

describe('wildcard signatures', () => {
  const profile = { domain: 'joker-lab.test', signature: signature(['127.100.1.30'], [], ['wildcard']) };

  it('matches a name answering exactly like a random label', () => {
    expect(matchesWildcard(profile, signature(['127.100.1.30'], [], ['wildcard']))).toBe(true);
  });

  it('keeps a real name pointing to the same address: it hides the wildcard TXT (RFC 4592)', () => {
    const www = signature(['127.100.1.30'], [], []);
    expect(sameAddresses(profile.signature, www)).toBe(true);
    expect(matchesWildcard(profile, www)).toBe(false);
  });

  it('keeps names with other addresses and ignores order and duplicates', () => {
    expect(matchesWildcard(profile, signature(['127.100.1.31'], [], ['wildcard']))).toBe(false);
    const a = signature(['b', 'a', 'a'], [], []);
    expect(a.addresses).toEqual(['a', 'b']);
  });

  it('draws labels no zone holds on purpose', () => {
    expect(randomLabel()).toMatch(/^hygie-[0-9a-f]{16}$/);
    expect(randomLabel()).not.toBe(randomLabel());
  });
});
