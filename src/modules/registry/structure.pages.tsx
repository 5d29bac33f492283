import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../lib/errors.js';
import { Pager } from '../../platform/http/pager.js';
import { RelatedLinks } from '../../platform/http/related-links.js';
import type { HttpApp } from '../../platform/http/server.js';
import { formatDateTime, translator } from '../../platform/i18n/i18n.js';
import { listGroupChoices } from './group.service.js';
import { REGIONS, parseRegion, regionName } from './region.catalogue.js';
import { KIND_LABELS, LEGAL_STATUS_LABELS, registryMessages } from './registry.messages.js';
import { canWriteContacts, canWriteRegistry } from './registry.policy.js';
import { IdParamsSchema } from './registry.schemas.js';
import { STRUCTURE_KINDS, type GroupId, type StructureKind } from './registry.types.js';
import { ContactsSection } from './contact-section.views.js';
import { DomainsSection, NetworksSection, type SubForms } from './structure-sections.views.js';

export type { SubForm, SubForms } from './structure-sections.views.js';
import { Badge, CheckboxField, PostButton, SelectField, TextField, choices } from './registry.views.js';
import {
  archiveStructure,
  getStructureDetails,
  restoreStructure,
  searchStructures,
} from './structure.service.js';
import { TableHead } from '../../platform/http/table-head.js';

const ListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  region: Type.Optional(Type.String({ maxLength: 60 })),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  groupId: Type.Optional(Type.String({ maxLength: 100 })),
  oiv: Type.Optional(Type.String({ maxLength: 5 })),
  ose: Type.Optional(Type.String({ maxLength: 5 })),
  archived: Type.Optional(Type.String({ maxLength: 5 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
});

function yesNo(lang: Lang, value: boolean): string {
  return translator(lang, registryMessages)(value ? 'yes' : 'no');
}

/** Registers `/structures` (list) and `/structures/:id` (details, archive, restore). */
export function registerStructurePages(app: HttpApp): void {
  app.get('/structures', { schema: { hide: true, querystring: ListQuerySchema } }, async (request, reply) => {
    const t = translator(request.lang, registryMessages);
    const q = request.query;
    const lang = request.lang;
    const region = q.region ? parseRegion(q.region) : undefined;
    const kind = STRUCTURE_KINDS.includes(q.kind as StructureKind) ? (q.kind as StructureKind) : undefined;
    const [result, groups] = await Promise.all([
      searchStructures(request.ctx, {
        q: q.q,
        region,
        kind,
        groupId: q.groupId ? (q.groupId as GroupId) : undefined,
        oiv: q.oiv ? true : undefined,
        ose: q.ose ? true : undefined,
        includeArchived: q.archived ? true : undefined,
        page: q.page,
      }),
      listGroupChoices(request.ctx),
    ]);
    const groupNames = new Map(groups.map((g) => [g.id as string, g.name]));
    const writer = canWriteRegistry(request.ctx.actor);
    const none = {};
    return reply.page(
      t('structures'),
      <>
        <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
          <h1 class="mb-0" safe>
            {t('structures')}
          </h1>
          {writer ? (
            <div class="d-flex gap-2">
              <a class="btn btn-primary" href="/structures/new" safe>
                {t('newStructure')}
              </a>
              <a class="btn btn-outline-secondary" href="/structures/import" safe>
                {t('importTitle')}
              </a>
            </div>
          ) : (
            <></>
          )}
        </div>
        <p class="text-body-secondary" safe>
          {t('structuresIntro')}
        </p>
        <form method="get" action="/structures" role="search" class="row g-2 align-items-end mb-3">
          <TextField
            class="col-md-4"
            idPrefix="filter"
            name="q"
            label={t('searchLabel')}
            lang={lang}
            errors={none}
            value={q.q}
            type="search"
          />
          <SelectField
            class="col-md-2"
            idPrefix="filter"
            name="region"
            label={t('region')}
            lang={lang}
            errors={none}
            value={region}
            empty={t('allRegions')}
            options={REGIONS.map((r) => ({ value: r.code, label: r.name[lang] }))}
          />
          <SelectField
            class="col-md-2"
            idPrefix="filter"
            name="kind"
            label={t('kind')}
            lang={lang}
            errors={none}
            value={kind}
            empty={t('allKinds')}
            options={choices(KIND_LABELS, lang)}
          />
          {groups.length > 0 ? (
            <SelectField
              class="col-md-2"
              idPrefix="filter"
              name="groupId"
              label={t('groupId')}
              lang={lang}
              errors={none}
              value={q.groupId}
              empty={t('allGroups')}
              options={groups.map((g) => ({ value: g.id, label: g.name }))}
            />
          ) : (
            <></>
          )}
          <div class="col-md-2">
            <CheckboxField
              class="form-check mb-0"
              idPrefix="filter"
              name="oiv"
              label={t('onlyOiv')}
              lang={lang}
              errors={none}
              checked={Boolean(q.oiv)}
              value="1"
            />
            <CheckboxField
              class="form-check mb-0"
              idPrefix="filter"
              name="ose"
              label={t('onlyOse')}
              lang={lang}
              errors={none}
              checked={Boolean(q.ose)}
              value="1"
            />
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
          <div class="col-12 d-flex gap-2">
            <button type="submit" class="btn btn-primary" safe>
              {t('search')}
            </button>
            <a class="btn btn-link" href="/structures" safe>
              {t('reset')}
            </a>
          </div>
        </form>
        {result.items.length === 0 ? (
          <p safe>{t('noStructure')}</p>
        ) : (
          <div class="table-responsive">
            <table class="table table-sm table-striped align-middle">
              <caption class="visually-hidden" safe>
                {t('structureListCaption')}
              </caption>
              <TableHead
                columns={[t('name'), 'FINESS', t('kind'), t('region'), t('city'), t('groupId'), t('flags')]}
              />
              <tbody>
                {result.items.map((s) => (
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
                    <td safe>{regionName(s.region, lang)}</td>
                    <td safe>{s.city ?? '—'}</td>
                    <td safe>{(s.groupId && groupNames.get(s.groupId)) || '—'}</td>
                    <td>
                      {s.isOiv ? <Badge tone="danger" text="OIV" /> : <></>}
                      {s.isOse ? <Badge tone="warning" text="OSE" /> : <></>}
                      {s.archivedAt ? <Badge tone="secondary" text={t('archivedBadge')} /> : <></>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          lang={lang}
          basePath="/structures"
          query={q as Record<string, string | undefined>}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
        />
      </>,
    );
  });

  app.get('/structures/:id', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) =>
    renderStructurePage(request, reply, request.params.id, {}, 200),
  );

  app.post(
    '/structures/:id/archive',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      await archiveStructure(request.ctx, request.params.id);
      return reply.redirect(`/structures/${encodeURIComponent(request.params.id)}`, 303);
    },
  );

  app.post(
    '/structures/:id/restore',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      await restoreStructure(request.ctx, request.params.id);
      return reply.redirect(`/structures/${encodeURIComponent(request.params.id)}`, 303);
    },
  );
}

/** Renders the structure page, re-showing a failed add form when given. */
export async function renderStructurePage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  forms: SubForms,
  status: number,
): Promise<FastifyReply> {
  const details = await getStructureDetails(request.ctx, id);
  const t = translator(request.lang, registryMessages);
  const s = details.structure;
  const lang = request.lang;
  const actor = request.ctx.actor;
  const writer = canWriteRegistry(actor) && !s.archivedAt;
  const base = `/structures/${s.id}`;
  const row = (label: string, value: string | null) => (
    <>
      <dt class="col-sm-5" safe>
        {label}
      </dt>
      <dd class="col-sm-7" safe>
        {value ?? '—'}
      </dd>
    </>
  );
  return reply.page(
    s.name,
    <>
      <nav aria-label={t('structures')}>
        <ol class="breadcrumb">
          <li class="breadcrumb-item">
            <a href="/structures" safe>
              {t('structures')}
            </a>
          </li>
          <li class="breadcrumb-item active" aria-current="page" safe>
            {s.name}
          </li>
        </ol>
      </nav>
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2">
        <h1 class="mb-0" safe>
          {s.name}
        </h1>
        {canWriteRegistry(actor) ? (
          <div class="d-flex gap-2">
            {s.archivedAt ? (
              <PostButton
                action={`${base}/restore`}
                csrfToken={request.csrfToken}
                label={t('restore')}
                tone="outline-primary"
              />
            ) : (
              <>
                <a class="btn btn-sm btn-primary" href={`${base}/edit`} safe>
                  {t('edit')}
                </a>
                <PostButton
                  action={`${base}/archive`}
                  csrfToken={request.csrfToken}
                  label={t('archive')}
                  tone="outline-danger"
                />
              </>
            )}
          </div>
        ) : (
          <></>
        )}
      </div>
      <p>
        {s.isOiv ? <Badge tone="danger" text="OIV" /> : <></>}
        {s.isOse ? <Badge tone="warning" text="OSE" /> : <></>}
        {s.archivedAt ? <Badge tone="secondary" text={t('archivedBadge')} /> : <></>}
      </p>
      {s.archivedAt ? (
        <div class="alert alert-secondary" role="status" safe>
          {t('archivedNotice', { date: formatDateTime(s.archivedAt, lang) })}
        </div>
      ) : (
        <></>
      )}
      <div class="row">
        <section class="col-lg-6" aria-labelledby="h-identification">
          <h2 class="h5" id="h-identification" safe>
            {t('identification')}
          </h2>
          <dl class="row">
            {row(t('finess'), s.finess)}
            {row(t('siret'), s.siret)}
            {row(t('kind'), KIND_LABELS[s.kind][lang])}
            {row(t('legalStatus'), LEGAL_STATUS_LABELS[s.legalStatus][lang])}
            {row(t('groupId'), details.group?.name ?? null)}
            {row(t('isOiv'), yesNo(lang, s.isOiv))}
            {row(t('isOse'), yesNo(lang, s.isOse))}
          </dl>
        </section>
        <section class="col-lg-6" aria-labelledby="h-location">
          <h2 class="h5" id="h-location" safe>
            {t('location')}
          </h2>
          <dl class="row">
            {row(t('address'), s.address)}
            {row(t('postalCode'), s.postalCode)}
            {row(t('city'), s.city)}
            {row(t('region'), regionName(s.region, lang))}
            {row(t('createdAt'), formatDateTime(s.createdAt, lang))}
            {row(t('updatedAt'), formatDateTime(s.updatedAt, lang))}
          </dl>
        </section>
      </div>
      <RelatedLinks
        title={t('related')}
        links={await request.relatedLinks({ type: 'structure', id: s.id })}
      />
      <ContactsSection
        details={details}
        request={request}
        form={forms.contact}
        canWrite={canWriteContacts(actor, s.id) && !s.archivedAt}
      />
      <DomainsSection details={details} request={request} form={forms.domain} canWrite={writer} />
      <NetworksSection details={details} request={request} form={forms.network} canWrite={writer} />
    </>,
    status,
  );
}
