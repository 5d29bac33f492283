/** Pages of findings: the filtered list, one finding with its history, and the triage form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { Pager } from '../../platform/http/pager.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { getStructureSummaries, searchStructures } from '../registry/index.js';
import {
  FindingPageDoneSchema,
  FindingPageQuerySchema,
  FindingStatusFormSchema,
  type FindingPageQuery,
} from './finding.schemas.js';
import { changeFindingStatus, findingFilterOf, getFinding, listFindings } from './finding.service.js';
import {
  FindingFacts,
  HistoryTable,
  Paragraphs,
  ReferenceList,
  TriageForm,
  VulnerabilitySection,
} from './finding-detail.views.js';
import { categoryLabel, FindingFilters, FindingsTable, SeverityBadge, titleOf } from './finding.views.js';
import { IdParamsSchema } from './scanner.schemas.js';
import { scannerMessages } from './scanner.messages.js';

const PAGE_SIZE = 50;

/** The query as strings, for the pager's links. */
function queryStrings(query: FindingPageQuery): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query).map(([k, value]) => [k, String(value)]));
}

async function listPage(request: FastifyRequest, reply: FastifyReply, query: FindingPageQuery) {
  const lang = request.lang;
  const t = translator(lang, scannerMessages);
  const ctx = request.ctx;
  const page = await listFindings(ctx, findingFilterOf(query), {
    page: query.page ?? 1,
    pageSize: PAGE_SIZE,
  });
  const structures = (await searchStructures(ctx, { pageSize: 500 })).items;
  return reply.page(
    t('findings'),
    <>
      <h1 safe>{t('findings')}</h1>
      <p class="text-body-secondary" safe>
        {t('findingsIntro')}
      </p>
      <FindingFilters query={query} structures={structures} lang={lang} />
      <FindingsTable records={page.items} lang={lang} />
      <Pager
        lang={lang}
        basePath="/findings"
        query={queryStrings(query)}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </>,
  );
}

async function findingPage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  options: { done?: boolean; form?: { status?: string; reason?: string }; error?: HygieError } = {},
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, scannerMessages);
  const { record, events, canTriage } = await getFinding(request.ctx, id);
  const f = record.finding;
  const owner = record.structureId
    ? (await getStructureSummaries(request.ctx, [record.structureId]))[0]
    : undefined;
  const title = titleOf(f, lang);
  return reply.page(
    `${t('finding')} — ${title}`,
    <>
      <nav aria-label="breadcrumb">
        <ol class="breadcrumb">
          <li class="breadcrumb-item">
            <a href="/findings" safe>
              {t('findings')}
            </a>
          </li>
          <li class="breadcrumb-item active" aria-current="page" safe>
            {f.check}
          </li>
        </ol>
      </nav>
      {options.done ? (
        <div class="alert alert-success" role="status" safe>
          {t('statusSaved')}
        </div>
      ) : (
        ''
      )}
      <h1 class="h3" safe>
        {title}
      </h1>
      <p class="d-flex flex-wrap gap-2 align-items-center">
        <SeverityBadge severity={f.severity} lang={lang} />
        <span class="badge text-bg-light border" safe>
          {categoryLabel(f.category, lang)}
        </span>
        <code safe>{f.check}</code>
      </p>
      <FindingFacts record={record} ownerName={owner?.name} lang={lang} />
      <h2 class="h5" safe>
        {t('evidence')}
      </h2>
      <pre class="border rounded p-2 bg-body-tertiary text-wrap text-break">
        <code safe>{f.evidence}</code>
      </pre>
      <h2 class="h5" safe>
        {t('description')}
      </h2>
      <Paragraphs text={lang === 'fr' ? f.descriptionFr : f.descriptionEn} />
      <h2 class="h5" safe>
        {t('recommendation')}
      </h2>
      <Paragraphs text={lang === 'fr' ? f.recommendationFr : f.recommendationEn} />
      <VulnerabilitySection finding={f} lang={lang} />
      <ReferenceList references={f.references} lang={lang} />
      <HistoryTable events={events} lang={lang} />
      {canTriage ? (
        <TriageForm
          record={record}
          csrfToken={request.csrfToken}
          form={options.form ?? {}}
          error={options.error}
          lang={lang}
        />
      ) : (
        ''
      )}
    </>,
    options.error ? options.error.status : 200,
  );
}

/** Registers `/findings`, `/findings/:id` and its status form. */
export function registerFindingPages(app: HttpApp): void {
  app.get(
    '/findings',
    { schema: { hide: true, querystring: FindingPageQuerySchema } },
    async (request, reply) => listPage(request, reply, request.query),
  );

  app.get(
    '/findings/:id',
    { schema: { hide: true, params: IdParamsSchema, querystring: FindingPageDoneSchema } },
    async (request, reply) =>
      findingPage(request, reply, request.params.id, { done: request.query.done === 'status' }),
  );

  app.post(
    '/findings/:id/status',
    { schema: { hide: true, params: IdParamsSchema, body: FindingStatusFormSchema } },
    async (request, reply) => {
      const { status, reason } = request.body;
      try {
        await changeFindingStatus(request.ctx, request.params.id, { status, reason });
      } catch (error) {
        // Bad input comes back in the form with its message; refusals go to the error page.
        if (!(error instanceof HygieError) || error.status !== 400) throw error;
        return findingPage(request, reply, request.params.id, { form: request.body, error });
      }
      return reply.redirect(`/findings/${encodeURIComponent(request.params.id)}?done=status`, 303);
    },
  );
}
