# syntax=docker/dockerfile:1
#
# shopflow's one image: every role (gateway, web, worker) and the migration job run from it.
#   docker build -t shopflow:$(git rev-parse --short HEAD) .
#   docker run -e SHOPFLOW_ROLE=worker … shopflow:<tag>     (or a command: … shopflow:<tag> node --import tsx scripts/role.ts --role worker)
#   docker run … shopflow:<tag> npm run db:migrate            (under the migrations advisory lock)
# compose.yaml and scripts/deploy/ use it that way; docs/operations.md explains the stages.
#
# The commands are the ones CI runs (.ci/run, scripts/test-all.ts) and `npm start` uses, so
# what CI tested is what ships: `npm ci`, `npm run build`, and the role started exactly as
# scripts/start.ts starts it (`node <SERVER_NODE_FLAGS> --import tsx scripts/role.ts`).
# test/deploy-files.test.ts fails when they drift apart.
#
# No Next "standalone" output: it replaces `next start` with a generated server.js and a
# node_modules traced for Next alone, while the gateway and the worker run our TypeScript
# (src/, under tsx) with the full production dependencies anyway. The image therefore keeps
# `next start` (as `npm start` does) with `npm ci --omit=dev` dependencies: one way to run Next.

ARG NODE_VERSION=22

# ---------------------------------------------------------------- base
FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
# package.json asks for npm 11 (its allowScripts approvals); CI runs npm 11 too.
RUN npm install --global npm@11.19.1 && npm cache clean --force
ENV NEXT_TELEMETRY_DISABLED=1

# ---------------------------------------------------------------- deps: every dependency, for the build
FROM base AS deps
# patches/ before the install: the postinstall step (patch-package) applies them.
COPY package.json package-lock.json ./
COPY patches ./patches
# Same command as CI (.ci/run).
RUN npm ci --no-audit --no-fund

# ---------------------------------------------------------------- build: Next's production build
FROM deps AS build
COPY . .
# Same command as CI; it also writes the build stamp `npm start` compares sources against.
# Next's build cache is no use at run time.
RUN npm run build && rm -rf .next/cache

# ---------------------------------------------------------------- prod-deps: production dependencies only
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---------------------------------------------------------------- runtime
# From base: the same Node and npm as the build, so `npm run db:migrate` here is CI's npm too.
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WEB_PORT=3001 \
    METRICS_PORT=9464 \
    SHOPFLOW_ROLE=gateway \
    SHOPFLOW_DATA_DIR=/app/.data
# The code is root's and read-only to the app; only .next (Next's runtime cache) and .data are the app's.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json next.config.ts ./
COPY src ./src
COPY scripts ./scripts
COPY drizzle ./drizzle
COPY --from=build --chown=node:node /app/.next ./.next
RUN mkdir -p /app/.data && chown node:node /app/.data
# The node image's unprivileged user (uid 1000).
USER node
# gateway: PORT; web: WEB_PORT on 127.0.0.1 only (the gateway is its one caller); web and worker: /metrics on METRICS_PORT.
EXPOSE 3000 9464
# Role-aware: the gateway's /api/ready (200 only while PostgreSQL answers), web's Next, the worker's /metrics.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# The role comes from SHOPFLOW_ROLE (default gateway); a command given to `docker run` replaces this one.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=192", "--import", "tsx", "scripts/role.ts"]
