/**
 * The bulletin page, with the publish, withdraw and acknowledge buttons for CERT writers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator } from '../../platform/i18n/i18n.js';
import {
  bulletinMessages,
  categoryLabel,
  changeWords,
  RISK_LABELS,
  SEVERITY_LABELS,
} from './bulletin.messages.js';
import { bulletinPath, readBulletin, readBulletinRevisions } from './bulletin.service.js';
import type { Bulletin } from './bulletin.types.js';
import {
  ErrorAlert,
  formatDay,
  KevBadge,
  LinkList,
  Lines,
  Paragraphs,
  PortalTabs,
  SeverityBadge,
} from './bulletin.views.js';
import { canWriteBulletins } from './vuln-watch.policy.js';
import { TableHead } from '../../platform/http/table-head.js';

function Section({ title, children }: { title: string; children?: JSX.Element }): JSX.Element {
  // The children arrive already rendered (and escaped) by their own JSX.
  const content = (children ?? '') as 'safe';
  return (
    <section class="mb-4">
      <h2 class="h4" safe>
        {title}
      </h2>
      {content}
    </section>
  );
}

function ActionButtons({ b, request }: { b: Bulletin; request: FastifyRequest }): JSX.Element {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const base = bulletinPath(b.id);
  return (
    <div class="card mb-4">
      <div class="card-body d-flex flex-wrap gap-3 align-items-end">
        {b.status !== 'withdrawn' ? (
          <a class="btn btn-outline-primary" href={`${base}/modifier`} safe>
            {t('edit')}
          </a>
        ) : (
          ''
        )}
        {b.status === 'draft' ? (
          <form method="post" action={`${base}/publier`}>
            <CsrfField token={request.csrfToken} />
            <button type="submit" class="btn btn-primary" safe>
              {t('publish')}
            </button>
          </form>
        ) : (
          ''
        )}
        {b.status === 'published' && b.pendingUpdate.length > 0 ? (
          <form method="post" action={`${base}/examiner`}>
            <CsrfField token={request.csrfToken} />
            <button type="submit" class="btn btn-outline-secondary" safe>
              {t('acknowledge')}
            </button>
          </form>
        ) : (
          ''
        )}
        {b.status !== 'withdrawn' ? (
          <form method="post" action={`${base}/retirer`} class="d-flex gap-2 align-items-end">
            <CsrfField token={request.csrfToken} />
            <div>
              <label class="form-label" for="w-reason" safe>
                {t('withdrawReason')}
              </label>
              <input
                class="form-control"
                id="w-reason"
                name="reason"
                required={b.status === 'published'}
                maxlength="500"
              />
            </div>
            <button type="submit" class="btn btn-outline-danger" safe>
              {b.status === 'draft' ? t('discard') : t('withdraw')}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}

export async function renderBulletin(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  error?: HygieError,
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const b = await readBulletin(request.ctx, id);
  const revisions = await readBulletinRevisions(request.ctx, id);
  const writer = canWriteBulletins(request.ctx.actor);
  return reply.page(
    b.title,
    <>
      <PortalTabs lang={lang} current="bulletins" />
      {b.status === 'draft' ? (
        <div class="alert alert-warning" role="status" safe>
          {t('draftBanner')}
        </div>
      ) : (
        ''
      )}
      {b.status === 'withdrawn' ? (
        <div class="alert alert-secondary" role="status" safe>
          {`${t('withdrawnBanner', { date: formatDay(b.withdrawnAt, lang) })}${b.withdrawnReason ? ` ${b.withdrawnReason}` : ''}`}
        </div>
      ) : (
        ''
      )}
      <ErrorAlert lang={lang} error={error} />
      <article>
        <header class="mb-3">
          <p class="text-body-secondary mb-1" safe>
            {b.reference ?? t('draftBanner')}
          </p>
          <h1 safe>{b.title}</h1>
          <div class="d-flex flex-wrap gap-2">
            <SeverityBadge severity={b.severity} score={b.maxScore} lang={lang} />
            <KevBadge kev={b.kev} lang={lang} />
          </div>
        </header>
        {writer && b.pendingUpdate.length > 0 ? (
          <div class="alert alert-info" role="status">
            <p class="mb-1 fw-semibold" safe>
              {t('pendingUpdateIntro')}
            </p>
            <ul class="mb-0">
              {b.pendingUpdate.map((c) => (
                <li safe>{changeWords(c, lang)}</li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        {writer ? <ActionButtons b={b} request={request} /> : ''}
        <table class="table table-sm w-auto">
          <caption class="visually-hidden" safe>
            {t('revisions')}
          </caption>
          <tbody>
            <tr>
              <th scope="row" safe>
                {t('reference')}
              </th>
              <td safe>{b.reference ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row" safe>
                {t('firstPublished')}
              </th>
              <td safe>{formatDay(b.firstPublishedAt, lang)}</td>
            </tr>
            <tr>
              <th scope="row" safe>
                {t('lastRevision')}
              </th>
              <td safe>{formatDay(b.publishedAt, lang)}</td>
            </tr>
            {writer ? (
              <tr>
                <th scope="row" safe>
                  {t('origin')}
                </th>
                <td safe>{b.origin === 'proposed' ? t('originProposed') : t('originManual')}</td>
              </tr>
            ) : (
              ''
            )}
          </tbody>
        </table>
        <Section title={t('risks')}>
          <ul>
            {b.risks.map((r) => (
              <li safe>{RISK_LABELS[r][lang]}</li>
            ))}
          </ul>
        </Section>
        <Section title={t('affectedSystems')}>
          <Lines text={b.affectedSystems} />
        </Section>
        {b.products.length > 0 ? (
          <Section title={t('products')}>
            <ul>
              {b.products.map((p) => (
                <li>
                  <span safe>{p.displayName}</span>{' '}
                  <span class="text-body-secondary small" safe>{`(${categoryLabel(p.category, lang)})`}</span>
                </li>
              ))}
            </ul>
          </Section>
        ) : (
          ''
        )}
        <Section title={t('summary')}>
          <Paragraphs text={b.summary} />
        </Section>
        <Section title={t('solution')}>
          <Paragraphs text={b.solution} />
        </Section>
        {b.cves.length > 0 ? (
          <Section title={t('cves')}>
            <ul>
              {b.cves.map((c) => (
                <li>
                  <a href={`/cves/${encodeURIComponent(c.cveId)}`} safe>
                    {c.cveId}
                  </a>{' '}
                  <span class="small text-body-secondary" safe>
                    {c.score !== null ? `CVSS ${c.score.toFixed(1)}` : SEVERITY_LABELS.unscored[lang]}
                  </span>{' '}
                  <KevBadge kev={c.kev} lang={lang} />
                </li>
              ))}
            </ul>
          </Section>
        ) : (
          ''
        )}
        <Section title={t('documentation')}>
          <LinkList links={b.references} />
        </Section>
        {revisions.length > 0 ? (
          <Section title={t('revisions')}>
            <table class="table table-sm w-auto">
              <TableHead columns={[t('revisionNumber'), t('revisionDate'), t('revisionNote')]} />
              <tbody>
                {revisions.map((r) => (
                  <tr>
                    <td safe>{String(r.number)}</td>
                    <td safe>{formatDay(r.at, lang)}</td>
                    <td safe>{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        ) : (
          ''
        )}
      </article>
    </>,
    error ? error.status : 200,
  );
}
