/**
 * The digest e-mail: subject, plain text and HTML (every value escaped), in the subscriber's
 * language (French by default). Each CVE shows its status (new / update and what changed),
 * score with version, severity, source and vector, the KEV flag (« exploitée activement »),
 * affected versions in words, why it matched, and an absolute link; the footer links to the
 * private space and to the one-click unsubscribe page. Pure.
 */
import { translator, type Lang, type Translate } from '../../platform/i18n/i18n.js';
import { severityOf } from './kb.js';
import { digestMessages } from './subscription.messages.js';
import type { Digest, DigestItem, MatchReason, Subscription } from './subscription.types.js';

type T = Translate<keyof typeof digestMessages>;

/** Absolute links of digests (under `config.publicUrl`). */
export interface DigestLinks {
  cve(id: string): string;
  manage(subscriptionId: string): string;
  unsubscribe(subscriptionId: string): string;
}

/** A rendered digest. */
export interface DigestMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const DESCRIPTION_MAX = 600;

function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
}

function scoreText(score: number, lang: Lang): string {
  const text = score.toFixed(1);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

function severityWord(score: number, t: T): string {
  const severity = severityOf({ score, version: '3.1', vector: '', source: '', rule: '' });
  const key = ({ critical: 'severityCritical', high: 'severityHigh', medium: 'severityMedium', low: 'severityLow', none: 'severityNone', unscored: 'severityNone' } as const)[severity];
  return t(key);
}

/** The « mise à jour » details: what changed since the last digest. */
function changesText(item: DigestItem, t: T, lang: Lang): string {
  return item.changes
    .map((c) => {
      if (c.kind === 'score-raised') return c.from === null ? t('scoreFirst', { to: scoreText(c.to, lang) }) : t('scoreRaised', { from: scoreText(c.from, lang), to: scoreText(c.to, lang) });
      if (c.kind === 'kev-added') return t('kevAdded');
      return t('affectedChanged');
    })
    .join(' ; ');
}

function structuresText(names: readonly string[], t: T): string {
  if (names.length <= 3) return names.join(', ');
  return t('moreStructures', { names: names.slice(0, 3).join(', '), n: names.length - 3 });
}

/** Why a CVE was kept, one phrase per criterion met. */
export function reasonsText(reasons: readonly MatchReason[], subscription: Pick<Subscription, 'minScore' | 'kevOnly'>, t: T, lang: Lang): string[] {
  return reasons.map((r) => {
    switch (r.kind) {
      case 'vendor':
        return t('reasonVendor', { vendor: r.vendor });
      case 'product':
        return t('reasonProduct', { product: r.displayName });
      case 'keyword':
        return t('reasonKeyword', { keyword: r.keyword });
      case 'deployment':
        return t(r.certainty === 'confirmed' ? 'reasonDeployment' : 'reasonDeploymentUnchecked', {
          product: r.productName,
          version: r.version ?? t('versionUnknown'),
          structures: structuresText(r.structureNames, t),
        });
      case 'filters-only': {
        const filters = [subscription.minScore !== null ? t('filterScore', { score: scoreText(subscription.minScore, lang) }) : '', subscription.kevOnly ? t('filterKev') : ''].filter(Boolean).join(', ');
        return t('reasonFilters', { filters });
      }
    }
  });
}

function scoreLine(item: DigestItem, t: T, lang: Lang): string {
  if (item.score === null) return t('notScored');
  return t('scoreLine', { score: scoreText(item.score, lang), severity: severityWord(item.score, t), version: item.scoreVersion ?? '?', source: item.scoreSource ?? '?' });
}

function kevLine(item: DigestItem, t: T, lang: Lang): string {
  return item.kevDateAdded ? t('kevSince', { date: formatDate(item.kevDateAdded, lang) }) : t('kev');
}

function shortDescription(item: DigestItem): string {
  const d = item.description.replace(/\s+/g, ' ').trim();
  return d.length > DESCRIPTION_MAX ? `${d.slice(0, DESCRIPTION_MAX - 1)}…` : d;
}

function subjectOf(subscription: Subscription, digest: Digest, t: T): string {
  const { new: news, update: updates, kev } = digest.counts;
  const parts = [news > 0 ? t('newCount', { n: news }) : '', updates > 0 ? t('updateCount', { n: updates }) : ''].filter(Boolean).join(', ');
  const withKev = kev > 0 ? `${parts} (${t('kevCount', { n: kev })})` : parts;
  return t('subject', { name: subscription.name, parts: withKev }).replace(/[\r\n]+/g, ' ');
}

function textOf(subscription: Subscription, digest: Digest, lang: Lang, links: DigestLinks, t: T): string {
  const lines: string[] = [t('greeting'), '', t('intro', { name: subscription.name }), ''];
  for (const item of digest.items) {
    lines.push('----------------------------------------------------------------------');
    lines.push(`${item.cveId}${item.title ? ` — ${item.title}` : ''}`);
    lines.push(item.status === 'new' ? `[${t('statusNew')}]` : `[${t('statusUpdate')}] ${changesText(item, t, lang)}`);
    if (item.kev) lines.push(`/!\\ ${kevLine(item, t, lang)}`);
    lines.push(`${t('score')} : ${scoreLine(item, t, lang)}`);
    if (item.vector) lines.push(`${t('vector')} : ${item.vector}`);
    lines.push(`${t('affected')} :`);
    if (item.affectedLines.length === 0) lines.push(`  - ${t('affectedUnknown')}`);
    for (const line of item.affectedLines) lines.push(`  - ${line}`);
    lines.push(`${t('why')} : ${reasonsText(item.reasons, subscription, t, lang).join(' ; ')}`);
    if (item.publishedAt) lines.push(`${t('published')} ${formatDate(item.publishedAt, lang)}`);
    lines.push('', shortDescription(item), '', `${t('link')} : ${item.url}`, '');
  }
  if (digest.omitted > 0) lines.push('', `${t('omitted', { n: digest.omitted })} : ${links.manage(subscription.id)}`);
  lines.push('', '--', t('footer'), `${t('manage')} : ${links.manage(subscription.id)}`, `${t('unsubscribe')} : ${links.unsubscribe(subscription.id)}`, '');
  return lines.join('\n');
}

function ItemHtml({ item, subscription, lang, t }: { item: DigestItem; subscription: Subscription; lang: Lang; t: T }): JSX.Element {
  const accent = item.kev ? '#b00020' : item.score !== null && item.score >= 9 ? '#b00020' : '#d9822b';
  return (
    <div style={`border-left:4px solid ${accent};padding:4px 12px;margin:16px 0`}>
      <h2 style="font-size:17px;margin:4px 0">
        <a href={item.url} safe>
          {item.cveId}
        </a>
        {item.title ? <span safe>{` — ${item.title}`}</span> : ''}
      </h2>
      <p style="margin:4px 0">
        {item.status === 'new' ? (
          <strong safe>{t('statusNew')}</strong>
        ) : (
          <>
            <strong safe>{t('statusUpdate')}</strong>
            <span safe>{` : ${changesText(item, t, lang)}`}</span>
          </>
        )}
        {item.kev ? (
          <strong style="color:#b00020" safe>
            {` · ${kevLine(item, t, lang)}`}
          </strong>
        ) : (
          ''
        )}
      </p>
      <ul style="margin:4px 0;padding-left:20px">
        <li safe>{`${t('score')} : ${scoreLine(item, t, lang)}`}</li>
        {item.vector ? (
          <li>
            <span safe>{`${t('vector')} : `}</span>
            <code safe>{item.vector}</code>
          </li>
        ) : (
          ''
        )}
        <li>
          <span safe>{`${t('affected')} :`}</span>
          <ul>
            {item.affectedLines.length === 0 ? <li safe>{t('affectedUnknown')}</li> : item.affectedLines.map((line) => <li safe>{line}</li>)}
          </ul>
        </li>
        <li safe>{`${t('why')} : ${reasonsText(item.reasons, subscription, t, lang).join(' ; ')}`}</li>
        {item.publishedAt ? <li safe>{`${t('published')} ${formatDate(item.publishedAt, lang)}`}</li> : ''}
      </ul>
      <p style="margin:4px 0;color:#333" safe>
        {shortDescription(item)}
      </p>
      <p style="margin:4px 0">
        <a href={item.url} safe>
          {`${t('link')} : ${item.cveId}`}
        </a>
      </p>
    </div>
  );
}

function htmlOf(subscription: Subscription, digest: Digest, lang: Lang, links: DigestLinks, t: T, subject: string): string {
  const manage = links.manage(subscription.id);
  return (
    '<!doctype html>' +
    ((
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <title safe>{subject}</title>
        </head>
        <body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#111;max-width:760px">
          <p safe>{t('greeting')}</p>
          <p safe>{t('intro', { name: subscription.name })}</p>
          {digest.items.map((item) => (
            <ItemHtml item={item} subscription={subscription} lang={lang} t={t} />
          ))}
          {digest.omitted > 0 ? (
            <p>
              <span safe>{t('omitted', { n: digest.omitted })}</span>
              <span> : </span>
              <a href={manage} safe>
                {manage}
              </a>
            </p>
          ) : (
            ''
          )}
          <hr />
          <p style="font-size:12px;color:#555">
            <span safe>{t('footer')}</span>
            <br />
            <a href={manage} safe>
              {t('manage')}
            </a>
            <span> · </span>
            <a href={links.unsubscribe(subscription.id)} safe>
              {t('unsubscribe')}
            </a>
          </p>
        </body>
      </html>
    ) as string)
  );
}

/** Renders a digest (subject, text, HTML) for one subscription. */
export function renderDigestMail(input: { subscription: Subscription; digest: Digest; lang: Lang; links: DigestLinks }): DigestMail {
  const t = translator(input.lang, digestMessages);
  const subject = subjectOf(input.subscription, input.digest, t);
  return {
    subject,
    text: textOf(input.subscription, input.digest, input.lang, input.links, t),
    html: htmlOf(input.subscription, input.digest, input.lang, input.links, t, subject),
  };
}
