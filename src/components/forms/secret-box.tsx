import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** A value the server shows once (a new API key, a signing secret, an invitation link), with what to do and a copy button. */
export function SecretBox({ testId, value, copyLabel, children }: { testId: string; value: string; copyLabel?: string; children: ReactNode }) {
  return (
    <div className="secret-box" role="status" data-testid={testId}>
      <span>{children}</span>
      <code>{value}</code>
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}
