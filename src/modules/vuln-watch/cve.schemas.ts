/** TypeBox schemas of the CVE and CPE-matching API (inputs and responses). */
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Status = Type.Union([Type.Literal('affected'), Type.Literal('unaffected'), Type.Literal('unknown')]);
const CvssVersionSchema = Type.Union([
  Type.Literal('4.0'),
  Type.Literal('3.1'),
  Type.Literal('3.0'),
  Type.Literal('2.0'),
]);
const SeveritySchema = Type.Union([
  Type.Literal('critical'),
  Type.Literal('high'),
  Type.Literal('medium'),
  Type.Literal('low'),
  Type.Literal('none'),
  Type.Literal('unscored'),
]);

/** A CVE id in a path. */
export const CveIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });

/** Query string of the CVE search. */
export const CveQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  vendor: Type.Optional(Type.String({ maxLength: 100 })),
  product: Type.Optional(Type.String({ maxLength: 100 })),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
  kev: Type.Optional(Type.Boolean()),
  severity: Type.Optional(SeveritySchema),
  from: Type.Optional(Type.String({ maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
  to: Type.Optional(Type.String({ maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type CveQuery = Static<typeof CveQuerySchema>;

const CvssMetricSchema = Type.Object({
  version: CvssVersionSchema,
  vector: Type.String(),
  baseScore: Type.Number(),
  baseSeverity: Nullable(Type.String()),
  source: Type.String(),
  type: Type.Union([Type.Literal('Primary'), Type.Literal('Secondary')]),
  provider: Type.Optional(Type.String()),
});

const SelectedScoreSchema = Type.Union([
  Type.Object({
    score: Type.Number(),
    version: CvssVersionSchema,
    vector: Type.String(),
    source: Type.String(),
    rule: Type.String(),
  }),
  Type.Null(),
]);

const KevSchema = Type.Union([
  Type.Object({
    dateAdded: Type.String(),
    dueDate: Nullable(Type.String()),
    requiredAction: Nullable(Type.String()),
    vulnerabilityName: Nullable(Type.String()),
    knownRansomwareCampaignUse: Nullable(Type.String()),
    vendorProject: Nullable(Type.String()),
    product: Nullable(Type.String()),
  }),
  Type.Null(),
]);

const EpssSchema = Type.Union([
  Type.Object({ score: Type.Number(), percentile: Type.Number(), date: Type.String() }),
  Type.Null(),
]);

const CpeMatchSchema = Type.Object({
  vulnerable: Type.Boolean(),
  criteria: Type.String(),
  versionStartIncluding: Type.Optional(Type.String()),
  versionStartExcluding: Type.Optional(Type.String()),
  versionEndIncluding: Type.Optional(Type.String()),
  versionEndExcluding: Type.Optional(Type.String()),
});

const ConfigurationSchema = Type.Object({
  operator: Type.Optional(Type.String()),
  negate: Type.Optional(Type.Boolean()),
  nodes: Type.Array(
    Type.Object({
      operator: Type.String(),
      negate: Type.Optional(Type.Boolean()),
      cpeMatch: Type.Array(CpeMatchSchema),
    }),
  ),
});

const AffectedSchema = Type.Object({
  vendor: Type.String(),
  product: Type.String(),
  cpes: Type.Optional(Type.Array(Type.String())),
  defaultStatus: Type.Optional(Status),
  versions: Type.Optional(
    Type.Array(
      Type.Object({
        version: Type.String(),
        status: Status,
        versionType: Type.Optional(Type.String()),
        lessThan: Type.Optional(Type.String()),
        lessThanOrEqual: Type.Optional(Type.String()),
        changes: Type.Optional(Type.Array(Type.Object({ at: Type.String(), status: Status }))),
      }),
    ),
  ),
  provider: Type.String(),
});

/** A CVE with everything the knowledge base holds. */
export const CveSchema = Type.Object({
  id: Type.String(),
  state: Type.Optional(Type.String()),
  publishedAt: Nullable(Type.String()),
  sourceModifiedAt: Nullable(Type.String()),
  vulnStatus: Nullable(Type.String()),
  title: Nullable(Type.String()),
  description: Type.String(),
  cwes: Type.Array(Type.String()),
  references: Type.Array(Type.Object({ url: Type.String(), tags: Type.Optional(Type.Array(Type.String())) })),
  metrics: Type.Array(CvssMetricSchema),
  selectedScore: SelectedScoreSchema,
  severity: SeveritySchema,
  configurations: Type.Array(ConfigurationSchema),
  affected: Type.Array(AffectedSchema),
  kev: KevSchema,
  epss: EpssSchema,
  materialChangedAt: Type.String(),
  sources: Type.Array(Type.String()),
});

/** A CVE in lists. */
export const CveSummarySchema = Type.Object({
  id: Type.String(),
  title: Nullable(Type.String()),
  description: Type.String(),
  publishedAt: Nullable(Type.String()),
  score: NullableNumber,
  scoreVersion: Nullable(Type.String()),
  severity: SeveritySchema,
  kev: Type.Boolean(),
  kevDateAdded: Nullable(Type.String()),
  epss: NullableNumber,
});

/** A page of CVE summaries. */
export const CvePageSchema = Type.Object({
  items: Type.Array(CveSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** Query string of `/api/v1/cpe/match`. */
export const CpeMatchQuerySchema = Type.Object({
  cpe: Type.String({ minLength: 8, maxLength: 500 }),
  platform: Type.Optional(Type.String({ maxLength: 500 })),
});

/** The CVEs that concern a CPE, each with the matching rule. */
export const CpeMatchAnswerSchema = Type.Object({
  cpe: Type.String(),
  matches: Type.Array(
    Type.Object({
      cve: CveSummarySchema,
      via: Type.String(),
      rule: Type.String(),
      certainty: Type.String(),
    }),
  ),
});
