# Union Assistant: one image, several instances behind a load balancer (docs/DEPLOYMENT.md).
# Not built in this project's CI (no container engine there); kept simple so it stays correct.
FROM node:20-bookworm-slim

# Build tools for the native modules (better-sqlite3, hnswlib-node) when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
# postinstall generates the Prisma clients (no engine download: see docs/DATABASE.md).
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .

# WORKERS (server processes): the default is one per core the container can see, at most 2 on
# SQLite and 4 on PostgreSQL; with a CPU limit, set it to that limit, or to 1 when the
# orchestrator scales instances or memory is tight (~600-700 MB per worker under load).
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3978
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 3978
USER node
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/union-assistant.js", "serve"]
