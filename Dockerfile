# syntax=docker/dockerfile:1
# Pricing Optimizer: one Next.js deployment (tRPC API, dashboard, demo storefront).
#   docker build -t pricing-optimizer .                       # the app (Next.js standalone, non-root)
#   docker build --target migrate -t pricing-optimizer-migrate .  # applies prisma/migrations, then exits
# The image holds no secrets: the build validates the configuration with throwaway
# values, and the container checks the real ones at start (check-env.mjs), naming
# any missing or weak variable before the server listens.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY src/server/db/pg-config.ts ./src/server/db/pg-config.ts
# postinstall runs `prisma generate` (no database needed).
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# NEXT_PUBLIC_API_URL is compiled into the browser code, so it is a build argument.
ARG NEXT_PUBLIC_API_URL
ENV NODE_ENV=production BUILD_STANDALONE=1 NEXT_PUBLIC_API_URL=${NEXT_PUBLIC_API_URL}
# Throwaway secrets exist only for this command (the build validates the configuration);
# nothing reads them into the output: the server reads its own at start.
RUN JWT_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')" \
    NEXTAUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')" \
    API_KEY_ENCRYPTION_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')" \
    npm run build:standalone

# Migrations: `prisma migrate deploy` with the JS schema engine needs the Prisma CLI and
# the pg adapter, which the standalone server does not. Run it before each release
# (compose: the `migrate` service; Kubernetes: the Deployment's init container).
FROM deps AS migrate
ENV NODE_ENV=production
USER node
CMD ["node", "node_modules/prisma/build/index.js", "migrate", "deploy"]

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "node check-env.mjs && exec node server.js"]
