import "server-only";
import { env } from "@/env";
import { publicProcedure } from "@/server/api/trpc";
import { assertSignUpAllowed } from "@/server/auth/sign-up-limit";
import { ZSignUpOutput } from "@/server/tenants/schemas";
import { ZSignUpInput } from "@/shared/schemas/tenants";
import { signUp as signUpUser } from "@/server/tenants/sign-up";

/** Email + password sign-up; the client then signs in through next-auth's credentials provider. */
export const signUp = publicProcedure
  .input(ZSignUpInput)
  .output(ZSignUpOutput)
  .mutation(async ({ ctx, input }) => {
    await assertSignUpAllowed(input.email, ctx.headers);
    return signUpUser(ctx.db, input, { freeTierLimit: env.FREE_TIER_LIMIT });
  });
