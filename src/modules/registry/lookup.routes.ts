import { Type } from '@sinclair/typebox';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { lookupDomain, lookupIp } from './lookup.service.js';
import { LookupAnswerSchema } from './registry.schemas.js';

const tags = ['lookup'];

/** "Which structure owns this?" for CERT staff. */
export function registerLookupRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/lookup/ip/:ip',
    {
      schema: {
        tags,
        summary: 'Structure owning an IP address (longest registered prefix)',
        params: Type.Object({ ip: Type.String({ maxLength: 100 }) }),
        response: { 200: LookupAnswerSchema, ...StandardErrors },
      },
    },
    async (request) => lookupIp(request.ctx, request.params.ip),
  );

  app.get(
    '/api/v1/lookup/domain/:name',
    {
      schema: {
        tags,
        summary: 'Structure owning a domain name (longest registered suffix)',
        params: Type.Object({ name: Type.String({ maxLength: 300 }) }),
        response: { 200: LookupAnswerSchema, ...StandardErrors },
      },
    },
    async (request) => lookupDomain(request.ctx, request.params.name),
  );
}
