/**
 * The Atom 1.0 feed of published bulletins and news items (RFC 4287), written by hand (pure):
 * every text is stripped of the characters XML 1.0 forbids and escaped, so that any title an
 * analyst types gives a well-formed document.
 */

/** One entry of the feed. */
export interface FeedEntry {
  /** A permanent IRI, e.g. `urn:uuid:…`. */
  readonly id: string;
  readonly title: string;
  /** Absolute URL of the entry's page. */
  readonly link: string;
  /** Last significant change (ISO-8601). */
  readonly updated: string;
  readonly published: string | null;
  /** Plain text summary. */
  readonly summary: string;
  readonly categories: readonly string[];
}

/** The feed itself. */
export interface FeedHead {
  readonly id: string;
  readonly title: string;
  /** Absolute URL of the feed. */
  readonly self: string;
  /** Absolute URL of the HTML page it mirrors. */
  readonly alternate: string;
  readonly author: string;
  /** Used when there is no entry (Atom requires `updated`). */
  readonly fallbackUpdated: string;
  readonly lang: string;
}

/** Characters allowed in XML 1.0 documents (§2.2): tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
// eslint-disable-next-line no-control-regex -- the allowed control characters are exactly what this class names
const FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** Escapes text for XML element content and attribute values (after removing forbidden characters). */
export function escapeXml(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** An RFC 3339 date-time in UTC (what Atom requires), from an ISO string. */
export function atomDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

/** Renders the feed; entries newest first, as given. */
export function renderAtomFeed(head: FeedHead, entries: readonly FeedEntry[]): string {
  const dates = entries.map((e) => atomDate(e.updated));
  const updated = dates.length > 0 ? dates.reduce((a, b) => (b > a ? b : a)) : atomDate(head.fallbackUpdated);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(head.lang)}">`);
  out.push(`  <id>${escapeXml(head.id)}</id>`);
  out.push(`  <title type="text">${escapeXml(head.title)}</title>`);
  out.push(`  <updated>${updated}</updated>`);
  out.push(`  <link rel="self" type="application/atom+xml" href="${escapeXml(head.self)}"/>`);
  out.push(`  <link rel="alternate" type="text/html" href="${escapeXml(head.alternate)}"/>`);
  out.push(`  <author><name>${escapeXml(head.author)}</name></author>`);
  out.push('  <generator>Hygie</generator>');
  for (const e of entries) {
    out.push('  <entry>');
    out.push(`    <id>${escapeXml(e.id)}</id>`);
    out.push(`    <title type="text">${escapeXml(e.title)}</title>`);
    out.push(`    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`);
    out.push(`    <updated>${atomDate(e.updated)}</updated>`);
    if (e.published) out.push(`    <published>${atomDate(e.published)}</published>`);
    for (const c of e.categories) out.push(`    <category term="${escapeXml(c)}"/>`);
    out.push(`    <summary type="text">${escapeXml(e.summary)}</summary>`);
    out.push('  </entry>');
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}
