import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { archiveContact, createContact, editContact, getContact, searchContacts } from './contact.service.js';
import {
  AssetQuerySchema,
  ContactInputSchema,
  ContactPatchSchema,
  ContactSchema,
  IdParamsSchema,
  PageSchema,
} from './registry.schemas.js';
import type { StructureId } from './registry.types.js';

const tags = ['contacts'];

/** JSON API of contacts (beneficiaries manage their own structures' contacts). */
export function registerContactRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'List contacts',
        querystring: AssetQuerySchema,
        response: { 200: PageSchema(ContactSchema), ...StandardErrors },
      },
    },
    async (request) =>
      searchContacts(request.ctx, {
        ...request.query,
        structureId: request.query.structureId as StructureId | undefined,
      }),
  );

  app.post(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact to a structure',
        body: ContactInputSchema,
        response: { 201: ContactSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const { structureId, ...draft } = request.body;
      return reply.status(201).send(await createContact(request.ctx, structureId, draft));
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Read a contact',
        params: IdParamsSchema,
        response: { 200: ContactSchema, ...StandardErrors },
      },
    },
    async (request) => getContact(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact',
        params: IdParamsSchema,
        body: ContactPatchSchema,
        response: { 200: ContactSchema, ...StandardErrors },
      },
    },
    async (request) => editContact(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/contacts/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a contact (no more alerts)',
        params: IdParamsSchema,
        response: { 200: ContactSchema, ...StandardErrors },
      },
    },
    async (request) => archiveContact(request.ctx, request.params.id),
  );
}
