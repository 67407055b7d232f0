import type { ExperimentStatus } from "@/server/experiments/schemas";

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return <span className={`badge ${status}`}>{status}</span>;
}
