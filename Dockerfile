# Frontdesk: one image, embedded SQLite by default (mount /data to keep it).
FROM denoland/deno:debian-2.9.6 AS build
WORKDIR /app
COPY deno.json deno.lock ./
COPY . .
RUN deno install --frozen && deno task build && deno check main.ts

FROM denoland/deno:debian-2.9.6
WORKDIR /app
ENV APP_ENV=production DATA_DIR=/data PORT=8000
COPY --from=build /app /app
RUN mkdir -p /data && chown deno:deno /data
USER deno
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD deno eval "const r = await fetch('http://127.0.0.1:8000/readyz'); Deno.exit(r.ok ? 0 : 1)"
CMD ["deno", "run", "--allow-net", "--allow-read", "--allow-write", "--allow-env", "--allow-ffi", "--allow-sys", "main.ts"]
