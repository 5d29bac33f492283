/** TypeBox schemas of the bulletins and news JSON API (inputs and responses), and of the portal pages' inputs. */
import { Type, type Static } from '@sinclair/typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('withdrawn')]);
const SeveritySchema = Type.Union([
  Type.Literal('critical'),
  Type.Literal('high'),
  Type.Literal('medium'),
  Type.Literal('low'),
  Type.Literal('none'),
  Type.Literal('unscored'),
]);
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const LinkSchema = Type.Object({ label: Type.String(), url: Type.String() });
const LinkInputSchema = Type.Object({ label: Type.Optional(Type.String({ maxLength: 300 })), url: Type.String({ minLength: 1, maxLength: 2000 }) });

/** An id in a path (bulletin or news item). */
export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** A CVE id in a path. */
export const CveIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[Cc][Vv][Ee]-\\d{4}-\\d{4,19}$' }) });

/** A change the knowledge base reported on a bulletin (shown to CERT writers only). */
const ChangeSchema = Type.Object({
  kind: Type.Union([Type.Literal('score'), Type.Literal('kev'), Type.Literal('product'), Type.Literal('content'), Type.Literal('rejected')]),
  cveId: Type.String(),
  from: Type.Optional(NullableNumber),
  to: Type.Optional(NullableNumber),
  dateAdded: Type.Optional(Type.String()),
  product: Type.Optional(Type.String()),
});

/** A bulletin as the API shows it. */
export const BulletinSchema = Type.Object({
  id: Type.String(),
  reference: NullableString,
  status: Status,
  origin: Type.Union([Type.Literal('proposed'), Type.Literal('manual')]),
  url: Type.String({ description: 'Public page of the bulletin' }),
  title: Type.String(),
  summary: Type.String(),
  risks: Type.Array(Type.String()),
  affectedSystems: Type.String(),
  solution: Type.String(),
  references: Type.Array(LinkSchema),
  cves: Type.Array(Type.Object({ id: Type.String(), score: NullableNumber, kev: Type.Boolean() })),
  products: Type.Array(Type.Object({ id: Type.String(), vendor: Type.String(), product: Type.String(), displayName: Type.String(), category: Type.String() })),
  maxScore: NullableNumber,
  severity: SeveritySchema,
  kev: Type.Boolean(),
  revision: Type.Integer(),
  revisions: Type.Optional(Type.Array(Type.Object({ number: Type.Integer(), at: Type.String(), note: Type.String() }))),
  pendingUpdate: Type.Array(ChangeSchema, { description: 'Changes waiting for an analyst (CERT writers only; empty for others)' }),
  firstPublishedAt: NullableString,
  publishedAt: NullableString,
  withdrawnAt: NullableString,
  withdrawnReason: NullableString,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A page of bulletins. */
export const BulletinPageSchema = Type.Object({
  items: Type.Array(BulletinSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** Query string of `GET /api/v1/bulletins`. */
export const BulletinQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  vendor: Type.Optional(Type.String({ maxLength: 100 })),
  productId: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  severity: Type.Optional(SeveritySchema),
  kev: Type.Optional(Type.Boolean()),
  from: Type.Optional(Type.String({ pattern: DATE })),
  to: Type.Optional(Type.String({ pattern: DATE })),
  status: Type.Optional(Status),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type BulletinQuery = Static<typeof BulletinQuerySchema>;

/** Body of `POST /api/v1/bulletins` and `PATCH /api/v1/bulletins/:id`. */
export const BulletinInputSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 300 })),
    summary: Type.Optional(Type.String({ maxLength: 20000 })),
    risks: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
    affectedSystems: Type.Optional(Type.String({ maxLength: 20000 })),
    solution: Type.Optional(Type.String({ maxLength: 10000 })),
    references: Type.Optional(Type.Array(LinkInputSchema, { maxItems: 50 })),
    cveIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })),
    productIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
    revisionNote: Type.Optional(Type.String({ maxLength: 500, description: 'Required to change a published bulletin (the note of the new revision)' })),
  },
  { additionalProperties: false },
);
export type BulletinInput = Static<typeof BulletinInputSchema>;

/** Body of `POST /api/v1/bulletins/:id/publish`. */
export const PublishInputSchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

/** Body of `POST …/withdraw`. */
export const WithdrawInputSchema = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

/** A news item as the API shows it. */
export const NewsSchema = Type.Object({
  id: Type.String(),
  status: Status,
  url: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  references: Type.Array(LinkSchema),
  firstPublishedAt: NullableString,
  publishedAt: NullableString,
  withdrawnAt: NullableString,
  withdrawnReason: NullableString,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A page of news items. */
export const NewsPageSchema = Type.Object({ items: Type.Array(NewsSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** Query string of `GET /api/v1/news`. */
export const NewsQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Status),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

/** Body of `POST /api/v1/news` and `PATCH /api/v1/news/:id`. */
export const NewsInputSchema = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    summary: Type.Optional(Type.String({ maxLength: 10000 })),
    body: Type.Optional(Type.String({ maxLength: 50000 })),
    references: Type.Optional(Type.Array(LinkInputSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

// ---- Page inputs (forms and filters) ----

const Optional = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** Filters of the public bulletin list (a GET form: empty fields arrive as ""). */
export const BulletinListQuerySchema = Type.Object({
  q: Optional(200),
  vendor: Optional(100),
  product: Optional(100),
  category: Optional(60),
  severity: Type.Optional(Type.Union([SeveritySchema, Type.Literal('')])),
  kev: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('true'), Type.Literal('false')])),
  from: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: DATE })])),
  to: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: DATE })])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
});
export type BulletinListQuery = Static<typeof BulletinListQuerySchema>;

/** The bulletin form. */
export const BulletinFormSchema = Type.Object({
  title: Optional(300),
  summary: Optional(20000),
  risks: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
  affectedSystems: Optional(20000),
  solution: Optional(10000),
  references: Optional(100000),
  cveIds: Optional(10000),
  productIds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })),
  revisionNote: Optional(500),
  _csrf: Optional(200),
});
export type BulletinForm = Static<typeof BulletinFormSchema>;

/** The publish, withdraw and acknowledge buttons' forms. */
export const ActionFormSchema = Type.Object({ note: Optional(500), reason: Optional(500), _csrf: Optional(200) });

/** The news form. */
export const NewsFormSchema = Type.Object({
  kind: Optional(40),
  title: Optional(300),
  summary: Optional(10000),
  body: Optional(50000),
  references: Optional(100000),
  _csrf: Optional(200),
});
export type NewsForm = Static<typeof NewsFormSchema>;

/** Filters of the public news list. */
export const NewsListQuerySchema = Type.Object({ q: Optional(200), kind: Optional(40), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) });

/** The period of the indicators page (`depuis=YYYY-MM`). */
export const IndicatorsQuerySchema = Type.Object({ depuis: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })])) });

/** A chart of the indicators page, as an SVG file name (`cves.svg`, `kev.svg`, `bulletins.svg`, `incidents.svg`). */
export const ChartParamsSchema = Type.Object({ chart: Type.String({ minLength: 1, maxLength: 40 }) });
