import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import { authorize } from '../../platform/auth/authorize.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { translator } from '../../platform/i18n/i18n.js';
import { archiveContact, createContact, editContact, getContact } from './contact.service.js';
import { archiveDomain, createDomain, getDomain } from './domain.service.js';
import { archiveNetwork, createNetwork, getNetwork } from './network.service.js';
import { registryMessages } from './registry.messages.js';
import { canWriteContacts } from './registry.policy.js';
import { IdParamsSchema } from './registry.schemas.js';
import type { Contact, ContactDraft } from './registry.types.js';
import { FormAlert, fieldErrors, formList, formText, isFormError, type FormBody } from './registry.views.js';
import { ContactFields } from './contact-section.views.js';
import { renderStructurePage } from './structure.pages.js';
import { getStructure } from './structure.service.js';

const ItemParamsSchema = Type.Object({
  id: Type.String({ maxLength: 100 }),
  itemId: Type.String({ maxLength: 100 }),
});

/** What a contact form submits; unticked alert boxes mean "no alert of that kind". */
function contactDraftFromForm(body: FormBody): ContactDraft {
  return {
    role: formText(body, 'role'),
    lastName: formText(body, 'lastName'),
    firstName: formText(body, 'firstName'),
    email: formText(body, 'email'),
    phone: formText(body, 'phone'),
    alertKinds: formList(body, 'alertKinds'),
  };
}

function contactValues(c: Contact): FormBody {
  return {
    role: c.role,
    lastName: c.lastName,
    firstName: c.firstName,
    email: c.email,
    phone: c.phone ?? '',
    alertKinds: c.alertKinds,
  };
}

/** The item must belong to the structure of the URL; anything else is "not found". */
async function requireItemOf(
  request: FastifyRequest,
  params: { id: string; itemId: string },
  load: (ctx: FastifyRequest['ctx'], id: string) => Promise<{ structureId: string }>,
): Promise<void> {
  const item = await load(request.ctx, params.itemId);
  if (item.structureId !== params.id)
    throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: request.lang === 'fr' ? 'Élément' : 'Item' });
}

async function renderContactForm(
  request: FastifyRequest,
  reply: FastifyReply,
  structureId: string,
  contactId: string,
  values: FormBody,
  error: HygieError | undefined,
  status: number,
): Promise<FastifyReply> {
  const structure = await getStructure(request.ctx, structureId);
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const base = `/structures/${structure.id}`;
  const labels = {
    role: t('role'),
    lastName: t('lastName'),
    firstName: t('firstName'),
    email: t('email'),
    phone: t('phone'),
    alertKinds: t('alertKinds'),
  };
  return reply.page(
    `${t('editContact')} · ${structure.name}`,
    <>
      <h1 safe>{t('editContact')}</h1>
      <p>
        <a href={base} safe>
          {structure.name}
        </a>
      </p>
      <form method="post" action={`${base}/contacts/${contactId}/edit`} novalidate>
        <CsrfField token={request.csrfToken} />
        <FormAlert lang={lang} error={error} idPrefix="contact" labels={labels} />
        <p class="small text-body-secondary" safe>
          {t('requiredNote')}
        </p>
        <ContactFields lang={lang} errors={fieldErrors(error)} values={values} />
        <div class="d-flex gap-2">
          <button type="submit" class="btn btn-primary" safe>
            {t('save')}
          </button>
          <a class="btn btn-link" href={`${base}#contacts`} safe>
            {t('cancel')}
          </a>
        </div>
      </form>
    </>,
    status,
  );
}

/** Registers the add, edit and archive forms of contacts, domains and networks under `/structures/:id`. */
export function registerStructureAssetPages(app: HttpApp): void {
  const back = (reply: FastifyReply, id: string, anchor: string) =>
    reply.redirect(`/structures/${encodeURIComponent(id)}#${anchor}`, 303);

  app.post(
    '/structures/:id/contacts',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      try {
        await createContact(request.ctx, request.params.id, contactDraftFromForm(body));
        return back(reply, request.params.id, 'contacts');
      } catch (error) {
        if (!isFormError(error)) throw error;
        return renderStructurePage(
          request,
          reply,
          request.params.id,
          { contact: { values: body, error } },
          error.status,
        );
      }
    },
  );

  app.get(
    '/structures/:id/contacts/:itemId/edit',
    { schema: { hide: true, params: ItemParamsSchema } },
    async (request, reply) => {
      await requireItemOf(request, request.params, getContact);
      const contact = await getContact(request.ctx, request.params.itemId);
      authorize(request.ctx.actor, canWriteContacts(request.ctx.actor, contact.structureId));
      return renderContactForm(
        request,
        reply,
        request.params.id,
        contact.id,
        contactValues(contact),
        undefined,
        200,
      );
    },
  );

  app.post(
    '/structures/:id/contacts/:itemId/edit',
    { schema: { hide: true, params: ItemParamsSchema } },
    async (request, reply) => {
      await requireItemOf(request, request.params, getContact);
      const body = (request.body ?? {}) as FormBody;
      try {
        await editContact(request.ctx, request.params.itemId, contactDraftFromForm(body));
        return back(reply, request.params.id, 'contacts');
      } catch (error) {
        if (!isFormError(error)) throw error;
        return renderContactForm(
          request,
          reply,
          request.params.id,
          request.params.itemId,
          body,
          error,
          error.status,
        );
      }
    },
  );

  app.post(
    '/structures/:id/contacts/:itemId/archive',
    { schema: { hide: true, params: ItemParamsSchema } },
    async (request, reply) => {
      await requireItemOf(request, request.params, getContact);
      await archiveContact(request.ctx, request.params.itemId);
      return back(reply, request.params.id, 'contacts');
    },
  );

  app.post(
    '/structures/:id/domains',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      try {
        await createDomain(request.ctx, request.params.id, {
          name: formText(body, 'name'),
          ownership: formText(body, 'ownership'),
          notes: formText(body, 'notes'),
        });
        return back(reply, request.params.id, 'domains');
      } catch (error) {
        if (!isFormError(error)) throw error;
        return renderStructurePage(
          request,
          reply,
          request.params.id,
          { domain: { values: body, error } },
          error.status,
        );
      }
    },
  );

  app.post(
    '/structures/:id/domains/:itemId/archive',
    { schema: { hide: true, params: ItemParamsSchema } },
    async (request, reply) => {
      await requireItemOf(request, request.params, getDomain);
      await archiveDomain(request.ctx, request.params.itemId);
      return back(reply, request.params.id, 'domains');
    },
  );

  app.post(
    '/structures/:id/networks',
    { schema: { hide: true, params: IdParamsSchema } },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      try {
        await createNetwork(request.ctx, request.params.id, {
          cidr: formText(body, 'cidr'),
          asn: formText(body, 'asn'),
          description: formText(body, 'description'),
        });
        return back(reply, request.params.id, 'networks');
      } catch (error) {
        if (!isFormError(error)) throw error;
        return renderStructurePage(
          request,
          reply,
          request.params.id,
          { network: { values: body, error } },
          error.status,
        );
      }
    },
  );

  app.post(
    '/structures/:id/networks/:itemId/archive',
    { schema: { hide: true, params: ItemParamsSchema } },
    async (request, reply) => {
      await requireItemOf(request, request.params, getNetwork);
      await archiveNetwork(request.ctx, request.params.itemId);
      return back(reply, request.params.id, 'networks');
    },
  );
}
