import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './csv-import.mapping.js';
import {
  importRegistryCsv,
  parseImportKind,
  type ImportError,
  type ImportReport,
} from './csv-import.service.js';
import { RegistryErrors } from './registry.errors.js';
import { IMPORT_KIND_LABELS, registryMessages } from './registry.messages.js';
import { canImportRegistry } from './registry.policy.js';
import { CheckboxField, SelectField, choices } from './registry.views.js';

/** What the page shows under the form: a report, or the error that stopped the import. */
type Outcome = { report: ImportReport } | { error: HygieError } | null;

function ErrorTable(props: {
  errors: readonly ImportError[];
  caption: string;
  labels: { line: string; column: string; problem: string };
}): JSX.Element {
  return (
    <div class="table-responsive">
      <table class="table table-sm table-striped align-middle">
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="text-end" safe>
              {props.labels.line}
            </th>
            <th scope="col" safe>
              {props.labels.column}
            </th>
            <th scope="col" safe>
              {props.labels.problem}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.errors.map((e) => (
            <tr>
              <th scope="row" class="text-end fw-normal" safe>
                {String(e.line)}
              </th>
              <td safe>{e.field}</td>
              <td safe>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function renderImportPage(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { kind: string; dryRun: boolean },
  outcome: Outcome,
  status: number,
): FastifyReply {
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const labels = { line: t('line'), column: t('column'), problem: t('problem') };
  const none = {};
  const report = outcome && 'report' in outcome ? outcome.report : null;
  const failure = outcome && 'error' in outcome ? outcome.error : null;
  return reply.page(
    t('importTitle'),
    <>
      <nav aria-label={t('structures')}>
        <ol class="breadcrumb">
          <li class="breadcrumb-item">
            <a href="/structures" safe>
              {t('structures')}
            </a>
          </li>
          <li class="breadcrumb-item active" aria-current="page" safe>
            {t('importTitle')}
          </li>
        </ol>
      </nav>
      <h1 safe>{t('importTitle')}</h1>
      <p class="text-body-secondary" safe>
        {t('importIntro')}
      </p>
      <form
        method="post"
        action={`/structures/import?_csrf=${encodeURIComponent(request.csrfToken)}`}
        enctype="multipart/form-data"
        class="mb-4"
      >
        <div class="row">
          <SelectField
            class="col-md-4 mb-3"
            idPrefix="import"
            name="kind"
            label={t('importKind')}
            lang={lang}
            errors={none}
            required
            value={form.kind}
            options={choices(IMPORT_KIND_LABELS, lang)}
          />
          <div class="col-md-8 mb-3">
            <label class="form-label" for="import-file">
              <span safe>{t('importFile')}</span>
              <span aria-hidden="true"> *</span>
              <span class="visually-hidden" safe>{` ${t('requiredMark')}`}</span>
            </label>
            <input
              class="form-control"
              type="file"
              id="import-file"
              name="file"
              accept=".csv,text/csv"
              required
              aria-describedby="import-file-hint"
            />
            <div class="form-text" id="import-file-hint" safe>
              {t('importFileHint')}
            </div>
          </div>
        </div>
        <CheckboxField
          idPrefix="import"
          name="dryRun"
          label={t('dryRun')}
          lang={lang}
          errors={none}
          checked={form.dryRun}
          hint={t('dryRunHint')}
        />
        <button type="submit" class="btn btn-primary" safe>
          {t('importSubmit')}
        </button>
      </form>
      {report || failure ? (
        <section aria-labelledby="h-result" class="mb-4">
          <h2 class="h4" id="h-result" tabindex="-1" safe>
            {t('reportTitle')}
          </h2>
          {report ? (
            <>
              <div
                class={`alert ${report.errors.length > 0 ? 'alert-warning' : 'alert-success'}`}
                role="status"
              >
                <p class="mb-1" safe>
                  {report.dryRun
                    ? t('reportChecked', { valid: report.validRows, rows: report.rows })
                    : t('reportImported', { created: report.created, rows: report.rows })}
                </p>
                <p class="mb-1" safe>
                  {report.errors.length > 0
                    ? t('reportErrors', { count: report.errors.length })
                    : report.dryRun
                      ? t('reportNoError')
                      : ''}
                </p>
                <p class="mb-0 small" safe>
                  {t('reportFile', {
                    encoding: report.encoding === 'latin1' ? 'Windows-1252' : 'UTF-8',
                    delimiter: report.delimiter,
                  })}
                </p>
                {report.ignoredColumns.length > 0 ? (
                  <p class="mb-0 small" safe>
                    {t('ignoredColumns', { columns: report.ignoredColumns.join(', ') })}
                  </p>
                ) : (
                  <></>
                )}
              </div>
              {report.errors.length > 0 ? (
                <ErrorTable errors={report.errors} caption={t('errorsCaption')} labels={labels} />
              ) : (
                <></>
              )}
            </>
          ) : failure ? (
            <>
              <div class="alert alert-danger" role="alert">
                <p class="mb-0" safe>
                  {failure.messageIn(lang)}
                </p>
              </div>
              {failure.code === RegistryErrors.REGISTRY_CSV_INVALID_ROWS.code ? (
                <ErrorTable
                  errors={failure.details.map((d) => ({
                    line: d.line ?? 0,
                    field: d.field ?? '',
                    message: d.message,
                  }))}
                  caption={t('errorsCaption')}
                  labels={labels}
                />
              ) : (
                <></>
              )}
            </>
          ) : (
            <></>
          )}
        </section>
      ) : (
        <></>
      )}
      <section aria-labelledby="h-columns">
        <h2 class="h5" id="h-columns" safe>
          {t('importColumns')}
        </h2>
        <p class="small" safe>
          {t('importColumnsIntro')}
        </p>
        {IMPORT_KINDS.map((kind) => (
          <>
            <h3 class="h6" safe>
              {IMPORT_KIND_LABELS[kind][lang]}
            </h3>
            <ul class="small">
              {Object.entries(IMPORT_COLUMNS[kind]).map(([field, spec]) =>
                spec.required ? (
                  <li>
                    <strong safe>{[...spec.aliases, field].join(' | ')}</strong>
                  </li>
                ) : (
                  <li safe>{[...spec.aliases, field].join(' | ')}</li>
                ),
              )}
            </ul>
          </>
        ))}
      </section>
    </>,
    status,
  );
}

/** Reads the multipart form: kind, dry-run box and the file, in whatever order the browser sent them. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ kind: string; dryRun: boolean; bytes: Buffer | null }> {
  let kind = '';
  let dryRun = false;
  let bytes: Buffer | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === 'file' && part.filename !== '') bytes = content;
    } else if (part.fieldname === 'kind') kind = String(part.value);
    else if (part.fieldname === 'dryRun') dryRun = part.value === 'on';
  }
  return { kind, dryRun, bytes };
}

/** Registers `/structures/import`: upload a CSV file, check it (dry run) or import it. */
export function registerCsvImportPages(app: HttpApp): void {
  app.get('/structures/import', { schema: { hide: true } }, async (request, reply) => {
    authorize(request.ctx.actor, canImportRegistry(request.ctx.actor));
    return renderImportPage(request, reply, { kind: 'structures', dryRun: true }, null, 200);
  });

  app.post('/structures/import', { schema: { hide: true } }, async (request, reply) => {
    authorize(request.ctx.actor, canImportRegistry(request.ctx.actor));
    const t = translator(request.lang, registryMessages);
    let form = { kind: 'structures', dryRun: true };
    try {
      const upload = await readUpload(request);
      form = { kind: upload.kind || 'structures', dryRun: upload.dryRun };
      const kind: ImportKind = parseImportKind(upload.kind, request.lang);
      if (!upload.bytes || upload.bytes.length === 0) {
        throw new HygieError(RegistryErrors.REGISTRY_CSV_FILE_MISSING, {}, [
          { field: 'file', message: t('fileMissing') },
        ]);
      }
      const report = await importRegistryCsv(request.ctx, upload.bytes, { kind, dryRun: upload.dryRun });
      return renderImportPage(request, reply, form, { report }, 200);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        const tooLarge = new HygieError(RegistryErrors.REGISTRY_CSV_TOO_LARGE, {
          limit: request.lang === 'fr' ? '50 Mo' : '50 MB',
        });
        return renderImportPage(request, reply, form, { error: tooLarge }, 400);
      }
      if (!(error instanceof HygieError) || error.status !== 400) throw error;
      return renderImportPage(request, reply, form, { error }, 400);
    }
  });
}
