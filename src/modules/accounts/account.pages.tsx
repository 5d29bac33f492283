import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toString as qrCodeSvg } from 'qrcode';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { formatDateTime, translator } from '../../platform/i18n/i18n.js';
import { AccountsErrors } from './accounts.errors.js';
import { accountMessages, commonMessages } from './accounts.messages.js';
import { pathForState } from './accounts.policy.js';
import { CodeFormSchema, PasswordChangeFormSchema, ProfileFormSchema } from './accounts.schemas.js';
import type { TotpEnrolment, User } from './accounts.types.js';
import { ActionButton, ErrorAlert, Notice, asFormError, roleLabel, sendForm } from './accounts.view.js';
import {
  clearSessionCookie,
  clientOf,
  requestSession,
  setSessionCookie,
  type RequestSession,
} from './actor.resolver.js';
import { listOwnSessions, logoutEverywhere, sessionIdOf } from './session.service.js';
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.service.js';
import { changeOwnPassword, getOwnAccount, updateOwnProfile } from './user.service.js';
import { registerTokenPages } from './token.pages.js';
import { TableHead } from '../../platform/http/table-head.js';

const DoneQuerySchema = Type.Object({
  done: Type.Optional(Type.Union([Type.Literal('saved'), Type.Literal('password'), Type.Literal('totp')])),
});

/** The session of a request at a step where the user acts (complete, or the step's own page). */
function ownSession(request: FastifyRequest): RequestSession {
  const current = requestSession(request);
  if (!current || request.ctx.actor.kind !== 'user')
    throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  return current;
}

/**
 * The QR code of an otpauth URI as inline SVG markup. It is generated here from our own data
 * (never user input) and checked to carry no `style` attribute, which the CSP would block.
 */
async function qrSvg(uri: string): Promise<string> {
  const svg = await qrCodeSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 208 });
  if (/\sstyle\s*=/i.test(svg) || /<script/i.test(svg))
    throw new Error('QR code SVG carries a style or script');
  return svg;
}

