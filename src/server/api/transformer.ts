import "server-only";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { RESERVED_KEYS } from "@/shared/schemas/zod-text";

// Far deeper than any input of this API; deeper bodies would only exhaust the stack.
const MAX_WIRE_DEPTH = 64;

// superjson's envelope puts the input under "json"; callers know it without that prefix.
const shown = (path: string[]) => (path[0] === "json" ? path.slice(1) : path);

/**
 * Looks at the input exactly as it arrived (before superjson, which silently drops
 * `__proto__` and throws on `constructor`/`prototype` in what it later serializes)
 * and refuses what no procedure accepts, naming where it was found.
 */
function refuseHostileShape(root: unknown): void {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (path.length > MAX_WIRE_DEPTH) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `${shown(path.slice(0, 8)).join(".")}…: is nested more than ${MAX_WIRE_DEPTH} levels deep`,
      });
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== "string") continue;
      const at = [...path, key];
      if (RESERVED_KEYS.has(key)) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `${shown(at).join(".")}: "${key}" is a reserved name and cannot be used as a key` });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
}

/** superjson on the wire, with hostile input refused before it is deserialized. */
export const transformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    deserialize: (value: unknown) => {
      refuseHostileShape(value);
      return superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);
    },
  },
  output: superjson,
};
