import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { archiveNetwork, createNetwork, editNetwork, getNetwork, searchNetworks } from './network.service.js';
import {
  AssetQuerySchema,
  IdParamsSchema,
  NetworkInputSchema,
  NetworkPatchSchema,
  NetworkSchema,
  PageSchema,
} from './registry.schemas.js';
import type { StructureId } from './registry.types.js';

const tags = ['networks'];

/** JSON API of IP networks. */
export function registerNetworkRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/networks',
    {
      schema: {
        tags,
        summary: 'List IP networks',
        querystring: AssetQuerySchema,
        response: { 200: PageSchema(NetworkSchema), ...StandardErrors },
      },
    },
    async (request) =>
      searchNetworks(request.ctx, {
        ...request.query,
        structureId: request.query.structureId as StructureId | undefined,
      }),
  );

  app.post(
    '/api/v1/networks',
    {
      schema: {
        tags,
        summary: 'Register a network (CIDR) for a structure (admin, analyst)',
        body: NetworkInputSchema,
        response: { 201: NetworkSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const { structureId, ...draft } = request.body;
      return reply.status(201).send(await createNetwork(request.ctx, structureId, draft));
    },
  );

  app.get(
    '/api/v1/networks/:id',
    {
      schema: {
        tags,
        summary: 'Read a network',
        params: IdParamsSchema,
        response: { 200: NetworkSchema, ...StandardErrors },
      },
    },
    async (request) => getNetwork(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/networks/:id',
    {
      schema: {
        tags,
        summary: 'Change a network',
        params: IdParamsSchema,
        body: NetworkPatchSchema,
        response: { 200: NetworkSchema, ...StandardErrors },
      },
    },
    async (request) => editNetwork(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/networks/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a network',
        params: IdParamsSchema,
        response: { 200: NetworkSchema, ...StandardErrors },
      },
    },
    async (request) => archiveNetwork(request.ctx, request.params.id),
  );
}
