import { describe, expect, it } from "vitest";
import { MAX_BATCH_CALLS as SERVER_LIMIT } from "../shared/api-limits";
import { MAX_BATCH_CALLS as CLIENT_LIMIT } from "./index";

describe("typed client batch size", () => {
  it("splits batches at exactly the server's limit", () => {
    expect(CLIENT_LIMIT).toBe(SERVER_LIMIT);
  });
});
