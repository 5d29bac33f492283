import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { ROLES, type Role } from '../../platform/auth/actor.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { formatDateTime, translator, type Lang } from '../../platform/i18n/i18n.js';
import { commonMessages, usersMessages } from './accounts.messages.js';
import { IdParamsSchema, UserFormSchema } from './accounts.schemas.js';
import type { User } from './accounts.types.js';
import { ActionButton, ErrorAlert, Notice, ShownOnce, asFormError, roleLabel, sendForm } from './accounts.view.js';
import { registerUserListPage } from './user-list.pages.js';
import {
  createUser,
  describeUserStructures,
  disableUser,
  enableUser,
  getUserForAdministration,
  issueOneTimePassword,
  listUsers,
  resetUserTotp,
  updateUser,
} from './user.service.js';

const DoneQuerySchema = Type.Object({
  done: Type.Optional(Type.Union([Type.Literal('saved'), Type.Literal('disabled'), Type.Literal('enabled'), Type.Literal('totp-reset')])),
});

/** Values typed in the account form, kept when it is shown again with an error. */
interface UserFormValues {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  role?: string;
  structureIds?: string;
  lang?: string;
}

/** Structure ids typed one per line or separated by commas, semicolons or spaces. */
function splitIds(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter(Boolean);
}

function langOf(value: string | undefined): Lang | undefined {
  return value === 'fr' || value === 'en' ? value : undefined;
}

