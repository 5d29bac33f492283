/** The page of a host seen by scans: its names, owning structure, services and technologies. */
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { getHost } from './host.service.js';
import { when } from './scan.views.js';
import { IdParamsSchema } from './scanner.schemas.js';
import { scannerMessages } from './scanner.messages.js';
import { TableHead } from '../../platform/http/table-head.js';

/** Registers `/hosts/:id`. */
export function registerHostPages(app: HttpApp): void {
  app.get('/hosts/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const lang = request.lang;
    const t = translator(lang, scannerMessages);
    const host = await getHost(request.ctx, request.params.id);
    return reply.page(
      `${t('host')} ${host.address}`,
      <>
        <h1 class="h3" safe>
          {`${t('host')} ${host.address}`}
        </h1>
        <dl class="row small">
          <dt class="col-sm-3" safe>
            {t('names')}
          </dt>
          <dd class="col-sm-9" safe>
            {host.hostnames.join(', ') || '—'}
          </dd>
          <dt class="col-sm-3" safe>
            {t('structureLink')}
          </dt>
          <dd class="col-sm-9">
            {host.structureId ? (
              <a href={`/structures/${host.structureId}`} safe>
                {host.structureId}
              </a>
            ) : (
              <span safe>{t('unknownStructure')}</span>
            )}
          </dd>
          <dt class="col-sm-3" safe>
            {t('firstSeen')}
          </dt>
          <dd class="col-sm-9" safe>
            {when(host.firstSeen, lang)}
          </dd>
          <dt class="col-sm-3" safe>
            {t('lastSeen')}
          </dt>
          <dd class="col-sm-9" safe>
            {when(host.lastSeen, lang)}
          </dd>
          <dt class="col-sm-3" safe>
            {t('lastScan')}
          </dt>
          <dd class="col-sm-9">
            <a href={`/scans/${host.lastScanId}`} safe>
              {host.lastScanId}
            </a>
          </dd>
        </dl>
        <h2 class="h5" safe>
          {t('services')}
        </h2>
        <div class="table-responsive">
          <table class="table table-sm table-striped align-middle">
            <caption class="visually-hidden" safe>
              {t('services')}
            </caption>
            <TableHead
              columns={[
                t('port'),
                t('protocol'),
                t('product'),
                t('version'),
                t('technologies'),
                t('firstSeen'),
                t('lastSeen'),
              ]}
            />
            <tbody>
              {host.services.map((s) => (
                <tr>
                  <td safe>{`${s.port}/${s.transport}`}</td>
                  <td safe>{s.protocol}</td>
                  <td safe>{s.product ?? ''}</td>
                  <td safe>{s.version ?? ''}</td>
                  <td class="small" safe>
                    {s.technologies.map((x) => (x.version ? `${x.name} ${x.version}` : x.name)).join(', ')}
                  </td>
                  <td class="text-nowrap" safe>
                    {when(s.firstSeen, lang)}
                  </td>
                  <td class="text-nowrap" safe>
                    {when(s.lastSeen, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    );
  });
}
