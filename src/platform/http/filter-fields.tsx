/**
 * Fields of the GET filter forms above lists (findings, bulletins …): a label, a control, a
 * Bootstrap column. One place for the markup so that every list's filters look and read the same.
 */

/** An option of a filter select. */
export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/** A labelled select; `blank` is the first option, meaning "no filter". */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  col: number;
  value: string | undefined;
  blank: string;
  options: readonly FilterOption[];
  /** Options between the blank one and the list (e.g. "all statuses"). */
  extra?: readonly FilterOption[];
}): JSX.Element {
  const option = (o: FilterOption) => (
    <option value={o.value} {...(props.value === o.value ? { selected: true } : {})} safe>
      {o.label}
    </option>
  );
  return (
    <div class={`col-md-${props.col}`}>
      <label class="form-label" for={props.id} safe>
        {props.label}
      </label>
      <select class="form-select" id={props.id} name={props.name}>
        <option value="" safe>
          {props.blank}
        </option>
        {(props.extra ?? []).map(option)}
        {props.options.map(option)}
      </select>
    </div>
  );
}

/** A labelled text (or search, date) input. */
export function FilterInput(props: {
  id: string;
  name: string;
  label: string;
  col: number;
  value: string | undefined;
  type?: 'text' | 'search' | 'date';
}): JSX.Element {
  return (
    <div class={`col-md-${props.col}`}>
      <label class="form-label" for={props.id} safe>
        {props.label}
      </label>
      <input
        class="form-control"
        type={props.type ?? 'text'}
        id={props.id}
        name={props.name}
        value={props.value ?? ''}
      />
    </div>
  );
}

/** Submit and "reset" (a link to the unfiltered list). */
export function FilterActions(props: {
  col: number;
  submit: string;
  reset: string;
  resetHref: string;
}): JSX.Element {
  return (
    <div class={`col-md-${props.col} d-flex gap-2`}>
      <button type="submit" class="btn btn-primary" safe>
        {props.submit}
      </button>
      <a class="btn btn-link" href={props.resetHref} safe>
        {props.reset}
      </a>
    </div>
  );
}
