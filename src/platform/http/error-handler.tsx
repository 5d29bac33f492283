import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, HygieError, type ErrorDetail } from '../../lib/errors.js';
import { defineMessages, translator } from '../i18n/i18n.js';

const messages = defineMessages({
  errorTitle: { fr: 'Erreur', en: 'Error' },
  notFoundTitle: { fr: 'Page introuvable', en: 'Page not found' },
  back: { fr: "Retour à l'accueil", en: 'Back to home' },
  code: { fr: 'Code', en: 'Code' },
});

/** True when the caller expects JSON (API routes) rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Turns any thrown error into a HygieError the user can act on. */
export function toHygieError(error: unknown, request: FastifyRequest): HygieError {
  if (error instanceof HygieError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const details: ErrorDetail[] = fe.validation.map((v) => ({
      field: (v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '')
        .replace(/^\//, '')
        .replace(/\//g, '.'),
      message: v.message ?? 'invalid value',
    }));
    return new HygieError(CommonErrors.COMMON_VALIDATION, {}, details);
  }
  if (fe.statusCode === 429) return new HygieError(CommonErrors.COMMON_RATE_LIMITED);
  if (fe.statusCode === 404) return new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'Page' });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new HygieError(CommonErrors.COMMON_VALIDATION, {}, [{ message: fe.message }]);
  }
  return new HygieError(CommonErrors.COMMON_INTERNAL, { requestId: request.id });
}

/** Renders an error in the shape the caller expects: JSON for the API, a page or redirect otherwise. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: HygieError): FastifyReply {
  if (wantsJson(request)) {
    return reply.status(error.status).send({
      error: { code: error.code, message: error.messageIn(request.lang), details: error.details },
    });
  }
  if (error.status === 401 && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const t = translator(request.lang, messages);
  const title = error.status === 404 ? t('notFoundTitle') : t('errorTitle');
  return reply.page(
    title,
    <div class="container">
      <h1 safe>{title}</h1>
      <div class="alert alert-danger" role="alert">
        <p class="mb-1" safe>
          {error.messageIn(request.lang)}
        </p>
        {error.details.length > 0 ? (
          <ul class="mb-0">
            {error.details.map((d) => (
              <li safe>
                {d.field ? `${d.field}${d.line ? ` (ligne ${d.line})` : ''} : ${d.message}` : d.message}
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
        <p class="small text-body-secondary mb-0 mt-2">
          <span safe>{`${t('code')} : `}</span>
          <code safe>{error.code}</code>
        </p>
      </div>
      <a href="/" safe>
        {t('back')}
      </a>
    </div>,
    error.status,
  );
}

/** Installs the error and not-found handlers. Internal errors are logged with the request id. */
export function installErrorHandler(
  app: Pick<FastifyInstance, 'setErrorHandler' | 'setNotFoundHandler'>,
): void {
  app.setErrorHandler((error, request, reply) => {
    const hygieError = toHygieError(error, request);
    if (hygieError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, hygieError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: request.lang === 'fr' ? 'Page' : 'Page' }),
    ),
  );
}
