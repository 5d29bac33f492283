import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import {
  IdParamsSchema,
  PageSchema,
  StructureInputSchema,
  StructurePatchSchema,
  StructureQuerySchema,
  StructureSchema,
} from './registry.schemas.js';
import type { GroupId } from './registry.types.js';
import {
  archiveStructure,
  createStructure,
  editStructure,
  getStructure,
  restoreStructure,
  searchStructures,
} from './structure.service.js';

const tags = ['structures'];

/** JSON API of structures: list, create, read, change, archive, restore. */
export function registerStructureRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/structures',
    {
      schema: {
        tags,
        summary: 'List structures (search, filters, pages); beneficiaries see their own only',
        querystring: StructureQuerySchema,
        response: { 200: PageSchema(StructureSchema), ...StandardErrors },
      },
    },
    async (request) =>
      searchStructures(request.ctx, {
        ...request.query,
        groupId: request.query.groupId as GroupId | undefined,
      }),
  );

  app.post(
    '/api/v1/structures',
    {
      schema: {
        tags,
        summary: 'Register a structure (admin, analyst)',
        body: StructureInputSchema,
        response: { 201: StructureSchema, ...StandardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createStructure(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/structures/:id',
    {
      schema: {
        tags,
        summary: 'Read a structure',
        params: IdParamsSchema,
        response: { 200: StructureSchema, ...StandardErrors },
      },
    },
    async (request) => getStructure(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/structures/:id',
    {
      schema: {
        tags,
        summary: 'Change some fields of a structure (admin, analyst)',
        params: IdParamsSchema,
        body: StructurePatchSchema,
        response: { 200: StructureSchema, ...StandardErrors },
      },
    },
    async (request) => editStructure(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/structures/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a structure (hidden from lists and lookups)',
        params: IdParamsSchema,
        response: { 200: StructureSchema, ...StandardErrors },
      },
    },
    async (request) => archiveStructure(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/structures/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore an archived structure',
        params: IdParamsSchema,
        response: { 200: StructureSchema, ...StandardErrors },
      },
    },
    async (request) => restoreStructure(request.ctx, request.params.id),
  );
}
