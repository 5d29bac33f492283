import type { Lang } from '../../lib/errors.js';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { FindingRecord } from './finding.repository.js';
import {
  FindingDetailSchema,
  FindingListQuerySchema,
  FindingPageSchema,
  FindingSchema,
  FindingStatusBodySchema,
  ScanDiffQuerySchema,
  ScanDiffSchema,
} from './finding.schemas.js';
import {
  changeFindingStatus,
  findingFilterOf,
  getFinding,
  getScanDiff,
  listFindings,
} from './finding.service.js';
import { localiseFinding } from './findings/finding.build.js';
import type { Finding, FindingStatus } from './findings/finding.types.js';
import { IdParamsSchema } from './scanner.schemas.js';
import type { ScanRun } from './scanner.types.js';

/** A finding as a scan saw it, its texts in the caller's language, with its current status. */
function presentScanFinding(finding: Finding, status: FindingStatus, lang: Lang) {
  const localised = localiseFinding(finding, lang);
  return { ...localised, references: [...localised.references], cve: [...localised.cve], status };
}

/** A stored finding as the API shows it, with its lifecycle. */
function presentFinding(record: FindingRecord, lang: Lang) {
  return {
    ...presentScanFinding(record.finding, record.status, lang),
    statusReason: record.statusReason,
    statusBy: record.statusBy,
    statusAt: record.statusAt,
    structureId: record.structureId,
    firstSeenAt: record.firstSeenAt,
    lastSeenAt: record.lastSeenAt,
    firstScanId: record.firstScanId,
    lastScanId: record.lastScanId,
  };
}

function scanRef(scan: ScanRun) {
  return {
    id: scan.id,
    targets: scan.targets,
    status: scan.status,
    structureId: scan.structureId,
    createdAt: scan.createdAt,
    finishedAt: scan.finishedAt,
    assessedAt: scan.assessedAt ?? null,
  };
}

/** JSON API of findings: lists, one finding with its history, triage, and a scan's diff. */
export function registerFindingRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/findings',
    {
      schema: {
        tags: ['scanner'],
        summary: 'List findings, most severe first (a beneficiary sees those of its structures)',
        querystring: FindingListQuerySchema,
        response: { 200: FindingPageSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listFindings(request.ctx, findingFilterOf(q), {
        ...(q.page ? { page: q.page } : {}),
        ...(q.pageSize ? { pageSize: q.pageSize } : {}),
      });
      return { ...page, items: page.items.map((r) => presentFinding(r, request.lang)) };
    },
  );

  app.get(
    '/api/v1/findings/:id',
    {
      schema: {
        tags: ['scanner'],
        summary: 'A finding: evidence, recommendation, status and its history',
        params: IdParamsSchema,
        response: { 200: FindingDetailSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const { record, events } = await getFinding(request.ctx, request.params.id);
      return { ...presentFinding(record, request.lang), history: [...events] };
    },
  );

  app.post(
    '/api/v1/findings/:id/status',
    {
      schema: {
        tags: ['scanner'],
        summary:
          'Set a finding’s status (admin, analyst, auditor); false-positive and accepted-risk need a reason. Audit-logged',
        params: IdParamsSchema,
        body: FindingStatusBodySchema,
        response: { 200: FindingSchema, ...StandardErrors },
      },
    },
    async (request) =>
      presentFinding(await changeFindingStatus(request.ctx, request.params.id, request.body), request.lang),
  );

  app.get(
    '/api/v1/scans/:id/diff',
    {
      schema: {
        tags: ['scanner'],
        summary:
          'How a scan compares with a base scan (default: the previous one of its scope): new, still present, fixed',
        params: IdParamsSchema,
        querystring: ScanDiffQuerySchema,
        response: { 200: ScanDiffSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const diff = await getScanDiff(request.ctx, request.params.id, request.query.against || undefined);
      return {
        scan: scanRef(diff.scan),
        base: diff.base ? scanRef(diff.base) : null,
        counts: { ...diff.counts },
        entries: diff.entries.map((e) => ({
          change: e.change,
          status: e.status,
          finding: presentScanFinding(e.finding, e.status, request.lang),
        })),
      };
    },
  );
}
