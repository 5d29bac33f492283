/**
 * Bulletin pages: the public list (filters, search, pages) and bulletin page; for CERT writers,
 * the review queue, the bulletin form (new, edit), publish, withdraw and acknowledge buttons.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { Pager } from '../../platform/http/pager.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { bulletinMessages, categoryLabel, changeWords, RISK_LABELS, SEVERITY_LABELS, STATUS_LABELS } from './bulletin.messages.js';
import { BULLETIN_RISKS } from './bulletin.proposal.js';
import { ActionFormSchema, BulletinFormSchema, BulletinListQuerySchema, IdParamsSchema, type BulletinForm, type BulletinListQuery } from './bulletin.schemas.js';
import {
  acknowledgeBulletinUpdate,
  browseBulletins,
  bulletinFilterChoices,
  bulletinFormProducts,
  bulletinPath,
  createBulletin,
  editBulletin,
  listBulletinsToReview,
  publishBulletin,
  readBulletin,
  readBulletinRevisions,
  withdrawBulletin,
} from './bulletin.service.js';
import type { Bulletin, BulletinDraftInput } from './bulletin.types.js';
import { referencesText } from './bulletin.validation.js';
import { ErrorAlert, formAction, formatDay, KevBadge, LinkList, Lines, Paragraphs, PortalTabs, queryStrings, SeverityBadge } from './bulletin.views.js';
import { canWriteBulletins } from './vuln-watch.policy.js';
import type { Product, Severity } from './vuln-watch.types.js';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'none', 'unscored'];

function BulletinRow({ b, lang }: { b: Bulletin; lang: Lang }): JSX.Element {
  return (
    <li class="list-group-item">
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <SeverityBadge severity={b.severity} score={b.maxScore} lang={lang} />
        <KevBadge kev={b.kev} lang={lang} />
        {b.status !== 'published' ? (
          <span class="badge text-bg-secondary" safe>
            {STATUS_LABELS[b.status][lang]}
          </span>
        ) : (
          ''
        )}
        <a href={bulletinPath(b.id)} class="fw-semibold" safe>
          {b.title}
        </a>
      </div>
      <div class="small text-body-secondary mt-1">
        <span safe>{b.reference ?? '—'}</span>
        <span aria-hidden="true"> · </span>
        <span safe>{formatDay(b.firstPublishedAt ?? b.createdAt, lang)}</span>
        {b.cves.length > 0 ? (
          <>
            <span aria-hidden="true"> · </span>
            <span safe>{b.cves.map((c) => c.cveId).join(', ')}</span>
          </>
        ) : (
          ''
        )}
        {b.products.length > 0 ? (
          <>
            <span aria-hidden="true"> · </span>
            <span safe>{b.products.map((p) => p.displayName).join(', ')}</span>
          </>
        ) : (
          ''
        )}
      </div>
    </li>
  );
}

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

async function renderList(request: FastifyRequest, reply: FastifyReply, query: BulletinListQuery): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const [page, choices] = await Promise.all([browseBulletins(request.ctx, filterOf(query)), bulletinFilterChoices(request.ctx)]);
  const writer = canWriteBulletins(request.ctx.actor);
  const selected = (value: string | undefined, option: string) => (value === option ? { selected: true } : {});
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
      <Pager lang={lang} basePath="/bulletins" query={queryStrings(request)} page={page.page} pageSize={page.pageSize} total={page.total} />
    </>,
  );
}

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
              <input class="form-control" id="w-reason" name="reason" required={b.status === 'published'} maxlength="500" />
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

async function renderBulletin(request: FastifyRequest, reply: FastifyReply, id: string, error?: HygieError): Promise<FastifyReply> {
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
                  <span safe>{p.displayName}</span> <span class="text-body-secondary small" safe>{`(${categoryLabel(p.category, lang)})`}</span>
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
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('revisionNumber')}
                  </th>
                  <th scope="col" safe>
                    {t('revisionDate')}
                  </th>
                  <th scope="col" safe>
                    {t('revisionNote')}
                  </th>
                </tr>
              </thead>
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

async function renderQueue(request: FastifyRequest, reply: FastifyReply, page: number): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const { drafts, pending } = await listBulletinsToReview(request.ctx, { page });
  return reply.page(
    t('toReview'),
    <>
      <PortalTabs lang={lang} current="bulletins" />
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h1 safe>{t('toReview')}</h1>
        <a class="btn btn-primary" href="/bulletins/nouveau" safe>
          {t('newBulletin')}
        </a>
      </div>
      <p class="text-body-secondary" safe>
        {t('toReviewIntro')}
      </p>
      <h2 class="h4" safe>
        {t('pendingTitle')}
      </h2>
      {pending.length === 0 ? (
        <p safe>{t('noPending')}</p>
      ) : (
        <ul class="list-group mb-4">
          {pending.map((b) => (
            <li class="list-group-item">
              <a href={bulletinPath(b.id)} class="fw-semibold" safe>
                {`${b.reference ?? ''} ${b.title}`}
              </a>
              <ul class="small mb-0">
                {b.pendingUpdate.map((c) => (
                  <li safe>{changeWords(c, lang)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h2 class="h4" safe>
        {t('drafts')}
      </h2>
      {drafts.items.length === 0 ? (
        <p safe>{t('noDrafts')}</p>
      ) : (
        <ul class="list-group">
          {drafts.items.map((b) => (
            <BulletinRow b={b} lang={lang} />
          ))}
        </ul>
      )}
      <Pager lang={lang} basePath="/bulletins/a-valider" query={queryStrings(request)} page={drafts.page} pageSize={drafts.pageSize} total={drafts.total} />
    </>,
  );
}

/** What the form shows: a bulletin's values, or what was submitted. */
interface FormValues {
  readonly title: string;
  readonly summary: string;
  readonly risks: readonly string[];
  readonly affectedSystems: string;
  readonly solution: string;
  readonly references: string;
  readonly cveIds: string;
  readonly productIds: readonly string[];
  readonly revisionNote: string;
}

