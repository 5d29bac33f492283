import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { formatDateTime, translator } from '../../platform/i18n/i18n.js';
import { accountMessages, commonMessages } from './accounts.messages.js';
import { tokenRolesFor } from './accounts.policy.js';
import { IdParamsSchema, TokenFormSchema } from './accounts.schemas.js';
import type { ApiToken, Role } from './accounts.types.js';
import { ErrorAlert, ShownOnce, asFormError, roleLabel, sendForm } from './accounts.view.js';
import { createApiToken, listOwnApiTokens, revokeApiToken } from './api-token.service.js';
import { ROLES } from '../../platform/auth/actor.js';
import { TableHead } from '../../platform/http/table-head.js';

function tokenState(
  token: ApiToken,
  now: Date,
  t: (key: 'tokenRevoked' | 'tokenExpired' | 'tokenValid') => string,
): string {
  if (token.revokedAt !== null) return t('tokenRevoked');
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return t('tokenExpired');
  return t('tokenValid');
}

async function tokensPage(
  request: FastifyRequest,
  reply: FastifyReply,
  shown: { secret: string } | null,
  error: HygieError | null,
): Promise<FastifyReply> {
  const t = translator(request.lang, accountMessages);
  const c = translator(request.lang, commonMessages);
  const tokens = await listOwnApiTokens(request.ctx);
  const actor = request.ctx.actor;
  const roles: readonly Role[] = actor.kind === 'user' ? tokenRolesFor(actor.role) : [];
  const now = request.ctx.clock.now();
  return sendForm(
    reply,
    t('tokensTitle'),
    <>
      <h1 safe>{t('tokensTitle')}</h1>
      <p class="text-body-secondary" safe>
        {t('tokensIntro')}
      </p>
      {shown ? (
        <ShownOnce intro={t('tokenShownOnce')} secret={shown.secret} label={t('tokensTitle')} />
      ) : (
        <></>
      )}
      <ErrorAlert error={error} lang={request.lang} />
      <form method="post" action="/account/tokens" class="row g-2 align-items-end mb-4" novalidate>
        <CsrfField token={request.csrfToken} />
        <div class="col-md-4">
          <label class="form-label" for="token-name" safe>
            {t('tokenName')}
          </label>
          <input
            class="form-control"
            id="token-name"
            name="name"
            maxlength="100"
            autocomplete="off"
            required
          />
        </div>
        <div class="col-md-3">
          <label class="form-label" for="token-role" safe>
            {t('tokenRole')}
          </label>
          <select class="form-select" id="token-role" name="role">
            {ROLES.filter((r) => roles.includes(r)).map((r) => (
              <option value={r} selected={actor.kind === 'user' && r === actor.role} safe>
                {roleLabel(r, request.lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-3">
          <label class="form-label" for="token-expires" safe>
            {t('tokenExpires')}
          </label>
          <input class="form-control" type="date" id="token-expires" name="expiresAt" autocomplete="off" />
        </div>
        <div class="col-md-2">
          <button type="submit" class="btn btn-primary w-100" safe>
            {t('tokenCreate')}
          </button>
        </div>
      </form>
      {tokens.length === 0 ? (
        <p safe>{t('tokenNone')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <TableHead
              columns={[
                t('tokenName'),
                t('tokenRole'),
                t('tokenCreated'),
                t('tokenExpires'),
                t('tokenLastUsed'),
                t('tokenState'),
                t('actions'),
              ]}
            />
            <tbody>
              {tokens.map((token) => (
                <tr>
                  <td safe>{token.name}</td>
                  <td safe>{roleLabel(token.role, request.lang)}</td>
                  <td safe>{formatDateTime(token.createdAt, request.lang)}</td>
                  <td safe>{token.expiresAt ? formatDateTime(token.expiresAt, request.lang) : c('never')}</td>
                  <td safe>
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt, request.lang) : c('never')}
                  </td>
                  <td safe>{tokenState(token, now, t)}</td>
                  <td>
                    {token.revokedAt === null ? (
                      <form method="post" action={`/account/tokens/${encodeURIComponent(token.id)}/revoke`}>
                        <CsrfField token={request.csrfToken} />
                        <button
                          type="submit"
                          class="btn btn-sm btn-outline-danger"
                          aria-label={`${t('tokenRevoke')} ${token.name}`}
                          safe
                        >
                          {t('tokenRevoke')}
                        </button>
                      </form>
                    ) : (
                      <></>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    error,
  );
}

/** `/account/tokens`: the user's API tokens, creation (secret shown once) and revocation. */
export function registerTokenPages(app: HttpApp): void {
  app.get('/account/tokens', { schema: { hide: true } }, async (request, reply) =>
    tokensPage(request, reply, null, null),
  );

  app.post('/account/tokens', { schema: { hide: true, body: TokenFormSchema } }, async (request, reply) => {
    const body = request.body;
    try {
      const role = ROLES.find((r) => r === body.role);
      const { secret } = await createApiToken(request.ctx, {
        name: body.name,
        ...(role ? { role } : {}),
        expiresAt: body.expiresAt ?? null,
      });
      // The secret is rendered in this answer only (no redirect that would need to carry it).
      return await tokensPage(request, reply, { secret }, null);
    } catch (error) {
      return tokensPage(request, reply, null, asFormError(error));
    }
  });

  app.post(
    '/account/tokens/:id/revoke',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      await revokeApiToken(request.ctx, request.params.id);
      return reply.redirect('/account/tokens', 303);
    },
  );
}
