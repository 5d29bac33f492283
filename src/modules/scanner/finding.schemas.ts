/** Request and response schemas of the findings API (and the query of the findings page). */
import { Type, type Static } from '@sinclair/typebox';
import { FINDING_STATUSES } from './finding.service.js';
import type { FindingSeverity, FindingStatus } from './findings/finding.types.js';
import { SEVERITIES } from './findings/severity.js';

// Plain `enum`s rather than unions of literals: OpenAPI shows the list, and a wrong value gets one
// readable validation message instead of one per literal.
const Status = Type.Unsafe<FindingStatus>({ type: 'string', enum: [...FINDING_STATUSES] });
const Severity = Type.Unsafe<FindingSeverity>({ type: 'string', enum: [...SEVERITIES] });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** Query of `GET /api/v1/findings`. */
export const FindingListQuerySchema = Type.Object({
  scan: Type.Optional(Type.String({ maxLength: 100, description: 'Only what this scan saw' })),
  structure: Type.Optional(Type.String({ maxLength: 100 })),
  severity: Type.Optional(Severity),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  check: Type.Optional(Type.String({ maxLength: 100, description: 'A check id, e.g. service.rdp-exposed' })),
  status: Type.Optional(
    Type.Unsafe<FindingStatus | 'all'>({
      type: 'string',
      enum: [...FINDING_STATUSES, 'all'],
      description: 'Default: every status but resolved and false-positive',
    }),
  ),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type FindingListQuery = Static<typeof FindingListQuerySchema>;

/**
 * Query of the `/findings` page: a GET form sends every field, empty ones as '' (read as "any"),
 * so values are plain strings checked by the page.
 */
export const FindingPageQuerySchema = Type.Object({
  scan: Type.Optional(Type.String({ maxLength: 100 })),
  structure: Type.Optional(Type.String({ maxLength: 100 })),
  severity: Type.Optional(Type.String({ maxLength: 20 })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  check: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type FindingPageQuery = Static<typeof FindingPageQuerySchema>;

/** Query of the finding page: `done=status` after a status change. */
export const FindingPageDoneSchema = Type.Object({
  done: Type.Optional(Type.Literal('status')),
});

/** Body of `POST /api/v1/findings/:id/status`. */
export const FindingStatusBodySchema = Type.Object(
  {
    status: Status,
    reason: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'Required (3+ characters) for false-positive and accepted-risk',
      }),
    ),
  },
  { additionalProperties: false },
);

/** What the status form of the finding page submits (checked by the service). */
export const FindingStatusFormSchema = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 40 })),
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
  _csrf: Type.Optional(Type.String()),
});

/** Query of `GET /api/v1/scans/:id/diff`. */
export const ScanDiffQuerySchema = Type.Object({
  against: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Base scan; default: the previous assessed scan of its scope',
    }),
  ),
});

const Target = Type.Object({
  domain: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  port: Type.Optional(Type.Integer()),
  hostname: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
});

const findingFields = {
  id: Type.String({ description: 'Stable fingerprint: same check, target and discriminator → same id' }),
  check: Type.String(),
  category: Type.String(),
  severity: Severity,
  target: Target,
  title: Type.String({ description: 'In the caller’s language' }),
  description: Type.String(),
  recommendation: Type.String(),
  titleFr: Type.String(),
  titleEn: Type.String(),
  descriptionFr: Type.String(),
  descriptionEn: Type.String(),
  recommendationFr: Type.String(),
  recommendationEn: Type.String(),
  evidence: Type.String(),
  references: Type.Array(Type.String()),
  cve: Type.Array(Type.String()),
  cvss: Type.Union([Type.Number(), Type.Null()]),
  cvssVector: Nullable(Type.String()),
  kev: Type.Boolean(),
};

/** A finding as a scan saw it, with its current status (diff entries). */
export const ScanFindingSchema = Type.Object({ ...findingFields, status: Status });

/** A stored finding: what was last seen, its status, owner and first/last sightings. */
export const FindingSchema = Type.Object({
  ...findingFields,
  status: Status,
  statusReason: Nullable(Type.String()),
  statusBy: Nullable(Type.String()),
  statusAt: Nullable(Type.String()),
  structureId: Nullable(Type.String()),
  firstSeenAt: Type.String(),
  lastSeenAt: Type.String(),
  firstScanId: Type.String(),
  lastScanId: Type.String(),
});

/** A page of findings. */
export const FindingPageSchema = Type.Object({
  items: Type.Array(FindingSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** A finding with its status history, oldest first. */
export const FindingDetailSchema = Type.Object({
  ...FindingSchema.properties,
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      fromStatus: Type.Union([Status, Type.Null()]),
      toStatus: Status,
      reason: Nullable(Type.String()),
      actor: Type.String(),
      scanId: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
});

const ScanRef = Type.Object({
  id: Type.String(),
  targets: Type.Array(Type.String()),
  status: Type.String(),
  structureId: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  assessedAt: Nullable(Type.String()),
});

/** How a scan compares with its base. */
export const ScanDiffSchema = Type.Object({
  scan: ScanRef,
  base: Type.Union([ScanRef, Type.Null()]),
  counts: Type.Object({ new: Type.Integer(), still: Type.Integer(), fixed: Type.Integer() }),
  entries: Type.Array(
    Type.Object({
      change: Type.Union([Type.Literal('new'), Type.Literal('still'), Type.Literal('fixed')]),
      status: Status,
      finding: ScanFindingSchema,
    }),
  ),
});
