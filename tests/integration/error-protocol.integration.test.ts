import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as restPOST } from "../../src/app/api/v1/[...trpc]/route";
import type { RestErrorBody } from "../../src/server/api/rest-error-shape";
import { createPriceExperiment } from "../helpers/experiments";
import { createTestApiKey, createTestTenant } from "../helpers/fixtures";
import { bearer, callTrpc } from "../helpers/trpc-http";

// The only way to make a procedure fail unexpectedly without breaking a shared service:
// this file's copy of assignVariant throws a plain Error for one experiment key.
const CRASHING_KEY = "crash-on-purpose";
vi.mock(import("../../src/server/assignment/assign-variant"), async (importOriginal) => {
  const real = await importOriginal();
  return {
    ...real,
    assignVariant: (async (...args) => {
      if (args[2].experimentKey === CRASHING_KEY) throw new Error("a bug nobody expected");
      return real.assignVariant(...args);
    }) satisfies typeof real.assignVariant,
  };
});

const rest = (path: string, body: unknown, headers: Record<string, string>) =>
  restPOST(
    new Request(`http://localhost/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );

/** Every line logged at warn/error level while `run` runs, parsed. */
async function loggedDuring(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe("one error protocol on both transports", () => {
  // variants[1] has a bad price and a field the API does not know: both are two levels deep.
  const nestedInvalid = {
    key: "nested-paths",
    name: "Nested",
    variants: [
      { key: "a", name: "A", price: "10.00", weight: 1, isControl: true },
      { key: "b", name: "B", price: "-5", weight: 1, colour: "red" },
    ],
  };

  it("sends every zod issue with its full path in data.issues (tRPC) and in the REST body's issues", async () => {
    const { tenant } = await createTestTenant("issues-nested");
    const key = await createTestApiKey(tenant.id, "secret");

    const trpc = await callTrpc("experiments.create", nestedInvalid, bearer(key));
    expect([trpc.status, trpc.error?.data.code, trpc.error?.data.appCode]).toEqual([400, "BAD_REQUEST", "INVALID_INPUT"]);
    const issues = trpc.error?.data.issues ?? [];
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ["variants", 1, "price"],
        ["variants", 1, "colour"],
      ]),
    );
    expect(issues.find((i) => i.path.join(".") === "variants.1.colour")?.message).toBe("is not a known field");
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
    // The message is the same issues in words, and zod's flattened form is still there for existing callers.
    expect(trpc.error?.message).toBe(issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    expect(trpc.error?.data.zodError?.fieldErrors.variants?.length).toBeGreaterThan(0);

    const res = await rest("/experiments", nestedInvalid, bearer(key));
    const body = (await res.json()) as RestErrorBody;
    expect([res.status, body.appCode]).toEqual([400, "INVALID_INPUT"]);
    expect(body.issues).toEqual(issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    expect(body.message).toBe(trpc.error?.message);
    expect(body.data.issues).toEqual(issues);
  });

  it("answers a service's AppError with its status, appCode, message and the field it names, on both transports", async () => {
    const { tenant } = await createTestTenant("issues-app-error");
    const key = await createTestApiKey(tenant.id, "secret");
    const input = { experimentKey: "no-such-experiment", visitorId: "v-1" };
    const message = 'experimentKey: no experiment "no-such-experiment".';
    const named = [{ path: ["experimentKey"], message: 'no experiment "no-such-experiment".' }];

    const trpc = await callTrpc("assignment.assign", input, bearer(key));
    expect([trpc.status, trpc.error?.data.code, trpc.error?.data.appCode, trpc.error?.message]).toEqual([
      404,
      "NOT_FOUND",
      "EXPERIMENT_NOT_FOUND",
      message,
    ]);
    expect(trpc.error?.data.issues).toEqual(named);

    const res = await rest("/assign", input, bearer(key));
    const body = (await res.json()) as RestErrorBody;
    expect([res.status, body.code, body.appCode, body.message]).toEqual([404, "NOT_FOUND", "EXPERIMENT_NOT_FOUND", message]);
    expect(body.issues).toEqual([{ path: "experimentKey", message: 'no experiment "no-such-experiment".' }]);

    // A refusal that names no field has no issues.
    const exp = await createPriceExperiment(tenant.id);
    const again = await restPOST(new Request(`http://localhost/api/v1/experiments/${exp.id}/start`, { method: "POST", headers: bearer(key) }));
    const conflict = (await again.json()) as RestErrorBody;
    expect([again.status, conflict.appCode, conflict.issues]).toEqual([409, "ILLEGAL_TRANSITION", []]);
  });

  it("logs a 500 once with its request id, procedure and stack on REST and on tRPC, and answers without the stack", async () => {
    const { tenant } = await createTestTenant("issues-500");
    const key = await createTestApiKey(tenant.id, "secret");
    const input = { experimentKey: CRASHING_KEY, visitorId: "v-1" };

    for (const transport of ["rest", "trpc"] as const) {
      const requestId = `crash-${transport}-${Date.now()}`;
      const headers = { ...bearer(key), "x-request-id": requestId };
      let status = 0;
      let answer = "";
      const logged = await loggedDuring(async () => {
        if (transport === "rest") {
          const res = await rest("/assign", input, headers);
          [status, answer] = [res.status, await res.text()];
          expect(res.headers.get("x-request-id")).toBe(requestId);
        } else {
          const res = await callTrpc("assignment.assign", input, headers);
          [status, answer] = [res.status, res.raw];
          expect(res.headers.get("x-request-id")).toBe(requestId);
        }
      });
      expect(status, transport).toBe(500);
      expect(answer, transport).toContain(`Internal error (request id ${requestId})`);
      expect(answer, transport).not.toContain("a bug nobody expected");
      expect(answer, transport).not.toMatch(/at .*\.ts:\d+/);

      const failures = logged.filter((line) => line.requestId === requestId);
      expect(failures, transport).toHaveLength(1);
      expect(failures[0], transport).toMatchObject({ level: "error", message: "api call failed", transport, path: "assignment.assign" });
      expect(String(failures[0]?.error), transport).toMatch(/a bug nobody expected[\s\S]*at /);
    }
  });
});
