import type { ReactNode } from "react";

/** A column header; `hidden` ones are read by screen readers only (an actions column, for example). */
export type Column = string | { label: string; hidden: true };

const header = (c: Column) => (typeof c === "string" ? c : <span className="visually-hidden">{c.label}</span>);
const headerKey = (c: Column) => (typeof c === "string" ? c : c.label);

/**
 * The console's table: a caption, column headers (`scope="col"`) and one row per item, so every
 * operator table reads the same to a screen reader. `empty` is shown as one full-width row when
 * there are no rows (omit it to show the headers alone).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  row,
  empty,
}: {
  caption: ReactNode;
  columns?: readonly Column[];
  rows: readonly T[];
  rowKey: (item: T) => string | number;
  /** The row's cells (`<td>`s) for one item. */
  row: (item: T) => ReactNode;
  empty?: ReactNode;
}) {
  return (
    <table className="card">
      <caption>{caption}</caption>
      {columns && (
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={headerKey(c)}>
                {header(c)}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={columns?.length ?? 1} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {rows.map((item) => (
          <tr key={rowKey(item)}>{row(item)}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** A user id under a display name, as the operator tables show people. */
export function NameAndId({ name, id }: { name: string; id: string }) {
  return (
    <>
      {name} <span className="muted small">{id}</span>
    </>
  );
}
