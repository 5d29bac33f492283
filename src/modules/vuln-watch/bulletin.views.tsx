/** Pieces shared by the portal pages: badges, plain-text paragraphs, links, tabs, error box, form helpers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { bulletinMessages, SEVERITY_BADGES, SEVERITY_LABELS } from './bulletin.messages.js';
import type { BulletinLink } from './bulletin.types.js';
import { isWebUrl } from './bulletin.validation.js';
import type { Severity } from './vuln-watch.types.js';

// Building an Intl formatter costs far more than using one: one per language.
const DAY_FORMATS: Readonly<Record<Lang, Intl.DateTimeFormat>> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};

/** A day, e.g. "12 avril 2024" (Europe/Paris); "—" when absent. */
export function formatDay(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DAY_FORMATS[lang].format(d);
}

/** Severity badge: colour and words (never colour alone), with the score when known. */
export function SeverityBadge({
  severity,
  score,
  lang,
}: {
  severity: Severity;
  score: number | null;
  lang: Lang;
}): JSX.Element {
  const label = `${SEVERITY_LABELS[severity][lang]}${score !== null ? ` · ${score.toFixed(1)}` : ''}`;
  return (
    <span class={`badge ${SEVERITY_BADGES[severity]}`} safe>
      {label}
    </span>
  );
}

/** "Exploited" badge for KEV entries. */
export function KevBadge({ kev, lang }: { kev: boolean; lang: Lang }): JSX.Element {
  if (!kev) return <></>;
  return (
    <span class="badge text-bg-dark" safe>
      {bulletinMessages.kevBadge[lang]}
    </span>
  );
}

/** Plain text as paragraphs (blank lines) and line breaks; everything escaped. */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <>
      {paragraphs.map((p) => (
        <p>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** Plain text lines as a list. */
export function Lines({ text }: { text: string }): JSX.Element {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return (
    <ul>
      {lines.map((l) => (
        <li safe>{l}</li>
      ))}
    </ul>
  );
}

/** A link to another site (only http/https ever becomes a link). */
export function ExternalLink({ url, label }: { url: string; label?: string }): JSX.Element {
  if (!isWebUrl(url)) return <span safe>{label ?? url}</span>;
  return (
    <a href={url} rel="noopener noreferrer external" class="text-break" safe>
      {label ?? url}
    </a>
  );
}

/** The documentation links of a bulletin or news item. */
export function LinkList({ links }: { links: readonly BulletinLink[] }): JSX.Element {
  return (
    <ul>
      {links.map((l) => (
        <li>
          <ExternalLink url={l.url} label={l.label === l.url ? l.url : `${l.label} — ${l.url}`} />
        </li>
      ))}
    </ul>
  );
}

/** The tabs of the public watch: bulletins, news, indicators, feed. */
export function PortalTabs({
  lang,
  current,
}: {
  lang: Lang;
  current: 'bulletins' | 'news' | 'indicators';
}): JSX.Element {
  const t = translator(lang, bulletinMessages);
  const tab = (href: string, label: string, active: boolean) => (
    <li class="nav-item">
      <a
        class={`nav-link${active ? ' active' : ''}`}
        href={href}
        aria-current={active ? 'page' : undefined}
        safe
      >
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label={t('portalSections')} class="mb-3">
      <ul class="nav nav-tabs">
        {tab('/bulletins', t('bulletins'), current === 'bulletins')}
        {tab('/actualites', t('news'), current === 'news')}
        {tab('/indicateurs', t('indicators'), current === 'indicators')}
        {tab('/bulletins.atom', t('feed'), false)}
      </ul>
    </nav>
  );
}

// The platform's form error, importable from here by the bulletin and news pages.
export { ErrorAlert } from '../../platform/http/error-alert.js';

/**
 * Runs a form's action: success → `onDone` (a redirect); a user error (4xx other than 401,
 * 403 and not-found) → `onError` (the form again, with the message); anything else propagates.
 */
export async function formAction<T>(
  run: () => Promise<T>,
  onError: (error: HygieError) => Promise<FastifyReply>,
  onDone: (value: T) => FastifyReply,
): Promise<FastifyReply> {
  let value: T;
  try {
    value = await run();
  } catch (error) {
    if (
      error instanceof HygieError &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 401 &&
      error.status !== 403 &&
      error.status !== 404
    )
      return onError(error);
    throw error;
  }
  return onDone(value);
}

/** Query parameters as strings (for the pager). */
export function queryStrings(request: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(request.query as Record<string, unknown>))
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}
