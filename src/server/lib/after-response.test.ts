import { describe, expect, it } from "vitest";
import { afterResponse } from "./after-response";

describe("afterResponse", () => {
  it("outside a Next request, runs the task and settles only once it has finished", async () => {
    let done = false;
    await afterResponse(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      done = true;
    });
    expect(done).toBe(true);
  });
});
