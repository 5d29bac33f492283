import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { REGION_CODES } from './region.catalogue.js';
import {
  ALERT_KINDS,
  CONTACT_ROLES,
  DOMAIN_OWNERSHIPS,
  LEGAL_STATUSES,
  STRUCTURE_KINDS,
} from './registry.types.js';

/** TypeBox schemas of the registry JSON API (inputs and responses). */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
function literals<const T extends string>(values: readonly T[], description: string) {
  return Type.Union(
    values.map<TLiteral<T>>((v) => Type.Literal(v)),
    { description },
  );
}

const Kind = literals(
  STRUCTURE_KINDS,
  'health-establishment (ES), medico-social (ESMS), group-support (GHT support), other',
);
const LegalStatusSchema = literals(LEGAL_STATUSES, 'public, private-non-profit (ESPIC), private');
const RegionCodeSchema = literals(
  REGION_CODES,
  'Region code: ARA, BFC, BRE, CVL, COR, GES, HDF, IDF, NOR, NAQ, OCC, PDL, PAC, GLP, MTQ, GUF, REU, MYT',
);
const Role = literals(CONTACT_ROLES, 'security-officer (RSSI), deputy, it-director (DSI), director');
const AlertKindSchema = literals(ALERT_KINDS, 'Kind of alert the contact receives');
const Ownership = literals(DOMAIN_OWNERSHIPS, 'How ownership was established');

/** `:id` in a path. */
export const IdParamsSchema = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** A page of items in list answers. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
};

/** A structure in API answers. */
export const StructureSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  finess: Nullable(Type.String()),
  siret: Nullable(Type.String()),
  kind: Kind,
  legalStatus: LegalStatusSchema,
  region: RegionCodeSchema,
  address: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  city: Nullable(Type.String()),
  isOiv: Type.Boolean(),
  isOse: Type.Boolean(),
  groupId: Nullable(Type.String()),
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A structure summary (group members, lookups). */
export const StructureSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  finess: Nullable(Type.String()),
  region: RegionCodeSchema,
  kind: Kind,
  archived: Type.Boolean(),
});

/** Body of `POST /api/v1/structures`; FINESS or SIRET is required (checked by the service). */
export const StructureInputSchema = Type.Object(
  {
    name: Type.String({ maxLength: 400, description: 'Name as in the national structure directory' }),
    finess: Type.Optional(
      Nullable(Type.String({ maxLength: 30, description: '9-character FINESS number (spaces allowed)' })),
    ),
    siret: Type.Optional(
      Nullable(Type.String({ maxLength: 30, description: '14-digit SIRET (spaces allowed)' })),
    ),
    kind: Kind,
    legalStatus: LegalStatusSchema,
    region: Type.String({
      maxLength: 60,
      description: 'Region code (BRE), name (Bretagne) or INSEE number (53)',
    }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 600 }))),
    postalCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    city: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    isOiv: Type.Optional(Type.Boolean()),
    isOse: Type.Optional(Type.Boolean()),
    groupId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export type StructureInput = Static<typeof StructureInputSchema>;

/** Body of `PATCH /api/v1/structures/:id`: the fields to change. */
export const StructurePatchSchema = Type.Partial(StructureInputSchema, { additionalProperties: false });

/** Query of `GET /api/v1/structures`. */
export const StructureQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Words matched in name, FINESS, SIRET, city' }),
  ),
  region: Type.Optional(RegionCodeSchema),
  kind: Type.Optional(Kind),
  groupId: Type.Optional(Type.String({ maxLength: 100 })),
  oiv: Type.Optional(Type.Boolean()),
  ose: Type.Optional(Type.Boolean()),
  includeArchived: Type.Optional(Type.Boolean({ description: 'Also list archived structures' })),
  ...paging,
});

/** A GHT in API answers. */
export const GroupSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Nullable(Type.String()),
  region: RegionCodeSchema,
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A GHT with its number of active members (lists). */
export const GroupWithCountSchema = Type.Intersect([
  GroupSchema,
  Type.Object({ memberCount: Type.Integer() }),
]);

/** A GHT with its active members. */
export const GroupDetailsSchema = Type.Intersect([
  GroupSchema,
  Type.Object({ members: Type.Array(StructureSummarySchema) }),
]);

/** Body of `POST /api/v1/groups`. */
export const GroupInputSchema = Type.Object(
  {
    name: Type.String({ maxLength: 400 }),
    code: Type.Optional(
      Nullable(Type.String({ maxLength: 60, description: 'Short reference, e.g. GHT-BRE-01' })),
    ),
    region: Type.String({ maxLength: 60 }),
  },
  { additionalProperties: false },
);

