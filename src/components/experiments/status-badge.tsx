import type { ExperimentStatus } from "@/shared/domain/experiments";

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return <span className={`badge ${status}`}>{status}</span>;
}
