import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { listGroupChoices } from './group.service.js';
import { REGIONS } from './region.catalogue.js';
import { KIND_LABELS, LEGAL_STATUS_LABELS, registryMessages } from './registry.messages.js';
import { canWriteRegistry } from './registry.policy.js';
import { IdParamsSchema } from './registry.schemas.js';
import type { Structure, StructureDraft } from './registry.types.js';
import {
  CheckboxField,
  FormAlert,
  SelectField,
  TextField,
  choices,
  fieldErrors,
  formFlag,
  formText,
  isFormError,
  type FormBody,
} from './registry.views.js';
import { createStructure, editStructure, getStructure } from './structure.service.js';

/** What a structure form submits, as a draft for the service. */
export function structureDraftFromForm(body: FormBody): StructureDraft {
  return {
    name: formText(body, 'name'),
    finess: formText(body, 'finess'),
    siret: formText(body, 'siret'),
    kind: formText(body, 'kind'),
    legalStatus: formText(body, 'legalStatus'),
    region: formText(body, 'region'),
    address: formText(body, 'address'),
    postalCode: formText(body, 'postalCode'),
    city: formText(body, 'city'),
    isOiv: formFlag(body, 'isOiv'),
    isOse: formFlag(body, 'isOse'),
    groupId: formText(body, 'groupId') || null,
  };
}

function formValues(s: Structure): FormBody {
  return {
    name: s.name,
    finess: s.finess ?? '',
    siret: s.siret ?? '',
    kind: s.kind,
    legalStatus: s.legalStatus,
    region: s.region,
    address: s.address ?? '',
    postalCode: s.postalCode ?? '',
    city: s.city ?? '',
    isOiv: s.isOiv ? 'on' : undefined,
    isOse: s.isOse ? 'on' : undefined,
    groupId: s.groupId ?? '',
  };
}

