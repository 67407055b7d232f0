import { describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db";
import { listExperiments } from "../../src/server/experiments/list-experiments";
import { ZUpdateExperimentInput } from "../../src/shared/schemas/experiments";
import { transitionExperiment } from "../../src/server/experiments/transition-experiment";
import { updateExperiment } from "../../src/server/experiments/update-experiment";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps } from "../helpers/experiments";

const update = (tenantId: string, input: unknown) => updateExperiment(deps(), tenantId, "test", ZUpdateExperimentInput.parse(input));

describe("experiment lifecycle and editing", () => {
  it("walks draft → running ⇄ paused → completed → archived and records the start date", async () => {
    const { tenant } = await createTestTenant("lifecycle");
    const exp = await createPriceExperiment(tenant.id, { draft: true });
    expect(exp.startDate).toBeNull();
    const before = Date.now();
    const started = await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "start" });
    expect(started.status).toBe("running");
    expect(started.startDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    for (const [action, status] of [
      ["pause", "paused"],
      ["resume", "running"],
      ["pause", "paused"],
    ] as const) {
      expect((await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action })).status).toBe(status);
    }
    const done = await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "complete", winningVariantKey: "mid" });
    expect(done).toMatchObject({ status: "completed", winningVariantKey: "mid" });
    expect((await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "archive" })).status).toBe("archived");
  });

  it("answers an illegal transition with CONFLICT naming the allowed ones, and changes nothing", async () => {
    const { tenant } = await createTestTenant("illegal");
    const exp = await createPriceExperiment(tenant.id);
    await expect(transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "start" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Cannot start an experiment that is running. Allowed from running: pause, complete.",
    });
    await expect(transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "complete" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "winningVariantKey: completing needs the winning variant, one of control, mid, high.",
    });
    expect((await getDb().experiment.findUniqueOrThrow({ where: { id: exp.id } })).status).toBe("running");
  });

  it("replaces prices while draft, and refuses price changes once running (weights and name still change)", async () => {
    const { tenant } = await createTestTenant("editing");
    const exp = await createPriceExperiment(tenant.id, { draft: true });
    const edited = await update(tenant.id, {
      id: exp.id,
      variants: [
        { key: "a", name: "$9", price: "9.00", weight: 1, isControl: true },
        { key: "b", name: "$11", price: "11.50", weight: 3 },
      ],
    });
    expect(edited.variants.map((v) => [v.key, v.price, v.weight])).toEqual([
      ["a", "9.00", 1],
      ["b", "11.50", 3],
    ]);
    await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "start" });
    await expect(
      update(tenant.id, {
        id: exp.id,
        variants: [
          { key: "a", name: "x", price: 1, weight: 1, isControl: true },
          { key: "b", name: "y", price: 2, weight: 1 },
        ],
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^variants: cannot change once the experiment has started/),
    });
    const renamed = await update(tenant.id, { id: exp.id, name: "Renamed", weights: { a: 5 } });
    expect(renamed.name).toBe("Renamed");
    expect(renamed.variants.map((v) => [v.key, v.price, v.weight])).toEqual([
      ["a", "9.00", 5],
      ["b", "11.50", 3],
    ]);
  });

  it("lists by status with cursor pagination, newest first", async () => {
    const { tenant } = await createTestTenant("paging");
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createPriceExperiment(tenant.id, { key: `page-${i}`, draft: i % 2 === 0 }));
    const first = await listExperiments(getDb(), tenant.id, { limit: 2 });
    const second = await listExperiments(getDb(), tenant.id, { limit: 2, cursor: first.nextCursor });
    const third = await listExperiments(getDb(), tenant.id, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.key)).toEqual(["page-4", "page-3", "page-2", "page-1", "page-0"]);
    expect(third.nextCursor).toBeNull();
    const drafts = await listExperiments(getDb(), tenant.id, { limit: 20, status: "draft" });
    expect(drafts.items.map((e) => e.key)).toEqual(["page-4", "page-2", "page-0"]);
  });
});
