import type { HttpApp } from '../../platform/http/server.js';
import { ROLES } from '../../platform/auth/actor.js';
import { Pager } from '../../platform/http/pager.js';
import { formatDateTime, translator } from '../../platform/i18n/i18n.js';
import { commonMessages, usersMessages } from './accounts.messages.js';
import { UserQuerySchema } from './accounts.schemas.js';
import { roleLabel } from './accounts.view.js';
import { listUsers } from './user.service.js';
import { TableHead } from '../../platform/http/table-head.js';

/** `/admin/users`: accounts filtered by role, status and words, with a pager (administrators). */
export function registerUserListPage(app: HttpApp): void {
  app.get(
    '/admin/users',
    { schema: { hide: true, querystring: UserQuerySchema } },
    async (request, reply) => {
      const t = translator(request.lang, usersMessages);
      const c = translator(request.lang, commonMessages);
      const q = request.query;
      const result = await listUsers(request.ctx, q);
      return reply.page(
        t('usersTitle'),
        <>
          <div class="d-flex flex-wrap justify-content-between align-items-center gap-2">
            <h1 safe>{t('usersTitle')}</h1>
            <a class="btn btn-primary" href="/admin/users/new" safe>
              {t('newUser')}
            </a>
          </div>
          <p class="text-body-secondary" safe>
            {t('usersIntro')}
          </p>
          <form method="get" action="/admin/users" class="row g-2 align-items-end mb-3">
            <div class="col-md-4">
              <label class="form-label" for="f-q" safe>
                {t('search')}
              </label>
              <input class="form-control" type="search" id="f-q" name="q" value={q.q ?? ''} />
            </div>
            <div class="col-auto">
              <label class="form-label" for="f-role" safe>
                {c('role')}
              </label>
              <select class="form-select" id="f-role" name="role">
                <option value="" safe>
                  {t('all')}
                </option>
                {ROLES.map((r) => (
                  <option value={r} selected={r === q.role} safe>
                    {roleLabel(r, request.lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-auto">
              <label class="form-label" for="f-status" safe>
                {c('status')}
              </label>
              <select class="form-select" id="f-status" name="status">
                <option value="" safe>
                  {t('all')}
                </option>
                <option value="active" selected={q.status === 'active'} safe>
                  {c('active')}
                </option>
                <option value="disabled" selected={q.status === 'disabled'} safe>
                  {c('disabled')}
                </option>
              </select>
            </div>
            <div class="col-auto">
              <button type="submit" class="btn btn-outline-primary" safe>
                {t('filter')}
              </button>
            </div>
          </form>
          {result.items.length === 0 ? (
            <p safe>{t('none')}</p>
          ) : (
            <div class="table-responsive">
              <table class="table table-sm table-striped align-middle">
                <TableHead
                  columns={[t('name'), c('email'), c('role'), c('status'), t('totp'), t('lastLogin')]}
                />
                <tbody>
                  {result.items.map((u) => (
                    <tr>
                      <td>
                        <a href={`/admin/users/${encodeURIComponent(u.id)}`} safe>
                          {`${u.lastName} ${u.firstName}`}
                        </a>
                      </td>
                      <td safe>{u.email}</td>
                      <td safe>{roleLabel(u.role, request.lang)}</td>
                      <td safe>{u.status === 'active' ? c('active') : c('disabled')}</td>
                      <td safe>{u.totpEnabled ? c('yes') : c('no')}</td>
                      <td safe>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, request.lang) : c('never')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            lang={request.lang}
            basePath="/admin/users"
            query={{ q: q.q, role: q.role, status: q.status }}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
          />
        </>,
      );
    },
  );
}
