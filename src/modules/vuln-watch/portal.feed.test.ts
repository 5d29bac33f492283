import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtomFeed, xmlText, type FeedEntry, type FeedHead } from './portal.feed.js';

const head: FeedHead = {
  id: 'http://127.0.0.1:8080/bulletins.atom',
  title: 'Hygie — bulletins',
  self: 'http://127.0.0.1:8080/bulletins.atom',
  alternate: 'http://127.0.0.1:8080/bulletins',
  author: 'Hygie',
  fallbackUpdated: '2000-01-01T00:00:00.000Z',
  lang: 'fr',
};

function entry(title: string, summary = 'Résumé', overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    id: 'urn:uuid:0190c6a4-1d2e-7a3b-8c4d-5e6f708192a3',
    title,
    link: 'http://127.0.0.1:8080/bulletins/0190c6a4-1d2e-7a3b-8c4d-5e6f708192a3?a=1&b=2',
    updated: '2026-11-29T09:00:00.000Z',
    published: '2026-11-28T09:00:00.000Z',
    summary,
    categories: ['bulletin', 'critical', 'CVE-2024-3400'],
    ...overrides,
  };
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false, isArray: (name) => name === 'entry' || name === 'category' || name === 'link' });

/** Only characters XML 1.0 allows. */
function onlyXmlCharacters(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}

/** Any UTF-16 string, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.constantFrom('<script>alert(1)</script>', ']]>', '&amp; &lt;', '"\'<>&', 'Vulnérabilité dans Fortinet FortiOS', '\u0000\u0008\uFFFE\uD800'),
);

describe('the Atom feed', () => {
  it('is well-formed Atom 1.0 with the required elements', () => {
    const xml = renderAtomFeed(head, [entry('AVI-2026-0001 – Vulnérabilité dans Palo Alto Networks PAN-OS')]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { feed: Record<string, unknown> & { entry: Record<string, unknown>[] } };
    expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author']) expect(doc.feed[name]).toBeDefined();
    const e = doc.feed.entry[0] ?? {};
    for (const name of ['id', 'title', 'updated', 'link', 'summary']) expect(e[name]).toBeDefined();
    expect(doc.feed.updated).toBe('2026-11-29T09:00:00.000Z');
    expect(xml).toContain('href="http://127.0.0.1:8080/bulletins/0190c6a4-1d2e-7a3b-8c4d-5e6f708192a3?a=1&amp;b=2"');
  });

  it('has an updated date without entries', () => {
    const xml = renderAtomFeed(head, []);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<updated>2000-01-01T00:00:00.000Z</updated>');
  });

  it('stays well-formed XML for any title, summary and category, and keeps their text', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (title, summary, category) => {
        const xml = renderAtomFeed({ ...head, title }, [entry(title, summary, { categories: [category] })]);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(onlyXmlCharacters(xml)).toBe(true);
        const doc = parser.parse(xml) as { feed: { title: { '#text'?: string }; entry: { title: { '#text'?: string }; summary: { '#text'?: string }; category: { '@_term': string }[] }[] } };
        const decode = (s: string | undefined) => s ?? '';
        // The parser normalises line ends as XML does (CR LF and CR → LF).
        const expected = (s: string) => xmlText(s).replace(/\r\n?/g, '\n');
        expect(decode(doc.feed.entry[0]?.title['#text'])).toBe(expected(title));
        expect(decode(doc.feed.entry[0]?.summary['#text'])).toBe(expected(summary));
        expect(doc.feed.entry).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes markup and removes characters XML cannot carry', () => {
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u0007c\uFFFEd\uD800e\u{1F600}')).toBe('abcde\u{1F600}');
  });
});