async function profilePage(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  error: HygieError | null,
  notice: string | null,
): Promise<FastifyReply> {
  const t = translator(request.lang, accountMessages);
  const c = translator(request.lang, commonMessages);
  const sessions = await listOwnSessions(request.ctx);
  const current = requestSession(request);
  const currentId = current ? sessionIdOf(current.token) : '';
  return sendForm(
    reply,
    t('accountTitle'),
    <>
      <h1 safe>{t('accountTitle')}</h1>
      <Notice text={notice} />
      <div class="row g-4">
        <section class="col-lg-6" aria-labelledby="profile-title">
          <h2 class="h4" id="profile-title" safe>
            {t('profile')}
          </h2>
          <ErrorAlert error={error} lang={request.lang} />
          <form method="post" action="/account" novalidate>
            <CsrfField token={request.csrfToken} />
            <div class="mb-3">
              <label class="form-label" for="profile-email" safe>
                {c('email')}
              </label>
              <input
                class="form-control"
                type="email"
                id="profile-email"
                value={user.email}
                autocomplete="username"
                readonly
              />
            </div>
            <div class="mb-3">
              <label class="form-label" for="profile-first" safe>
                {c('firstName')}
              </label>
              <input
                class="form-control"
                id="profile-first"
                name="firstName"
                autocomplete="given-name"
                required
                value={user.firstName}
              />
            </div>
            <div class="mb-3">
              <label class="form-label" for="profile-last" safe>
                {c('lastName')}
              </label>
              <input
                class="form-control"
                id="profile-last"
                name="lastName"
                autocomplete="family-name"
                required
                value={user.lastName}
              />
            </div>
            <div class="mb-3">
              <label class="form-label" for="profile-phone" safe>
                {c('phone')}
              </label>
              <input
                class="form-control"
                type="tel"
                id="profile-phone"
                name="phone"
                autocomplete="tel"
                value={user.phone ?? ''}
                aria-describedby="profile-phone-hint"
              />
              <p class="form-text" id="profile-phone-hint" safe>
                {c('phoneHint')}
              </p>
            </div>
            <div class="mb-3">
              <label class="form-label" for="profile-lang" safe>
                {c('lang')}
              </label>
              <select class="form-select" id="profile-lang" name="lang">
                <option value="fr" selected={user.lang === 'fr'} lang="fr">
                  Français
                </option>
                <option value="en" selected={user.lang === 'en'} lang="en">
                  English
                </option>
              </select>
            </div>
            <button type="submit" class="btn btn-primary" safe>
              {c('save')}
            </button>
          </form>
        </section>
        <section class="col-lg-6" aria-labelledby="security-title">
          <h2 class="h4" id="security-title" safe>
            {t('security')}
          </h2>
          <dl class="row">
            <dt class="col-sm-5" safe>
              {c('role')}
            </dt>
            <dd class="col-sm-7" safe>
              {roleLabel(user.role, request.lang)}
            </dd>
            <dt class="col-sm-5" safe>
              {t('totpStatus')}
            </dt>
            <dd class="col-sm-7" safe>
              {user.totpEnabled ? t('totpOn') : t('totpOff')}
            </dd>
          </dl>
          <ul class="list-unstyled">
            {user.totpEnabled ? (
              <></>
            ) : (
              <li>
                <a href="/account/totp/enrol" safe>
                  {t('totpEnable')}
                </a>
              </li>
            )}
            <li>
              <a href="/account/password" safe>
                {t('changePassword')}
              </a>
            </li>
            <li>
              <a href="/account/tokens" safe>
                {t('tokensLink')}
              </a>
            </li>
          </ul>
        </section>
      </div>
      <section class="mt-4" aria-labelledby="sessions-title">
        <h2 class="h4" id="sessions-title" safe>
          {t('sessionsTitle')}
        </h2>
        <p class="text-body-secondary" safe>
          {t('sessionsIntro')}
        </p>
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <TableHead columns={[t('sessionStarted'), t('sessionSeen'), t('sessionIp'), t('sessionAgent')]} />
            <tbody>
              {sessions.map((s) => (
                <tr>
                  <td
                    safe
                  >{`${formatDateTime(s.createdAt, request.lang)}${s.id === currentId ? ` (${t('thisSession')})` : ''}`}</td>
                  <td safe>{formatDateTime(s.lastSeenAt, request.lang)}</td>
                  <td safe>{s.ip ?? '—'}</td>
                  <td class="small text-break" safe>
                    {s.userAgent ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ActionButton
          action="/account/sessions/logout-everywhere"
          csrfToken={request.csrfToken}
          label={t('logoutEverywhere')}
          variant="outline-danger"
        />
      </section>
    </>,
    error,
  );
}

function passwordPage(
  request: FastifyRequest,
  reply: FastifyReply,
  expired: boolean,
  error: HygieError | null,
): FastifyReply {
  const t = translator(request.lang, accountMessages);
  const c = translator(request.lang, commonMessages);
  return sendForm(
    reply,
    t('passwordTitle'),
    <div class="row justify-content-center">
      <div class="col-md-7 col-lg-5">
        <h1 safe>{t('passwordTitle')}</h1>
        <Notice text={expired ? t('passwordExpired') : null} kind="warning" />
        <ErrorAlert error={error} lang={request.lang} />
        <form method="post" action="/account/password" novalidate>
          <CsrfField token={request.csrfToken} />
          <div class="mb-3">
            <label class="form-label" for="pw-current" safe>
              {c('currentPassword')}
            </label>
            <input
              class="form-control"
              type="password"
              id="pw-current"
              name="currentPassword"
              autocomplete="current-password"
              required
            />
          </div>
          <div class="mb-3">
            <label class="form-label" for="pw-new" safe>
              {c('newPassword')}
            </label>
            <input
              class="form-control"
              type="password"
              id="pw-new"
              name="newPassword"
              autocomplete="new-password"
              minlength="12"
              required
              aria-describedby="pw-hint"
            />
            <p class="form-text" id="pw-hint" safe>
              {c('passwordHint')}
            </p>
          </div>
          <div class="mb-3">
            <label class="form-label" for="pw-confirm" safe>
              {c('confirmation')}
            </label>
            <input
              class="form-control"
              type="password"
              id="pw-confirm"
              name="confirmation"
              autocomplete="new-password"
              required
            />
          </div>
          <button type="submit" class="btn btn-primary" safe>
            {c('save')}
          </button>
        </form>
      </div>
    </div>,
    error,
  );
}

async function enrolPage(
  request: FastifyRequest,
  reply: FastifyReply,
  enrolment: TotpEnrolment | null,
  required: boolean,
  error: HygieError | null,
): Promise<FastifyReply> {
  const t = translator(request.lang, accountMessages);
  const c = translator(request.lang, commonMessages);
  const safeQrSvg = enrolment ? await qrSvg(enrolment.uri) : '';
  return sendForm(
    reply,
    t('enrolTitle'),
    <div class="row justify-content-center">
      <div class="col-md-8 col-lg-6">
        <h1 safe>{t('enrolTitle')}</h1>
        <Notice text={required ? t('enrolRequired') : null} kind="warning" />
        <ErrorAlert error={error} lang={request.lang} />
        {enrolment === null ? (
          <p safe>{t('enrolAlready')}</p>
        ) : (
          <>
            <p safe>{t('enrolStep1')}</p>
            <p safe>{t('enrolStep2')}</p>
            <figure class="mb-3">
              <div class="hygie-qr" role="img" aria-label={t('qrAlt')}>
                {safeQrSvg}
              </div>
            </figure>
            <p class="mb-1" safe>
              {t('enrolManual')}
            </p>
            <p>
              <code class="fs-5 user-select-all" safe>
                {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </p>
            <form method="post" action="/account/totp/enrol" novalidate>
              <CsrfField token={request.csrfToken} />
              <div class="mb-3">
                <label class="form-label" for="enrol-code" safe>
                  {`${t('enrolStep3')} ${c('code')}`}
                </label>
                <input
                  class="form-control"
                  type="text"
                  id="enrol-code"
                  name="code"
                  inputmode="numeric"
                  pattern="[0-9]{6}"
                  maxlength="6"
                  autocomplete="one-time-code"
                  required
                />
              </div>
              <button type="submit" class="btn btn-primary" safe>
                {t('enrolSubmit')}
              </button>
            </form>
          </>
        )}
      </div>
    </div>,
    error,
  );
}

/** Loads the enrolment to show, or null when the second factor is already enabled. */
async function currentEnrolment(request: FastifyRequest): Promise<TotpEnrolment | null> {
  try {
    return await startTotpEnrolment(request.ctx);
  } catch (error) {
    if (error instanceof HygieError && error.code === AccountsErrors.ACCOUNTS_TOTP_ALREADY_ENABLED.code)
      return null;
    throw error;
  }
}

/** The user's own account: profile and sessions, password change, TOTP enrolment, API tokens. */
export function registerAccountPages(app: HttpApp): void {
  app.get('/account', { schema: { hide: true, querystring: DoneQuerySchema } }, async (request, reply) => {
    const t = translator(request.lang, accountMessages);
    const c = translator(request.lang, commonMessages);
    const user = await getOwnAccount(request.ctx);
    const done = request.query.done;
    const notice =
      done === 'saved'
        ? c('saved')
        : done === 'password'
          ? t('passwordChanged')
          : done === 'totp'
            ? t('enrolDone')
            : null;
    return profilePage(request, reply, user, null, notice);
  });

  app.post('/account', { schema: { hide: true, body: ProfileFormSchema } }, async (request, reply) => {
    const body = request.body;
    try {
      const user = await updateOwnProfile(request.ctx, {
        firstName: body.firstName,
        lastName: body.lastName,
        phone: body.phone ?? null,
        ...(body.lang === 'fr' || body.lang === 'en' ? { lang: body.lang } : {}),
      });
      reply.setCookie('hygie_lang', user.lang, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.ctx.config.secureCookies,
        maxAge: 365 * 86400,
      });
      return reply.redirect('/account?done=saved', 303);
    } catch (error) {
      const failure = asFormError(error);
      return profilePage(request, reply, await getOwnAccount(request.ctx), failure, null);
    }
  });

  app.post('/account/sessions/logout-everywhere', { schema: { hide: true } }, async (request, reply) => {
    await logoutEverywhere(request.ctx);
    clearSessionCookie(reply, request.ctx);
    return reply.redirect('/login?done=logged-out', 303);
  });

  app.get('/account/password', { schema: { hide: true } }, async (request, reply) => {
    const current = ownSession(request);
    return passwordPage(request, reply, current.auth.user.passwordExpired, null);
  });

  app.post(
    '/account/password',
    { schema: { hide: true, body: PasswordChangeFormSchema } },
    async (request, reply) => {
      const current = ownSession(request);
      try {
        const step = await changeOwnPassword(request.ctx, request.body, current.token, clientOf(request));
        setSessionCookie(reply, request.ctx, step.sessionToken);
        return reply.redirect(
          step.state === 'complete' ? '/account?done=password' : pathForState(step.state),
          303,
        );
      } catch (error) {
        return passwordPage(request, reply, current.auth.user.passwordExpired, asFormError(error));
      }
    },
  );

  app.get('/account/totp/enrol', { schema: { hide: true } }, async (request, reply) => {
    const current = ownSession(request);
    return enrolPage(
      request,
      reply,
      await currentEnrolment(request),
      current.auth.state === 'totp-enrolment',
      null,
    );
  });

  app.post(
    '/account/totp/enrol',
    { schema: { hide: true, body: CodeFormSchema } },
    async (request, reply) => {
      const current = ownSession(request);
      try {
        const step = await confirmTotpEnrolment(
          request.ctx,
          request.body.code,
          current.token,
          clientOf(request),
        );
        setSessionCookie(reply, request.ctx, step.sessionToken);
        if (step.state !== 'complete') return reply.redirect(pathForState(step.state), 303);
        return reply.redirect(current.auth.state === 'totp-enrolment' ? '/' : '/account?done=totp', 303);
      } catch (error) {
        const failure = asFormError(error);
        return enrolPage(
          request,
          reply,
          await currentEnrolment(request),
          current.auth.state === 'totp-enrolment',
          failure,
        );
      }
    },
  );

  registerTokenPages(app);
}
