"use client";

import { errorText } from "./server-errors";

/** Progress and outcome of a mutation, announced to screen readers. */
export function MutationStatus(props: {
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
  pending?: string;
  success?: string;
  /** Fields the form shows server errors at: those are not repeated here (see errorText). */
  fields?: readonly string[];
}) {
  if (props.isPending) {
    return (
      <p className="status-line" role="status">
        {props.pending ?? "Saving…"}
      </p>
    );
  }
  const text = props.error ? errorText(props.error, props.fields) : "";
  if (text) {
    return (
      <p className="status-line error" role="alert">
        {text}
      </p>
    );
  }
  return (
    <p className="status-line ok" role="status">
      {props.isSuccess && !props.error ? (props.success ?? "Saved.") : ""}
    </p>
  );
}
