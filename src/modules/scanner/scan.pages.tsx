/** Pages of the scanner: the list of scans with the launch form, a scan's page with live progress. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { ErrorAlert } from '../../platform/http/error-alert.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { searchStructures } from '../registry/index.js';
import { scanDiffOrNothing, ScanFindingsSection } from './finding.views.js';
import { cancelScan, getScan, getScanView, launchScan, listScans } from './scan.service.js';
import {
  DomainsTable,
  HostsTable,
  ProgressBlock,
  RefusedList,
  ScanFacts,
  StatusBadge,
  stageLabel,
  when,
} from './scan.views.js';
import { IdParamsSchema, ScanListQuerySchema } from './scanner.schemas.js';
import { scannerMessages } from './scanner.messages.js';
import { canLaunchScan } from './scanner.policy.js';
import { splitTargetText } from './targets.js';
import { TableHead } from '../../platform/http/table-head.js';

/** What the launch form submits. */
const LaunchFormSchema = Type.Object({
  targets: Type.Optional(Type.String({ maxLength: 20000 })),
  ports: Type.Optional(Type.String({ maxLength: 20 })),
  portList: Type.Optional(Type.String({ maxLength: 2000 })),
  structureId: Type.Optional(Type.String({ maxLength: 100 })),
  _csrf: Type.Optional(Type.String()),
});

type LaunchForm = { targets?: string; ports?: string; portList?: string; structureId?: string };

