import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorText } from "@/components/forms/server-errors";

/** An empty state needs both the test and what to show, or neither. */
type Empty<TData> = { isEmpty: (data: TData) => boolean; empty: ReactNode } | { isEmpty?: never; empty?: never };

type QueryStateProps<TData, TError> = Empty<TData> & {
  query: UseQueryResult<TData, TError>;
  /** The loading line; "Loading…" unless the page says what it loads. */
  loading?: string;
  /** What to show once the data is there (and not empty). */
  children: (data: TData) => ReactNode;
};

/** A query's loading line, its error (announced as an alert), its empty state, or its data. */
export function QueryState<TData, TError>({ query, loading = "Loading…", isEmpty, empty, children }: QueryStateProps<TData, TError>) {
  if (query.isPending) return <p role="status">{loading}</p>;
  if (query.isError) {
    return (
      <p role="alert" className="status-line error">
        {errorText(query.error)}
      </p>
    );
  }
  return isEmpty?.(query.data) ? empty : children(query.data);
}
