/** JSON API of bulletins: public reads (published only), CERT writers' create, change, publish, withdraw. */
import type { Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { ServiceContext } from '../../platform/context.js';
import { BulletinInputSchema, BulletinPageSchema, BulletinQuerySchema, BulletinSchema, IdParamsSchema, PublishInputSchema, WithdrawInputSchema, type BulletinInput, type BulletinQuery } from './bulletin.schemas.js';
import { browseBulletins, bulletinPath, createBulletin, editBulletin, publishBulletin, readBulletin, readBulletinRevisions, withdrawBulletin } from './bulletin.service.js';
import type { Bulletin, BulletinDraftInput, BulletinFilter, BulletinRevision } from './bulletin.types.js';
import { canReadUnpublishedBulletins } from './vuln-watch.policy.js';

/** Action bodies are optional: a call without a body counts as `{}`. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const tags = ['bulletins'];
/** Public, unauthenticated routes: a generous but finite rate per client. */
const PUBLIC_RATE = { rateLimit: { max: 300, timeWindow: '1 minute' } };

/** The API form of a bulletin: staff-only facts (pending changes) only for CERT writers; no author labels. */
export function presentBulletin(ctx: ServiceContext, b: Bulletin, revisions?: readonly BulletinRevision[]): Static<typeof BulletinSchema> {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    origin: b.origin,
    url: `${ctx.config.publicUrl}${bulletinPath(b.id)}`,
    title: b.title,
    summary: b.summary,
    risks: [...b.risks],
    affectedSystems: b.affectedSystems,
    solution: b.solution,
    references: b.references.map((r) => ({ label: r.label, url: r.url })),
    cves: b.cves.map((c) => ({ id: c.cveId, score: c.score, kev: c.kev })),
    products: b.products.map((p) => ({ ...p })),
    maxScore: b.maxScore,
    severity: b.severity,
    kev: b.kev,
    revision: b.revision,
    ...(revisions ? { revisions: revisions.map((r) => ({ number: r.number, at: r.at, note: r.note })) } : {}),
    pendingUpdate: canReadUnpublishedBulletins(ctx.actor) ? b.pendingUpdate.map((c) => ({ ...c })) : [],
    firstPublishedAt: b.firstPublishedAt,
    publishedAt: b.publishedAt,
    withdrawnAt: b.withdrawnAt,
    withdrawnReason: b.withdrawnReason,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

function filterOf(q: BulletinQuery): BulletinFilter & { page?: number; pageSize?: number } {
  return {
    ...(q.q !== undefined ? { q: q.q } : {}),
    ...(q.vendor ? { vendor: q.vendor } : {}),
    ...(q.productId ? { productId: q.productId } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.kev !== undefined ? { kev: q.kev } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.status ? { statuses: [q.status] } : {}),
    ...(q.page ? { page: q.page } : {}),
    ...(q.pageSize ? { pageSize: q.pageSize } : {}),
  };
}

function inputOf(body: BulletinInput): BulletinDraftInput {
  return { ...body };
}

/** `/api/v1/bulletins…`. */
export function registerBulletinRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/bulletins',
    {
      config: PUBLIC_RATE,
      schema: {
        tags,
        summary: 'Search bulletins (words, vendor, product, category, severity, KEV, first publication dates); published ones, or `status` for CERT writers',
        querystring: BulletinQuerySchema,
        response: { 200: BulletinPageSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const page = await browseBulletins(request.ctx, filterOf(request.query));
      return { ...page, items: page.items.map((b) => presentBulletin(request.ctx, b)) };
    },
  );
  app.get(
    '/api/v1/bulletins/:id',
    { config: PUBLIC_RATE, schema: { tags, summary: 'One bulletin with its revisions (drafts and withdrawn ones: CERT writers only)', params: IdParamsSchema, response: { 200: BulletinSchema, ...StandardErrors } } },
    async (request) => presentBulletin(request.ctx, await readBulletin(request.ctx, request.params.id), await readBulletinRevisions(request.ctx, request.params.id)),
  );
  app.post(
    '/api/v1/bulletins',
    {
      schema: {
        tags,
        summary: 'Write a draft bulletin (admin, analyst); fields left out are pre-filled from its CVEs',
        body: BulletinInputSchema,
        response: { 201: BulletinSchema, ...StandardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(presentBulletin(request.ctx, await createBulletin(request.ctx, inputOf(request.body)))),
  );
  app.patch(
    '/api/v1/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'Change a bulletin (admin, analyst); on a published one this publishes a revision and needs `revisionNote`',
        params: IdParamsSchema,
        body: BulletinInputSchema,
        response: { 200: BulletinSchema, ...StandardErrors },
      },
    },
    async (request) => presentBulletin(request.ctx, await editBulletin(request.ctx, request.params.id, inputOf(request.body))),
  );
  app.post(
    '/api/v1/bulletins/:id/publish',
    { preValidation: emptyBodyAsObject, schema: { tags, summary: 'Publish a draft (admin, analyst): reference and revision', params: IdParamsSchema, body: PublishInputSchema, response: { 200: BulletinSchema, ...StandardErrors } } },
    async (request) => presentBulletin(request.ctx, await publishBulletin(request.ctx, request.params.id, request.body.note !== undefined ? { note: request.body.note } : {})),
  );
  app.post(
    '/api/v1/bulletins/:id/withdraw',
    { preValidation: emptyBodyAsObject, schema: { tags, summary: 'Withdraw a bulletin or discard a draft (admin, analyst); `reason` required for a published one', params: IdParamsSchema, body: WithdrawInputSchema, response: { 200: BulletinSchema, ...StandardErrors } } },
    async (request) => presentBulletin(request.ctx, await withdrawBulletin(request.ctx, request.params.id, request.body.reason !== undefined ? { reason: request.body.reason } : {})),
  );
}
