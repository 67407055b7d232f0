import type { Metadata } from "next";
import { ExperimentsList } from "@/components/experiments/experiments-list";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Experiments · Pricing Optimizer" };

export default async function ExperimentsPage() {
  await getQueryClient().prefetchQuery(trpc.experiments.list.queryOptions({ limit: 100 }));
  return (
    <HydrateClient>
      <ExperimentsList />
    </HydrateClient>
  );
}
