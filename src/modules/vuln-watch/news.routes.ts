/** JSON API of news items: public reads (published only), CERT writers' create, change, publish, withdraw. */
import type { Static } from '@sinclair/typebox';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { ServiceContext } from '../../platform/context.js';
import type { HttpApp } from '../../platform/http/server.js';
import { IdParamsSchema, NewsInputSchema, NewsPageSchema, NewsQuerySchema, NewsSchema, WithdrawInputSchema } from './bulletin.schemas.js';
import { emptyBodyAsObject } from './bulletin.routes.js';
import { browseNews, createNews, editNews, newsPath, publishNews, readNews, withdrawNews } from './news.service.js';
import { NEWS_KINDS, type NewsItem, type NewsKind } from './news.types.js';

const tags = ['news'];
/** Public, unauthenticated routes: a generous but finite rate per client. */
const PUBLIC_RATE = { rateLimit: { max: 300, timeWindow: '1 minute' } };

/** The API form of a news item (no author labels). */
export function presentNews(ctx: ServiceContext, n: NewsItem): Static<typeof NewsSchema> {
  return {
    id: n.id,
    status: n.status,
    url: `${ctx.config.publicUrl}${newsPath(n.id)}`,
    kind: n.kind,
    title: n.title,
    summary: n.summary,
    body: n.body,
    references: n.references.map((r) => ({ label: r.label, url: r.url })),
    firstPublishedAt: n.firstPublishedAt,
    publishedAt: n.publishedAt,
    withdrawnAt: n.withdrawnAt,
    withdrawnReason: n.withdrawnReason,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

/** `/api/v1/news…`. */
export function registerNewsRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/news',
    { config: PUBLIC_RATE, schema: { tags, summary: 'News items on malicious activities (published; `status` for CERT writers)', querystring: NewsQuerySchema, response: { 200: NewsPageSchema, ...StandardErrors } } },
    async (request) => {
      const q = request.query;
      const kind = q.kind && (NEWS_KINDS as readonly string[]).includes(q.kind) ? (q.kind as NewsKind) : undefined;
      const page = await browseNews(request.ctx, {
        ...(q.q ? { q: q.q } : {}),
        ...(kind ? { kind } : {}),
        ...(q.status ? { statuses: [q.status] } : {}),
        ...(q.page ? { page: q.page } : {}),
        ...(q.pageSize ? { pageSize: q.pageSize } : {}),
      });
      return { ...page, items: page.items.map((n) => presentNews(request.ctx, n)) };
    },
  );
  app.get(
    '/api/v1/news/:id',
    { config: PUBLIC_RATE, schema: { tags, summary: 'One news item (unpublished: CERT writers only)', params: IdParamsSchema, response: { 200: NewsSchema, ...StandardErrors } } },
    async (request) => presentNews(request.ctx, await readNews(request.ctx, request.params.id)),
  );
  app.post(
    '/api/v1/news',
    { schema: { tags, summary: 'Write a draft news item (admin, analyst)', body: NewsInputSchema, response: { 201: NewsSchema, ...StandardErrors } } },
    async (request, reply) => reply.status(201).send(presentNews(request.ctx, await createNews(request.ctx, request.body))),
  );
  app.patch(
    '/api/v1/news/:id',
    { schema: { tags, summary: 'Change a news item (admin, analyst)', params: IdParamsSchema, body: NewsInputSchema, response: { 200: NewsSchema, ...StandardErrors } } },
    async (request) => presentNews(request.ctx, await editNews(request.ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/v1/news/:id/publish',
    { schema: { tags, summary: 'Publish a draft news item (admin, analyst)', params: IdParamsSchema, response: { 200: NewsSchema, ...StandardErrors } } },
    async (request) => presentNews(request.ctx, await publishNews(request.ctx, request.params.id)),
  );
  app.post(
    '/api/v1/news/:id/withdraw',
    { preValidation: emptyBodyAsObject, schema: { tags, summary: 'Withdraw a news item (admin, analyst)', params: IdParamsSchema, body: WithdrawInputSchema, response: { 200: NewsSchema, ...StandardErrors } } },
    async (request) => presentNews(request.ctx, await withdrawNews(request.ctx, request.params.id, request.body.reason !== undefined ? { reason: request.body.reason } : {})),
  );
}
