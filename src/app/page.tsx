import Link from "next/link";

export default function HomePage() {
  return (
    <main>
      <section className="hero">
        <p className="muted">Pricing Optimizer</p>
        <h1>Find the price that earns the most.</h1>
        <p>
          Test 2–10 prices on real visitors, keep every returning visitor on the price they saw, and get a decision you can trust: which price wins,
          how sure we are, and which price to charge.
        </p>
        <div className="actions">
          <Link className="button" href="/sign-up">
            Start free
          </Link>
          <Link className="button secondary" href="/sign-in">
            Sign in
          </Link>
          <Link className="button secondary" href="/demo">
            Try the demo storefront
          </Link>
        </div>
      </section>
      <section className="grid" aria-label="What you get">
        <div className="card">
          <h2>Sticky assignment</h2>
          <p className="muted">Deterministic bucketing, stored per visitor, served from cache in milliseconds.</p>
        </div>
        <div className="card">
          <h2>Sound statistics</h2>
          <p className="muted">Frequentist, Bayesian and always-valid sequential results on revenue per visitor.</p>
        </div>
        <div className="card">
          <h2>Price recommendations</h2>
          <p className="muted">A demand curve fitted to your prices recommends a price between the ones you tested.</p>
        </div>
      </section>
    </main>
  );
}
