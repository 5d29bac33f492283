/**
 * `/desabonnement?token=…`, the link of every digest (and its `List-Unsubscribe` header):
 *
 * - GET shows a confirmation page and changes nothing (mail scanners and link previews follow
 *   links);
 * - POST turns the subscription off. It is EXEMPT FROM THE CSRF CHECK (`config: { csrf: false }`,
 *   see `platform/http/server.ts`): RFC 8058 one-click unsubscribe is a POST from the mail client
 *   (`List-Unsubscribe=One-Click`) that cannot carry a CSRF token; the signed token in the URL is
 *   the whole authority (no cookie or session is used), so a forged cross-site POST gains
 *   nothing without it. The page's own form still carries the CSRF field, like every form.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { SUBSCRIPTIONS_PATH } from './subscription.pages.js';
import { subscriptionMessages } from './subscription.messages.js';
import { describeUnsubscribeTarget, unsubscribeByToken, type UnsubscribeTarget } from './unsubscribe.service.js';

/** Path of the unsubscribe link. */
export const UNSUBSCRIBE_PATH = '/desabonnement';

const TokenQuerySchema = Type.Object({ token: Type.Optional(Type.String({ maxLength: 300 })) });

function page(request: FastifyRequest, reply: FastifyReply, body: JSX.Element): FastifyReply {
  const t = translator(request.lang, subscriptionMessages);
  reply.header('x-robots-tag', 'noindex');
  return reply.page(
    t('unsubscribeTitle'),
    <>
      <h1 safe>{t('unsubscribeTitle')}</h1>
      {body}
      <p class="mt-4">
        <a href={SUBSCRIPTIONS_PATH} safe>
          {t('manage')}
        </a>
      </p>
    </>,
  );
}

function outcome(request: FastifyRequest, target: UnsubscribeTarget, done: boolean): JSX.Element {
  const t = translator(request.lang, subscriptionMessages);
  if (target.state === 'gone') return <p safe>{t('unsubscribeGone')}</p>;
  const text = done ? t('unsubscribed', { name: target.name }) : t('alreadyUnsubscribed', { name: target.name });
  return (
    <div class="alert alert-success" role="status" safe>
      {text}
    </div>
  );
}

/** Registers the unsubscribe confirmation page and its one-click POST. */
export function registerUnsubscribePages(app: HttpApp): void {
  app.get(UNSUBSCRIBE_PATH, { schema: { hide: true, querystring: TokenQuerySchema } }, async (request, reply) => {
    const t = translator(request.lang, subscriptionMessages);
    const target = await describeUnsubscribeTarget(request.ctx, request.query.token);
    if (target.state !== 'active') return page(request, reply, outcome(request, target, false));
    return page(
      request,
      reply,
      <>
        <p safe>{t('unsubscribeConfirm', { name: target.name })}</p>
        <p class="text-body-secondary" safe>
          {t('unsubscribeHelp')}
        </p>
        <form method="post" action={`${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(request.query.token ?? '')}`}>
          <CsrfField token={request.csrfToken} />
          <button type="submit" class="btn btn-danger" safe>
            {t('unsubscribeButton')}
          </button>
        </form>
      </>,
    );
  });
  app.post(UNSUBSCRIBE_PATH, { schema: { hide: true, querystring: TokenQuerySchema }, config: { csrf: false } }, async (request, reply) => {
    const before = await unsubscribeByToken(request.ctx, request.query.token);
    return page(request, reply, outcome(request, before, before.state === 'active'));
  });
}
