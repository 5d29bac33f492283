import { Type } from '@sinclair/typebox';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import { toSarif } from './findings/sarif.js';
import { getHost } from './host.service.js';
import {
  cancelScan,
  getScan,
  getScanResult,
  launchScan,
  listScans,
  type ScanSummary,
} from './scan.service.js';
import {
  AssetHostSchema,
  IdParamsSchema,
  LaunchScanSchema,
  ScanListQuerySchema,
  ScanPageSchema,
  ScanResultSchema,
  ScanRunSchema,
} from './scanner.schemas.js';

/** A run as the API shows it (options as stored, counts of what it observed). */
function present(scan: ScanSummary) {
  return {
    id: scan.id,
    targets: scan.targets,
    options: { ...scan.options },
    status: scan.status,
    stage: scan.stage,
    progress: scan.progress,
    notes: [...scan.checkpoint.notes],
    refused: scan.refused,
    structureId: scan.structureId,
    createdBy: scan.createdBy,
    cancelRequested: scan.cancelRequested,
    error: scan.error,
    createdAt: scan.createdAt,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    counts: scan.counts,
  };
}

/** JSON API of the scanner: launch, follow and read scans; read hosts. */
export function registerScannerRoutes(app: HttpApp): void {
  app.post(
    '/api/v1/scans',
    {
      schema: {
        tags: ['scanner'],
        summary: 'Launch a scan (admin, analyst, auditor): queued, run by the scanner.run-scan job',
        body: LaunchScanSchema,
        response: { 202: ScanRunSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const run = await launchScan(request.ctx, {
        targets: body.targets,
        ...(body.ports === undefined ? {} : { ports: body.ports }),
        ...(body.excludePorts === undefined ? {} : { excludePorts: body.excludePorts }),
        ...(body.structureId === undefined ? {} : { structure: body.structureId }),
        ...(body.dnsServers === undefined ? {} : { dnsServers: body.dnsServers }),
        ...(body.timeoutMs === undefined ? {} : { timeoutMs: body.timeoutMs }),
      });
      return reply.status(202).send(present(await getScan(request.ctx, run.id)));
    },
  );

  app.get(
    '/api/v1/scans',
    {
      schema: {
        tags: ['scanner'],
        summary: 'List scans, newest first (a beneficiary sees those of its structures)',
        querystring: ScanListQuerySchema,
        response: { 200: ScanPageSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const page = await listScans(request.ctx, request.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/api/v1/scans/:id',
    {
      schema: {
        tags: ['scanner'],
        summary: 'A scan: status, stage and live progress',
        params: IdParamsSchema,
        response: { 200: ScanRunSchema, ...StandardErrors },
      },
    },
    async (request) => present(await getScan(request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/scans/:id/result',
    {
      schema: {
        tags: ['scanner'],
        summary: 'The hygie.scan/1 document of a finished scan (409 while it runs)',
        params: IdParamsSchema,
        response: { 200: ScanResultSchema, ...StandardErrors },
      },
    },
    async (request) => getScanResult(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/scans/:id/sarif',
    {
      schema: {
        tags: ['scanner'],
        summary:
          'The findings of a finished scan as a SARIF 2.1.0 log (application/sarif+json), for code-scanning tools',
        params: IdParamsSchema,
        response: {
          200: Type.Object({ version: Type.Literal('2.1.0') }, { additionalProperties: true }),
          ...StandardErrors,
        },
      },
    },
    async (request, reply) => {
      const result = await getScanResult(request.ctx, request.params.id);
      return reply
        .type('application/sarif+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="hygie-scan-${result.scan.id}.sarif"`)
        .send(toSarif(result, { language: request.lang }));
    },
  );

  app.post(
    '/api/v1/scans/:id/cancel',
    {
      schema: {
        tags: ['scanner'],
        summary: 'Cancel a queued or running scan (it ends partial, what was found is kept)',
        params: IdParamsSchema,
        response: { 200: ScanRunSchema, ...StandardErrors },
      },
    },
    async (request) => {
      await cancelScan(request.ctx, request.params.id);
      return present(await getScan(request.ctx, request.params.id));
    },
  );

  app.get(
    '/api/v1/hosts/:id',
    {
      schema: {
        tags: ['scanner'],
        summary: 'A host seen by scans: services, technologies, first and last seen',
        params: IdParamsSchema,
        response: { 200: AssetHostSchema, ...StandardErrors },
      },
    },
    async (request) => getHost(request.ctx, request.params.id),
  );
}
