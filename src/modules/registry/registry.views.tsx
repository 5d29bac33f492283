import { escapeHtml } from '@kitajs/html';
import type { HygieError, Lang } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator, type Text } from '../../platform/i18n/i18n.js';
import { registryMessages } from './registry.messages.js';

/**
 * Small view pieces shared by the registry pages: accessible form fields (label, hint and error
 * tied to the input with aria-describedby), the error summary, badges. Every piece of data goes
 * through an element with `safe`, so HTML typed by users is shown, never interpreted.
 */

/** A form body as @fastify/formbody parses it. */
export type FormBody = Record<string, string | string[] | undefined>;

/** One text field of a form body (the last one when repeated), trimmed of nothing. */
export function formText(body: FormBody, key: string): string {
  const v = body[key];
  return Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
}

/** A checkbox of a form body. */
export function formFlag(body: FormBody, key: string): boolean {
  const v = formText(body, key);
  return v === 'on' || v === '1' || v === 'true';
}

/** Every value of a repeated field (checkbox group). */
export function formList(body: FormBody, key: string): string[] {
  const v = body[key];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
}

/** Messages per field from a validation error (the first message of each field). */
export type FieldErrors = Readonly<Record<string, string>>;

/** Groups an error's details by field. */
export function fieldErrors(error: HygieError | null | undefined): FieldErrors {
  const out: Record<string, string> = {};
  for (const d of error?.details ?? []) if (d.field && !(d.field in out)) out[d.field] = d.message;
  return out;
}

/** True when a service error should re-render the form (bad or conflicting input) rather than an error page. */
export function isFormError(error: unknown): error is HygieError {
  const status = (error as { status?: unknown; code?: unknown } | null)?.status;
  return typeof (error as { code?: unknown } | null)?.code === 'string' && (status === 400 || status === 409);
}

/** The error summary at the top of a form: the message, then each field's problem linked to its input. */
export function FormAlert(props: {
  lang: Lang;
  error: HygieError | null | undefined;
  idPrefix: string;
  labels: Readonly<Record<string, string>>;
}): JSX.Element {
  const { error } = props;
  if (!error) return <></>;
  const t = translator(props.lang, registryMessages);
  return (
    <div class="alert alert-danger" role="alert" tabindex="-1" id={`${props.idPrefix}-errors`}>
      <p class="mb-1 fw-semibold" safe>
        {error.messageIn(props.lang)}
      </p>
      {error.details.length > 0 ? (
        <>
          <p class="mb-1 visually-hidden" safe>
            {t('formErrors')}
          </p>
          <ul class="mb-0">
            {error.details.map((d) =>
              d.field && props.labels[d.field] ? (
                <li>
                  <a href={`#${props.idPrefix}-${d.field}`} safe>
                    {props.labels[d.field]}
                  </a>
                  <span safe>{` : ${d.message}`}</span>
                </li>
              ) : (
                <li safe>{d.message}</li>
              ),
            )}
          </ul>
        </>
      ) : (
        <></>
      )}
    </div>
  );
}

/**
 * Text for an attribute value. @kitajs/html escapes only `"` in attributes, which keeps markup
 * inert but turns a typed `&amp;` into `&`; escaping fully here keeps user text exactly as typed.
 */
function attributeText(value: string | null | undefined): string {
  return escapeHtml(value ?? '');
}

interface FieldProps {
  readonly idPrefix: string;
  readonly name: string;
  readonly label: string;
  readonly lang: Lang;
  readonly errors: FieldErrors;
  readonly hint?: string;
  readonly required?: boolean;
}

