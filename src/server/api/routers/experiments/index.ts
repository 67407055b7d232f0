import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { create } from "./create";
import { get } from "./get";
import { archive, complete, pause, resume, start } from "./lifecycle";
import { list } from "./list";
import { results } from "./results";
import { reweightHistory } from "./reweight-history";
import { summaries } from "./summaries";
import { timeline } from "./timeline";
import { update } from "./update";

export const experimentsRouter = createTRPCRouter({
  create,
  get,
  list,
  update,
  start,
  pause,
  resume,
  complete,
  archive,
  results,
  summaries,
  reweightHistory,
  timeline,
});
