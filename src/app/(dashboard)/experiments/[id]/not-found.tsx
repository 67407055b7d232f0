import Link from "next/link";

export default function ExperimentNotFound() {
  return (
    <div className="card">
      <h1>Experiment not found</h1>
      <p className="muted">There is no experiment with this address in your workspace.</p>
      <Link href="/experiments">Back to experiments</Link>
    </div>
  );
}
