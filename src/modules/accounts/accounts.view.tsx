import type { FastifyReply } from 'fastify';
import { HygieError, type Lang } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import { roleMessages } from './accounts.messages.js';
import type { Role } from './accounts.types.js';

/** Rethrows anything that is not a user-facing error; forms show the others in place. */
export function asFormError(error: unknown): HygieError {
  if (error instanceof HygieError) return error;
  throw error;
}

// Shared by every module's forms; kept importable from here for the accounts pages.
export { ErrorAlert } from '../../platform/http/error-alert.js';

/** A confirmation shown after a change. */
export function Notice(props: { text: string | null; kind?: 'success' | 'info' | 'warning' }): JSX.Element {
  if (props.text === null) return <></>;
  return (
    <div class={`alert alert-${props.kind ?? 'success'}`} role="status">
      <p class="mb-0" safe>
        {props.text}
      </p>
    </div>
  );
}

/** A secret shown once (one-time password, API token), selectable for copying. */
export function ShownOnce(props: { intro: string; secret: string; label: string }): JSX.Element {
  return (
    <div class="alert alert-warning" role="status">
      <p safe>{props.intro}</p>
      <p class="mb-0">
        <code class="fs-5 user-select-all" aria-label={props.label} safe>
          {props.secret}
        </code>
      </p>
    </div>
  );
}

/** A one-button form posting to `action` (with the CSRF token). */
export function ActionButton(props: {
  action: string;
  csrfToken: string;
  label: string;
  variant?: string;
  hint?: string;
}): JSX.Element {
  return (
    <form method="post" action={props.action} class="mb-2">
      <CsrfField token={props.csrfToken} />
      <button type="submit" class={`btn btn-${props.variant ?? 'outline-secondary'}`} safe>
        {props.label}
      </button>
      {props.hint ? (
        <p class="form-text mt-1 mb-0" safe>
          {props.hint}
        </p>
      ) : (
        <></>
      )}
    </form>
  );
}

/** The role's name in the reader's language. */
export function roleLabel(role: Role, lang: Lang): string {
  return roleMessages[role][lang];
}

/** Sends the page of a form with its error (status of the error), or 200 without. */
export function sendForm(
  reply: FastifyReply,
  title: string,
  body: JSX.Element,
  error: HygieError | null,
): FastifyReply {
  return reply.page(title, body, error ? error.status : 200);
}
