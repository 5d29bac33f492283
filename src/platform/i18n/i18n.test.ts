import { describe, expect, it } from 'vitest';
import { defineMessages, negotiateLang, translator } from './i18n.js';

describe('i18n', () => {
  it('prefers the cookie, then Accept-Language, then French', () => {
    expect(negotiateLang('en', 'fr-FR')).toBe('en');
    expect(negotiateLang(undefined, 'en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(negotiateLang(undefined, 'de-DE,fr;q=0.5,en;q=0.4')).toBe('fr');
    expect(negotiateLang(undefined, 'de-DE')).toBe('fr');
    expect(negotiateLang(undefined, undefined)).toBe('fr');
    expect(negotiateLang('xx', 'garbage;;q=')).toBe('fr');
  });
  it('fills placeholders', () => {
    const t = translator('fr', defineMessages({ hi: { fr: 'Bonjour {name}', en: 'Hello {name}' } }));
    expect(t('hi', { name: 'Anne' })).toBe('Bonjour Anne');
  });
});
