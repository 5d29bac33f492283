import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { archiveDomain, createDomain, editDomain, getDomain, searchDomains } from './domain.service.js';
import {
  AssetQuerySchema,
  DomainInputSchema,
  DomainPatchSchema,
  DomainSchema,
  IdParamsSchema,
  PageSchema,
} from './registry.schemas.js';
import type { StructureId } from './registry.types.js';

const tags = ['domains'];

/** JSON API of domain names. */
export function registerDomainRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/domains',
    {
      schema: {
        tags,
        summary: 'List domain names',
        querystring: AssetQuerySchema,
        response: { 200: PageSchema(DomainSchema), ...StandardErrors },
      },
    },
    async (request) =>
      searchDomains(request.ctx, {
        ...request.query,
        structureId: request.query.structureId as StructureId | undefined,
      }),
  );

  app.post(
    '/api/v1/domains',
    {
      schema: {
        tags,
        summary: 'Register a domain name for a structure (admin, analyst)',
        body: DomainInputSchema,
        response: { 201: DomainSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const { structureId, ...draft } = request.body;
      return reply.status(201).send(await createDomain(request.ctx, structureId, draft));
    },
  );

  app.get(
    '/api/v1/domains/:id',
    {
      schema: {
        tags,
        summary: 'Read a domain name',
        params: IdParamsSchema,
        response: { 200: DomainSchema, ...StandardErrors },
      },
    },
    async (request) => getDomain(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/domains/:id',
    {
      schema: {
        tags,
        summary: 'Change a domain name',
        params: IdParamsSchema,
        body: DomainPatchSchema,
        response: { 200: DomainSchema, ...StandardErrors },
      },
    },
    async (request) => editDomain(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/domains/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a domain name',
        params: IdParamsSchema,
        response: { 200: DomainSchema, ...StandardErrors },
      },
    },
    async (request) => archiveDomain(request.ctx, request.params.id),
  );
}
