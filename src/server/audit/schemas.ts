import "server-only";
import { z } from "zod";

export const ZAuditListInput = z
  .object({
    /** From the previous page's nextCursor. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(50),
    /** Exact actor, e.g. `user:<id>`, `api_key:<id>`, `admin:cli`. */
    actor: z.string().trim().min(1).max(255).optional(),
    /** Exact action, e.g. `experiment.start`. */
    action: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TAuditListInput = z.input<typeof ZAuditListInput>;

const ZSummary = z.record(z.string(), z.unknown()).nullable();

export const ZAuditEntry = z.object({
  id: z.string(),
  actor: z.string(),
  /** Who the actor is, in words: an email, a key's name, "Admin CLI"… */
  actorLabel: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  before: ZSummary,
  after: ZSummary,
  metadata: ZSummary,
  ip: z.string().nullable(),
  createdAt: z.date(),
});

export const ZAuditListOutput = z.object({
  items: z.array(ZAuditEntry),
  nextCursor: z.string().nullable(),
  /** What the filters can choose from in this tenant. */
  actions: z.array(z.string()),
  actors: z.array(z.object({ actor: z.string(), label: z.string() })),
});
export type TAuditListOutput = z.infer<typeof ZAuditListOutput>;
