import type { FastifyRequest } from 'fastify';
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator } from '../../platform/i18n/i18n.js';
import { OWNERSHIP_LABELS, registryMessages } from './registry.messages.js';
import type { StructureDetails } from './registry.types.js';
import {
  FormAlert,
  PostButton,
  SelectField,
  TextAreaField,
  TextField,
  choices,
  fieldErrors,
  formText,
  type FormBody,
} from './registry.views.js';
import { TableHead } from '../../platform/http/table-head.js';

/**
 * The contacts, domains and networks sections of the structure page: a table each and an add
 * form (a native <details>, opened again with the typed values and errors after a failed POST).
 * Contacts live in `contact-section.views.tsx`.
 */

/** A sub-form of the structure page being re-shown with the values typed and the errors. */
export interface SubForm {
  readonly values: FormBody;
  readonly error: HygieError;
}

/** The add forms of the structure page; at most one is re-shown after a failed POST. */
export interface SubForms {
  readonly contact?: SubForm;
  readonly domain?: SubForm;
  readonly network?: SubForm;
}

/** What each section needs. */
export interface SectionProps {
  readonly details: StructureDetails;
  readonly request: FastifyRequest;
  readonly form: SubForm | undefined;
  readonly canWrite: boolean;
}

/** Domain names of the structure, with the add form for CERT writers. */
export function DomainsSection({ details, request, form, canWrite }: SectionProps): JSX.Element {
  if (details.domains === null) return <></>;
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const base = `/structures/${details.structure.id}`;
  const errors = fieldErrors(form?.error);
  const v = form?.values ?? {};
  return (
    <section id="domains" class="mt-4" aria-labelledby="h-domains">
      <h2 class="h4" id="h-domains" safe>
        {t('domains')}
      </h2>
      {details.domains.length === 0 ? (
        <p safe>{t('noDomain')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <caption class="visually-hidden" safe>
              {t('domainsCaption')}
            </caption>
            <TableHead
              columns={[t('domainName'), t('ownership'), t('notes'), ...(canWrite ? [t('actions')] : [])]}
            />
            <tbody>
              {details.domains.map((d) => (
                <tr>
                  <th scope="row" class="font-monospace fw-normal" safe>
                    {d.name}
                  </th>
                  <td safe>{OWNERSHIP_LABELS[d.ownership][lang]}</td>
                  <td class="small" safe>
                    {d.notes ?? '—'}
                  </td>
                  {canWrite ? (
                    <td>
                      <PostButton
                        action={`${base}/domains/${d.id}/archive`}
                        csrfToken={request.csrfToken}
                        label={t('archive')}
                        tone="outline-danger"
                      />
                    </td>
                  ) : (
                    <></>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? (
        <details class="mt-2" open={form !== undefined}>
          <summary class="btn btn-sm btn-outline-primary" safe>
            {t('addDomain')}
          </summary>
          <form method="post" action={`${base}/domains`} class="mt-3" novalidate>
            <CsrfField token={request.csrfToken} />
            <FormAlert
              lang={lang}
              error={form?.error}
              idPrefix="domain"
              labels={{ name: t('domainName'), ownership: t('ownership'), notes: t('notes') }}
            />
            <div class="row">
              <TextField
                class="col-md-6 mb-3"
                idPrefix="domain"
                name="name"
                label={t('domainName')}
                lang={lang}
                errors={errors}
                required
                value={formText(v, 'name')}
                hint={t('domainHint')}
              />
              <SelectField
                class="col-md-6 mb-3"
                idPrefix="domain"
                name="ownership"
                label={t('ownership')}
                lang={lang}
                errors={errors}
                value={formText(v, 'ownership') || 'declared'}
                options={choices(OWNERSHIP_LABELS, lang)}
              />
              <TextAreaField
                class="col-12 mb-3"
                idPrefix="domain"
                name="notes"
                label={t('notes')}
                lang={lang}
                errors={errors}
                value={formText(v, 'notes')}
                rows={2}
              />
            </div>
            <button type="submit" class="btn btn-primary" safe>
              {t('add')}
            </button>
          </form>
        </details>
      ) : (
        <></>
      )}
    </section>
  );
}

/** Networks of the structure, with the add form for CERT writers. */
export function NetworksSection({ details, request, form, canWrite }: SectionProps): JSX.Element {
  if (details.networks === null) return <></>;
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const base = `/structures/${details.structure.id}`;
  const errors = fieldErrors(form?.error);
  const v = form?.values ?? {};
  return (
    <section id="networks" class="mt-4" aria-labelledby="h-networks">
      <h2 class="h4" id="h-networks" safe>
        {t('networks')}
      </h2>
      {details.networks.length === 0 ? (
        <p safe>{t('noNetwork')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <caption class="visually-hidden" safe>
              {t('networksCaption')}
            </caption>
            <TableHead
              columns={[t('cidr'), t('asn'), t('description'), ...(canWrite ? [t('actions')] : [])]}
            />
            <tbody>
              {details.networks.map((n) => (
                <tr>
                  <th scope="row" class="font-monospace fw-normal" safe>
                    {n.cidr}
                  </th>
                  <td safe>{n.asn === null ? '—' : `AS${n.asn}`}</td>
                  <td class="small" safe>
                    {n.description ?? '—'}
                  </td>
                  {canWrite ? (
                    <td>
                      <PostButton
                        action={`${base}/networks/${n.id}/archive`}
                        csrfToken={request.csrfToken}
                        label={t('archive')}
                        tone="outline-danger"
                      />
                    </td>
                  ) : (
                    <></>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? (
        <details class="mt-2" open={form !== undefined}>
          <summary class="btn btn-sm btn-outline-primary" safe>
            {t('addNetwork')}
          </summary>
          <form method="post" action={`${base}/networks`} class="mt-3" novalidate>
            <CsrfField token={request.csrfToken} />
            <FormAlert
              lang={lang}
              error={form?.error}
              idPrefix="network"
              labels={{ cidr: t('cidr'), asn: t('asn'), description: t('description') }}
            />
            <div class="row">
              <TextField
                class="col-md-5 mb-3"
                idPrefix="network"
                name="cidr"
                label={t('cidr')}
                lang={lang}
                errors={errors}
                required
                value={formText(v, 'cidr')}
                hint={t('cidrHint')}
              />
              <TextField
                class="col-md-2 mb-3"
                idPrefix="network"
                name="asn"
                label={t('asn')}
                lang={lang}
                errors={errors}
                value={formText(v, 'asn')}
              />
              <TextField
                class="col-md-5 mb-3"
                idPrefix="network"
                name="description"
                label={t('description')}
                lang={lang}
                errors={errors}
                value={formText(v, 'description')}
              />
            </div>
            <button type="submit" class="btn btn-primary" safe>
              {t('add')}
            </button>
          </form>
        </details>
      ) : (
        <></>
      )}
    </section>
  );
}
