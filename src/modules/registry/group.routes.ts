import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { archiveGroup, createGroup, editGroup, getGroup, searchGroups } from './group.service.js';
import {
  GroupDetailsSchema,
  GroupInputSchema,
  GroupPatchSchema,
  GroupQuerySchema,
  GroupSchema,
  GroupWithCountSchema,
  IdParamsSchema,
  PageSchema,
} from './registry.schemas.js';
import { toSummary } from './registry.service.js';

const tags = ['groups'];

/** JSON API of GHT groups. */
export function registerGroupRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/groups',
    {
      schema: {
        tags,
        summary: 'List GHT groups with their number of members',
        querystring: GroupQuerySchema,
        response: { 200: PageSchema(GroupWithCountSchema), ...StandardErrors },
      },
    },
    async (request) => searchGroups(request.ctx, request.query),
  );

  app.post(
    '/api/v1/groups',
    {
      schema: {
        tags,
        summary: 'Register a GHT (admin, analyst)',
        body: GroupInputSchema,
        response: { 201: GroupSchema, ...StandardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createGroup(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/groups/:id',
    {
      schema: {
        tags,
        summary: 'Read a GHT and its member structures',
        params: IdParamsSchema,
        response: { 200: GroupDetailsSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const { group, members } = await getGroup(request.ctx, request.params.id);
      return { ...group, members: members.map(toSummary) };
    },
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      schema: {
        tags,
        summary: 'Change a GHT (admin, analyst)',
        params: IdParamsSchema,
        body: GroupPatchSchema,
        response: { 200: GroupSchema, ...StandardErrors },
      },
    },
    async (request) => editGroup(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/groups/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a GHT that has no active member',
        params: IdParamsSchema,
        response: { 200: GroupSchema, ...StandardErrors },
      },
    },
    async (request) => archiveGroup(request.ctx, request.params.id),
  );
}
