/** The header row of a data table: one `<th scope="col">` per column, its label escaped. */

/** A column: its label, or its label with classes for the header cell (`text-end` for numbers). */
export type TableColumn = string | { readonly label: string; readonly class?: string };

/** `<thead><tr>` with one escaped `<th scope="col">` per column, in order. */
export function TableHead(props: { columns: readonly TableColumn[] }): JSX.Element {
  return (
    <thead>
      <tr>
        {props.columns.map((column) =>
          typeof column === 'string' || column.class === undefined ? (
            <th scope="col" safe>
              {typeof column === 'string' ? column : column.label}
            </th>
          ) : (
            <th scope="col" class={column.class} safe>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
