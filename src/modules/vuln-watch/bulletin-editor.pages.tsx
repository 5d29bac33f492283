/**
 * The review queue and the bulletin form (new, edit) for CERT writers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { bulletinMessages, changeWords, RISK_LABELS, STATUS_LABELS } from './bulletin.messages.js';
import { BULLETIN_RISKS } from './bulletin.proposal.js';
import { type BulletinForm } from './bulletin.schemas.js';
import { bulletinFormProducts, bulletinPath, listBulletinsToReview } from './bulletin.service.js';
import type { Bulletin, BulletinDraftInput } from './bulletin.types.js';
import { referencesText } from './bulletin.validation.js';
import {
  ErrorAlert,
  formatDay,
  KevBadge,
  PortalTabs,
  queryStrings,
  SeverityBadge,
} from './bulletin.views.js';
import { Pager } from '../../platform/http/pager.js';
import type { Product } from './vuln-watch.types.js';

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

export function submitted(body: BulletinForm): FormValues {
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

export function inputOf(body: BulletinForm, creating: boolean): BulletinDraftInput {
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

function TextArea(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  rows: number;
  help?: string;
  required?: boolean;
}): JSX.Element {
  return (
    <div class="mb-3">
      <label class="form-label" for={props.id} safe>
        {props.label}
      </label>
      <textarea
        class="form-control"
        id={props.id}
        name={props.name}
        rows={String(props.rows)}
        required={props.required}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        safe
      >
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

export async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { bulletin: Bulletin | null; values: FormValues | null; error?: HygieError },
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const products: Product[] = await bulletinFormProducts(request.ctx);
  const b = options.bulletin;
  const values: FormValues =
    options.values ??
    (b
      ? valuesOf(b)
      : {
          title: '',
          summary: '',
          risks: [],
          affectedSystems: '',
          solution: '',
          references: '',
          cveIds: '',
          productIds: [],
          revisionNote: '',
        });
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
          <input
            class="form-control"
            id="b-cves"
            name="cveIds"
            value={values.cveIds}
            aria-describedby="b-cves-help"
          />
          <div class="form-text" id="b-cves-help" safe>
            {t('cveIdsHelp')}
          </div>
        </div>
        <div class="mb-3">
          <label class="form-label" for="b-products" safe>
            {t('products')}
          </label>
          <select
            class="form-select"
            id="b-products"
            name="productIds"
            multiple="multiple"
            size="8"
            aria-describedby="b-products-help"
          >
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
              <input
                class="form-check-input"
                type="checkbox"
                id={`b-risk-${r}`}
                name="risks"
                value={r}
                checked={values.risks.includes(r)}
              />
              <label class="form-check-label" for={`b-risk-${r}`} safe>
                {RISK_LABELS[r][lang]}
              </label>
            </div>
          ))}
        </fieldset>
        <TextArea id="b-summary" name="summary" label={t('summary')} value={values.summary} rows={10} />
        <TextArea
          id="b-affected"
          name="affectedSystems"
          label={t('affectedSystems')}
          value={values.affectedSystems}
          rows={6}
          help={t('affectedSystemsHelp')}
        />
        <TextArea id="b-solution" name="solution" label={t('solution')} value={values.solution} rows={4} />
        <TextArea
          id="b-references"
          name="references"
          label={t('documentation')}
          value={values.references}
          rows={5}
          help={t('referencesHelp')}
        />
        {published ? (
          <div class="mb-3">
            <label class="form-label" for="b-note" safe>
              {t('revisionNote')}
            </label>
            <input
              class="form-control"
              id="b-note"
              name="revisionNote"
              value={values.revisionNote}
              required
              maxlength="500"
              aria-describedby="b-note-help"
            />
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

export async function renderQueue(
  request: FastifyRequest,
  reply: FastifyReply,
  page: number,
): Promise<FastifyReply> {
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
      <Pager
        lang={lang}
        basePath="/bulletins/a-valider"
        query={queryStrings(request)}
        page={drafts.page}
        pageSize={drafts.pageSize}
        total={drafts.total}
      />
    </>,
  );
}

/** One bulletin in a list (also used by the public list). */
export function BulletinRow({ b, lang }: { b: Bulletin; lang: Lang }): JSX.Element {
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
