import { describe, expect, it } from "vitest";
import { errorText, fieldErrorsOf } from "./server-errors";

const err = (message: string) => ({ message, data: { zodError: null } });

describe("server errors in forms", () => {
  it("reads each field's problem, continuing a part that itself contains '; '", () => {
    expect(fieldErrorsOf(err("role: a tenant keeps at least one owner; make someone else owner first."))).toEqual({
      role: "a tenant keeps at least one owner; make someone else owner first.",
    });
    expect(fieldErrorsOf(err("variants.1.price: must be greater than 0; key: is taken"))).toEqual({ "variants.1.price": "must be greater than 0", key: "is taken" });
  });

  it("says under the form only what no field shows, without raw prefixes", () => {
    const e = err("name: an active key is already named “Website”; choose another name or revoke that key.");
    expect(errorText(e, ["name"])).toBe("");
    expect(errorText(e)).toBe("An active key is already named “Website”; choose another name or revoke that key.");
    expect(errorText(err("key: is taken; webhookUrl: must be an http(s) URL"), ["key"])).toBe("Must be an http(s) URL");
    expect(errorText(err("Origin https://evil.example is not allowed"))).toBe("Origin https://evil.example is not allowed");
    expect(errorText({ message: "Failed to fetch" })).toBe("Could not reach the server. Check your connection and try again.");
  });
});
