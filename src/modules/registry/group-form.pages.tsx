import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { createGroup, editGroup, getGroup } from './group.service.js';
import { REGIONS } from './region.catalogue.js';
import { registryMessages } from './registry.messages.js';
import { canReadGroups, canWriteRegistry } from './registry.policy.js';
import { IdParamsSchema } from './registry.schemas.js';
import type { Group, GroupDraft } from './registry.types.js';
import {
  FormAlert,
  SelectField,
  TextField,
  fieldErrors,
  formText,
  isFormError,
  type FormBody,
} from './registry.views.js';

function groupDraftFromForm(body: FormBody): GroupDraft {
  return { name: formText(body, 'name'), code: formText(body, 'code'), region: formText(body, 'region') };
}

async function renderGroupForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    title: string;
    action: string;
    cancel: string;
    submit: string;
    values: FormBody;
    error?: HygieError;
    status?: number;
  },
): Promise<FastifyReply> {
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const errors = fieldErrors(options.error);
  const common = { idPrefix: 'group', lang, errors };
  return reply.page(
    options.title,
    <>
      <h1 safe>{options.title}</h1>
      <form method="post" action={options.action} novalidate>
        <CsrfField token={request.csrfToken} />
        <FormAlert
          lang={lang}
          error={options.error}
          idPrefix="group"
          labels={{ name: t('groupName'), code: t('groupCode'), region: t('region') }}
        />
        <p class="small text-body-secondary" safe>
          {t('requiredNote')}
        </p>
        <TextField
          {...common}
          name="name"
          label={t('groupName')}
          required
          value={formText(options.values, 'name')}
          maxlength={200}
        />
        <div class="row">
          <TextField
            {...common}
            class="col-md-6 mb-3"
            name="code"
            label={t('groupCode')}
            value={formText(options.values, 'code')}
            hint={t('groupCodeHint')}
          />
          <SelectField
            {...common}
            class="col-md-6 mb-3"
            name="region"
            label={t('region')}
            required
            value={formText(options.values, 'region')}
            empty={t('choose')}
            options={REGIONS.map((r) => ({ value: r.code, label: r.name[lang] }))}
          />
        </div>
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary" safe>
            {options.submit}
          </button>
          <a class="btn btn-link" href={options.cancel} safe>
            {t('cancel')}
          </a>
        </div>
      </form>
    </>,
    options.status ?? 200,
  );
}

function groupValues(g: Group): FormBody {
  return { name: g.name, code: g.code ?? '', region: g.region };
}

/** Registers `/groups`: list, new, details with members, edit, archive. */

/** Registers `/groups/new` and `/groups/:id/edit` (post/redirect/get, errors next to fields). */
export function registerGroupFormPages(app: HttpApp): void {
  app.get('/groups/new', { schema: { hide: true } }, async (request, reply) => {
    authorize(request.ctx.actor, canWriteRegistry(request.ctx.actor));
    const t = translator(request.lang, registryMessages);
    return renderGroupForm(request, reply, {
      title: t('newGroup'),
      action: '/groups',
      cancel: '/groups',
      submit: t('create'),
      values: {},
    });
  });

  app.post('/groups', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      const group = await createGroup(request.ctx, groupDraftFromForm(body));
      return reply.redirect(`/groups/${group.id}`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      const t = translator(request.lang, registryMessages);
      return renderGroupForm(request, reply, {
        title: t('newGroup'),
        action: '/groups',
        cancel: '/groups',
        submit: t('create'),
        values: body,
        error,
        status: error.status,
      });
    }
  });

  app.get('/groups/:id/edit', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    authorize(request.ctx.actor, canReadGroups(request.ctx.actor) && canWriteRegistry(request.ctx.actor));
    const { group } = await getGroup(request.ctx, request.params.id);
    const t = translator(request.lang, registryMessages);
    return renderGroupForm(request, reply, {
      title: `${t('editGroup')} · ${group.name}`,
      action: `/groups/${group.id}/edit`,
      cancel: `/groups/${group.id}`,
      submit: t('save'),
      values: groupValues(group),
    });
  });

  app.post('/groups/:id/edit', { schema: { hide: true, params: IdParamsSchema } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      const group = await editGroup(request.ctx, request.params.id, groupDraftFromForm(body));
      return reply.redirect(`/groups/${group.id}`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      const { group } = await getGroup(request.ctx, request.params.id);
      const t = translator(request.lang, registryMessages);
      return renderGroupForm(request, reply, {
        title: `${t('editGroup')} · ${group.name}`,
        action: `/groups/${group.id}/edit`,
        cancel: `/groups/${group.id}`,
        submit: t('save'),
        values: body,
        error,
        status: error.status,
      });
    }
  });
}
