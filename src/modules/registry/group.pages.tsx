import { Type } from '@sinclair/typebox';
import { Pager } from '../../platform/http/pager.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { archiveGroup, getGroup, searchGroups } from './group.service.js';
import { REGIONS, parseRegion, regionName } from './region.catalogue.js';
import { KIND_LABELS, registryMessages } from './registry.messages.js';
import { canWriteRegistry } from './registry.policy.js';
import { IdParamsSchema } from './registry.schemas.js';
import { Badge, CheckboxField, PostButton, SelectField, TextField } from './registry.views.js';
import { TableHead } from '../../platform/http/table-head.js';

const ListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  region: Type.Optional(Type.String({ maxLength: 60 })),
  archived: Type.Optional(Type.String({ maxLength: 5 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** Registers `/groups` (list) and `/groups/:id` (details with members, archive); forms are in `group-form.pages.tsx`. */
export function registerGroupPages(app: HttpApp): void {
  app.get('/groups', { schema: { hide: true, querystring: ListQuerySchema } }, async (request, reply) => {
    const lang = request.lang;
    const t = translator(lang, registryMessages);
    const q = request.query;
    const region = q.region ? parseRegion(q.region) : undefined;
    const result = await searchGroups(request.ctx, {
      q: q.q,
      region,
      includeArchived: q.archived ? true : undefined,
      page: q.page,
    });
    const none = {};
    return reply.page(
      t('groups'),
      <>
        <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <h1 class="mb-0" safe>
            {t('groups')}
          </h1>
          {canWriteRegistry(request.ctx.actor) ? (
            <a class="btn btn-primary" href="/groups/new" safe>
              {t('newGroup')}
            </a>
          ) : (
            <></>
          )}
        </div>
        <p class="text-body-secondary" safe>
          {t('groupsIntro')}
        </p>
        <form method="get" action="/groups" role="search" class="row g-2 align-items-end mb-3">
          <TextField
            class="col-md-5"
            idPrefix="filter"
            name="q"
            label={t('groupSearchLabel')}
            lang={lang}
            errors={none}
            value={q.q}
            type="search"
          />
          <SelectField
            class="col-md-3"
            idPrefix="filter"
            name="region"
            label={t('region')}
            lang={lang}
            errors={none}
            value={region}
            empty={t('allRegions')}
            options={REGIONS.map((r) => ({ value: r.code, label: r.name[lang] }))}
          />
          <div class="col-md-2">
            <CheckboxField
              class="form-check mb-0"
              idPrefix="filter"
              name="archived"
              label={t('showArchived')}
              lang={lang}
              errors={none}
              checked={Boolean(q.archived)}
              value="1"
            />
          </div>
          <div class="col-md-2">
            <button type="submit" class="btn btn-primary" safe>
              {t('search')}
            </button>
          </div>
        </form>
        {result.items.length === 0 ? (
          <p safe>{t('noGroupFound')}</p>
        ) : (
          <div class="table-responsive">
            <table class="table table-sm table-striped align-middle">
              <caption class="visually-hidden" safe>
                {t('groupListCaption')}
              </caption>
              <TableHead
                columns={[
                  t('groupName'),
                  t('groupCode'),
                  t('region'),
                  { label: t('memberCount'), class: 'text-end' },
                ]}
              />
              <tbody>
                {result.items.map((g) => (
                  <tr>
                    <th scope="row">
                      <a href={`/groups/${g.id}`} safe>
                        {g.name}
                      </a>
                      {g.archivedAt ? <Badge tone="secondary" text={t('archivedGroupBadge')} /> : <></>}
                    </th>
                    <td class="font-monospace" safe>
                      {g.code ?? '—'}
                    </td>
                    <td safe>{regionName(g.region, lang)}</td>
                    <td class="text-end" safe>
                      {String(g.memberCount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          lang={lang}
          basePath="/groups"
          query={q as Record<string, string | undefined>}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
        />
      </>,
    );
  });

  app.get('/groups/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const lang = request.lang;
    const t = translator(lang, registryMessages);
    const { group, members } = await getGroup(request.ctx, request.params.id);
    const writer = canWriteRegistry(request.ctx.actor);
    return reply.page(
      group.name,
      <>
        <nav aria-label={t('groups')}>
          <ol class="breadcrumb">
            <li class="breadcrumb-item">
              <a href="/groups" safe>
                {t('groups')}
              </a>
            </li>
            <li class="breadcrumb-item active" aria-current="page" safe>
              {group.name}
            </li>
          </ol>
        </nav>
        <div class="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2">
          <h1 class="mb-0" safe>
            {group.name}
          </h1>
          {writer && !group.archivedAt ? (
            <div class="d-flex gap-2">
              <a class="btn btn-sm btn-primary" href={`/groups/${group.id}/edit`} safe>
                {t('edit')}
              </a>
              <PostButton
                action={`/groups/${group.id}/archive`}
                csrfToken={request.csrfToken}
                label={t('archive')}
                tone="outline-danger"
              />
            </div>
          ) : (
            <></>
          )}
        </div>
        {group.archivedAt ? <Badge tone="secondary" text={t('archivedGroupBadge')} /> : <></>}
        <dl class="row mt-3">
          <dt class="col-sm-3" safe>
            {t('groupCode')}
          </dt>
          <dd class="col-sm-9 font-monospace" safe>
            {group.code ?? '—'}
          </dd>
          <dt class="col-sm-3" safe>
            {t('region')}
          </dt>
          <dd class="col-sm-9" safe>
            {regionName(group.region, lang)}
          </dd>
        </dl>
        <section aria-labelledby="h-members">
          <h2 class="h4" id="h-members" safe>
            {t('members')}
          </h2>
          {writer ? (
            <p class="small text-body-secondary" safe>
              {t('groupMembersHint')}
            </p>
          ) : (
            <></>
          )}
          {members.length === 0 ? (
            <p safe>{t('noMember')}</p>
          ) : (
            <table class="table table-sm align-middle">
              <caption class="visually-hidden" safe>
                {t('membersCaption')}
              </caption>
              <TableHead columns={[t('name'), 'FINESS', t('kind'), t('city')]} />
              <tbody>
                {members.map((s) => (
                  <tr>
                    <th scope="row">
                      <a href={`/structures/${s.id}`} safe>
                        {s.name}
                      </a>
                    </th>
                    <td class="font-monospace" safe>
                      {s.finess ?? '—'}
                    </td>
                    <td safe>{KIND_LABELS[s.kind][lang]}</td>
                    <td safe>{s.city ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </>,
    );
  });

  app.post(
    '/groups/:id/archive',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      await archiveGroup(request.ctx, request.params.id);
      return reply.redirect(`/groups/${encodeURIComponent(request.params.id)}`, 303);
    },
  );
}
