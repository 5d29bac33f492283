/**
 * Public portal pages beside the bulletins: the CVE page (`/cves/:id`: scores with vectors and
 * the rule that chose the threshold score, CWE, affected configurations in words, KEV, EPSS,
 * references, bulletins) and the Atom feed (`/bulletins.atom`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../platform/http/server.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { bulletinMessages, SEVERITY_LABELS } from './bulletin.messages.js';
import { CveIdParamsSchema } from './bulletin.schemas.js';
import { bulletinPath } from './bulletin.service.js';
import { ExternalLink, formatDay, KevBadge, PortalTabs, SeverityBadge } from './bulletin.views.js';
import { affectedVersionsInWords, configurationsInWords } from './kb.js';
import { buildAtomFeed, readCvePage } from './portal.service.js';
import type { CvssMetric, Cve } from './vuln-watch.types.js';
import { TableHead } from '../../platform/http/table-head.js';

/** Public, unauthenticated pages: a generous but finite rate per client. */
const PUBLIC_RATE = { rateLimit: { max: 300, timeWindow: '1 minute' } };

function providerWords(m: CvssMetric): string {
  const provider = m.provider ?? (m.type === 'Primary' ? 'nvd' : 'cna');
  return provider === 'nvd' ? 'NVD' : provider === 'cna' ? 'CNA' : provider === 'adp' ? 'ADP' : provider;
}

function isSelected(cve: Cve, m: CvssMetric): boolean {
  const s = cve.selectedScore;
  return (
    s !== null &&
    s.version === m.version &&
    s.vector === m.vector &&
    s.source === m.source &&
    s.score === m.baseScore
  );
}

function Fact({ label, value }: { label: string; value: string }): JSX.Element {
  return (
    <tr>
      <th scope="row" safe>
        {label}
      </th>
      <td safe>{value}</td>
    </tr>
  );
}