/** Body of `PATCH /api/v1/groups/:id`. */
export const GroupPatchSchema = Type.Partial(GroupInputSchema, { additionalProperties: false });

/** Query of `GET /api/v1/groups`. */
export const GroupQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  region: Type.Optional(RegionCodeSchema),
  includeArchived: Type.Optional(Type.Boolean()),
  ...paging,
});

/** Query of the contact, domain and network lists. */
export const AssetQuerySchema = Type.Object({
  structureId: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  includeArchived: Type.Optional(Type.Boolean()),
  ...paging,
});

/** A contact in API answers. */
export const ContactSchema = Type.Object({
  id: Type.String(),
  structureId: Type.String(),
  role: Role,
  lastName: Type.String(),
  firstName: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String({ description: 'E.164, e.g. +33612345678' })),
  alertKinds: Type.Array(AlertKindSchema),
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const contactFields = {
  role: Role,
  lastName: Type.String({ maxLength: 200 }),
  firstName: Type.String({ maxLength: 200 }),
  email: Type.String({ maxLength: 300 }),
  phone: Type.Optional(
    Nullable(Type.String({ maxLength: 40, description: 'French number, any usual spelling' })),
  ),
  alertKinds: Type.Optional(
    Type.Array(AlertKindSchema, { maxItems: 10, description: 'Default: every kind' }),
  ),
};

/** Body of `POST /api/v1/contacts`. */
export const ContactInputSchema = Type.Object(
  { structureId: Type.String({ maxLength: 100 }), ...contactFields },
  { additionalProperties: false },
);

/** Body of `PATCH /api/v1/contacts/:id`. */
export const ContactPatchSchema = Type.Partial(Type.Object(contactFields), { additionalProperties: false });

/** A domain in API answers. */
export const DomainSchema = Type.Object({
  id: Type.String(),
  structureId: Type.String(),
  name: Type.String(),
  ownership: Ownership,
  notes: Nullable(Type.String()),
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const domainFields = {
  name: Type.String({ maxLength: 300 }),
  ownership: Type.Optional(Ownership),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

/** Body of `POST /api/v1/domains`. */
export const DomainInputSchema = Type.Object(
  { structureId: Type.String({ maxLength: 100 }), ...domainFields },
  { additionalProperties: false },
);

/** Body of `PATCH /api/v1/domains/:id`. */
export const DomainPatchSchema = Type.Partial(Type.Object(domainFields), { additionalProperties: false });

/** A network in API answers. */
export const NetworkSchema = Type.Object({
  id: Type.String(),
  structureId: Type.String(),
  cidr: Type.String(),
  family: Type.Union([Type.Literal(4), Type.Literal(6)]),
  asn: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  archivedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const networkFields = {
  cidr: Type.String({ maxLength: 100, description: 'CIDR block; a bare address means one host' }),
  asn: Type.Optional(Nullable(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 20 })]))),
  description: Type.Optional(Nullable(Type.String({ maxLength: 600 }))),
};

/** Body of `POST /api/v1/networks`. */
export const NetworkInputSchema = Type.Object(
  { structureId: Type.String({ maxLength: 100 }), ...networkFields },
  { additionalProperties: false },
);

/** Body of `PATCH /api/v1/networks/:id`. */
export const NetworkPatchSchema = Type.Partial(Type.Object(networkFields), { additionalProperties: false });

/** Query of `POST /api/v1/structures/import`. */
export const ImportQuerySchema = Type.Object({
  kind: literals(['structures', 'contacts', 'domains', 'networks'], 'What the file holds'),
  dryRun: Type.Optional(
    Type.Boolean({ default: false, description: 'Check and report only; store nothing' }),
  ),
});

/** Answer of an import (a real run with bad rows answers 400 REGISTRY_CSV_INVALID_ROWS instead). */
export const ImportReportSchema = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  encoding: Type.String(),
  delimiter: Type.String(),
  rows: Type.Integer(),
  validRows: Type.Integer(),
  created: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() })),
  ignoredColumns: Type.Array(Type.String()),
});

/** Answer of an owner lookup. */
export const LookupAnswerSchema = Type.Object({
  query: Type.String(),
  kind: Type.Union([Type.Literal('ip'), Type.Literal('domain')]),
  match: Nullable(
    Type.Object({
      structure: StructureSummarySchema,
      network: Type.Optional(Type.Object({ id: Type.String(), cidr: Type.String() })),
      domain: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
  ),
});