function valuesOf(b: Bulletin): FormValues {
  return {
    title: b.title,
    summary: b.summary,
    risks: b.risks,
    affectedSystems: b.affectedSystems,
    solution: b.solution,
    references: referencesText(b.references),
    cveIds: b.cves.map((c) => c.cveId).join(' '),
    productIds: b.products.map((p) => p.id),
    revisionNote: '',
  };
}

function submitted(body: BulletinForm): FormValues {
  return {
    title: body.title ?? '',
    summary: body.summary ?? '',
    risks: body.risks ?? [],
    affectedSystems: body.affectedSystems ?? '',
    solution: body.solution ?? '',
    references: body.references ?? '',
    cveIds: body.cveIds ?? '',
    productIds: body.productIds ?? [],
    revisionNote: body.revisionNote ?? '',
  };
}

function inputOf(body: BulletinForm, creating: boolean): BulletinDraftInput {
  // On creation, empty fields are left to the pre-fill from the CVEs.
  const text = (v: string | undefined) => (creating && (v ?? '').trim() === '' ? undefined : (v ?? ''));
  const title = text(body.title);
  const summary = text(body.summary);
  const affectedSystems = text(body.affectedSystems);
  const solution = text(body.solution);
  const references = text(body.references);
  return {
    ...(title !== undefined ? { title } : {}),
    ...(summary !== undefined ? { summary } : {}),
    ...(affectedSystems !== undefined ? { affectedSystems } : {}),
    ...(solution !== undefined ? { solution } : {}),
    ...(references !== undefined ? { references } : {}),
    ...(creating && (body.risks ?? []).length === 0 ? {} : { risks: body.risks ?? [] }),
    cveIds: body.cveIds ?? '',
    ...(creating && (body.productIds ?? []).length === 0 ? {} : { productIds: body.productIds ?? [] }),
    ...(body.revisionNote !== undefined ? { revisionNote: body.revisionNote } : {}),
  };
}

