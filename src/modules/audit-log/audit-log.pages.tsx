import { formatDateTime, defineMessages, translator } from '../../platform/i18n/i18n.js';
import type { HttpApp } from '../../platform/http/server.js';
import { Pager } from '../../platform/http/pager.js';
import { AuditQuerySchema } from './audit-log.schemas.js';
import { browseAuditLog } from './audit-log.service.js';
import { TableHead } from '../../platform/http/table-head.js';

const messages = defineMessages({
  title: { fr: "Journal d'audit", en: 'Audit log' },
  intro: {
    fr: 'Chaque modification faite dans Hygie : qui, quoi, sur quel objet, quand et depuis quelle adresse.',
    en: 'Every change made in Hygie: who, what, on which object, when and from which address.',
  },
  when: { fr: 'Date', en: 'When' },
  who: { fr: 'Acteur', en: 'Actor' },
  action: { fr: 'Action', en: 'Action' },
  object: { fr: 'Objet', en: 'Object' },
  ip: { fr: 'Adresse IP', en: 'IP address' },
  details: { fr: 'Détails', en: 'Details' },
  all: { fr: 'Toutes', en: 'All' },
  filter: { fr: 'Filtrer', en: 'Filter' },
  from: { fr: 'Depuis (AAAA-MM-JJ)', en: 'From (YYYY-MM-DD)' },
  to: { fr: "Jusqu'au (AAAA-MM-JJ)", en: 'To (YYYY-MM-DD)' },
  none: { fr: 'Aucune entrée ne correspond.', en: 'No entry matches.' },
});

/** Admin page listing and filtering the audit log. */
export function registerAuditLogPages(app: HttpApp): void {
  app.get(
    '/admin/audit-log',
    { schema: { hide: true, querystring: AuditQuerySchema } },
    async (request, reply) => {
      const t = translator(request.lang, messages);
      const q = request.query;
      const to = q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : q.to;
      const result = await browseAuditLog(request.ctx, { ...q, to });
      return reply.page(
        t('title'),
        <>
          <h1 safe>{t('title')}</h1>
          <p class="text-body-secondary" safe>
            {t('intro')}
          </p>
          <form method="get" action="/admin/audit-log" class="row g-2 align-items-end mb-3">
            <div class="col-auto">
              <label class="form-label" for="f-action" safe>
                {t('action')}
              </label>
              <select class="form-select" id="f-action" name="action">
                <option value="" safe>
                  {t('all')}
                </option>
                {result.actions.map((a) => (
                  <option value={a} selected={a === q.action} safe>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-auto">
              <label class="form-label" for="f-actor" safe>
                {t('who')}
              </label>
              <input class="form-control" id="f-actor" name="actor" value={q.actor ?? ''} />
            </div>
            <div class="col-auto">
              <label class="form-label" for="f-from" safe>
                {t('from')}
              </label>
              <input class="form-control" id="f-from" name="from" value={q.from ?? ''} />
            </div>
            <div class="col-auto">
              <label class="form-label" for="f-to" safe>
                {t('to')}
              </label>
              <input class="form-control" id="f-to" name="to" value={q.to ?? ''} />
            </div>
            <div class="col-auto">
              <button type="submit" class="btn btn-primary" safe>
                {t('filter')}
              </button>
            </div>
          </form>
          {result.entries.length === 0 ? (
            <p safe>{t('none')}</p>
          ) : (
            <div class="table-responsive">
              <table class="table table-sm table-striped align-middle">
                <TableHead columns={[t('when'), t('who'), t('action'), t('object'), t('ip'), t('details')]} />
                <tbody>
                  {result.entries.map((e) => (
                    <tr>
                      <td class="text-nowrap" safe>
                        {formatDateTime(e.at, request.lang)}
                      </td>
                      <td safe>{e.actorLabel}</td>
                      <td>
                        <code safe>{e.action}</code>
                      </td>
                      <td safe>{`${e.objectType}${e.objectId ? ` ${e.objectId}` : ''}`}</td>
                      <td safe>{e.ip ?? '—'}</td>
                      <td class="small">
                        <code safe>{JSON.stringify(e.details)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            lang={request.lang}
            basePath="/admin/audit-log"
            query={q as Record<string, string | undefined>}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
          />
        </>,
      );
    },
  );
}
