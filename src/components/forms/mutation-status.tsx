"use client";

import { errorText } from "./server-errors";

/** Progress and outcome of a mutation, announced to screen readers. */
export function MutationStatus(props: { isPending: boolean; isSuccess: boolean; error: unknown; pending?: string; success?: string }) {
  if (props.isPending) {
    return (
      <p className="status-line" role="status">
        {props.pending ?? "Saving…"}
      </p>
    );
  }
  if (props.error) {
    return (
      <p className="status-line error" role="alert">
        {errorText(props.error)}
      </p>
    );
  }
  return (
    <p className="status-line ok" role="status">
      {props.isSuccess ? (props.success ?? "Saved.") : ""}
    </p>
  );
}
