import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExperimentDetail } from "@/components/experiments/experiment-detail";
import { caller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Experiment · Pricing Optimizer" };

export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Another tenant's experiment is answered exactly like a missing one.
  const experiment = await caller.experiments.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!experiment) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.experiments.get.queryKey({ id }), experiment);
  await queryClient.prefetchQuery(trpc.experiments.results.queryOptions({ id }));
  return (
    <HydrateClient>
      <ExperimentDetail id={id} />
    </HydrateClient>
  );
}
