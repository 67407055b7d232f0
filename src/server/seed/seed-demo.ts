import { hash } from "@node-rs/argon2";
import type { Db } from "@/server/db";
import { seededRandom } from "../../shared/seeded-random";

export const DEMO_EMAIL = "demo@pricing-optimizer.local";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_TENANT_NAME = "Demo Store";
export const DEMO_EXPERIMENT_KEY = "pro-plan-price";
export const DEMO_COMPLETED_KEY = "team-plan-price";

const DAY_MS = 86_400_000;

interface DemoVariant {
  key: string;
  name: string;
  price: string;
  isControl?: boolean;
  /** Share of visitors who buy at this price. */
  conversion: number;
}

interface DemoPeriod {
  /** Days after the start. */
  day: number;
  source: "start" | "manual";
  weights: Record<string, number>;
  visitors: number;
}

interface DemoExperiment {
  key: string;
  name: string;
  description: string;
  status: "running" | "completed";
  /** Days before now the test started, and (completed) ended. */
  startedDaysAgo: number;
  endedDaysAgo: number;
  variants: DemoVariant[];
  periods: DemoPeriod[];
  winner?: string;
  /** Relative; null: the default 5%. */
  mde?: number;
  revenueCap?: { type: "percentile"; percentile: number };
}

// A logistic demand curve whose revenue per visitor peaks near $35, so the middle price wins clearly.
const teamConversion = (price: number) => 1 / (1 + Math.exp(-(-1.56 - price / 35)));

const DEMOS: DemoExperiment[] = [
  {
    key: DEMO_EXPERIMENT_KEY,
    name: "Pro plan monthly price",
    description: "Which monthly price for the Pro plan earns most per visitor?",
    status: "running",
    startedDaysAgo: 6,
    endedDaysAgo: 0,
    variants: [
      { key: "control", name: "$24 (current)", price: "24.00", isControl: true, conversion: 0.105 },
      { key: "low", name: "$19", price: "19.00", conversion: 0.125 },
      { key: "high", name: "$29", price: "29.00", conversion: 0.082 },
    ],
    periods: [
      { day: 0, source: "start", weights: { control: 1, low: 1, high: 1 }, visitors: 4800 },
      { day: 2.5, source: "manual", weights: { control: 2, low: 1, high: 1 }, visitors: 7200 },
    ],
    mde: 0.15,
  },
  {
    key: DEMO_COMPLETED_KEY,
    name: "Team plan monthly price",
    description: "Three prices for the Team plan; the test found the one that earns most per visitor.",
    status: "completed",
    startedDaysAgo: 23,
    endedDaysAgo: 2,
    variants: [
      { key: "control", name: "$15 (old price)", price: "15.00", isControl: true, conversion: teamConversion(15) },
      { key: "mid", name: "$35", price: "35.00", conversion: teamConversion(35) },
      { key: "high", name: "$55", price: "55.00", conversion: teamConversion(55) },
    ],
    periods: [{ day: 0, source: "start", weights: { control: 1, mid: 1, high: 1 }, visitors: 30_000 }],
    winner: "mid",
    revenueCap: { type: "percentile", percentile: 0.99 },
  },
];

/**
 * Idempotent: the demo user and tenant are created once, and each demo
 * experiment only when the tenant has no experiment with its key, so a second
 * run changes nothing (and an older demo tenant gains the experiments it lacks).
 */
export async function seedDemo(db: Db, opts: { proUsageLimit?: number } = {}): Promise<{ created: boolean; tenantId: string }> {
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL }, include: { memberships: true } });
  let tenantId = existing?.memberships[0]?.tenantId;
  const created = !tenantId;
  if (!tenantId) {
    const passwordHash = await hash(DEMO_PASSWORD);
    const tenant = await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { name: DEMO_TENANT_NAME, allowedOrigins: ["http://localhost:3000"] } });
      const user = await tx.user.create({ data: { email: DEMO_EMAIL, name: "Demo Owner", passwordHash } });
      await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: "owner" } });
      await tx.auditLog.create({ data: { tenantId: tenant.id, actor: "system:seed", action: "tenant.seeded", target: tenant.id } });
      return tenant;
    });
    tenantId = tenant.id;
  }
  // The demo's seeded history alone is tens of thousands of visitors this month: it runs on
  // the pro plan, so its storefront keeps entering new visitors.
  if (opts.proUsageLimit !== undefined) {
    await db.tenant.updateMany({
      where: { id: tenantId, NOT: { plan: "pro", usageLimit: opts.proUsageLimit } },
      data: { plan: "pro", usageLimit: opts.proUsageLimit },
    });
  }
  const now = new Date();
  for (const demo of DEMOS) await seedExperiment(db, tenantId, demo, now);
  return { created, tenantId };
}

interface VisitorRows {
  visitorIds: string[];
  variantKeys: string[];
  conversions: number[];
  revenue: string[];
  createdAt: string[];
}

