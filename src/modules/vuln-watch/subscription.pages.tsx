/**
 * The private space's pages: `/espace/abonnements` (list), `/nouveau` (form), `/:id` (criteria,
 * preview of the next digest, CVEs last sent), `/:id/modifier` (form), `/:id/supprimer` (POST).
 * Any logged-in user, on their own subscriptions only (others' answer 404).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { formatDateTime, translator, type Lang } from '../../platform/i18n/i18n.js';
import { reasonsText } from './digest.mail.js';
import { previewDigest } from './digest.service.js';
import { digestMessages, subscriptionMessages, WEEKDAY_NAMES } from './subscription.messages.js';
import { SubscriptionIdParamsSchema } from './subscription.schemas.js';
import { draftFromForm, formOf, NEW_FORM, SubscriptionForm, type FormBody } from './subscription.form.js';
import {
  createSubscription,
  editSubscription,
  getMySubscription,
  listMySubscriptions,
  listSubscriptionDeliveries,
  removeSubscription,
  structureNames,
  subscriptionChoices,
} from './subscription.service.js';
import type { DigestItem, Subscription } from './subscription.types.js';
import { TableHead } from '../../platform/http/table-head.js';

/** Base path of the private space's subscription pages. */
export const SUBSCRIPTIONS_PATH = '/espace/abonnements';

const list = Type.Union([
  Type.String({ maxLength: 200 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 }),
]);
const FormSchema = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 500 })),
  structureId: Type.Optional(Type.String({ maxLength: 100 })),
  vendors: Type.Optional(list),
  otherVendors: Type.Optional(Type.String({ maxLength: 6000 })),
  productIds: Type.Optional(list),
  otherProducts: Type.Optional(Type.String({ maxLength: 12000 })),
  keywords: Type.Optional(Type.String({ maxLength: 4000 })),
  minScore: Type.Optional(Type.String({ maxLength: 20 })),
  kevOnly: Type.Optional(Type.String({ maxLength: 10 })),
  includeUnscored: Type.Optional(Type.String({ maxLength: 10 })),
  deployedProducts: Type.Optional(Type.String({ maxLength: 10 })),
  frequency: Type.Optional(Type.String({ maxLength: 20 })),
  hour: Type.Optional(Type.String({ maxLength: 10 })),
  weekday: Type.Optional(Type.String({ maxLength: 10 })),
  active: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String()),
});

const DoneQuerySchema = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

function pathOf(id: string): string {
  return `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`;
}

function scoreText(score: number, lang: Lang): string {
  return lang === 'fr' ? score.toFixed(1).replace('.', ',') : score.toFixed(1);
}

/** The criteria of a subscription in words, one line each. */
function criteriaLines(s: Subscription, lang: Lang, structureName: string | null): string[] {
  const t = translator(lang, subscriptionMessages);
  const lines: string[] = [];
  if (structureName) lines.push(`${t('structure')} : ${structureName}`);
  if (s.deployedProducts) lines.push(t('deployedProducts'));
  if (s.vendors.length > 0) lines.push(`${t('vendors')} : ${s.vendors.join(', ')}`);
  if (s.products.length > 0)
    lines.push(`${t('products')} : ${s.products.map((p) => p.displayName).join(', ')}`);
  if (s.keywords.length > 0) lines.push(`${t('keywords')} : ${s.keywords.join(', ')}`);
  lines.push(
    `${t('minScore')} : ${s.minScore === null ? t('scoreAny') : `≥ ${scoreText(s.minScore, lang)}`}`,
  );
  if (s.kevOnly) lines.push(t('kevOnly'));
  return lines;
}

function frequencyText(s: Subscription, lang: Lang): string {
  const t = translator(lang, subscriptionMessages);
  if (s.frequency === 'immediate') return t('immediate');
  const hour = lang === 'fr' ? `${s.hour} h` : `${s.hour}:00`;
  if (s.frequency === 'daily') return `${t('daily')} (${hour})`;
  return `${t('weekly')} (${WEEKDAY_NAMES[s.weekday]?.[lang] ?? s.weekday}, ${hour})`;
}

function Done({ lang, done }: { lang: Lang; done: string | undefined }): JSX.Element {
  const t = translator(lang, subscriptionMessages);
  const text =
    done === 'created'
      ? t('created')
      : done === 'updated'
        ? t('updated')
        : done === 'deleted'
          ? t('deleted')
          : null;
  return text ? (
    <div class="alert alert-success" role="status" safe>
      {text}
    </div>
  ) : (
    <></>
  );
}