function ScoresSection({ cve, lang }: { cve: Cve; lang: Lang }): JSX.Element {
  const t = translator(lang, bulletinMessages);
  return (
    <section class="mb-4">
      <h2 class="h4" safe>
        {t('scores')}
      </h2>
      {cve.selectedScore ? (
        <div class="mb-2">
          <p class="mb-1">
            <span safe>{`${t('selectedScore')} : `}</span>
            <SeverityBadge severity={cve.severity} score={cve.selectedScore.score} lang={lang} />{' '}
            <code safe>{`CVSS ${cve.selectedScore.version} ${cve.selectedScore.vector}`}</code>
          </p>
          <p class="mb-1">
            <span safe>{`${t('selectionRule')} : `}</span>
            <span lang="en" safe>
              {cve.selectedScore.rule}
            </span>
          </p>
        </div>
      ) : (
        <p safe>{t('notScored')}</p>
      )}
      {cve.metrics.length > 0 ? (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <caption class="visually-hidden" safe>
              {t('scores')}
            </caption>
            <TableHead columns={[t('version'), t('score'), t('vector'), t('provider'), t('source')]} />
            <tbody>
              {cve.metrics.map((m) => (
                <tr>
                  <td safe>{`CVSS ${m.version}`}</td>
                  <td>
                    <span
                      safe
                    >{`${m.baseScore.toFixed(1)}${m.baseSeverity ? ` (${m.baseSeverity})` : ''}`}</span>
                    {isSelected(cve, m) ? (
                      <strong class="ms-1" safe>
                        {`— ${t('selected')}`}
                      </strong>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>
                    <code class="text-break" safe>
                      {m.vector}
                    </code>
                  </td>
                  <td safe>{providerWords(m)}</td>
                  <td class="text-break" safe>
                    {m.source}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        ''
      )}
    </section>
  );
}

function ConfigurationsSection({ cve, lang }: { cve: Cve; lang: Lang }): JSX.Element {
  const t = translator(lang, bulletinMessages);
  const nvd = cve.configurations.length > 0;
  const lines = nvd ? configurationsInWords(cve.configurations) : affectedVersionsInWords(cve.affected);
  return (
    <section class="mb-4">
      <h2 class="h4" safe>
        {t('configurations')}
      </h2>
      {lines.length === 0 ? (
        <p safe>{t('noConfiguration')}</p>
      ) : (
        <>
          <p safe>{nvd ? t('configurationsNvd') : t('configurationsCve5')}</p>
          <ul lang="en">
            {lines.map((l) => (
              <li safe>{l}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function KevEpssSection({ cve, lang }: { cve: Cve; lang: Lang }): JSX.Element {
  const t = translator(lang, bulletinMessages);
  const kev = cve.kev;
  const epss = cve.epss;
  return (
    <>
      <section class="mb-4">
        <h2 class="h4" safe>
          {t('kevSection')}
        </h2>
        {kev ? (
          <table class="table table-sm w-auto">
            <tbody>
              <Fact label={t('kevDateAdded')} value={formatDay(kev.dateAdded, lang)} />
              {kev.vulnerabilityName ? <Fact label={t('title')} value={kev.vulnerabilityName} /> : ''}
              {kev.requiredAction ? <Fact label={t('kevAction')} value={kev.requiredAction} /> : ''}
              {kev.dueDate ? <Fact label={t('kevDueDate')} value={formatDay(kev.dueDate, lang)} /> : ''}
              <Fact
                label={t('kevRansomware')}
                value={
                  kev.knownRansomwareCampaignUse === 'Known'
                    ? t('yes')
                    : kev.knownRansomwareCampaignUse === 'Unknown'
                      ? t('unknown')
                      : '—'
                }
              />
            </tbody>
          </table>
        ) : (
          <p safe>{t('kevAbsent')}</p>
        )}
      </section>
      <section class="mb-4">
        <h2 class="h4" safe>
          {t('epss')}
        </h2>
        <p safe>
          {epss
            ? t('epssValue', {
                score: (epss.score * 100).toFixed(2),
                percentile: (epss.percentile * 100).toFixed(0),
                date: formatDay(epss.date, lang),
              })
            : t('epssAbsent')}
        </p>
      </section>
    </>
  );
}

async function renderCve(request: FastifyRequest, reply: FastifyReply, id: string): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, bulletinMessages);
  const { cve, bulletins } = await readCvePage(request.ctx, id);
  return reply.page(
    cve.id,
    <>
      <PortalTabs lang={lang} current="bulletins" />
      <article>
        <header class="mb-3">
          <p class="text-body-secondary mb-1" safe>
            {t('cvePage')}
          </p>
          <h1 safe>{cve.id}</h1>
          {cve.title ? (
            <p class="lead" lang="en" safe>
              {cve.title}
            </p>
          ) : (
            ''
          )}
          <div class="d-flex flex-wrap gap-2">
            <SeverityBadge severity={cve.severity} score={cve.selectedScore?.score ?? null} lang={lang} />
            <KevBadge kev={cve.kev !== null} lang={lang} />
          </div>
        </header>
        {cve.state === 'REJECTED' ? (
          <div class="alert alert-secondary" role="status" safe>
            {t('rejected')}
          </div>
        ) : (
          ''
        )}
        <table class="table table-sm w-auto">
          <tbody>
            <Fact label={t('published')} value={formatDay(cve.publishedAt, lang)} />
            <Fact label={t('lastModified')} value={formatDay(cve.sourceModifiedAt, lang)} />
            <Fact label={t('nvdStatus')} value={cve.vulnStatus ?? '—'} />
            <Fact label={t('source')} value={cve.sources.join(', ')} />
            <Fact label={t('severity')} value={SEVERITY_LABELS[cve.severity][lang]} />
          </tbody>
        </table>
        <section class="mb-4">
          <h2 class="h4" safe>
            {t('description')}
          </h2>
          <p class="small text-body-secondary mb-1" safe>
            {t('descriptionLang')}
          </p>
          <p lang="en" safe>
            {cve.description}
          </p>
        </section>
        <ScoresSection cve={cve} lang={lang} />
        <section class="mb-4">
          <h2 class="h4" safe>
            {t('weaknesses')}
          </h2>
          {cve.cwes.length === 0 ? (
            <p safe>{t('noWeakness')}</p>
          ) : (
            <ul>
              {cve.cwes.map((c) => {
                const n = /^CWE-(\d+)$/.exec(c)?.[1];
                return (
                  <li>
                    {n ? (
                      <ExternalLink url={`https://cwe.mitre.org/data/definitions/${n}.html`} label={c} />
                    ) : (
                      <span safe>{c}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <ConfigurationsSection cve={cve} lang={lang} />
        <KevEpssSection cve={cve} lang={lang} />
        <section class="mb-4">
          <h2 class="h4" safe>
            {t('bulletinsOfCve')}
          </h2>
          {bulletins.length === 0 ? (
            <p safe>{t('noBulletinOfCve')}</p>
          ) : (
            <ul>
              {bulletins.map((b) => (
                <li>
                  <a href={bulletinPath(b.id)} safe>
                    {`${b.reference ?? ''} ${b.title}`.trim()}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="mb-4">
          <h2 class="h4" safe>
            {t('references')}
          </h2>
          <ul>
            {cve.references.map((r) => (
              <li>
                <ExternalLink url={r.url} />
                {r.tags && r.tags.length > 0 ? (
                  <span class="small text-body-secondary ms-1" safe>
                    {`(${r.tags.join(', ')})`}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
        <p class="small text-body-secondary border-top pt-2">
          <span lang="en" safe>
            {bulletinMessages.nvdNotice.en}
          </span>
          {lang === 'fr' ? <span safe>{` (${bulletinMessages.nvdNotice.fr})`}</span> : ''}
        </p>
      </article>
    </>,
  );
}

/** `/cves/:id` and `/bulletins.atom`. */
export function registerPortalPages(app: HttpApp): void {
  app.get(
    '/cves/:id',
    { config: PUBLIC_RATE, schema: { hide: true, params: CveIdParamsSchema } },
    async (request, reply) => renderCve(request, reply, request.params.id),
  );
  app.get('/bulletins.atom', { config: PUBLIC_RATE, schema: { hide: true } }, async (request, reply) =>
    reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(await buildAtomFeed(request.ctx)),
  );
}
