import type { ReactNode } from "react";

/** A column header: its text, or the text with `num` (right-aligned numbers) or `hidden` (read to screen readers only, e.g. "Actions"). */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** The dashboard's scrollable data table; `children` are the body's rows. */
export function DataTable({ columns, children }: { columns: readonly Column[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            {columns.map((c) => {
              const { label, num = false, hidden = false } = typeof c === "string" ? { label: c } : c;
              return (
                <th key={label} scope="col" className={num ? "num" : undefined}>
                  {hidden ? <span className="sr-only">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
