import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TCreateExperimentInput } from "@/shared/schemas/experiments";

/** Variants as stored: in the order given (their position), each with its first metrics shard. */
export function variantRows(variants: TCreateExperimentInput["variants"]) {
  return variants.map((v, position) => ({
    key: v.key,
    name: v.name,
    price: v.price,
    weight: v.weight,
    isControl: v.isControl,
    position,
    metadata: v.metadata as Prisma.InputJsonObject,
    metrics: { create: {} },
  })) satisfies Prisma.VariantCreateWithoutExperimentInput[];
}
