import type { Lang } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator } from '../../platform/i18n/i18n.js';
import { ALERT_KIND_LABELS, ROLE_LABELS, registryMessages } from './registry.messages.js';
import { ALERT_KINDS } from './registry.types.js';
import {
  CheckboxGroup,
  FormAlert,
  PostButton,
  SelectField,
  TextField,
  choices,
  fieldErrors,
  formList,
  formText,
  type FormBody,
} from './registry.views.js';
import type { SectionProps } from './structure-sections.views.js';
import { TableHead } from '../../platform/http/table-head.js';

/** Contacts of the structure, with the add form for those who may write them. */
export function ContactsSection({ details, request, form, canWrite }: SectionProps): JSX.Element {
  if (details.contacts === null) return <></>;
  const lang = request.lang;
  const t = translator(lang, registryMessages);
  const base = `/structures/${details.structure.id}`;
  const errors = fieldErrors(form?.error);
  const v = form?.values ?? {};
  const labels = {
    role: t('role'),
    lastName: t('lastName'),
    firstName: t('firstName'),
    email: t('email'),
    phone: t('phone'),
    alertKinds: t('alertKinds'),
  };
  return (
    <section id="contacts" class="mt-4" aria-labelledby="h-contacts">
      <h2 class="h4" id="h-contacts" safe>
        {t('contacts')}
      </h2>
      {details.contacts.length === 0 ? (
        <p safe>{t('noContact')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <caption class="visually-hidden" safe>
              {t('contactsCaption')}
            </caption>
            <TableHead
              columns={[
                t('lastName'),
                t('role'),
                t('email'),
                t('phone'),
                t('alertKinds'),
                ...(canWrite ? [t('actions')] : []),
              ]}
            />
            <tbody>
              {details.contacts.map((c) => (
                <tr>
                  <th scope="row" safe>{`${c.firstName} ${c.lastName}`}</th>
                  <td safe>{ROLE_LABELS[c.role][lang]}</td>
                  <td>
                    <a href={`mailto:${c.email}`} safe>
                      {c.email}
                    </a>
                  </td>
                  <td class="text-nowrap" safe>
                    {c.phone ?? '—'}
                  </td>
                  <td class="small" safe>
                    {c.alertKinds.map((k) => ALERT_KIND_LABELS[k][lang]).join(', ') || '—'}
                  </td>
                  {canWrite ? (
                    <td class="text-nowrap">
                      <a
                        class="btn btn-sm btn-outline-primary me-1"
                        href={`${base}/contacts/${c.id}/edit`}
                        aria-label={`${t('edit')} ${c.firstName} ${c.lastName}`}
                        safe
                      >
                        {t('edit')}
                      </a>
                      <PostButton
                        action={`${base}/contacts/${c.id}/archive`}
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
            {t('addContact')}
          </summary>
          <form method="post" action={`${base}/contacts`} class="mt-3" novalidate>
            <CsrfField token={request.csrfToken} />
            <FormAlert lang={lang} error={form?.error} idPrefix="contact" labels={labels} />
            <p class="small text-body-secondary" safe>
              {t('requiredNote')}
            </p>
            <ContactFields lang={lang} errors={errors} values={v} />
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

/** The fields of a contact form (add and edit). */
export function ContactFields(props: {
  lang: Lang;
  errors: Readonly<Record<string, string>>;
  values: FormBody;
  idPrefix?: string;
}): JSX.Element {
  const { lang, errors, values } = props;
  const t = translator(lang, registryMessages);
  const idPrefix = props.idPrefix ?? 'contact';
  const kinds =
    values.role === undefined && values.alertKinds === undefined
      ? [...ALERT_KINDS]
      : formList(values, 'alertKinds');
  return (
    <div class="row">
      <SelectField
        class="col-md-4 mb-3"
        idPrefix={idPrefix}
        name="role"
        label={t('role')}
        lang={lang}
        errors={errors}
        required
        value={formText(values, 'role')}
        empty={t('choose')}
        options={choices(ROLE_LABELS, lang)}
      />
      <TextField
        class="col-md-4 mb-3"
        idPrefix={idPrefix}
        name="lastName"
        label={t('lastName')}
        lang={lang}
        errors={errors}
        required
        value={formText(values, 'lastName')}
        autocomplete="family-name"
      />
      <TextField
        class="col-md-4 mb-3"
        idPrefix={idPrefix}
        name="firstName"
        label={t('firstName')}
        lang={lang}
        errors={errors}
        required
        value={formText(values, 'firstName')}
        autocomplete="given-name"
      />
      <TextField
        class="col-md-6 mb-3"
        idPrefix={idPrefix}
        name="email"
        label={t('email')}
        lang={lang}
        errors={errors}
        required
        value={formText(values, 'email')}
        type="email"
        autocomplete="email"
      />
      <TextField
        class="col-md-6 mb-3"
        idPrefix={idPrefix}
        name="phone"
        label={t('phone')}
        lang={lang}
        errors={errors}
        value={formText(values, 'phone')}
        type="tel"
        autocomplete="tel"
        hint={t('phoneHint')}
      />
      <div class="col-12">
        <CheckboxGroup
          idPrefix={idPrefix}
          name="alertKinds"
          label={t('alertKinds')}
          lang={lang}
          errors={errors}
          values={kinds}
          options={choices(ALERT_KIND_LABELS, lang)}
        />
      </div>
    </div>
  );
}
