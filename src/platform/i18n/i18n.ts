import type { Lang } from '../../lib/errors.js';

export type { Lang } from '../../lib/errors.js';

/** The languages of the interface; French first. */
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** A text in both interface languages. */
export interface Text {
  readonly fr: string;
  readonly en: string;
}

/** A dictionary of texts, one per key; modules keep theirs in `<module>.messages.ts`. */
export type Messages<K extends string = string> = Readonly<Record<K, Text>>;

/** Declares a module's dictionary with its keys kept as a type. */
export function defineMessages<const K extends string>(messages: Record<K, Text>): Messages<K> {
  return messages;
}

/** A function that returns the text of a key in one language, with `{name}` placeholders filled. */
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** Binds a dictionary to a language. */
export function translator<K extends string>(lang: Lang, messages: Messages<K>): Translate<K> {
  return (key, params) => {
    const text = messages[key][lang];
    return params ? text.replace(/\{(\w+)\}/g, (w, n: string) => (n in params ? String(params[n]) : w)) : text;
  };
}

/** Picks the language from the preference cookie, then Accept-Language, then French. */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'fr' || cookie === 'en') return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fr';
}

/** Formats a stored ISO timestamp for display (Europe/Paris, the constituency's time zone). */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