function TextArea(props: { id: string; name: string; label: string; value: string; rows: number; help?: string; required?: boolean }): JSX.Element {
  return (
    <div class="mb-3">
      <label class="form-label" for={props.id} safe>
        {props.label}
      </label>
      <textarea class="form-control" id={props.id} name={props.name} rows={String(props.rows)} required={props.required} aria-describedby={props.help ? `${props.id}-help` : undefined} safe>
        {props.value}
      </textarea>
      {props.help ? (
        <div class="form-text" id={`${props.id}-help`} safe>
          {props.help}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

async function renderForm(request: FastifyRequest, reply: FastifyReply, options: { bulletin: Bulletin | null; values: FormValues | null; error?: HygieError }): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const products: Product[] = await bulletinFormProducts(request.ctx);
  const b = options.bulletin;
  const values: FormValues = options.values ?? (b ? valuesOf(b) : { title: '', summary: '', risks: [], affectedSystems: '', solution: '', references: '', cveIds: '', productIds: [], revisionNote: '' });
  const published = b?.status === 'published';
  const title = b ? t('editBulletin') : t('newBulletin');
  const action = b ? `${bulletinPath(b.id)}/modifier` : '/bulletins';
  return reply.page(
    title,
    <>
      <h1 safe>{title}</h1>
      {b ? (
        <p>
          <a href={bulletinPath(b.id)} safe>
            {b.reference ?? b.title}
          </a>
        </p>
      ) : (
        ''
      )}
      <ErrorAlert lang={lang} error={options.error} />
      <form method="post" action={action}>
        <CsrfField token={request.csrfToken} />
        <div class="mb-3">
          <label class="form-label" for="b-cves" safe>
            {t('cves')}
          </label>
          <input class="form-control" id="b-cves" name="cveIds" value={values.cveIds} aria-describedby="b-cves-help" />
          <div class="form-text" id="b-cves-help" safe>
            {t('cveIdsHelp')}
          </div>
        </div>
        <div class="mb-3">
          <label class="form-label" for="b-products" safe>
            {t('products')}
          </label>
          <select class="form-select" id="b-products" name="productIds" multiple="multiple" size="8" aria-describedby="b-products-help">
            {products.map((p) => (
              <option value={p.id} {...(values.productIds.includes(p.id) ? { selected: true } : {})} safe>
                {`${p.displayName} (${p.vendor}:${p.product})`}
              </option>
            ))}
          </select>
          <div class="form-text" id="b-products-help" safe>
            {t('productsHelp')}
          </div>
        </div>
        <div class="mb-3">
          <label class="form-label" for="b-title" safe>
            {t('title')}
          </label>
          <input class="form-control" id="b-title" name="title" value={values.title} maxlength="300" />
        </div>
        <fieldset class="mb-3">
          <legend class="form-label fs-6" safe>
            {t('risks')}
          </legend>
          {BULLETIN_RISKS.map((r) => (
            <div class="form-check form-check-inline">
              <input class="form-check-input" type="checkbox" id={`b-risk-${r}`} name="risks" value={r} checked={values.risks.includes(r)} />
              <label class="form-check-label" for={`b-risk-${r}`} safe>
                {RISK_LABELS[r][lang]}
              </label>
            </div>
          ))}
        </fieldset>
        <TextArea id="b-summary" name="summary" label={t('summary')} value={values.summary} rows={10} />
        <TextArea id="b-affected" name="affectedSystems" label={t('affectedSystems')} value={values.affectedSystems} rows={6} help={t('affectedSystemsHelp')} />
        <TextArea id="b-solution" name="solution" label={t('solution')} value={values.solution} rows={4} />
        <TextArea id="b-references" name="references" label={t('documentation')} value={values.references} rows={5} help={t('referencesHelp')} />
        {published ? (
          <div class="mb-3">
            <label class="form-label" for="b-note" safe>
              {t('revisionNote')}
            </label>
            <input class="form-control" id="b-note" name="revisionNote" value={values.revisionNote} required maxlength="500" aria-describedby="b-note-help" />
            <div class="form-text" id="b-note-help" safe>
              {t('revisionNoteHelp')}
            </div>
          </div>
        ) : (
          ''
        )}
        <button type="submit" class="btn btn-primary" safe>
          {b ? (published ? t('saveRevision') : t('save')) : t('create')}
        </button>
      </form>
    </>,
    options.error ? options.error.status : 200,
  );
}

/** The bulletin pages (see the file comment). */
export function registerBulletinPages(app: HttpApp): void {
  app.get('/bulletins', { schema: { hide: true, querystring: BulletinListQuerySchema } }, async (request, reply) => renderList(request, reply, request.query));
  app.get('/bulletins/a-valider', { schema: { hide: true, querystring: BulletinListQuerySchema } }, async (request, reply) => renderQueue(request, reply, request.query.page ?? 1));
  app.get('/bulletins/nouveau', { schema: { hide: true } }, async (request, reply) => renderForm(request, reply, { bulletin: null, values: null }));
  app.post('/bulletins', { schema: { hide: true, body: BulletinFormSchema } }, async (request, reply) =>
    formAction(
      () => createBulletin(request.ctx, inputOf(request.body, true)),
      (error) => renderForm(request, reply, { bulletin: null, values: submitted(request.body), error }),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
  app.get('/bulletins/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => renderBulletin(request, reply, request.params.id));
  app.get('/bulletins/:id/modifier', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const b = await readBulletin(request.ctx, request.params.id);
    return renderForm(request, reply, { bulletin: b, values: null });
  });
  app.post('/bulletins/:id/modifier', { schema: { hide: true, params: IdParamsSchema, body: BulletinFormSchema } }, async (request, reply) =>
    formAction(
      () => editBulletin(request.ctx, request.params.id, inputOf(request.body, false)),
      async (error) => renderForm(request, reply, { bulletin: await readBulletin(request.ctx, request.params.id), values: submitted(request.body), error }),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
  app.post('/bulletins/:id/publier', { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } }, async (request, reply) =>
    formAction(
      () => publishBulletin(request.ctx, request.params.id, request.body.note ? { note: request.body.note } : {}),
      (error) => renderBulletin(request, reply, request.params.id, error),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
  app.post('/bulletins/:id/retirer', { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } }, async (request, reply) =>
    formAction(
      () => withdrawBulletin(request.ctx, request.params.id, request.body.reason ? { reason: request.body.reason } : {}),
      (error) => renderBulletin(request, reply, request.params.id, error),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
  app.post('/bulletins/:id/examiner', { schema: { hide: true, params: IdParamsSchema, body: ActionFormSchema } }, async (request, reply) =>
    formAction(
      () => acknowledgeBulletinUpdate(request.ctx, request.params.id),
      (error) => renderBulletin(request, reply, request.params.id, error),
      (b) => reply.redirect(bulletinPath(b.id), 303),
    ),
  );
}