function UserFields(props: { lang: Lang; values: UserFormValues; withEmail: boolean }): JSX.Element {
  const c = translator(props.lang, commonMessages);
  const t = translator(props.lang, usersMessages);
  const v = props.values;
  return (
    <>
      {props.withEmail ? (
        <div class="mb-3">
          <label class="form-label" for="user-email" safe>
            {c('email')}
          </label>
          <input class="form-control" type="email" id="user-email" name="email" autocomplete="off" required value={v.email ?? ''} />
        </div>
      ) : (
        <></>
      )}
      <div class="row g-3 mb-3">
        <div class="col-md-6">
          <label class="form-label" for="user-first" safe>
            {c('firstName')}
          </label>
          <input class="form-control" id="user-first" name="firstName" autocomplete="off" required value={v.firstName ?? ''} />
        </div>
        <div class="col-md-6">
          <label class="form-label" for="user-last" safe>
            {c('lastName')}
          </label>
          <input class="form-control" id="user-last" name="lastName" autocomplete="off" required value={v.lastName ?? ''} />
        </div>
      </div>
      <div class="mb-3">
        <label class="form-label" for="user-phone" safe>
          {c('phone')}
        </label>
        <input class="form-control" type="tel" id="user-phone" name="phone" autocomplete="off" value={v.phone ?? ''} aria-describedby="user-phone-hint" />
        <p class="form-text" id="user-phone-hint" safe>
          {c('phoneHint')}
        </p>
      </div>
      <div class="row g-3 mb-3">
        <div class="col-md-6">
          <label class="form-label" for="user-role" safe>
            {c('role')}
          </label>
          <select class="form-select" id="user-role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === v.role} safe>
                {roleLabel(r, props.lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-6">
          <label class="form-label" for="user-lang" safe>
            {c('lang')}
          </label>
          <select class="form-select" id="user-lang" name="lang">
            <option value="fr" selected={v.lang !== 'en'} lang="fr">
              Français
            </option>
            <option value="en" selected={v.lang === 'en'} lang="en">
              English
            </option>
          </select>
        </div>
      </div>
      <div class="mb-3">
        <label class="form-label" for="user-structures" safe>
          {c('structures')}
        </label>
        <textarea class="form-control" id="user-structures" name="structureIds" rows="3" aria-describedby="user-structures-hint" safe>
          {v.structureIds ?? ''}
        </textarea>
        <p class="form-text" id="user-structures-hint" safe>
          {t('structuresHint')}
        </p>
      </div>
    </>
  );
}

function newUserPage(request: FastifyRequest, reply: FastifyReply, values: UserFormValues, error: HygieError | null): FastifyReply {
  const t = translator(request.lang, usersMessages);
  return sendForm(
    reply,
    t('newUser'),
    <div class="row">
      <div class="col-lg-8">
        <h1 safe>{t('newUser')}</h1>
        <ErrorAlert error={error} lang={request.lang} />
        <form method="post" action="/admin/users/new" novalidate>
          <CsrfField token={request.csrfToken} />
          <UserFields lang={request.lang} values={values} withEmail />
          <button type="submit" class="btn btn-primary" safe>
            {t('create')}
          </button>{' '}
          <a class="btn btn-link" href="/admin/users" safe>
            {t('back')}
          </a>
        </form>
      </div>
    </div>,
    error,
  );
}

async function userPage(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  extra: { values?: UserFormValues; error?: HygieError | null; notice?: string | null; oneTimePassword?: string; oneTimeIntro?: string },
): Promise<FastifyReply> {
  const t = translator(request.lang, usersMessages);
  const c = translator(request.lang, commonMessages);
  const structures = await describeUserStructures(request.ctx, user);
  const values: UserFormValues = extra.values ?? {
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone ?? '',
    role: user.role,
    lang: user.lang,
    structureIds: user.structureIds.join('\n'),
  };
  const base = `/admin/users/${encodeURIComponent(user.id)}`;
  const error = extra.error ?? null;
  // The layout does not escape the <title>: user data stays out of it (shown in the <h1>).
  return sendForm(
    reply,
    t('accountTitle'),
    <>
      <h1 safe>{t('editTitle', { name: `${user.firstName} ${user.lastName}` })}</h1>
      <p>
        <a href="/admin/users" safe>
          {t('back')}
        </a>
      </p>
      <Notice text={extra.notice ?? null} />
      {extra.oneTimePassword ? <ShownOnce intro={extra.oneTimeIntro ?? t('issued')} secret={extra.oneTimePassword} label={t('issuePassword')} /> : <></>}
      <div class="row g-4">
        <div class="col-lg-7">
          <dl class="row">
            <dt class="col-sm-4" safe>
              {c('email')}
            </dt>
            <dd class="col-sm-8" safe>
              {user.email}
            </dd>
            <dt class="col-sm-4" safe>
              {c('status')}
            </dt>
            <dd class="col-sm-8" safe>
              {`${user.status === 'active' ? c('active') : c('disabled')}${user.lockedUntil && Date.parse(user.lockedUntil) > request.ctx.clock.now().getTime() ? ` · ${c('locked', { until: formatDateTime(user.lockedUntil, request.lang) })}` : ''}`}
            </dd>
            <dt class="col-sm-4" safe>
              {t('passwordState')}
            </dt>
            <dd class="col-sm-8" safe>
              {user.passwordExpired ? t('passwordOneTime') : t('passwordOwn')}
            </dd>
            <dt class="col-sm-4" safe>
              {t('totp')}
            </dt>
            <dd class="col-sm-8" safe>
              {user.totpEnabled ? c('yes') : c('no')}
            </dd>
            <dt class="col-sm-4" safe>
              {t('lastLogin')}
            </dt>
            <dd class="col-sm-8" safe>
              {user.lastLoginAt ? formatDateTime(user.lastLoginAt, request.lang) : c('never')}
            </dd>
            <dt class="col-sm-4" safe>
              {t('createdAt')}
            </dt>
            <dd class="col-sm-8" safe>
              {formatDateTime(user.createdAt, request.lang)}
            </dd>
            <dt class="col-sm-4" safe>
              {c('structures')}
            </dt>
            <dd class="col-sm-8">
              {structures.length === 0 ? (
                '—'
              ) : (
                <ul class="list-unstyled mb-0">
                  {structures.map((s) => (
                    <li safe>{s.name === s.id ? s.id : `${s.name} (${s.id})`}</li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <ErrorAlert error={error} lang={request.lang} />
          <form method="post" action={base} novalidate>
            <CsrfField token={request.csrfToken} />
            <UserFields lang={request.lang} values={values} withEmail={false} />
            <button type="submit" class="btn btn-primary" safe>
              {c('save')}
            </button>
          </form>
        </div>
        <section class="col-lg-5" aria-labelledby="user-actions">
          <h2 class="h5" id="user-actions" safe>
            {t('actionsTitle')}
          </h2>
          {user.status === 'active' ? (
            <ActionButton action={`${base}/disable`} csrfToken={request.csrfToken} label={t('disable')} variant="outline-danger" />
          ) : (
            <ActionButton action={`${base}/enable`} csrfToken={request.csrfToken} label={t('enable')} variant="outline-success" />
          )}
          <ActionButton action={`${base}/totp-reset`} csrfToken={request.csrfToken} label={t('resetTotp')} hint={t('resetTotpHint')} />
          <ActionButton action={`${base}/one-time-password`} csrfToken={request.csrfToken} label={t('issuePassword')} hint={t('issuePasswordHint')} />
        </section>
      </div>
    </>,
    error,
  );
}

/** Administration pages: list, creation and edition of accounts. */
export function registerUsersPages(app: HttpApp): void {
  registerUserListPage(app);

  app.get('/admin/users/new', { schema: { hide: true } }, async (request, reply) => {
    // Listing users is admin-only: checking it here refuses the form to others before they fill it.
    await listUsers(request.ctx, { pageSize: 1 });
    return newUserPage(request, reply, { role: 'beneficiary' }, null);
  });

  app.post('/admin/users/new', { schema: { hide: true, body: UserFormSchema } }, async (request, reply) => {
    const body = request.body;
    try {
      const { user, oneTimePassword } = await createUser(request.ctx, {
        email: body.email ?? '',
        firstName: body.firstName,
        lastName: body.lastName,
        phone: body.phone ?? null,
        role: body.role as Role,
        structureIds: splitIds(body.structureIds),
        ...(langOf(body.lang) ? { lang: langOf(body.lang) } : {}),
      });
      // Rendered in this answer only: the password is never stored in clear nor put in a URL.
      const t = translator(request.lang, usersMessages);
      return await userPage(request, reply, user, { oneTimePassword, oneTimeIntro: t('created') });
    } catch (error) {
      return newUserPage(request, reply, body, asFormError(error));
    }
  });

  app.get('/admin/users/:id', { schema: { hide: true, params: IdParamsSchema, querystring: DoneQuerySchema } }, async (request, reply) => {
    const t = translator(request.lang, usersMessages);
    const c = translator(request.lang, commonMessages);
    const user = await getUserForAdministration(request.ctx, request.params.id);
    const done = request.query.done;
    const notice =
      done === 'saved' ? c('saved') : done === 'disabled' ? t('disabledDone') : done === 'enabled' ? t('enabledDone') : done === 'totp-reset' ? t('totpResetDone') : null;
    return userPage(request, reply, user, { notice });
  });

  app.post('/admin/users/:id', { schema: { hide: true, params: IdParamsSchema, body: UserFormSchema } }, async (request, reply) => {
    const body = request.body;
    const id = request.params.id;
    try {
      await updateUser(request.ctx, id, {
        firstName: body.firstName,
        lastName: body.lastName,
        phone: body.phone ?? null,
        role: body.role as Role,
        structureIds: splitIds(body.structureIds),
        ...(langOf(body.lang) ? { lang: langOf(body.lang) } : {}),
      });
      return reply.redirect(`/admin/users/${encodeURIComponent(id)}?done=saved`, 303);
    } catch (error) {
      const failure = asFormError(error);
      return userPage(request, reply, await getUserForAdministration(request.ctx, id), { values: body, error: failure });
    }
  });

  app.post('/admin/users/:id/disable', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    await disableUser(request.ctx, request.params.id);
    return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=disabled`, 303);
  });

  app.post('/admin/users/:id/enable', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    await enableUser(request.ctx, request.params.id);
    return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=enabled`, 303);
  });

  app.post('/admin/users/:id/totp-reset', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    await resetUserTotp(request.ctx, request.params.id);
    return reply.redirect(`/admin/users/${encodeURIComponent(request.params.id)}?done=totp-reset`, 303);
  });

  app.post('/admin/users/:id/one-time-password', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const { user, oneTimePassword } = await issueOneTimePassword(request.ctx, request.params.id);
    // Rendered in this answer only: the password is never stored in clear nor put in a URL.
    return userPage(request, reply, user, { oneTimePassword });
  });
}
