import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/**
 * experiments.update for one experiment's edit forms: the saved experiment replaces the cached
 * one and its results are refetched (weights and decision settings change what they say);
 * a refusal goes to the form's `onError` (its field errors).
 */
export function useUpdateExperiment(experimentId: string, onError: (error: unknown) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.experiments.update.mutationOptions({
      onError,
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.experiments.get.queryKey({ id: experimentId }), updated);
        void queryClient.invalidateQueries({ queryKey: trpc.experiments.results.queryKey({ id: experimentId }) });
      },
    }),
  );
}
