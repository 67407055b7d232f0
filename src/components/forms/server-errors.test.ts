import { describe, expect, it } from "vitest";
import { errorText, fieldErrorsOf } from "./server-errors";

type Issue = { path: (string | number)[]; message: string };
const err = (message: string, issues: Issue[] = []) => ({ message, data: { issues } });
const at = (path: string, message: string): Issue => ({ path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message });

describe("server errors in forms", () => {
  it("reads each field's problem from the issues, a message that itself contains '; ' included", () => {
    const lastOwner = "a tenant keeps at least one owner; make someone else owner first.";
    expect(fieldErrorsOf(err(`role: ${lastOwner}`, [at("role", lastOwner)]))).toEqual({ role: lastOwner });
    const nested = err("variants.1.price: must be greater than 0; key: is taken", [
      at("variants.1.price", "must be greater than 0"),
      at("key", "is taken"),
    ]);
    expect(fieldErrorsOf(nested)).toEqual({ "variants.1.price": "must be greater than 0", variants: "must be greater than 0", key: "is taken" });
  });

  it("says under the form only what no field shows, without raw prefixes", () => {
    const taken = "an active key is already named “Website”; choose another name or revoke that key.";
    const e = err(`name: ${taken}`, [at("name", taken)]);
    expect(errorText(e, ["name"])).toBe("");
    expect(errorText(e)).toBe("An active key is already named “Website”; choose another name or revoke that key.");
    const two = err("key: is taken; webhookUrl: must be an http(s) URL", [at("key", "is taken"), at("webhookUrl", "must be an http(s) URL")]);
    expect(errorText(two, ["key"])).toBe("Must be an http(s) URL");
    expect(errorText(err("Origin https://evil.example is not allowed"))).toBe("Origin https://evil.example is not allowed");
    expect(errorText({ message: "Failed to fetch" })).toBe("Could not reach the server. Check your connection and try again.");
  });

  it("never reads a field out of the message text", () => {
    expect(fieldErrorsOf(err("key: is taken"))).toEqual({});
    expect(errorText(err("Cannot start an experiment that is running. Allowed from running: pause, complete."))).toBe(
      "Cannot start an experiment that is running. Allowed from running: pause, complete.",
    );
  });
});
