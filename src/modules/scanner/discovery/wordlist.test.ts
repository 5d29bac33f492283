import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSubdomainWordlist, parseWordlist, SUBDOMAIN_WORDLIST_PATH } from './wordlist.js';

describe('the shipped subdomain wordlist', () => {
  const words = loadSubdomainWordlist();
  const raw = readFileSync(SUBDOMAIN_WORDLIST_PATH, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

  it('has a few thousand valid, unique DNS labels, one per line', () => {
    expect(words.length).toBeGreaterThanOrEqual(2000);
    expect(words.length).toBeLessThanOrEqual(10000);
    expect(raw).toEqual(words);
    for (const w of words) expect(w).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
  });

  it('holds the names typical of French hospitals, the most useful first', () => {
    const key = [
      'vpn',
      'pacs',
      'dicom',
      'webmail',
      'rdweb',
      'citrix',
      'portail',
      'dpi',
      'intranet',
      'extranet',
      'ris',
      'labo',
      'messagerie',
      'owa',
      'autodiscover',
      'sslvpn',
      'remote',
      'teletravail',
      'rh',
      'paie',
      'gestion',
      'dossier-patient',
      'imagerie',
      'radiologie',
      'www',
      'mail',
      'mta-sts',
    ];
    for (const k of key) expect(words, k).toContain(k);
    expect(words.indexOf('vpn')).toBeLessThan(words.indexOf('vpn3'));
    expect(words.some((w) => /\d$/.test(w))).toBe(true);
  });

  it('parsing skips comments, blanks, invalid labels and duplicates', () => {
    expect(parseWordlist('# c\nVPN\n\nvpn\n-bad\nok_1 # x\nbad label\n')).toEqual(['vpn', 'ok_1']);
  });
});
