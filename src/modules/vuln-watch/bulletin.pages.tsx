/**
 * Bulletin pages: the public list (filters, search, pages) and the review queue; registers all
 * bulletin pages (the bulletin page is in bulletin-detail.pages.tsx, the form in bulletin-editor.pages.tsx).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pager } from '../../platform/http/pager.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { bulletinMessages, categoryLabel, SEVERITY_LABELS } from './bulletin.messages.js';
import {
  ActionFormSchema,
  BulletinFormSchema,
  BulletinListQuerySchema,
  IdParamsSchema,
  type BulletinListQuery,
} from './bulletin.schemas.js';
import {
  acknowledgeBulletinUpdate,
  browseBulletins,
  bulletinFilterChoices,
  bulletinPath,
  createBulletin,
  editBulletin,
  publishBulletin,
  readBulletin,
  withdrawBulletin,
} from './bulletin.service.js';
import { formAction, PortalTabs, queryStrings } from './bulletin.views.js';
import { canWriteBulletins } from './vuln-watch.policy.js';
import type { Severity } from './vuln-watch.types.js';
import { renderBulletin } from './bulletin-detail.pages.js';
import { BulletinRow, inputOf, renderForm, renderQueue, submitted } from './bulletin-editor.pages.js';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'none', 'unscored'];

function filterOf(query: BulletinListQuery) {
  const v = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);
  return {
    ...(v(query.q) ? { q: v(query.q) } : {}),
    ...(v(query.vendor) ? { vendor: v(query.vendor) } : {}),
    ...(v(query.product) ? { productId: v(query.product) } : {}),
    ...(v(query.category) ? { category: v(query.category) } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.kev ? { kev: query.kev === 'true' } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    page: query.page ?? 1,
  };
}

async function renderList(
  request: FastifyRequest,
  reply: FastifyReply,
  query: BulletinListQuery,
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const [page, choices] = await Promise.all([
    browseBulletins(request.ctx, filterOf(query)),
    bulletinFilterChoices(request.ctx),
  ]);
  const writer = canWriteBulletins(request.ctx.actor);
  const selected = (value: string | undefined, option: string) =>
    value === option ? { selected: true } : {};
  return reply.page(
    t('bulletins'),
    <>
      <PortalTabs lang={lang} current="bulletins" />
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h1 safe>{t('bulletins')}</h1>
        {writer ? (
          <div class="d-flex gap-2">
            <a class="btn btn-outline-primary" href="/bulletins/a-valider" safe>
              {t('toReview')}
            </a>
            <a class="btn btn-primary" href="/bulletins/nouveau" safe>
              {t('newBulletin')}
            </a>
          </div>
        ) : (
          ''
        )}
      </div>
      <p class="text-body-secondary" safe>
        {t('bulletinsIntro')}
      </p>
      <form method="get" action="/bulletins" class="row g-2 align-items-end mb-3" role="search">
        <div class="col-md-4">
          <label class="form-label" for="f-q" safe>
            {t('searchWords')}
          </label>
          <input class="form-control" type="search" id="f-q" name="q" value={query.q ?? ''} />
        </div>
        <div class="col-md-2">
          <label class="form-label" for="f-vendor" safe>
            {t('vendor')}
          </label>
          <select class="form-select" id="f-vendor" name="vendor">
            <option value="" safe>
              {t('any')}
            </option>
            {choices.vendors.map((v) => (
              <option value={v} {...selected(query.vendor, v)} safe>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-3">
          <label class="form-label" for="f-product" safe>
            {t('product')}
          </label>
          <select class="form-select" id="f-product" name="product">
            <option value="" safe>
              {t('any')}
            </option>
            {choices.products.map((p) => (
              <option value={p.id} {...selected(query.product, p.id)} safe>
                {p.displayName}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-3">
          <label class="form-label" for="f-category" safe>
            {t('category')}
          </label>
          <select class="form-select" id="f-category" name="category">
            <option value="" safe>
              {t('any')}
            </option>
            {choices.categories.map((c) => (
              <option value={c} {...selected(query.category, c)} safe>
                {categoryLabel(c, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-2">
          <label class="form-label" for="f-severity" safe>
            {t('severity')}
          </label>
          <select class="form-select" id="f-severity" name="severity">
            <option value="" safe>
              {t('any')}
            </option>
            {SEVERITIES.map((s) => (
              <option value={s} {...selected(query.severity, s)} safe>
                {SEVERITY_LABELS[s][lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-2">
          <label class="form-label" for="f-kev" safe>
            {t('kev')}
          </label>
          <select class="form-select" id="f-kev" name="kev">
            <option value="" safe>
              {t('any')}
            </option>
            <option value="true" {...selected(query.kev, 'true')} safe>
              {t('kevOnly')}
            </option>
            <option value="false" {...selected(query.kev, 'false')} safe>
              {t('kevNot')}
            </option>
          </select>
        </div>
        <div class="col-md-2">
          <label class="form-label" for="f-from" safe>
            {t('fromDate')}
          </label>
          <input class="form-control" type="date" id="f-from" name="from" value={query.from ?? ''} />
        </div>
        <div class="col-md-2">
          <label class="form-label" for="f-to" safe>
            {t('toDate')}
          </label>
          <input class="form-control" type="date" id="f-to" name="to" value={query.to ?? ''} />
        </div>
        <div class="col-md-4 d-flex gap-2">
          <button type="submit" class="btn btn-primary" safe>
            {t('search')}
          </button>
          <a class="btn btn-link" href="/bulletins" safe>
            {t('resetFilters')}
          </a>
        </div>
      </form>
      {page.items.length === 0 ? (
        <p safe>{t('noBulletin')}</p>
      ) : (
        <ul class="list-group">
          {page.items.map((b) => (
            <BulletinRow b={b} lang={lang} />
          ))}
        </ul>
      )}
      <Pager
        lang={lang}
        basePath="/bulletins"
        query={queryStrings(request)}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </>,
  );
}

/** The bulletin pages (see the file comment). */
export function registerBulletinPages(app: HttpApp): void {
  app.get(
    '/bulletins',
    { schema: { hide: true, querystring: BulletinListQuerySchema } },
    async (request, reply) => renderList(request, reply, request.query),
  );
  app.get(
    '/bulletins/a-valider',
    { schema: { hide: true, querystring: BulletinListQuerySchema } },
    async (request, reply) => renderQueue(request, reply, request.query.page ?? 1),
  );
  app.get('/bulletins/nouveau', { schema: { hide: true } }, async (request, reply) =>
    renderForm(request, reply, { bulletin: null, values: null }),
  );
  app.post('/bulletins', { schema: { hide: true, body: BulletinFormSchema } }, async (request, reply) =>
    formAction(
      () => createBulletin(request.ctx, inputOf(request.body, true)),
      (error) => renderForm(request, reply, { bulletin: null, values: submitted(request.body), error }),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
  app.get('/bulletins/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) =>
    renderBulletin(request, reply, request.params.id),
  );
  app.get(
    '/bulletins/:id/modifier',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const b = await readBulletin(request.ctx, request.params.id);
      return renderForm(request, reply, { bulletin: b, values: null });
    },
  );
  app.post(
    '/bulletins/:id/modifier',
    { schema: { hide: true, params: IdParamsSchema, body: BulletinFormSchema } },
    async (request, reply) =>
      formAction(
        () => editBulletin(request.ctx, request.params.id, inputOf(request.body, false)),
        async (error) =>
          renderForm(request, reply, {
            bulletin: await readBulletin(request.ctx, request.params.id),
            values: submitted(request.body),
            error,
          }),
        (b) => reply.redirect(bulletinPath(b.id), 303),
      ),
  );
  app.post(
    '/bulletins/:id/publier',
    { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } },
    async (request, reply) =>
      formAction(
        () =>
          publishBulletin(
            request.ctx,
            request.params.id,
            request.body.note ? { note: request.body.note } : {},
          ),
        (error) => renderBulletin(request, reply, request.params.id, error),
        (b) => reply.redirect(bulletinPath(b.id), 303),
      ),
  );
  app.post(
    '/bulletins/:id/retirer',
    { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } },
    async (request, reply) =>
      formAction(
        () =>
          withdrawBulletin(
            request.ctx,
            request.params.id,
            request.body.reason ? { reason: request.body.reason } : {},
          ),
        (error) => renderBulletin(request, reply, request.params.id, error),
        (b) => reply.redirect(bulletinPath(b.id), 303),
      ),
  );
  app.post(
    '/bulletins/:id/examiner',
    { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } },
    async (request, reply) =>
      formAction(
        () => acknowledgeBulletinUpdate(request.ctx, request.params.id),
        (error) => renderBulletin(request, reply, request.params.id, error),
        (b) => reply.redirect(bulletinPath(b.id), 303),
      ),
  );
}
