# Frontdesk: one image. Embedded SQLite by default (mount /data to keep it); MongoDB, Redis and S3
# when MONGODB_URI, REDIS_URL and S3_URL are set (README, "Deployment").

# Build: the browser assets (islands, widget, CSS: hashed, precompressed) need the dev tools.
FROM denoland/deno:debian-2.9.6 AS build
WORKDIR /app
COPY . .
RUN deno install --frozen && deno task build

# Run: the server's sources, the built assets and the installed packages; no tests, eval sets, bench or tasks.
# (The packages are the lockfile's whole set: Deno installs a lockfile's npm snapshot whole, and pruning the
# build tools out would mean resolving again without the lock's integrity pins.)
FROM denoland/deno:debian-2.9.6
WORKDIR /app
ENV APP_ENV=production DATA_DIR=/data PORT=8000 DENO_NO_UPDATE_CHECK=1
COPY deno.json deno.lock main.ts app.ts ./
COPY ai ./ai
COPY api ./api
COPY cluster ./cluster
COPY components ./components
COPY http ./http
COPY ingest ./ingest
COPY islands ./islands
COPY lib ./lib
COPY listeners ./listeners
COPY mail ./mail
COPY models ./models
COPY realtime ./realtime
COPY routes ./routes
COPY storage ./storage
COPY widget ./widget
COPY workers ./workers
COPY static ./static
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/static/build ./static/build
RUN mkdir -p /data && chown deno:deno /data
USER deno
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD deno eval "const r = await fetch('http://127.0.0.1:8000/readyz'); Deno.exit(r.ok ? 0 : 1)"
# SIGTERM starts a graceful shutdown (README, "Several instances").
STOPSIGNAL SIGTERM
CMD ["deno", "run", "--cached-only", "--allow-net", "--allow-read", "--allow-write", "--allow-env", "--allow-ffi", "--allow-sys", "main.ts"]
