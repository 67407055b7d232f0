/** The resolve hook installed by ./register.mjs (module hooks run in their own thread, so they live in their own file). */
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
