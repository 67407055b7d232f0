import { z } from "zod";
import { BANDIT_METRICS, DECISION_MODES } from "@/shared/domain/experiments";
import { zJsonObject, zText } from "./zod-text";

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const ZKey = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a slug: lower-case letters, digits, - and _");

export const ZCurrency = z
  .string()
  .length(3, "must be a 3-letter ISO 4217 code")
  .transform((c) => c.toUpperCase())
  .refine((c) => CURRENCIES.has(c), "is not an ISO 4217 currency code");

/** Money as a decimal string with at most two decimals; numbers are accepted and converted. */
export function zMoney(opts: { positive: boolean; max: number }) {
  return z
    .union([z.string(), z.number()], { error: "must be a decimal amount" })
    .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
    .refine((v) => /^\d{1,12}(\.\d{1,2})?$/.test(v), "must be a non-negative amount with at most two decimals")
    .refine((v) => !opts.positive || Number(v) > 0, "must be greater than 0")
    .refine((v) => Number(v) <= opts.max, `must be at most ${opts.max}`)
    .transform((v) => Number(v).toFixed(2));
}

export const ZMetadata = zJsonObject(4096);

// Dates PostgreSQL stores and a person could mean; outside this range is a typo or an attack.
const ZDate = z.coerce
  .date({ error: "must be a date" })
  .min(new Date("2000-01-01T00:00:00Z"), "must be in the year 2000 or later")
  .max(new Date("9999-12-31T23:59:59Z"), "must be before the year 10000");
const ZSampleSize = z.number().int("must be a whole number").positive("must be greater than 0").max(1_000_000_000, "must be at most 1,000,000,000");

/** A traffic weight: relative, so only whole numbers from 1 (the editor and the API share it). */
export const ZWeight = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, "must be greater than 0")
  .max(1_000_000, "must be at most 1,000,000");

export const ZVariantInput = z.strictObject({
  key: ZKey,
  name: zText({ min: 1, max: 255, trim: true }),
  price: zMoney({ positive: true, max: 99_999_999.99 }),
  weight: ZWeight,
  isControl: z.boolean().default(false),
  metadata: ZMetadata.default({}),
});

const variantsField = z
  .array(ZVariantInput)
  .min(2, "an experiment needs at least 2 variants")
  .max(10, "an experiment has at most 10 variants")
  .superRefine((variants, ctx) => {
    const keys = new Set<string>();
    // Two variants at one price test nothing against each other (and split its visitors): each price once.
    const prices = new Map<string, number>();
    variants.forEach((v, i) => {
      if (keys.has(v.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `duplicate variant key "${v.key}"` });
      keys.add(v.key);
      const first = prices.get(v.price);
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: [i, "price"], message: `is the same as price ${first + 1} (${v.price}); each price is tested once` });
      else prices.set(v.price, i);
    });
    const controls = variants.filter((v) => v.isControl).length;
    if (controls !== 1) ctx.addIssue({ code: "custom", message: `exactly one variant must be the control (found ${controls})` });
  });

const name = zText({ min: 1, max: 255, trim: true });

/** Relative MDE: 0.5% to 100%. */
const ZMde = z
  .number({ error: "must be a number between 0.005 and 1" })
  .min(0.005, "must be at least 0.005 (0.5%)")
  .max(1, "must be at most 1 (100%)");
export const ZRevenueCap = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("fixed"), amount: z.number().positive("must be greater than 0").max(99_999_999, "must be at most 99,999,999") }),
  z.strictObject({ type: z.literal("percentile"), percentile: z.number().min(0.5, "must be at least 0.5").max(0.9999, "must be at most 0.9999") }),
]);
export type TRevenueCap = z.infer<typeof ZRevenueCap>;
const description = zText({ max: 5000 }).nullish();

export const ZCreateExperimentInput = z
  .strictObject({
    key: ZKey,
    name,
    description,
    currency: ZCurrency.default("USD"),
    startDate: ZDate.nullish(),
    endDate: ZDate.nullish(),
    targetSampleSize: ZSampleSize.nullish(),
    unitCost: zMoney({ positive: false, max: 99_999_999.99 }).nullish(),
    banditMetric: z.enum(BANDIT_METRICS).nullish(),
    mde: ZMde.nullish(),
    decisionMode: z.enum(DECISION_MODES).default("sequential"),
    revenueCap: ZRevenueCap.nullish(),
    variants: variantsField,
  })
  .refine((e) => !e.startDate || !e.endDate || e.endDate > e.startDate, { path: ["endDate"], message: "must be after startDate" });

export const ZUpdateExperimentInput = z.strictObject({
  id: z.uuid("must be an experiment id"),
  name: name.optional(),
  description,
  endDate: ZDate.nullish(),
  targetSampleSize: ZSampleSize.nullish(),
  unitCost: zMoney({ positive: false, max: 99_999_999.99 }).nullish(),
  banditMetric: z.enum(BANDIT_METRICS).nullish(),
  /** Only while draft: changing how the test decides after seeing data would void its error control. */
  mde: ZMde.nullish(),
  decisionMode: z.enum(DECISION_MODES).optional(),
  revenueCap: ZRevenueCap.nullish(),
  /** Weights by variant key; may change while running (affects new visitors only). */
  weights: z.record(ZKey, ZWeight).optional(),
  /** Only while draft: the whole variant list is replaced. */
  variants: variantsField.optional(),
  currency: ZCurrency.optional(),
  key: ZKey.optional(),
});

export type TCreateExperimentInput = z.infer<typeof ZCreateExperimentInput>;
export type TUpdateExperimentInput = z.infer<typeof ZUpdateExperimentInput>;
