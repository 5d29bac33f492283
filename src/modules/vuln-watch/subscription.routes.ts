import { Type } from '@sinclair/typebox';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { previewDigest } from './digest.service.js';
import {
  DigestPreviewSchema,
  SubscriptionIdParamsSchema,
  SubscriptionInputSchema,
  SubscriptionListSchema,
  SubscriptionPatchSchema,
  SubscriptionSchema,
} from './subscription.schemas.js';
import { createSubscription, editSubscription, getMySubscription, listMySubscriptions, removeSubscription } from './subscription.service.js';
import type { Digest, Subscription } from './subscription.types.js';

/** A subscription as the API shows it (mutable arrays for the serializer; internal fields left out). */
function view(s: Subscription) {
  const { ownerId: _owner, cursorAt: _cursor, ...rest } = s;
  return { ...rest, vendors: [...s.vendors], keywords: [...s.keywords], products: s.products.map((p) => ({ ...p })) };
}

function previewView(d: Digest) {
  return {
    items: d.items.map((i) => ({
      ...i,
      changes: i.changes.map((c) => ({ ...c })),
      reasons: i.reasons.map((r) => ('structureNames' in r ? { ...r, structureNames: [...r.structureNames] } : { ...r })),
      affectedLines: [...i.affectedLines],
    })),
    omitted: d.omitted,
    counts: { ...d.counts },
  };
}

/**
 * JSON API of the private space: a logged-in user's own subscriptions (any role; another user's
 * subscription answers 404, as one that does not exist).
 */
export function registerSubscriptionRoutes(app: HttpApp): void {
  const tags = ['subscriptions'];
  app.get(
    '/api/v1/subscriptions',
    { schema: { tags, summary: 'Your subscriptions (any logged-in user)', response: { 200: SubscriptionListSchema, ...StandardErrors } } },
    async (request) => ({ items: (await listMySubscriptions(request.ctx)).map(view) }),
  );
  app.post(
    '/api/v1/subscriptions',
    { schema: { tags, summary: 'Create a subscription (vendors, products, keywords, deployed products; filters; frequency)', body: SubscriptionInputSchema, response: { 201: SubscriptionSchema, ...StandardErrors } } },
    async (request, reply) => reply.status(201).send(view(await createSubscription(request.ctx, request.body))),
  );
  app.get(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'One of your subscriptions', params: SubscriptionIdParamsSchema, response: { 200: SubscriptionSchema, ...StandardErrors } } },
    async (request) => view(await getMySubscription(request.ctx, request.params.id)),
  );
  app.patch(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'Change one of your subscriptions', params: SubscriptionIdParamsSchema, body: SubscriptionPatchSchema, response: { 200: SubscriptionSchema, ...StandardErrors } } },
    async (request) => view(await editSubscription(request.ctx, request.params.id, request.body)),
  );
  app.delete(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'Delete one of your subscriptions', params: SubscriptionIdParamsSchema, response: { 204: Type.Null(), ...StandardErrors } } },
    async (request, reply) => {
      await removeSubscription(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/subscriptions/:id/preview',
    { schema: { tags, summary: 'What the next digest of one of your subscriptions would hold if it left now', params: SubscriptionIdParamsSchema, response: { 200: DigestPreviewSchema, ...StandardErrors } } },
    async (request) => previewView(await previewDigest(request.ctx, request.params.id)),
  );
}