function describedBy(p: FieldProps): string | undefined {
  const ids = [
    p.hint ? `${p.idPrefix}-${p.name}-hint` : '',
    p.errors[p.name] ? `${p.idPrefix}-${p.name}-error` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label(p: FieldProps & { labelClass?: string }): JSX.Element {
  const t = translator(p.lang, registryMessages);
  return (
    <label class={p.labelClass ?? 'form-label'} for={`${p.idPrefix}-${p.name}`}>
      <span safe>{p.label}</span>
      {p.required ? (
        <>
          <span aria-hidden="true"> *</span>
          <span class="visually-hidden" safe>{` ${t('requiredMark')}`}</span>
        </>
      ) : (
        <></>
      )}
    </label>
  );
}

function HintAndError(p: FieldProps): JSX.Element {
  return (
    <>
      {p.hint ? (
        <div class="form-text" id={`${p.idPrefix}-${p.name}-hint`} safe>
          {p.hint}
        </div>
      ) : (
        <></>
      )}
      {p.errors[p.name] ? (
        <div class="invalid-feedback d-block" id={`${p.idPrefix}-${p.name}-error`} safe>
          {p.errors[p.name]}
        </div>
      ) : (
        <></>
      )}
    </>
  );
}

/** A labelled text input. */
export function TextField(
  p: FieldProps & {
    value: string | null | undefined;
    type?: string;
    autocomplete?: string;
    maxlength?: number;
    inputmode?: string;
    class?: string;
  },
): JSX.Element {
  const invalid = p.errors[p.name] !== undefined;
  return (
    <div class={p.class ?? 'mb-3'}>
      <Label {...p} />
      <input
        class={`form-control${invalid ? ' is-invalid' : ''}`}
        type={p.type ?? 'text'}
        id={`${p.idPrefix}-${p.name}`}
        name={p.name}
        value={attributeText(p.value)}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        inputmode={p.inputmode}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      />
      <HintAndError {...p} />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextAreaField(
  p: FieldProps & { value: string | null | undefined; rows?: number; class?: string },
): JSX.Element {
  const invalid = p.errors[p.name] !== undefined;
  return (
    <div class={p.class ?? 'mb-3'}>
      <Label {...p} />
      <textarea
        class={`form-control${invalid ? ' is-invalid' : ''}`}
        id={`${p.idPrefix}-${p.name}`}
        name={p.name}
        rows={String(p.rows ?? 3)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p)}
        safe
      >
        {p.value ?? ''}
      </textarea>
      <HintAndError {...p} />
    </div>
  );
}

/** One choice of a drop-down. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** Choices from a code → label table. */
export function choices<K extends string>(labels: Readonly<Record<K, Text>>, lang: Lang): Choice[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value][lang] }));
}

/** A labelled drop-down; `empty` adds a first option with an empty value. */
export function SelectField(
  p: FieldProps & {
    value: string | null | undefined;
    options: readonly Choice[];
    empty?: string;
    class?: string;
  },
): JSX.Element {
  const invalid = p.errors[p.name] !== undefined;
  return (
    <div class={p.class ?? 'mb-3'}>
      <Label {...p} />
      <select
        class={`form-select${invalid ? ' is-invalid' : ''}`}
        id={`${p.idPrefix}-${p.name}`}
        name={p.name}
        required={p.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.empty !== undefined ? (
          <option value="" safe>
            {p.empty}
          </option>
        ) : (
          <></>
        )}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')} safe>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError {...p} />
    </div>
  );
}

/** A labelled checkbox. */
export function CheckboxField(
  p: FieldProps & { checked: boolean; value?: string; class?: string },
): JSX.Element {
  return (
    <div class={p.class ?? 'form-check mb-3'}>
      <input
        class={`form-check-input${p.errors[p.name] ? ' is-invalid' : ''}`}
        type="checkbox"
        id={`${p.idPrefix}-${p.name}`}
        name={p.name}
        value={p.value ?? 'on'}
        checked={p.checked}
        aria-describedby={describedBy(p)}
      />
      <Label {...p} labelClass="form-check-label" />
      <HintAndError {...p} />
    </div>
  );
}

/** A group of checkboxes sharing one name, in a fieldset with a legend. */
export function CheckboxGroup(
  p: FieldProps & { values: readonly string[]; options: readonly Choice[] },
): JSX.Element {
  return (
    <fieldset class="mb-3" aria-describedby={describedBy(p)}>
      <legend class="form-label fs-6" safe>
        {p.label}
      </legend>
      {p.options.map((o) => (
        <div class="form-check form-check-inline">
          <input
            class="form-check-input"
            type="checkbox"
            id={`${p.idPrefix}-${p.name}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={p.values.includes(o.value)}
          />
          <label class="form-check-label" for={`${p.idPrefix}-${p.name}-${o.value}`} safe>
            {o.label}
          </label>
        </div>
      ))}
      <HintAndError {...p} />
    </fieldset>
  );
}

/** A small coloured label. */
export function Badge(props: {
  tone: 'danger' | 'warning' | 'secondary' | 'info';
  text: string;
}): JSX.Element {
  return (
    <span class={`badge text-bg-${props.tone} me-1`} safe>
      {props.text}
    </span>
  );
}

/** A POST button in its own form (archive, restore): carries the CSRF token. */
export function PostButton(props: {
  action: string;
  csrfToken: string;
  label: string;
  tone?: 'outline-danger' | 'outline-secondary' | 'outline-primary';
  describedBy?: string;
}): JSX.Element {
  return (
    <form method="post" action={props.action} class="d-inline">
      <CsrfField token={props.csrfToken} />
      <button
        type="submit"
        class={`btn btn-sm btn-${props.tone ?? 'outline-secondary'}`}
        aria-describedby={props.describedBy}
        safe
      >
        {props.label}
      </button>
    </form>
  );
}
