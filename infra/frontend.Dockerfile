# syntax=docker/dockerfile:1
#
# The web app alone, served by nginx (for a separate `dashboard.` host talking to the API on
# `api.`). Build from the repository root:
#
#   docker build -f infra/frontend.Dockerfile --build-arg VITE_API_URL=https://api.example.com \
#     -t hexstack-frontend .
#
# nginx runs unprivileged (uid 101) on port 8080 and works with a read-only root filesystem as
# long as /tmp is writable (compose: tmpfs; Kubernetes: emptyDir).

ARG NODE_VERSION=22
ARG NGINX_VERSION=1.29

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
# vite.config.ts reads the repository URL (the footer's link) from the workspace manifest
COPY Cargo.toml /src/Cargo.toml
COPY ui/ ./
# Where the browser finds the API, e.g. https://api.example.com (empty = same origin).
ARG VITE_API_URL=
ENV VITE_API_URL=${VITE_API_URL}
RUN npm run build

FROM nginxinc/nginx-unprivileged:${NGINX_VERSION}-alpine AS runtime
COPY infra/nginx.conf /etc/nginx/conf.d/default.conf
COPY infra/nginx-headers.conf /etc/nginx/snippets/headers.conf
COPY --from=build /src/ui/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=5 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
