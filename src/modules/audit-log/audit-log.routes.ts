import type { HttpApp } from '../../platform/http/server.js';
import { ErrorResponseSchema } from '../../platform/http/api-schemas.js';
import { AuditPageSchema, AuditQuerySchema } from './audit-log.schemas.js';
import { browseAuditLog } from './audit-log.service.js';

/** JSON API of the audit log. */
export function registerAuditLogRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit-log'],
        summary: 'List audit-log entries, newest first (admin)',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { entries, total, page, pageSize } = await browseAuditLog(request.ctx, request.query);
      return { entries, total, page, pageSize };
    },
  );
}
