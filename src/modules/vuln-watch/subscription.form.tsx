/**
 * The subscription form (create and edit): catalogue pickers for vendors and products, free
 * vendors, free vendor:product pairs, keywords, deployed products, filters and delivery. Every
 * control has a label; hints and errors are tied to their control (`aria-describedby`). Also
 * turns a submitted form into a draft for the service.
 */
import type { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { translator, type Lang } from '../../platform/i18n/i18n.js';
import { subscriptionMessages, WEEKDAY_NAMES } from './subscription.messages.js';
import type { SubscriptionChoices } from './subscription.service.js';
import type { Subscription, SubscriptionDraft } from './subscription.types.js';

/** A submitted form: fields as `@fastify/formbody` parses them. */
export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>;

function all(body: FormBody, name: string): string[] {
  const v = body[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
}

function one(body: FormBody, name: string): string {
  return all(body, name)[0] ?? '';
}

function flag(body: FormBody, name: string): boolean {
  return ['on', '1', 'true', 'yes'].includes(one(body, name));
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function numberOrNull(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return t === '' ? null : Number(t);
}

/** The draft a submitted form describes (every field given: the form shows the whole state). */
export function draftFromForm(body: FormBody): SubscriptionDraft {
  const pairs = splitList(one(body, 'otherProducts'), /[\r\n]+/).map((line) => {
    const at = line.indexOf(':');
    return at > 0 ? { vendor: line.slice(0, at).trim(), product: line.slice(at + 1).trim() } : { vendor: line, product: '' };
  });
  return {
    name: one(body, 'name'),
    structureId: one(body, 'structureId') || null,
    vendors: [...all(body, 'vendors'), ...splitList(one(body, 'otherVendors'), /[,;\r\n]+/)],
    products: [...all(body, 'productIds').map((productId) => ({ productId })), ...pairs],
    keywords: splitList(one(body, 'keywords'), /[\r\n]+/),
    minScore: numberOrNull(one(body, 'minScore')),
    kevOnly: flag(body, 'kevOnly'),
    includeUnscored: flag(body, 'includeUnscored'),
    deployedProducts: flag(body, 'deployedProducts'),
    frequency: one(body, 'frequency'),
    hour: Number(one(body, 'hour') || 'NaN'),
    weekday: Number(one(body, 'weekday') || 'NaN'),
    active: flag(body, 'active'),
  };
}

/** The form values of a stored subscription (catalogue picks ticked, the rest as free text). */
export function formOf(s: Subscription, choices: SubscriptionChoices): FormBody {
  const catalogueVendors = new Set(choices.vendors);
  return {
    name: s.name,
    structureId: s.structureId ?? '',
    vendors: s.vendors.filter((v) => catalogueVendors.has(v)),
    otherVendors: s.vendors.filter((v) => !catalogueVendors.has(v)).join(', '),
    productIds: s.products.flatMap((p) => (p.productId ? [p.productId] : [])),
    otherProducts: s.products
      .filter((p) => !p.productId)
      .map((p) => `${p.vendor}:${p.product}`)
      .join('\n'),
    keywords: s.keywords.join('\n'),
    minScore: s.minScore === null ? '' : String(s.minScore),
    kevOnly: s.kevOnly ? 'on' : undefined,
    includeUnscored: s.includeUnscored ? 'on' : undefined,
    deployedProducts: s.deployedProducts ? 'on' : undefined,
    frequency: s.frequency,
    hour: String(s.hour),
    weekday: String(s.weekday),
    active: s.active ? 'on' : undefined,
  };
}

/** Values of a new subscription's form. */
export const NEW_FORM: FormBody = { minScore: '7', includeUnscored: 'on', frequency: 'daily', hour: '8', weekday: '1', active: 'on' };

function errorsByField(error: HygieError | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of error?.details ?? []) {
    const field = d.field ?? '';
    out.set(field, [...(out.get(field) ?? []), d.message]);
  }
  return out;
}

/** The subscription form. */
export function SubscriptionForm(props: {
  lang: Lang;
  csrfToken: string;
  action: string;
  cancel: string;
  values: FormBody;
  choices: SubscriptionChoices;
  error?: HygieError | undefined;
}): JSX.Element {
  const { lang, values: v, choices } = props;
  const t = translator(lang, subscriptionMessages);
  const errors = errorsByField(props.error);
  const invalid = (field: string) => (errors.has(field) ? 'true' : undefined);
  const describedBy = (field: string, hint?: boolean) => [hint ? `sub-${field}-hint` : '', errors.has(field) ? `sub-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const FieldError = ({ field }: { field: string }) =>
    errors.has(field) ? (
      <div class="invalid-feedback d-block" id={`sub-${field}-error`} safe>
        {(errors.get(field) ?? []).join(' ')}
      </div>
    ) : (
      <></>
    );
  const ticked = (name: string, value: string) => all(v, name).includes(value);
  const frequency = one(v, 'frequency') || 'daily';
  return (
    <form method="post" action={props.action} novalidate class="hygie-form">
      <CsrfField token={props.csrfToken} />
      {props.error ? (
        <div class="alert alert-danger" role="alert" id="sub-errors">
          <p class="mb-1" safe>
            {props.error.messageIn(lang)}
          </p>
          {props.error.details.length > 0 ? (
            <ul class="mb-0">
              {props.error.details.map((d) => (
                <li safe>{d.message}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      <p class="small text-body-secondary" safe>
        {t('requiredNote')}
      </p>

      <div class="mb-3">
        <label class="form-label" for="sub-name" safe>
          {`${t('name')} *`}
        </label>
        <input
          class={`form-control${errors.has('name') ? ' is-invalid' : ''}`}
          id="sub-name"
          name="name"
          required
          maxlength="100"
          value={one(v, 'name')}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name', true)}
        />
        <div class="form-text" id="sub-name-hint" safe>
          {t('nameHint')}
        </div>
        <FieldError field="name" />
      </div>

      {choices.structures.length > 0 ? (
        <div class="mb-3">
          <label class="form-label" for="sub-structureId" safe>
            {t('structure')}
          </label>
          <select class={`form-select${errors.has('structureId') ? ' is-invalid' : ''}`} id="sub-structureId" name="structureId" aria-invalid={invalid('structureId')} aria-describedby={describedBy('structureId', true)}>
            <option value="" safe>
              {t('anyStructure')}
            </option>
            {choices.structures.map((s) => (
              <option value={s.id} selected={one(v, 'structureId') === s.id} safe>
                {s.name}
              </option>
            ))}
          </select>
          <div class="form-text" id="sub-structureId-hint" safe>
            {t('structureHint')}
          </div>
          <FieldError field="structureId" />
        </div>
      ) : (
        ''
      )}

      <fieldset class="mb-3">
        <legend class="h5" safe>
          {t('watch')}
        </legend>
        <p class="form-text" safe>
          {t('watchHint')}
        </p>
        {choices.canWatchDeployments ? (
          <div class="form-check mb-3">
            <input class="form-check-input" type="checkbox" id="sub-deployedProducts" name="deployedProducts" value="on" checked={flag(v, 'deployedProducts')} aria-describedby="sub-deployedProducts-hint" />
            <label class="form-check-label" for="sub-deployedProducts" safe>
              {t('deployedProducts')}
            </label>
            <div class="form-text" id="sub-deployedProducts-hint" safe>
              {t('deployedProductsHint')}
            </div>
            <FieldError field="deployedProducts" />
          </div>
        ) : (
          ''
        )}
        <fieldset class="mb-3">
          <legend class="form-label fs-6" safe>
            {t('vendors')}
          </legend>
          {choices.vendors.length === 0 ? (
            <p class="form-text" safe>
              {t('catalogueEmpty')}
            </p>
          ) : (
            <div class="row row-cols-1 row-cols-sm-2 row-cols-lg-4">
              {choices.vendors.map((vendor, i) => (
                <div class="col">
                  <div class="form-check">
                    <input class="form-check-input" type="checkbox" id={`sub-vendor-${i}`} name="vendors" value={vendor} checked={ticked('vendors', vendor)} />
                    <label class="form-check-label" for={`sub-vendor-${i}`} safe>
                      {vendor}
                    </label>
                  </div>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <div class="mb-3">
          <label class="form-label" for="sub-otherVendors" safe>
            {t('otherVendors')}
          </label>
          <input class={`form-control${errors.has('vendors') ? ' is-invalid' : ''}`} id="sub-otherVendors" name="otherVendors" value={one(v, 'otherVendors')} aria-invalid={invalid('vendors')} aria-describedby={describedBy('otherVendors', true)} />
          <div class="form-text" id="sub-otherVendors-hint" safe>
            {t('otherVendorsHint')}
          </div>
          <FieldError field="vendors" />
        </div>
        <fieldset class="mb-3">
          <legend class="form-label fs-6" safe>
            {t('products')}
          </legend>
          {choices.products.length === 0 ? (
            <p class="form-text" safe>
              {t('catalogueEmpty')}
            </p>
          ) : (
            <div class="row row-cols-1 row-cols-sm-2 row-cols-lg-4">
              {choices.products.map((p, i) => (
                <div class="col">
                  <div class="form-check">
                    <input class="form-check-input" type="checkbox" id={`sub-product-${i}`} name="productIds" value={p.id} checked={ticked('productIds', p.id)} />
                    <label class="form-check-label" for={`sub-product-${i}`} safe>
                      {p.displayName}
                    </label>
                  </div>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <div class="mb-3">
          <label class="form-label" for="sub-otherProducts" safe>
            {t('otherProducts')}
          </label>
          <textarea class={`form-control${errors.has('products') ? ' is-invalid' : ''}`} id="sub-otherProducts" name="otherProducts" rows="2" aria-invalid={invalid('products')} aria-describedby={describedBy('otherProducts', true)} safe>
            {one(v, 'otherProducts')}
          </textarea>
          <div class="form-text" id="sub-otherProducts-hint" safe>
            {t('otherProductsHint')}
          </div>
          <FieldError field="products" />
        </div>
        <div class="mb-3">
          <label class="form-label" for="sub-keywords" safe>
            {t('keywords')}
          </label>
          <textarea class={`form-control${errors.has('keywords') ? ' is-invalid' : ''}`} id="sub-keywords" name="keywords" rows="3" aria-invalid={invalid('keywords')} aria-describedby={describedBy('keywords', true)} safe>
            {one(v, 'keywords')}
          </textarea>
          <div class="form-text" id="sub-keywords-hint" safe>
            {t('keywordsHint')}
          </div>
          <FieldError field="keywords" />
        </div>
      </fieldset>

      <fieldset class="mb-3">
        <legend class="h5" safe>
          {t('filters')}
        </legend>
        <div class="mb-3 col-md-4">
          <label class="form-label" for="sub-minScore" safe>
            {t('minScore')}
          </label>
          <input class={`form-control${errors.has('minScore') ? ' is-invalid' : ''}`} id="sub-minScore" name="minScore" inputmode="decimal" value={one(v, 'minScore')} aria-invalid={invalid('minScore')} aria-describedby={describedBy('minScore', true)} />
          <div class="form-text" id="sub-minScore-hint" safe>
            {t('minScoreHint')}
          </div>
          <FieldError field="minScore" />
        </div>
        <div class="form-check">
          <input class="form-check-input" type="checkbox" id="sub-kevOnly" name="kevOnly" value="on" checked={flag(v, 'kevOnly')} />
          <label class="form-check-label" for="sub-kevOnly" safe>
            {t('kevOnly')}
          </label>
        </div>
        <div class="form-check">
          <input class="form-check-input" type="checkbox" id="sub-includeUnscored" name="includeUnscored" value="on" checked={flag(v, 'includeUnscored')} />
          <label class="form-check-label" for="sub-includeUnscored" safe>
            {t('includeUnscored')}
          </label>
        </div>
      </fieldset>

      <fieldset class="mb-3">
        <legend class="h5" safe>
          {t('delivery')}
        </legend>
        <fieldset class="mb-3">
          <legend class="form-label fs-6" safe>
            {t('frequency')}
          </legend>
          {(['immediate', 'daily', 'weekly'] as const).map((f) => (
            <div class="form-check">
              <input class="form-check-input" type="radio" id={`sub-frequency-${f}`} name="frequency" value={f} checked={frequency === f} />
              <label class="form-check-label" for={`sub-frequency-${f}`} safe>
                {t(f)}
              </label>
            </div>
          ))}
          <FieldError field="frequency" />
        </fieldset>
        <div class="row">
          <div class="col-md-4 mb-3">
            <label class="form-label" for="sub-hour" safe>
              {t('hour')}
            </label>
            <select class={`form-select${errors.has('hour') ? ' is-invalid' : ''}`} id="sub-hour" name="hour" aria-invalid={invalid('hour')} aria-describedby={describedBy('hour')}>
              {Array.from({ length: 24 }, (_, h) => (
                <option value={String(h)} selected={one(v, 'hour') === String(h)} safe>
                  {`${h} h`}
                </option>
              ))}
            </select>
            <FieldError field="hour" />
          </div>
          <div class="col-md-4 mb-3">
            <label class="form-label" for="sub-weekday" safe>
              {t('weekday')}
            </label>
            <select class={`form-select${errors.has('weekday') ? ' is-invalid' : ''}`} id="sub-weekday" name="weekday" aria-invalid={invalid('weekday')} aria-describedby={describedBy('weekday')}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option value={String(d)} selected={one(v, 'weekday') === String(d)} safe>
                  {WEEKDAY_NAMES[d]?.[lang] ?? String(d)}
                </option>
              ))}
            </select>
            <FieldError field="weekday" />
          </div>
        </div>
        <div class="form-check">
          <input class="form-check-input" type="checkbox" id="sub-active" name="active" value="on" checked={flag(v, 'active')} />
          <label class="form-check-label" for="sub-active" safe>
            {t('active')}
          </label>
        </div>
      </fieldset>

      <div class="d-flex gap-2">
        <button type="submit" class="btn btn-primary" safe>
          {t('save')}
        </button>
        <a class="btn btn-outline-secondary" href={props.cancel} safe>
          {t('cancel')}
        </a>
      </div>
    </form>
  );
}
