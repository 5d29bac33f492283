import type { HygieError, Lang } from '../../lib/errors.js';

/** Where a detail points: the field, and the line of an imported file. */
function where(detail: { field?: string; line?: number }): string {
  return [detail.field, detail.line === undefined ? undefined : `(${detail.line})`].filter(Boolean).join(' ');
}

/** A form error: the message in the reader's language and the fields to fix (nothing without an error). */
export function ErrorAlert(props: { error: HygieError | null | undefined; lang: Lang }): JSX.Element {
  if (!props.error) return <></>;
  const { error, lang } = props;
  return (
    <div class="alert alert-danger" role="alert">
      <p class="mb-0" safe>
        {error.messageIn(lang)}
      </p>
      {error.details.length > 0 ? (
        <ul class="mb-0 mt-1">
          {error.details.map((d) => (
            <li safe>{where(d) ? `${where(d)} : ${d.message}` : d.message}</li>
          ))}
        </ul>
      ) : (
        <></>
      )}
    </div>
  );
}
