import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { AccountsErrors } from './accounts.errors.js';
import { commonMessages, loginMessages } from './accounts.messages.js';
import { pathForState, safeNextPath } from './accounts.policy.js';
import type { LoginStep } from './accounts.types.js';
import { ErrorAlert, Notice, asFormError, sendForm } from './accounts.view.js';
import { clearSessionCookie, clientOf, requestSession, setSessionCookie } from './actor.resolver.js';
import { CodeFormSchema, ForgotFormSchema, LoginFormSchema, ResetFormSchema, ResetQuerySchema } from './accounts.schemas.js';
import { loginWithPassword, verifyLoginCode } from './login.service.js';
import { checkPasswordResetLink, requestPasswordReset, resetPasswordWithLink } from './password-reset.service.js';
import { logout } from './session.service.js';

/** Per-address limit on the forms that check a secret or send mail (on top of the account lock-out). */
const RATE_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

const LoginQuerySchema = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  done: Type.Optional(Type.Union([Type.Literal('logged-out'), Type.Literal('password-reset')])),
});

/** Where a browser goes after a login step. */
function afterStep(step: LoginStep, next: string | undefined): string {
  if (step.state === 'complete') return safeNextPath(next);
  if (step.state === 'second-factor') {
    const target = safeNextPath(next, '');
    return target ? `/login/totp?next=${encodeURIComponent(target)}` : '/login/totp';
  }
  return pathForState(step.state);
}

function loginPage(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { email?: string; next?: string; error?: HygieError | null; notice?: string | null },
): FastifyReply {
  const t = translator(request.lang, loginMessages);
  const c = translator(request.lang, commonMessages);
  const error = form.error ?? null;
  return sendForm(
    reply,
    t('loginTitle'),
    <div class="row justify-content-center">
      <div class="col-md-6 col-lg-4">
        <h1 safe>{t('loginTitle')}</h1>
        <p class="text-body-secondary" safe>
          {t('loginIntro')}
        </p>
        <Notice text={form.notice ?? null} kind="info" />
        <ErrorAlert error={error} lang={request.lang} />
        <form method="post" action="/login" novalidate>
          <CsrfField token={request.csrfToken} />
          <input type="hidden" name="next" value={safeNextPath(form.next, '')} />
          <div class="mb-3">
            <label class="form-label" for="login-email" safe>
              {c('email')}
            </label>
            <input class="form-control" type="email" id="login-email" name="email" autocomplete="username" required value={form.email ?? ''} />
          </div>
          <div class="mb-3">
            <label class="form-label" for="login-password" safe>
              {c('password')}
            </label>
            <input class="form-control" type="password" id="login-password" name="password" autocomplete="current-password" required />
          </div>
          <button type="submit" class="btn btn-primary w-100" safe>
            {t('loginSubmit')}
          </button>
        </form>
        <p class="mt-3">
          <a href="/password/forgot" safe>
            {t('forgot')}
          </a>
        </p>
      </div>
    </div>,
    error,
  );
}

function totpPage(request: FastifyRequest, reply: FastifyReply, next: string | undefined, error: HygieError | null): FastifyReply {
  const t = translator(request.lang, loginMessages);
  const c = translator(request.lang, commonMessages);
  return sendForm(
    reply,
    t('totpTitle'),
    <div class="row justify-content-center">
      <div class="col-md-6 col-lg-4">
        <h1 safe>{t('totpTitle')}</h1>
        <p safe>{t('totpIntro')}</p>
        <ErrorAlert error={error} lang={request.lang} />
        <form method="post" action="/login/totp" novalidate>
          <CsrfField token={request.csrfToken} />
          <input type="hidden" name="next" value={safeNextPath(next, '')} />
          <div class="mb-3">
            <label class="form-label" for="totp-code" safe>
              {c('code')}
            </label>
            <input
              class="form-control"
              type="text"
              id="totp-code"
              name="code"
              inputmode="numeric"
              pattern="[0-9]{6}"
              maxlength="6"
              autocomplete="one-time-code"
              required
              autofocus
            />
          </div>
          <button type="submit" class="btn btn-primary w-100" safe>
            {t('totpSubmit')}
          </button>
        </form>
        <p class="form-text mt-3" safe>
          {t('totpLost')}
        </p>
        <form method="post" action="/logout">
          <CsrfField token={request.csrfToken} />
          <button type="submit" class="btn btn-link p-0" safe>
            {c('cancel')}
          </button>
        </form>
      </div>
    </div>,
    error,
  );
}

function forgotPage(request: FastifyRequest, reply: FastifyReply, sent: boolean): FastifyReply {
  const t = translator(request.lang, loginMessages);
  const c = translator(request.lang, commonMessages);
  return reply.page(
    t('forgotTitle'),
    <div class="row justify-content-center">
      <div class="col-md-6 col-lg-5">
        <h1 safe>{t('forgotTitle')}</h1>
        {sent ? (
          <Notice text={t('forgotSent')} kind="info" />
        ) : (
          <>
            <p safe>{t('forgotIntro')}</p>
            <form method="post" action="/password/forgot" novalidate>
              <CsrfField token={request.csrfToken} />
              <div class="mb-3">
                <label class="form-label" for="forgot-email" safe>
                  {c('email')}
                </label>
                <input class="form-control" type="email" id="forgot-email" name="email" autocomplete="username" required />
              </div>
              <button type="submit" class="btn btn-primary" safe>
                {t('forgotSubmit')}
              </button>
            </form>
          </>
        )}
        <p class="mt-3">
          <a href="/login" safe>
            {t('backToLogin')}
          </a>
        </p>
      </div>
    </div>,
  );
}

