# syntax=docker/dockerfile:1
#
# The hexstack application image: the `hexstack` binary plus the built web app, which the binary
# serves on the same origin as the API (HEXSTACK_UI_DIR). Build from the repository root:
#
#   docker build -f infra/backend.Dockerfile -t hexstack-backend .
#
# Stages: ui (npm ci + vite build) -> chef/planner/builder (cargo-chef: dependencies are compiled in
# their own layer, rebuilt only when Cargo.toml/Cargo.lock change) -> runtime (Debian slim, non-root).

ARG RUST_VERSION=1.95
ARG NODE_VERSION=22
ARG DEBIAN_RELEASE=bookworm

############################ web app ############################
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
# vite.config.ts reads the repository URL (the footer's link) from the workspace manifest
COPY Cargo.toml /src/Cargo.toml
COPY ui/ ./
# Empty = the API is on the same origin as the page (the backend serves both).
ARG VITE_API_URL=
ENV VITE_API_URL=${VITE_API_URL}
RUN npm run build

############################ Rust build ############################
FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS chef
ARG CARGO_CHEF_VERSION=0.1.77
RUN cargo install cargo-chef --locked --version "${CARGO_CHEF_VERSION}"
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
# Dependencies only: this layer is reused until Cargo.toml / Cargo.lock change.
RUN cargo chef cook --release --locked --recipe-path recipe.json --bin hexstack
COPY . .
RUN cargo build --release --locked --bin hexstack \
 && install -D -m 0755 target/release/hexstack /out/hexstack

############################ runtime ############################
FROM debian:${DEBIAN_RELEASE}-slim AS runtime
# ca-certificates: TLS to SMTP relays, Sentry and managed PostgreSQL; curl: the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 hexstack \
 && useradd --system --uid 10001 --gid hexstack --home-dir /app --shell /usr/sbin/nologin hexstack \
 && mkdir -p /app/data \
 && chown hexstack:hexstack /app/data

COPY --from=builder /out/hexstack /usr/local/bin/hexstack
COPY --from=ui /src/ui/dist /app/ui

WORKDIR /app
ENV HOST=0.0.0.0 \
    PORT=8000 \
    HEXSTACK_UI_DIR=/app/ui \
    HEXSTACK_DATA_DIR=/app/data \
    LOG_FORMAT=json \
    RUST_BACKTRACE=1

USER 10001:10001
EXPOSE 8000
# /app/data holds the embedded SQLite store (only used without DATABASE_URL) and the development
# outbox: mount a volume there to keep them.

HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=5 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8000/api/v1/utils/health-check/"]

ENTRYPOINT ["/usr/local/bin/hexstack"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
