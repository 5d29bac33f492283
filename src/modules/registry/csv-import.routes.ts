import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { MAX_IMPORT_BYTES, importRegistryCsv } from './csv-import.service.js';
import { ImportQuerySchema, ImportReportSchema } from './registry.schemas.js';

/**
 * `POST /api/v1/structures/import`: the body is the raw CSV file (`Content-Type: text/csv`).
 * Registered in its own encapsulated scope so that the `text/csv` parser and the 50 MB body
 * limit apply to this route only.
 */
export async function registerCsvImportRoutes(app: HttpApp): Promise<void> {
  await app.register((scope: HttpApp, _options, done) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_request, body, parsed) => parsed(null, body),
    );
    scope.post(
      '/api/v1/structures/import',
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags: ['structures'],
          summary:
            'Import a CSV file of structures, contacts, domains or networks (admin, analyst); all rows or none',
          description:
            'Body: the file bytes with Content-Type text/csv (UTF-8 or Windows-1252, "," or ";"). With dryRun=true the rows are checked and every problem reported, nothing stored. A real run with problems answers 400 REGISTRY_CSV_INVALID_ROWS with one detail per problem (line, field, message).',
          querystring: ImportQuerySchema,
          consumes: ['text/csv'],
          response: { 200: ImportReportSchema, ...StandardErrors },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return importRegistryCsv(request.ctx, body, {
          kind: request.query.kind,
          dryRun: request.query.dryRun === true,
        });
      },
    );
    done();
  });
}
