import { z } from "zod";
import { TENANT_MODES } from "@/shared/domain/tenants";
import { zText } from "./zod-text";

export const ZEmail = z
  .string()
  .trim()
  .max(320, "must be at most 320 characters")
  .pipe(z.email("must be an email address"))
  .transform((e) => e.toLowerCase());

export const ZPassword = z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

export const ZSignUpInput = z.object({
  name: zText({ min: 1, max: 255, trim: true }),
  email: ZEmail,
  password: ZPassword,
  /** The workspace (tenant) to create; ignored when joining through an invitation. */
  workspaceName: zText({ max: 255, trim: true }).optional(),
  invitationToken: z.string().min(20).max(200).optional(),
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

const ZOrigin = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === v;
    } catch {
      return false;
    }
  }, "must be an origin like https://shop.example.com (scheme and host, no path or trailing /)");

export const ZUpdateSettingsInput = z.object({
  name: zText({ min: 1, max: 255, trim: true }).optional(),
  allowedOrigins: z.array(ZOrigin).max(50, "at most 50 origins").optional(),
  webhookUrl: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .refine((v) => v === "" || /^https?:\/\//.test(v), "must be an http(s) URL")
    .pipe(z.union([z.literal(""), z.url("must be an http(s) URL")]))
    .optional(),
  mode: z.enum(TENANT_MODES, { error: "must be managed or byok" }).optional(),
  /** A new Paid.ai key to store (encrypted), or null to delete the stored one. */
  paidApiKey: zText({ min: 8, max: 500, trim: true }).nullable().optional(),
});
export type TUpdateSettingsInput = z.infer<typeof ZUpdateSettingsInput>;
