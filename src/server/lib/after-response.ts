import "server-only";
import { after } from "next/server";
import { count } from "./logger";

/** Runs work the response need not wait for, but which must still finish. */
export type Defer = (task: () => Promise<void>) => Promise<void>;

/**
 * Inside a Next request, `after()` runs the task once the response is sent and keeps the
 * function alive until it settles (a bare promise may be frozen with the function on
 * Vercel). Outside a request (scripts, tests calling route handlers directly) `after()`
 * throws, and nothing would keep the task alive anyway, so it runs now and is awaited:
 * the caller sees its effect when the call returns.
 */
export const afterResponse: Defer = async (task) => {
  try {
    after(task);
    return;
  } catch {
    // Not in a request scope: fall through and run it here. Counted, so a deployment where
    // requests lose their scope (and the caller waits for the task) shows in /api/metrics.
  }
  count("after_response.inline");
  await task();
};