async function renderList(
  request: FastifyRequest,
  reply: FastifyReply,
  done: string | undefined,
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, subscriptionMessages);
  const subscriptions = await listMySubscriptions(request.ctx);
  const names = await structureNames(request.ctx, [
    ...new Set(subscriptions.flatMap((s) => (s.structureId ? [s.structureId] : []))),
  ]);
  return reply.page(
    t('title'),
    <>
      <h1 safe>{t('title')}</h1>
      <Done lang={lang} done={done} />
      <p class="text-body-secondary" safe>
        {t('intro')}
      </p>
      <p>
        <a class="btn btn-primary" href={`${SUBSCRIPTIONS_PATH}/nouveau`} safe>
          {t('create')}
        </a>
      </p>
      {subscriptions.length === 0 ? (
        <p safe>{t('none')}</p>
      ) : (
        <table class="table table-striped align-middle">
          <TableHead columns={[t('name'), t('criteria'), t('frequency'), t('status'), t('lastSent')]} />
          <tbody>
            {subscriptions.map((s) => (
              <tr>
                <td>
                  <a href={pathOf(s.id)} safe>
                    {s.name}
                  </a>
                </td>
                <td>
                  <ul class="list-unstyled mb-0 small">
                    {criteriaLines(s, lang, s.structureId ? (names.get(s.structureId) ?? null) : null).map(
                      (line) => (
                        <li safe>{line}</li>
                      ),
                    )}
                  </ul>
                </td>
                <td safe>{frequencyText(s, lang)}</td>
                <td>
                  {s.active ? (
                    <span class="badge text-bg-success" safe>
                      {t('active')}
                    </span>
                  ) : (
                    <span class="badge text-bg-secondary" safe>
                      {t('inactive')}
                    </span>
                  )}
                </td>
                <td safe>{s.lastSentAt ? formatDateTime(s.lastSentAt, lang) : t('never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}

function PreviewTable({
  items,
  lang,
  subscription,
}: {
  items: readonly DigestItem[];
  lang: Lang;
  subscription: Subscription;
}): JSX.Element {
  const t = translator(lang, subscriptionMessages);
  const d = translator(lang, digestMessages);
  return (
    <table class="table table-sm align-middle">
      <TableHead columns={[t('cve'), t('status'), t('score'), t('why')]} />
      <tbody>
        {items.map((item) => (
          <tr>
            <th scope="row">
              <a href={`/cves/${encodeURIComponent(item.cveId)}`} safe>
                {item.cveId}
              </a>
              {item.kev ? (
                <span class="badge text-bg-danger ms-1" safe>
                  {d('kev')}
                </span>
              ) : (
                ''
              )}
            </th>
            <td safe>
              {item.status === 'new'
                ? d('statusNew')
                : `${d('statusUpdate')} : ${item.changes.map((c) => (c.kind === 'kev-added' ? d('kevAdded') : c.kind === 'affected-changed' ? d('affectedChanged') : c.from === null ? d('scoreFirst', { to: scoreText(c.to, lang) }) : d('scoreRaised', { from: scoreText(c.from, lang), to: scoreText(c.to, lang) }))).join(' ; ')}`}
            </td>
            <td safe>{item.score === null ? d('notScored') : scoreText(item.score, lang)}</td>
            <td class="small" safe>
              {reasonsText(item.reasons, subscription, d, lang).join(' ; ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function renderDetail(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  done: string | undefined,
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, subscriptionMessages);
  const s = await getMySubscription(request.ctx, id);
  const [names, digest, deliveries] = await Promise.all([
    structureNames(request.ctx, s.structureId ? [s.structureId] : []),
    previewDigest(request.ctx, s.id),
    listSubscriptionDeliveries(request.ctx, s.id, 100),
  ]);
  return reply.page(
    s.name,
    <>
      <p>
        <a href={SUBSCRIPTIONS_PATH} safe>
          {t('back')}
        </a>
      </p>
      <h1 safe>{s.name}</h1>
      <Done lang={lang} done={done} />
      <p>
        {s.active ? (
          <span class="badge text-bg-success" safe>
            {t('active')}
          </span>
        ) : (
          <span class="badge text-bg-secondary" safe>
            {t('inactive')}
          </span>
        )}
        <span class="ms-2" safe>
          {frequencyText(s, lang)}
        </span>
      </p>
      <h2 class="h5" safe>
        {t('criteria')}
      </h2>
      <ul>
        {criteriaLines(s, lang, s.structureId ? (names.get(s.structureId) ?? null) : null).map((line) => (
          <li safe>{line}</li>
        ))}
      </ul>
      <div class="d-flex flex-wrap gap-2 align-items-start mb-4">
        <a class="btn btn-outline-primary" href={`${pathOf(s.id)}/modifier`} safe>
          {t('edit')}
        </a>
        <form method="post" action={`${pathOf(s.id)}/supprimer`}>
          <CsrfField token={request.csrfToken} />
          <button type="submit" class="btn btn-outline-danger" aria-describedby="sub-delete-help" safe>
            {t('delete')}
          </button>
        </form>
        <p class="form-text mb-0" id="sub-delete-help" safe>
          {t('deleteHelp')}
        </p>
      </div>

      <section aria-labelledby="sub-preview">
        <h2 class="h4" id="sub-preview" safe>
          {t('preview')}
        </h2>
        <p class="text-body-secondary" safe>
          {s.active ? t('previewIntro') : t('previewInactive')}
        </p>
        {digest.items.length === 0 ? (
          <p safe>{t('previewEmpty')}</p>
        ) : (
          <PreviewTable items={digest.items} lang={lang} subscription={s} />
        )}
        {digest.omitted > 0 ? (
          <p safe>{translator(lang, digestMessages)('omitted', { n: digest.omitted })}</p>
        ) : (
          ''
        )}
      </section>

      <section aria-labelledby="sub-recent">
        <h2 class="h4" id="sub-recent" safe>
          {t('recent')}
        </h2>
        {deliveries.length === 0 ? (
          <p safe>{t('recentEmpty')}</p>
        ) : (
          <table class="table table-sm">
            <TableHead columns={[t('cve'), t('score'), t('sentAt')]} />
            <tbody>
              {deliveries.map((d) => (
                <tr>
                  <td>
                    <a href={`/cves/${encodeURIComponent(d.cveId)}`} safe>
                      {d.cveId}
                    </a>
                  </td>
                  <td safe>{d.fingerprint.score === null ? '—' : scoreText(d.fingerprint.score, lang)}</td>
                  <td safe>{formatDateTime(d.lastSentAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>,
  );
}

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { subscription: Subscription | null; values?: FormBody; error?: HygieError },
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, subscriptionMessages);
  const choices = await subscriptionChoices(request.ctx);
  const s = options.subscription;
  const title = s ? t('editTitle') : t('create');
  return reply.page(
    title,
    <>
      <p>
        <a href={s ? pathOf(s.id) : SUBSCRIPTIONS_PATH} safe>
          {s ? s.name : t('back')}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <SubscriptionForm
        lang={lang}
        csrfToken={request.csrfToken}
        action={s ? pathOf(s.id) : SUBSCRIPTIONS_PATH}
        cancel={s ? pathOf(s.id) : SUBSCRIPTIONS_PATH}
        values={options.values ?? (s ? formOf(s, choices) : NEW_FORM)}
        choices={choices}
        error={options.error}
      />
    </>,
    options.error ? options.error.status : 200,
  );
}

/** Form errors the page shows next to the fields (the others go to the error page). */
function isFormError(error: unknown): error is HygieError {
  return (
    error instanceof HygieError &&
    error.code.startsWith('VULNWATCH_SUBSCRIPTION_') &&
    error.code !== 'VULNWATCH_SUBSCRIPTION_NOT_FOUND'
  );
}

/** Registers the private space's subscription pages. */
export function registerSubscriptionPages(app: HttpApp): void {
  app.get(
    SUBSCRIPTIONS_PATH,
    { schema: { hide: true, querystring: DoneQuerySchema } },
    async (request, reply) => renderList(request, reply, request.query.done),
  );
  app.get(`${SUBSCRIPTIONS_PATH}/nouveau`, { schema: { hide: true } }, async (request, reply) =>
    renderForm(request, reply, { subscription: null }),
  );
  app.post(SUBSCRIPTIONS_PATH, { schema: { hide: true, body: FormSchema } }, async (request, reply) => {
    try {
      const s = await createSubscription(request.ctx, draftFromForm(request.body));
      return reply.redirect(`${pathOf(s.id)}?done=created`, 303);
    } catch (error) {
      if (isFormError(error))
        return renderForm(request, reply, { subscription: null, values: request.body, error });
      throw error;
    }
  });
  app.get(
    `${SUBSCRIPTIONS_PATH}/:id`,
    { schema: { hide: true, params: SubscriptionIdParamsSchema, querystring: DoneQuerySchema } },
    async (request, reply) => renderDetail(request, reply, request.params.id, request.query.done),
  );
  app.get(
    `${SUBSCRIPTIONS_PATH}/:id/modifier`,
    { schema: { hide: true, params: SubscriptionIdParamsSchema } },
    async (request, reply) =>
      renderForm(request, reply, { subscription: await getMySubscription(request.ctx, request.params.id) }),
  );
  app.post(
    `${SUBSCRIPTIONS_PATH}/:id`,
    { schema: { hide: true, params: SubscriptionIdParamsSchema, body: FormSchema } },
    async (request, reply) => {
      const current = await getMySubscription(request.ctx, request.params.id);
      try {
        await editSubscription(request.ctx, current.id, draftFromForm(request.body));
        return reply.redirect(`${pathOf(current.id)}?done=updated`, 303);
      } catch (error) {
        if (isFormError(error))
          return renderForm(request, reply, { subscription: current, values: request.body, error });
        throw error;
      }
    },
  );
  app.post(
    `${SUBSCRIPTIONS_PATH}/:id/supprimer`,
    { schema: { hide: true, params: SubscriptionIdParamsSchema } },
    async (request, reply) => {
      await removeSubscription(request.ctx, request.params.id);
      return reply.redirect(`${SUBSCRIPTIONS_PATH}?done=deleted`, 303);
    },
  );
}