async function renderForm(
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
  const groups = await listGroupChoices(request.ctx);
  const errors = fieldErrors(options.error);
  const v = options.values;
  const labels: Record<string, string> = {
    name: t('name'),
    finess: t('finess'),
    siret: t('siret'),
    kind: t('kind'),
    legalStatus: t('legalStatus'),
    region: t('region'),
    address: t('address'),
    postalCode: t('postalCode'),
    city: t('city'),
    groupId: t('groupId'),
  };
  const common = { idPrefix: 'structure', lang, errors };
  return reply.page(
    options.title,
    <>
      <h1 safe>{options.title}</h1>
      <form method="post" action={options.action} novalidate class="hygie-form">
        <CsrfField token={request.csrfToken} />
        <FormAlert lang={lang} error={options.error} idPrefix="structure" labels={labels} />
        <p class="small text-body-secondary" safe>
          {t('requiredNote')}
        </p>
        <fieldset class="mb-3">
          <legend class="h5" safe>
            {t('identification')}
          </legend>
          <TextField
            {...common}
            name="name"
            label={t('name')}
            required
            value={formText(v, 'name')}
            maxlength={200}
          />
          <div class="row">
            <TextField
              {...common}
              class="col-md-6 mb-3"
              name="finess"
              label={t('finess')}
              value={formText(v, 'finess')}
              hint={t('finessHint')}
            />
            <TextField
              {...common}
              class="col-md-6 mb-3"
              name="siret"
              label={t('siret')}
              value={formText(v, 'siret')}
              hint={t('siretHint')}
              inputmode="numeric"
            />
            <SelectField
              {...common}
              class="col-md-6 mb-3"
              name="kind"
              label={t('kind')}
              required
              value={formText(v, 'kind')}
              empty={t('choose')}
              options={choices(KIND_LABELS, lang)}
            />
            <SelectField
              {...common}
              class="col-md-6 mb-3"
              name="legalStatus"
              label={t('legalStatus')}
              required
              value={formText(v, 'legalStatus')}
              empty={t('choose')}
              options={choices(LEGAL_STATUS_LABELS, lang)}
            />
            <SelectField
              {...common}
              class="col-md-6 mb-3"
              name="groupId"
              label={t('groupId')}
              value={formText(v, 'groupId')}
              empty={t('noGroup')}
              options={groups.map((g) => ({ value: g.id, label: g.code ? `${g.name} (${g.code})` : g.name }))}
            />
          </div>
        </fieldset>
        <fieldset class="mb-3">
          <legend class="h5" safe>
            {t('location')}
          </legend>
          <TextField
            {...common}
            name="address"
            label={t('address')}
            value={formText(v, 'address')}
            autocomplete="street-address"
          />
          <div class="row">
            <TextField
              {...common}
              class="col-md-3 mb-3"
              name="postalCode"
              label={t('postalCode')}
              value={formText(v, 'postalCode')}
              autocomplete="postal-code"
              inputmode="numeric"
            />
            <TextField
              {...common}
              class="col-md-5 mb-3"
              name="city"
              label={t('city')}
              value={formText(v, 'city')}
              autocomplete="address-level2"
            />
            <SelectField
              {...common}
              class="col-md-4 mb-3"
              name="region"
              label={t('region')}
              required
              value={formText(v, 'region')}
              empty={t('choose')}
              options={REGIONS.map((r) => ({ value: r.code, label: r.name[lang] }))}
            />
          </div>
        </fieldset>
        <fieldset class="mb-3">
          <legend class="h5" safe>
            {t('regulatory')}
          </legend>
          <CheckboxField {...common} name="isOiv" label={t('isOiv')} checked={formFlag(v, 'isOiv')} />
          <CheckboxField {...common} name="isOse" label={t('isOse')} checked={formFlag(v, 'isOse')} />
        </fieldset>
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

/** Registers `/structures/new` and `/structures/:id/edit` (post/redirect/get, errors next to fields). */
export function registerStructureFormPages(app: HttpApp): void {
  app.get('/structures/new', { schema: { hide: true } }, async (request, reply) => {
    authorize(request.ctx.actor, canWriteRegistry(request.ctx.actor));
    const t = translator(request.lang, registryMessages);
    return renderForm(request, reply, {
      title: t('newStructure'),
      action: '/structures',
      cancel: '/structures',
      submit: t('create'),
      values: {},
    });
  });

  app.post('/structures', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    try {
      const structure = await createStructure(request.ctx, structureDraftFromForm(body));
      return reply.redirect(`/structures/${structure.id}`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      const t = translator(request.lang, registryMessages);
      return renderForm(request, reply, {
        title: t('newStructure'),
        action: '/structures',
        cancel: '/structures',
        submit: t('create'),
        values: body,
        error,
        status: error.status,
      });
    }
  });

  app.get(
    '/structures/:id/edit',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const structure = await getStructure(request.ctx, request.params.id);
      authorize(request.ctx.actor, canWriteRegistry(request.ctx.actor));
      const t = translator(request.lang, registryMessages);
      const base = `/structures/${structure.id}`;
      return renderForm(request, reply, {
        title: `${t('editStructure')} · ${structure.name}`,
        action: `${base}/edit`,
        cancel: base,
        submit: t('save'),
        values: formValues(structure),
      });
    },
  );

  app.post(
    '/structures/:id/edit',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      try {
        const structure = await editStructure(request.ctx, request.params.id, structureDraftFromForm(body));
        return reply.redirect(`/structures/${structure.id}`, 303);
      } catch (error) {
        if (!isFormError(error)) throw error;
        const structure = await getStructure(request.ctx, request.params.id);
        const t = translator(request.lang, registryMessages);
        const base = `/structures/${structure.id}`;
        return renderForm(request, reply, {
          title: `${t('editStructure')} · ${structure.name}`,
          action: `${base}/edit`,
          cancel: base,
          submit: t('save'),
          values: body,
          error,
          status: error.status,
        });
      }
    },
  );
}
