/**
 * `/indicateurs`: the public indicators page, four charts each with its data table under a
 * `<details>` (the text alternative); `/indicateurs/<chart>.svg`: each chart as an SVG rendered on
 * the server. The page embeds the charts with `<img>`: an image is not subject to the page's
 * `style-src`, carries no script, and the SVG files are reusable (reports, other sites).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import type { HttpApp } from '../../platform/http/server.js';
import { VulnWatchBulletinErrors } from './bulletin.errors.js';
import { translator } from '../../platform/i18n/i18n.js';
import { bulletinMessages } from './bulletin.messages.js';
import { ChartParamsSchema, IndicatorsQuerySchema } from './bulletin.schemas.js';
import { PortalTabs } from './bulletin.views.js';
import { renderChartSvg } from './charts/chart-render.js';
import { CHART_IDS, indicatorChart, type ChartId } from './charts/indicator-charts.js';
import { buildIndicators, defaultFrom } from './indicators.service.js';
import { noIncidentStatistics, type IncidentStatistics } from './indicators.types.js';

/** Public, unauthenticated pages: a generous but finite rate per client. */
const PUBLIC_RATE = { rateLimit: { max: 300, timeWindow: '1 minute' } };

function fromOf(request: FastifyRequest, depuis: string | undefined): string {
  return depuis && depuis !== '' ? depuis : defaultFrom(request.ctx.clock.now());
}

async function renderPage(request: FastifyRequest, reply: FastifyReply, depuis: string | undefined, incidents: IncidentStatistics): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const from = fromOf(request, depuis);
  const indicators = await buildIndicators(request.ctx, { from }, incidents);
  const charts = CHART_IDS.map((id) => indicatorChart(indicators, id, lang));
  return reply.page(
    t('indicators'),
    <>
      <PortalTabs lang={lang} current="indicators" />
      <h1 safe>{t('indicators')}</h1>
      <p class="text-body-secondary" safe>
        {t('indicatorsIntro')}
      </p>
      <form method="get" action="/indicateurs" class="row g-2 align-items-end mb-4">
        <div class="col-auto">
          <label class="form-label" for="i-from" safe>
            {t('period')}
          </label>
          <input class="form-control" type="month" id="i-from" name="depuis" value={indicators.from} pattern="\d{4}-\d{2}" />
        </div>
        <div class="col-auto">
          <button type="submit" class="btn btn-primary" safe>
            {t('show')}
          </button>
        </div>
      </form>
      {charts.map((chart) => (
        <section class="mb-5" aria-labelledby={`chart-${chart.id}`}>
          <h2 class="h4" id={`chart-${chart.id}`} safe>
            {chart.title}
          </h2>
          {chart.id === 'incidents' && !indicators.incidentsAvailable ? (
            <p class="text-body-secondary" safe>
              {t('incidentsPending')}
            </p>
          ) : (
            ''
          )}
          <img class="img-fluid border" src={`/indicateurs/${chart.id}.svg?depuis=${encodeURIComponent(indicators.from)}`} alt={chart.title} />
          <details class="mt-2">
            <summary safe>{t('dataTable')}</summary>
            {chart.table.rows.length === 0 ? (
              <p safe>{t('emptyChart')}</p>
            ) : (
              <div class="table-responsive">
                <table class="table table-sm w-auto">
                  <caption safe>{chart.title}</caption>
                  <thead>
                    <tr>
                      {chart.table.columns.map((c) => (
                        <th scope="col" safe>
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {chart.table.rows.map((row) => (
                      <tr>
                        {row.map((cell, i) =>
                          i === 0 ? (
                            <th scope="row" safe>
                              {cell}
                            </th>
                          ) : (
                            <td safe>{cell}</td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </details>
        </section>
      ))}
    </>,
  );
}

async function sendChart(request: FastifyRequest, reply: FastifyReply, id: ChartId, depuis: string | undefined, incidents: IncidentStatistics): Promise<FastifyReply> {
  const indicators = await buildIndicators(request.ctx, { from: fromOf(request, depuis) }, incidents);
  const chart = indicatorChart(indicators, id, request.lang);
  const svg = await renderChartSvg(chart.spec, chart.title);
  return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').header('vary', 'cookie, accept-language').send(svg);
}

function chartIdOf(file: string): ChartId {
  const id = file.replace(/\.svg$/, '');
  if (!file.endsWith('.svg') || !(CHART_IDS as readonly string[]).includes(id)) {
    throw new HygieError(VulnWatchBulletinErrors.VULNWATCH_INDICATORS_CHART_UNKNOWN, { chart: file.slice(0, 40), allowed: CHART_IDS.map((c) => `${c}.svg`).join(', ') });
  }
  return id as ChartId;
}

/** The indicators page and its charts; `incidents` is the incidents module's statistics (empty until it exists). */
export function registerIndicatorPages(app: HttpApp, options: { incidents?: IncidentStatistics } = {}): void {
  const incidents = options.incidents ?? noIncidentStatistics;
  app.get('/indicateurs', { config: PUBLIC_RATE, schema: { hide: true, querystring: IndicatorsQuerySchema } }, async (request, reply) => renderPage(request, reply, request.query.depuis, incidents));
  app.get('/indicateurs/:chart', { config: PUBLIC_RATE, schema: { hide: true, params: ChartParamsSchema, querystring: IndicatorsQuerySchema } }, async (request, reply) =>
    sendChart(request, reply, chartIdOf(request.params.chart), request.query.depuis, incidents),
  );
}
