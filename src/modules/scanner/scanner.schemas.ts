import { Type, type Static } from '@sinclair/typebox';

/** Body of `POST /api/v1/scans`. */
export const LaunchScanSchema = Type.Object(
  {
    targets: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 1000, default: [] }),
    ports: Type.Optional(Type.String({ maxLength: 2000 })),
    excludePorts: Type.Optional(Type.String({ maxLength: 2000 })),
    structureId: Type.Optional(Type.String({ maxLength: 100 })),
    dnsServers: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 4 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60000 })),
  },
  { additionalProperties: false },
);
export type LaunchScanBody = Static<typeof LaunchScanSchema>;

/** Query of the scan list. */
export const ScanListQuerySchema = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

/** Path parameter `:id`. */
export const IdParamsSchema = Type.Object({ id: Type.String({ maxLength: 100 }) });

const Refused = Type.Object({ target: Type.String(), reason: Type.String() });

/** A scan run in API answers. */
export const ScanRunSchema = Type.Object({
  id: Type.String(),
  targets: Type.Array(Type.String()),
  options: Type.Object({}, { additionalProperties: true }),
  status: Type.Union(['queued', 'running', 'completed', 'partial', 'failed'].map((s) => Type.Literal(s))),
  stage: Type.String(),
  progress: Type.Union([
    Type.Object({
      stage: Type.String(),
      round: Type.Integer(),
      done: Type.Integer(),
      total: Type.Integer(),
      at: Type.String(),
    }),
    Type.Null(),
  ]),
  notes: Type.Array(Type.String()),
  refused: Type.Array(Refused),
  structureId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  cancelRequested: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  counts: Type.Object({ domains: Type.Integer(), hosts: Type.Integer(), services: Type.Integer() }),
});

/** A page of scan runs. */
export const ScanPageSchema = Type.Object({
  items: Type.Array(ScanRunSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const Open = { additionalProperties: true } as const;

/** The `hygie.scan/1` document (the contract's JSON Schema is the reference; extra fields pass through). */
export const ScanResultSchema = Type.Object(
  {
    schema: Type.Literal('hygie.scan/1'),
    scan: Type.Object(
      {
        id: Type.String(),
        startedAt: Type.String(),
        finishedAt: Type.String(),
        targets: Type.Array(Type.String()),
        status: Type.Union([Type.Literal('completed'), Type.Literal('partial'), Type.Literal('failed')]),
        refused: Type.Array(Refused),
      },
      Open,
    ),
    domains: Type.Array(
      Type.Object(
        { name: Type.String(), records: Type.Record(Type.String(), Type.Array(Type.String())) },
        Open,
      ),
    ),
    hosts: Type.Array(
      Type.Object(
        {
          address: Type.String(),
          hostnames: Type.Array(Type.String()),
          services: Type.Array(
            Type.Object({ port: Type.Integer(), transport: Type.String(), protocol: Type.String() }, Open),
          ),
        },
        Open,
      ),
    ),
    findings: Type.Array(Type.Unknown()),
  },
  Open,
);

const Technology = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.Union([Type.String(), Type.Null()]),
  cpe: Type.Union([Type.String(), Type.Null()]),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
});

/** An asset host with its services. */
export const AssetHostSchema = Type.Object({
  id: Type.String(),
  address: Type.String(),
  structureId: Type.Union([Type.String(), Type.Null()]),
  hostnames: Type.Array(Type.String()),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  lastScanId: Type.String(),
  services: Type.Array(
    Type.Object({
      id: Type.String(),
      port: Type.Integer(),
      transport: Type.String(),
      protocol: Type.String(),
      product: Type.Union([Type.String(), Type.Null()]),
      version: Type.Union([Type.String(), Type.Null()]),
      cpe: Type.Array(Type.String()),
      firstSeen: Type.String(),
      lastSeen: Type.String(),
      lastScanId: Type.String(),
      technologies: Type.Array(Technology),
    }),
  ),
});