/** Visitors period by period: assigned by that period's weights, buying at their price's rate, a few buying twice. */
function visitors(demo: DemoExperiment, start: Date, end: Date): VisitorRows {
  const rand = seededRandom(demo.key.length * 7919 + demo.variants.length);
  const rows: VisitorRows = { visitorIds: [], variantKeys: [], conversions: [], revenue: [], createdAt: [] };
  demo.periods.forEach((period, p) => {
    const from = start.getTime() + period.day * DAY_MS;
    const to = demo.periods[p + 1] ? start.getTime() + (demo.periods[p + 1]?.day ?? 0) * DAY_MS : end.getTime();
    const total = Object.values(period.weights).reduce((s, w) => s + w, 0);
    for (let i = 0; i < period.visitors; i++) {
      let u = rand() * total;
      const variant = demo.variants.find((v) => (u -= period.weights[v.key] ?? 0) < 0) ?? demo.variants[0];
      if (!variant) return;
      const bought = rand() < variant.conversion ? (rand() < 0.03 ? 2 : 1) : 0;
      rows.visitorIds.push(`seed-${demo.key}-${rows.visitorIds.length + 1}`);
      rows.variantKeys.push(variant.key);
      rows.conversions.push(bought);
      rows.revenue.push((Number(variant.price) * bought).toFixed(2));
      rows.createdAt.push(new Date(from + ((to - from) * (i + 0.5)) / period.visitors).toISOString());
    }
  });
  return rows;
}

/**
 * One demo experiment with its traffic, written the way the hot path would have
 * left it: sticky assignments with what each visitor bought, per-variant metrics
 * summed from exactly those rows, the weight periods, and daily snapshots for the chart.
 */
async function seedExperiment(db: Db, tenantId: string, demo: DemoExperiment, now: Date): Promise<void> {
  const present = await db.experiment.findUnique({ where: { tenantId_key: { tenantId, key: demo.key } }, select: { id: true } });
  if (present) return;
  const start = new Date(now.getTime() - demo.startedDaysAgo * DAY_MS);
  const end = new Date(now.getTime() - demo.endedDaysAgo * DAY_MS);
  const last = demo.periods[demo.periods.length - 1];
  const rows = visitors(demo, start, end);
  await db.$transaction(
    async (tx) => {
      const experiment = await tx.experiment.create({
        data: {
          tenantId,
          key: demo.key,
          name: demo.name,
          description: demo.description,
          currency: "USD",
          status: demo.status,
          startDate: start,
          endDate: demo.status === "completed" ? end : null,
          decisionMode: "sequential",
          mde: demo.mde ?? null,
          revenueCap: demo.revenueCap,
          createdAt: new Date(start.getTime() - DAY_MS),
          updatedAt: end,
          variants: {
            create: demo.variants.map((v, position) => ({
              key: v.key,
              name: v.name,
              price: v.price,
              weight: last?.weights[v.key] ?? 1,
              isControl: v.isControl ?? false,
              position,
            })),
          },
        },
        include: { variants: true },
      });
      const variantId = new Map(experiment.variants.map((v) => [v.key, v.id]));
      let before = 0;
      for (const period of demo.periods) {
        await tx.weightPeriod.create({
          data: {
            experimentId: experiment.id,
            startedAt: new Date(start.getTime() + period.day * DAY_MS),
            visitorsBefore: before,
            weights: period.weights,
            source: period.source,
          },
        });
        before += period.visitors;
      }
      await tx.$executeRaw`
        INSERT INTO assignments (experiment_id, variant_id, visitor_id, conversions, revenue, created_at)
        SELECT ${experiment.id}::uuid, r.variant_id, r.visitor_id, r.conversions, r.revenue, r.created_at
        FROM unnest(${rows.visitorIds}::text[], ${rows.variantKeys.map((k) => variantId.get(k) ?? "")}::uuid[], ${rows.conversions}::int[],
                    ${rows.revenue}::numeric[], ${rows.createdAt}::timestamptz[]) AS r(visitor_id, variant_id, conversions, revenue, created_at)`;
      await tx.$executeRaw`
        INSERT INTO variant_metrics (variant_id, shard, views, conversions, revenue, converting_visitors, revenue_sum_squares)
        SELECT v.id, 0, count(a.id)::int, coalesce(sum(a.conversions), 0)::int, coalesce(sum(a.revenue), 0),
               (count(a.id) FILTER (WHERE a.conversions > 0))::int, coalesce(sum(a.revenue * a.revenue), 0)
        FROM variants v LEFT JOIN assignments a ON a.variant_id = v.id
        WHERE v.experiment_id = ${experiment.id}::uuid
        GROUP BY v.id`;
      await tx.$executeRaw`
        INSERT INTO metric_snapshots (experiment_id, variant_id, taken_at, visitors, converting_visitors, conversions, revenue)
        SELECT v.experiment_id, v.id, d.t, count(a.id)::int, (count(a.id) FILTER (WHERE a.conversions > 0))::int,
               coalesce(sum(a.conversions), 0)::int, coalesce(sum(a.revenue), 0)
        FROM generate_series(${start}::timestamptz + interval '12 hours', ${end}::timestamptz, interval '12 hours') AS d(t)
        CROSS JOIN variants v
        LEFT JOIN assignments a ON a.variant_id = v.id AND a.created_at <= d.t
        WHERE v.experiment_id = ${experiment.id}::uuid
        GROUP BY v.experiment_id, v.id, d.t`;
      const winner = demo.winner ? variantId.get(demo.winner) : undefined;
      // Set last and explicitly: the completion time is what the dashboard reports as "shipped on".
      if (winner) await tx.experiment.update({ where: { id: experiment.id }, data: { winningVariantId: winner, updatedAt: end } });
    },
    { timeout: 120_000 },
  );
}
