/** TypeBox schemas of the subscriptions API (`/api/v1/subscriptions`). */
import { Type } from '@sinclair/typebox';

const Text100 = Type.String({ maxLength: 100 });

/**
 * A nullable input value as one JSON-Schema `type` list: with the server's type coercion, a
 * `Union([Number, Null])` would turn `null` into 0 (and a string union into '') before validation.
 */
function nullable<T>(schema: Record<string, unknown> & { type: string }, description?: string) {
  return Type.Unsafe<T | null>({ ...schema, type: [schema.type, 'null'], ...(description ? { description } : {}) });
}

/** A subscription id in a path. */
export const SubscriptionIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** A watched product as stored: catalogue product or free pair. */
export const WatchedProductSchema = Type.Object({
  productId: Type.Union([Type.String(), Type.Null()]),
  vendor: Type.String(),
  product: Type.String(),
  displayName: Type.String(),
});

/** A subscription as its owner reads it. */
export const SubscriptionSchema = Type.Object({
  id: Type.String(),
  structureId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  vendors: Type.Array(Type.String()),
  products: Type.Array(WatchedProductSchema),
  keywords: Type.Array(Type.String()),
  minScore: Type.Union([Type.Number(), Type.Null()]),
  kevOnly: Type.Boolean(),
  includeUnscored: Type.Boolean(),
  deployedProducts: Type.Boolean(),
  frequency: Type.Union([Type.Literal('immediate'), Type.Literal('daily'), Type.Literal('weekly')]),
  hour: Type.Integer(),
  weekday: Type.Integer(),
  active: Type.Boolean(),
  lastRunAt: Type.Union([Type.String(), Type.Null()]),
  lastSentAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** The caller's subscriptions. */
export const SubscriptionListSchema = Type.Object({ items: Type.Array(SubscriptionSchema) });

const ProductChoiceSchema = Type.Union([
  Type.Object({ productId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false, description: 'A product of the catalogue' }),
  Type.Object({ vendor: Type.String({ minLength: 1, maxLength: 100 }), product: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false, description: 'A free vendor/product pair (CPE or CNA names)' }),
]);

const inputFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  structureId: Type.Optional(nullable<string>({ type: 'string', maxLength: 100 }, 'One of your structures, or null for all of them')),
  vendors: Type.Optional(Type.Array(Text100, { maxItems: 50 })),
  products: Type.Optional(Type.Array(ProductChoiceSchema, { maxItems: 50 })),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'Whole words of the CVE title or description, accents and case ignored' })),
  minScore: Type.Optional(nullable<number>({ type: 'number', minimum: 0, maximum: 10 }, 'Minimum selected CVSS score (default 7); null for any')),
  kevOnly: Type.Optional(Type.Boolean()),
  includeUnscored: Type.Optional(Type.Boolean({ description: 'Also CVEs not yet scored that match a vendor, product, keyword or deployment (default true)' })),
  deployedProducts: Type.Optional(Type.Boolean({ description: 'Watch the products deployed at the structure(s), version-aware' })),
  frequency: Type.Optional(Type.Union([Type.Literal('immediate'), Type.Literal('daily'), Type.Literal('weekly')])),
  hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23, description: 'Hour of a daily or weekly digest, Europe/Paris' })),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: 'Day of a weekly digest, 1 = Monday … 7 = Sunday' })),
  active: Type.Optional(Type.Boolean()),
};

/** A new subscription. */
export const SubscriptionInputSchema = Type.Object(inputFields, { additionalProperties: false });

/** Changes of a subscription (fields left out keep their value). */
export const SubscriptionPatchSchema = Type.Partial(Type.Object(inputFields), { additionalProperties: false });

const ReasonSchema = Type.Object({
  kind: Type.String(),
  vendor: Type.Optional(Type.String()),
  displayName: Type.Optional(Type.String()),
  keyword: Type.Optional(Type.String()),
  structureNames: Type.Optional(Type.Array(Type.String())),
  productName: Type.Optional(Type.String()),
  version: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  certainty: Type.Optional(Type.String()),
});

/** One CVE of a digest. */
export const DigestItemSchema = Type.Object({
  cveId: Type.String(),
  status: Type.Union([Type.Literal('new'), Type.Literal('update')]),
  changes: Type.Array(Type.Object({ kind: Type.String(), from: Type.Optional(Type.Union([Type.Number(), Type.Null()])), to: Type.Optional(Type.Number()) })),
  reasons: Type.Array(ReasonSchema),
  title: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  scoreVersion: Type.Union([Type.String(), Type.Null()]),
  vector: Type.Union([Type.String(), Type.Null()]),
  kev: Type.Boolean(),
  affectedLines: Type.Array(Type.String()),
  url: Type.String(),
});

/** What the next digest would hold. */
export const DigestPreviewSchema = Type.Object({
  items: Type.Array(DigestItemSchema),
  omitted: Type.Integer(),
  counts: Type.Object({ new: Type.Integer(), update: Type.Integer(), kev: Type.Integer() }),
});