function resetPage(request: FastifyRequest, reply: FastifyReply, token: string | null, error: HygieError | null): FastifyReply {
  const t = translator(request.lang, loginMessages);
  const c = translator(request.lang, commonMessages);
  const linkDead = error?.code === AccountsErrors.ACCOUNTS_RESET_LINK_INVALID.code;
  return sendForm(
    reply,
    t('resetTitle'),
    <div class="row justify-content-center">
      <div class="col-md-6 col-lg-5">
        <h1 safe>{t('resetTitle')}</h1>
        <ErrorAlert error={error} lang={request.lang} />
        {linkDead || token === null ? (
          <p>
            <a href="/password/forgot" safe>
              {t('newLink')}
            </a>
          </p>
        ) : (
          <form method="post" action="/password/reset" novalidate>
            <CsrfField token={request.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <div class="mb-3">
              <label class="form-label" for="reset-new" safe>
                {c('newPassword')}
              </label>
              <input
                class="form-control"
                type="password"
                id="reset-new"
                name="newPassword"
                autocomplete="new-password"
                minlength="12"
                required
                aria-describedby="reset-hint"
              />
              <p class="form-text" id="reset-hint" safe>
                {c('passwordHint')}
              </p>
            </div>
            <div class="mb-3">
              <label class="form-label" for="reset-confirm" safe>
                {c('confirmation')}
              </label>
              <input class="form-control" type="password" id="reset-confirm" name="confirmation" autocomplete="new-password" required />
            </div>
            <button type="submit" class="btn btn-primary" safe>
              {t('resetSubmit')}
            </button>
          </form>
        )}
      </div>
    </div>,
    error,
  );
}

/** Login (password, then TOTP code), logout, forgotten password and reset pages. */
export function registerLoginPages(app: HttpApp): void {
  app.get('/login', { schema: { hide: true, querystring: LoginQuerySchema } }, async (request, reply) => {
    if (request.ctx.actor.kind === 'user') return reply.redirect(safeNextPath(request.query.next), 303);
    const t = translator(request.lang, loginMessages);
    const done = request.query.done;
    const notice = done === 'logged-out' ? t('loggedOut') : done === 'password-reset' ? t('resetDone') : null;
    return loginPage(request, reply, { next: request.query.next, notice });
  });

  app.post('/login', { schema: { hide: true, body: LoginFormSchema }, config: RATE_LIMIT }, async (request, reply) => {
    const { email, password, next } = request.body;
    try {
      const previous = requestSession(request);
      if (previous) await logout(request.ctx, previous.token);
      const step = await loginWithPassword(request.ctx, { email, password }, clientOf(request));
      setSessionCookie(reply, request.ctx, step.sessionToken);
      return reply.redirect(afterStep(step, next), 303);
    } catch (error) {
      return loginPage(request, reply, { email, next, error: asFormError(error) });
    }
  });

  app.get('/login/totp', { schema: { hide: true, querystring: LoginQuerySchema } }, async (request, reply) => {
    const current = requestSession(request);
    if (!current) return reply.redirect('/login', 303);
    if (current.auth.state !== 'second-factor') return reply.redirect(afterStep({ ...current.auth, sessionToken: current.token, userId: current.auth.user.id }, request.query.next), 303);
    return totpPage(request, reply, request.query.next, null);
  });

  app.post('/login/totp', { schema: { hide: true, body: CodeFormSchema }, config: RATE_LIMIT }, async (request, reply) => {
    const current = requestSession(request);
    if (!current) return reply.redirect('/login', 303);
    try {
      const step = await verifyLoginCode(request.ctx, current.token, request.body.code, clientOf(request));
      setSessionCookie(reply, request.ctx, step.sessionToken);
      return reply.redirect(afterStep(step, request.body.next), 303);
    } catch (error) {
      const failure = asFormError(error);
      if (failure.code === AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE.code) return totpPage(request, reply, request.body.next, failure);
      clearSessionCookie(reply, request.ctx);
      return loginPage(request, reply, { next: request.body.next, error: failure });
    }
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    const current = requestSession(request);
    if (current) await logout(request.ctx, current.token);
    clearSessionCookie(reply, request.ctx);
    return reply.redirect('/login?done=logged-out', 303);
  });

  app.get('/password/forgot', { schema: { hide: true } }, async (request, reply) => forgotPage(request, reply, false));

  app.post('/password/forgot', { schema: { hide: true, body: ForgotFormSchema }, config: RATE_LIMIT }, async (request, reply) => {
    await requestPasswordReset(request.ctx, request.body.email);
    return forgotPage(request, reply, true);
  });

  app.get('/password/reset', { schema: { hide: true, querystring: ResetQuerySchema } }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      await checkPasswordResetLink(request.ctx, token);
      return resetPage(request, reply, token, null);
    } catch (error) {
      return resetPage(request, reply, null, asFormError(error));
    }
  });

  app.post('/password/reset', { schema: { hide: true, body: ResetFormSchema }, config: RATE_LIMIT }, async (request, reply) => {
    const { token, newPassword, confirmation } = request.body;
    try {
      await resetPasswordWithLink(request.ctx, { token, newPassword, confirmation });
      clearSessionCookie(reply, request.ctx);
      return reply.redirect('/login?done=password-reset', 303);
    } catch (error) {
      return resetPage(request, reply, token, asFormError(error));
    }
  });
}