async function listPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: number,
  form: LaunchForm = {},
  error?: HygieError,
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, scannerMessages);
  const ctx = request.ctx;
  const scans = await listScans(ctx, { page, pageSize: 25 });
  const launcher = canLaunchScan(ctx.actor);
  const structures = launcher ? (await searchStructures(ctx, { pageSize: 500 })).items : [];
  const ports = form.ports ?? 'top100';
  return reply.page(
    t('scans'),
    <>
      <h1 safe>{t('scans')}</h1>
      <p class="text-body-secondary" safe>
        {t('scansIntro')}
      </p>
      {launcher ? (
        <section class="card mb-4">
          <div class="card-body">
            <h2 class="h5 card-title" safe>
              {t('newScan')}
            </h2>
            <ErrorAlert error={error} lang={lang} />
            <form method="post" action="/scans">
              <CsrfField token={request.csrfToken} />
              <div class="mb-3">
                <label class="form-label" for="scan-targets" safe>
                  {t('targets')}
                </label>
                <textarea
                  class="form-control"
                  id="scan-targets"
                  name="targets"
                  rows="4"
                  aria-describedby="scan-targets-help"
                  safe
                >
                  {form.targets ?? ''}
                </textarea>
                <div id="scan-targets-help" class="form-text" safe>
                  {t('targetsHelp')}
                </div>
              </div>
              <div class="row g-3 mb-3">
                <div class="col-md-4">
                  <label class="form-label" for="scan-ports" safe>
                    {t('ports')}
                  </label>
                  <select class="form-select" id="scan-ports" name="ports">
                    <option value="top100" selected={ports === 'top100'} safe>
                      {t('portsTop100')}
                    </option>
                    <option value="top1000" selected={ports === 'top1000'} safe>
                      {t('portsTop1000')}
                    </option>
                    <option value="all" selected={ports === 'all'} safe>
                      {t('portsAll')}
                    </option>
                  </select>
                </div>
                <div class="col-md-4">
                  <label class="form-label" for="scan-port-list" safe>
                    {t('portList')}
                  </label>
                  <input
                    class="form-control"
                    id="scan-port-list"
                    name="portList"
                    value={form.portList ?? ''}
                    aria-describedby="scan-port-list-help"
                  />
                  <div id="scan-port-list-help" class="form-text" safe>
                    {t('portListHelp')}
                  </div>
                </div>
                <div class="col-md-4">
                  <label class="form-label" for="scan-structure" safe>
                    {t('structure')}
                  </label>
                  <select
                    class="form-select"
                    id="scan-structure"
                    name="structureId"
                    aria-describedby="scan-structure-help"
                  >
                    <option value="" safe>
                      {t('structureNone')}
                    </option>
                    {structures.map((s) => (
                      <option value={s.id} selected={s.id === form.structureId} safe>
                        {s.finess ? `${s.name} (${s.finess})` : s.name}
                      </option>
                    ))}
                  </select>
                  <div id="scan-structure-help" class="form-text" safe>
                    {t('structureHelp')}
                  </div>
                </div>
              </div>
              <button type="submit" class="btn btn-primary" safe>
                {t('launch')}
              </button>
            </form>
          </div>
        </section>
      ) : (
        ''
      )}
      {scans.items.length === 0 ? (
        <p safe>{t('none')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm table-striped align-middle">
            <caption class="visually-hidden" safe>
              {t('scans')}
            </caption>
            <TableHead
              columns={[
                t('created'),
                t('targets'),
                t('status'),
                t('stage'),
                t('hosts'),
                t('services'),
                t('by'),
              ]}
            />
            <tbody>
              {scans.items.map((s) => (
                <tr>
                  <td class="text-nowrap">
                    <a href={`/scans/${s.id}`} safe>
                      {when(s.createdAt, lang)}
                    </a>
                  </td>
                  <td class="small" safe>
                    {s.targets.slice(0, 5).join(', ') +
                      (s.targets.length > 5 ? ` … (+${s.targets.length - 5})` : '')}
                  </td>
                  <td>
                    <StatusBadge status={s.status} lang={lang} />
                  </td>
                  <td safe>{stageLabel(s.stage, lang)}</td>
                  <td safe>{String(s.counts.hosts)}</td>
                  <td safe>{String(s.counts.services)}</td>
                  <td class="small" safe>
                    {s.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    error ? error.status : 200,
  );
}

/** Registers `/scans`, `/scans/:id`, its progress fragment and the cancel action. */
export function registerScanPages(app: HttpApp): void {
  app.get('/scans', { schema: { hide: true, querystring: ScanListQuerySchema } }, async (request, reply) =>
    listPage(request, reply, request.query.page ?? 1),
  );

  app.post('/scans', { schema: { hide: true, body: LaunchFormSchema } }, async (request, reply) => {
    const body = request.body;
    const portList = body.portList?.trim() ?? '';
    try {
      const run = await launchScan(request.ctx, {
        targets: splitTargetText(body.targets ?? ''),
        ports: portList !== '' ? portList : (body.ports ?? 'top100'),
        ...(body.structureId ? { structure: body.structureId } : {}),
      });
      return await reply.redirect(`/scans/${run.id}`, 303);
    } catch (error) {
      if (!(error instanceof HygieError) || error.status !== 400) throw error;
      return listPage(request, reply, 1, body, error);
    }
  });

  app.get('/scans/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const lang = request.lang;
    const t = translator(lang, scannerMessages);
    const { scan, result, assetIds } = await getScanView(request.ctx, request.params.id);
    const diff = scan.assessedAt ? await scanDiffOrNothing(request.ctx, scan.id) : undefined;
    const live = scan.status === 'queued' || scan.status === 'running';
    return reply.page(
      `${t('scan')} ${scan.targets.slice(0, 2).join(', ')}`,
      <>
        <nav aria-label="breadcrumb">
          <ol class="breadcrumb">
            <li class="breadcrumb-item">
              <a href="/scans" safe>
                {t('scans')}
              </a>
            </li>
            <li class="breadcrumb-item active" aria-current="page" safe>
              {scan.id}
            </li>
          </ol>
        </nav>
        <h1 class="h3" safe>
          {`${t('scan')} — ${scan.targets.slice(0, 3).join(', ')}${scan.targets.length > 3 ? ' …' : ''}`}
        </h1>
        <ScanFacts scan={scan} lang={lang} />
        {scan.error ? (
          <div class="alert alert-warning" role="status" safe>
            {scan.error}
          </div>
        ) : (
          ''
        )}
        {scan.stage !== 'done' && !live ? (
          <p class="small" safe>
            {t('resumeHint', { id: scan.id })}
          </p>
        ) : (
          ''
        )}
        <ProgressBlock scan={scan} lang={lang} />
        {live && canLaunchScan(request.ctx.actor) ? (
          <form method="post" action={`/scans/${scan.id}/cancel`} class="mb-4">
            <CsrfField token={request.csrfToken} />
            <button type="submit" class="btn btn-outline-danger btn-sm" safe>
              {t('cancel')}
            </button>
          </form>
        ) : (
          ''
        )}
        <ScanFindingsSection diff={diff} lang={lang} />
        <h2 class="h5" safe>
          {t('services')}
        </h2>
        <HostsTable result={result} assetIds={assetIds} lang={lang} />
        <h2 class="h5" safe>
          {t('domains')}
        </h2>
        <DomainsTable result={result} lang={lang} />
        <RefusedList result={result} lang={lang} />
        {result.scan.notes && result.scan.notes.length > 0 ? (
          <section>
            <h2 class="h5" safe>
              {t('notes')}
            </h2>
            <ul class="small">
              {result.scan.notes.map((n) => (
                <li safe>{n}</li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
      </>,
    );
  });

  app.get(
    '/scans/:id/progress',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const scan = await getScan(request.ctx, request.params.id);
      if (request.headers['hx-request'] !== 'true') {
        // Opened directly (no htmx): a whole page with the progress and a link to the scan.
        const t = translator(request.lang, scannerMessages);
        return reply.page(
          `${t('progress')} — ${t('scan')}`,
          <>
            <h1 class="h3" safe>
              {t('progress')}
            </h1>
            <ProgressBlock scan={scan} lang={request.lang} />
            <a href={`/scans/${scan.id}`} safe>
              {t('scan')}
            </a>
          </>,
        );
      }
      // Once the scan has ended, htmx reloads the whole page (results, no more polling).
      if (scan.status !== 'queued' && scan.status !== 'running') void reply.header('HX-Refresh', 'true');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(<ProgressBlock scan={scan} lang={request.lang} />);
    },
  );

  app.post(
    '/scans/:id/cancel',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      await cancelScan(request.ctx, request.params.id);
      return reply.redirect(`/scans/${request.params.id}`, 303);
    },
  );
}
