# syntax=docker/dockerfile:1
# One image, three roles chosen by the compose `command` (see docker-compose.yml):
#   app     node node_modules/next/dist/bin/next start -p 3000 -H 0.0.0.0   (default)
#   router  node --max-semi-space-size=2 --optimize-for-size --import tsx bot/main.ts
#   migrate node node_modules/tsx/dist/cli.mjs scripts/migrate.ts

FROM node:24-bookworm-slim AS deps
WORKDIR /src
# Only the manifests first, so the dependency layer is reused until they change.
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`, as in scripts/ensure-deps.sh: the lockfile lacks
# next's macOS/Windows SWC entries, and `npm ci` rejects it for that on every
# platform. The locked versions are still what gets installed. Back to `npm ci`
# once the lockfile is complete.
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# widget/build.ts writes public/widget*, then `next build` writes .next/.
RUN npm run build && rm -rf .next/cache

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
# The full tree, dev dependencies included: the router and the migrate entry are
# TypeScript run by tsx, a devDependency. Owned by root, so the runtime user
# cannot rewrite the code it runs.
COPY --from=build /src /app
# Next.js writes its image/fetch cache at runtime: the one writable directory.
RUN mkdir -p .next/cache && chown node:node .next/cache
# The base image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
CMD ["node", "node_modules/next/dist/bin/next", "start", "-p", "3000", "-H", "0.0.0.0"]
