/**
 * News pages: public list and page of published news items; for CERT writers, their drafts,
 * the form (new, edit), publish and withdraw.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { Pager } from '../../platform/http/pager.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { bulletinMessages, NEWS_KIND_LABELS, STATUS_LABELS } from './bulletin.messages.js';
import { ActionFormSchema, IdParamsSchema, NewsFormSchema, NewsListQuerySchema, type NewsForm } from './bulletin.schemas.js';
import { referencesText } from './bulletin.validation.js';
import { ErrorAlert, formAction, formatDay, LinkList, Paragraphs, PortalTabs, queryStrings } from './bulletin.views.js';
import { browseNews, createNews, editNews, newsPath, publishNews, readNews, requireNewsWriter, withdrawNews } from './news.service.js';
import { NEWS_KINDS, type NewsInput, type NewsItem, type NewsKind } from './news.types.js';
import { canWriteBulletins } from './vuln-watch.policy.js';

function NewsRow({ n, lang }: { n: NewsItem; lang: Lang }): JSX.Element {
  return (
    <li class="list-group-item">
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <span class="badge text-bg-secondary" safe>
          {NEWS_KIND_LABELS[n.kind][lang]}
        </span>
        {n.status !== 'published' ? (
          <span class="badge text-bg-warning" safe>
            {STATUS_LABELS[n.status][lang]}
          </span>
        ) : (
          ''
        )}
        <a href={newsPath(n.id)} class="fw-semibold" safe>
          {n.title}
        </a>
        <span class="small text-body-secondary" safe>
          {formatDay(n.firstPublishedAt ?? n.createdAt, lang)}
        </span>
      </div>
      <p class="mb-0 mt-1 small" safe>
        {n.summary}
      </p>
    </li>
  );
}

function kindOrUndefined(value: string | undefined): NewsKind | undefined {
  return value && (NEWS_KINDS as readonly string[]).includes(value) ? (value as NewsKind) : undefined;
}

async function renderList(request: FastifyRequest, reply: FastifyReply, query: { q?: string; kind?: string; page?: number }): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const writer = canWriteBulletins(request.ctx.actor);
  const kind = kindOrUndefined(query.kind);
  const page = await browseNews(request.ctx, { ...(query.q?.trim() ? { q: query.q } : {}), ...(kind ? { kind } : {}), page: query.page ?? 1 });
  const unpublished = writer ? await browseNews(request.ctx, { statuses: ['draft'], pageSize: 50 }) : null;
  return reply.page(
    t('news'),
    <>
      <PortalTabs lang={lang} current="news" />
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h1 safe>{t('news')}</h1>
        {writer ? (
          <a class="btn btn-primary" href="/actualites/nouvelle" safe>
            {t('newNews')}
          </a>
        ) : (
          ''
        )}
      </div>
      <p class="text-body-secondary" safe>
        {t('newsIntro')}
      </p>
      <form method="get" action="/actualites" class="row g-2 align-items-end mb-3" role="search">
        <div class="col-md-5">
          <label class="form-label" for="n-q" safe>
            {t('searchWords')}
          </label>
          <input class="form-control" type="search" id="n-q" name="q" value={query.q ?? ''} />
        </div>
        <div class="col-md-4">
          <label class="form-label" for="n-kind" safe>
            {t('newsKind')}
          </label>
          <select class="form-select" id="n-kind" name="kind">
            <option value="" safe>
              {t('any')}
            </option>
            {NEWS_KINDS.map((k) => (
              <option value={k} {...(kind === k ? { selected: true } : {})} safe>
                {NEWS_KIND_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-3">
          <button type="submit" class="btn btn-primary" safe>
            {t('search')}
          </button>
        </div>
      </form>
      {unpublished && unpublished.items.length > 0 ? (
        <>
          <h2 class="h4" safe>
            {t('newsDrafts')}
          </h2>
          <ul class="list-group mb-4">
            {unpublished.items.map((n) => (
              <NewsRow n={n} lang={lang} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {page.items.length === 0 ? (
        <p safe>{t('noNews')}</p>
      ) : (
        <ul class="list-group">
          {page.items.map((n) => (
            <NewsRow n={n} lang={lang} />
          ))}
        </ul>
      )}
      <Pager lang={lang} basePath="/actualites" query={queryStrings(request)} page={page.page} pageSize={page.pageSize} total={page.total} />
    </>,
  );
}

async function renderNews(request: FastifyRequest, reply: FastifyReply, id: string, error?: HygieError): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const n = await readNews(request.ctx, id);
  const writer = canWriteBulletins(request.ctx.actor);
  const base = newsPath(n.id);
  return reply.page(
    n.title,
    <>
      <PortalTabs lang={lang} current="news" />
      {n.status === 'draft' ? (
        <div class="alert alert-warning" role="status" safe>
          {t('newsDraftBanner')}
        </div>
      ) : (
        ''
      )}
      {n.status === 'withdrawn' ? (
        <div class="alert alert-secondary" role="status" safe>
          {`${t('newsWithdrawnBanner', { date: formatDay(n.withdrawnAt, lang) })}${n.withdrawnReason ? ` ${n.withdrawnReason}` : ''}`}
        </div>
      ) : (
        ''
      )}
      <ErrorAlert lang={lang} error={error} />
      <article>
        <header class="mb-3">
          <p class="text-body-secondary mb-1" safe>
            {`${NEWS_KIND_LABELS[n.kind][lang]} · ${formatDay(n.firstPublishedAt ?? n.createdAt, lang)}${n.publishedAt && n.firstPublishedAt && n.publishedAt !== n.firstPublishedAt ? ` · ${t('updatedAt')} ${formatDay(n.publishedAt, lang)}` : ''}`}
          </p>
          <h1 safe>{n.title}</h1>
          <p class="lead" safe>
            {n.summary}
          </p>
        </header>
        {writer && n.status !== 'withdrawn' ? (
          <div class="card mb-4">
            <div class="card-body d-flex flex-wrap gap-3 align-items-end">
              <a class="btn btn-outline-primary" href={`${base}/modifier`} safe>
                {t('edit')}
              </a>
              {n.status === 'draft' ? (
                <form method="post" action={`${base}/publier`}>
                  <CsrfField token={request.csrfToken} />
                  <button type="submit" class="btn btn-primary" safe>
                    {t('publish')}
                  </button>
                </form>
              ) : (
                ''
              )}
              <form method="post" action={`${base}/retirer`} class="d-flex gap-2 align-items-end">
                <CsrfField token={request.csrfToken} />
                <div>
                  <label class="form-label" for="nw-reason" safe>
                    {t('withdrawReason')}
                  </label>
                  <input class="form-control" id="nw-reason" name="reason" maxlength="500" />
                </div>
                <button type="submit" class="btn btn-outline-danger" safe>
                  {n.status === 'draft' ? t('discard') : t('withdraw')}
                </button>
              </form>
            </div>
          </div>
        ) : (
          ''
        )}
        <Paragraphs text={n.body} />
        {n.references.length > 0 ? (
          <section class="mb-4">
            <h2 class="h4" safe>
              {t('documentation')}
            </h2>
            <LinkList links={n.references} />
          </section>
        ) : (
          ''
        )}
      </article>
    </>,
    error ? error.status : 200,
  );
}

interface FormValues {
  readonly kind: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly references: string;
}

async function renderForm(request: FastifyRequest, reply: FastifyReply, options: { item: NewsItem | null; values: FormValues | null; error?: HygieError }): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const n = options.item;
  const values: FormValues = options.values ?? (n ? { kind: n.kind, title: n.title, summary: n.summary, body: n.body, references: referencesText(n.references) } : { kind: 'phishing', title: '', summary: '', body: '', references: '' });
  const title = n ? t('editNews') : t('newNews');
  return reply.page(
    title,
    <>
      <h1 safe>{title}</h1>
      <ErrorAlert lang={lang} error={options.error} />
      <form method="post" action={n ? `${newsPath(n.id)}/modifier` : '/actualites'}>
        <CsrfField token={request.csrfToken} />
        <div class="mb-3">
          <label class="form-label" for="nf-kind" safe>
            {t('newsKind')}
          </label>
          <select class="form-select" id="nf-kind" name="kind">
            {NEWS_KINDS.map((k) => (
              <option value={k} {...(values.kind === k ? { selected: true } : {})} safe>
                {NEWS_KIND_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="mb-3">
          <label class="form-label" for="nf-title" safe>
            {t('title')}
          </label>
          <input class="form-control" id="nf-title" name="title" value={values.title} required maxlength="300" />
        </div>
        <div class="mb-3">
          <label class="form-label" for="nf-summary" safe>
            {t('newsSummary')}
          </label>
          <textarea class="form-control" id="nf-summary" name="summary" rows="3" aria-describedby="nf-summary-help" safe>
            {values.summary}
          </textarea>
          <div class="form-text" id="nf-summary-help" safe>
            {t('newsSummaryHelp')}
          </div>
        </div>
        <div class="mb-3">
          <label class="form-label" for="nf-body" safe>
            {t('newsBody')}
          </label>
          <textarea class="form-control" id="nf-body" name="body" rows="12" safe>
            {values.body}
          </textarea>
        </div>
        <div class="mb-3">
          <label class="form-label" for="nf-references" safe>
            {t('documentation')}
          </label>
          <textarea class="form-control" id="nf-references" name="references" rows="4" aria-describedby="nf-references-help" safe>
            {values.references}
          </textarea>
          <div class="form-text" id="nf-references-help" safe>
            {t('referencesHelp')}
          </div>
        </div>
        <button type="submit" class="btn btn-primary" safe>
          {t('save')}
        </button>
      </form>
    </>,
    options.error ? options.error.status : 200,
  );
}

function inputOf(body: NewsForm): NewsInput {
  return { kind: body.kind ?? 'other', title: body.title ?? '', summary: body.summary ?? '', body: body.body ?? '', references: body.references ?? '' };
}

function submitted(body: NewsForm): FormValues {
  return { kind: body.kind ?? '', title: body.title ?? '', summary: body.summary ?? '', body: body.body ?? '', references: body.references ?? '' };
}

/** The news pages (see the file comment). */
export function registerNewsPages(app: HttpApp): void {
  app.get('/actualites', { schema: { hide: true, querystring: NewsListQuerySchema } }, async (request, reply) => renderList(request, reply, request.query));
  app.get('/actualites/nouvelle', { schema: { hide: true } }, async (request, reply) => {
    requireNewsWriter(request.ctx);
    return renderForm(request, reply, { item: null, values: null });
  });
  app.post('/actualites', { schema: { hide: true, body: NewsFormSchema } }, async (request, reply) =>
    formAction(
      () => createNews(request.ctx, inputOf(request.body)),
      (error) => renderForm(request, reply, { item: null, values: submitted(request.body), error }),
      (n) => reply.redirect(newsPath(n.id), 303),
    ),
  );
  app.get('/actualites/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => renderNews(request, reply, request.params.id));
  app.get('/actualites/:id/modifier', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const item = await readNews(request.ctx, request.params.id);
    requireNewsWriter(request.ctx);
    return renderForm(request, reply, { item, values: null });
  });
  app.post('/actualites/:id/modifier', { schema: { hide: true, params: IdParamsSchema, body: NewsFormSchema } }, async (request, reply) =>
    formAction(
      () => editNews(request.ctx, request.params.id, inputOf(request.body)),
      async (error) => renderForm(request, reply, { item: await readNews(request.ctx, request.params.id), values: submitted(request.body), error }),
      (n) => reply.redirect(newsPath(n.id), 303),
    ),
  );
  app.post('/actualites/:id/publier', { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } }, async (request, reply) =>
    formAction(
      () => publishNews(request.ctx, request.params.id),
      (error) => renderNews(request, reply, request.params.id, error),
      (n) => reply.redirect(newsPath(n.id), 303),
    ),
  );
  app.post('/actualites/:id/retirer', { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } }, async (request, reply) =>
    formAction(
      () => withdrawNews(request.ctx, request.params.id, request.body.reason ? { reason: request.body.reason } : {}),
      (error) => renderNews(request, reply, request.params.id, error),
      (n) => reply.redirect(newsPath(n.id), 303),
    ),
  );
}
