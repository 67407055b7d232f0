import { describe, expect, it } from "vitest";
import { afterResponse } from "./after-response";
import { counterValue } from "./logger";

describe("afterResponse", () => {
  it("outside a Next request, runs the task and settles only once it has finished", async () => {
    let done = false;
    const inlineBefore = counterValue("after_response.inline");
    await afterResponse(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      done = true;
    });
    expect(done).toBe(true);
    expect(counterValue("after_response.inline")).toBe(inlineBefore + 1);
  });
});
