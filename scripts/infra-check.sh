#!/usr/bin/env bash
# Validates every deployment file offline, against its published schema:
#   - compose*.yml: the Compose Specification JSON schema, file by file and merged + interpolated
#     as `docker compose` loads them (infra/check/compose_check.py); `docker compose config` too
#     when the compose plugin is installed;
#   - infra/k8s: every manifest and both rendered overlays (kubectl kustomize) against the
#     Kubernetes JSON schemas, strict, for the oldest and newest Kubernetes versions we support,
#     plus cross-references (infra/check/k8s_check.py);
#   - .github/workflows/*.yml and .github/dependabot.yml: the GitHub JSON schemas;
#   - infra/*.Dockerfile: hadolint; this script and infra/smoke-test.sh: shellcheck; infra/nginx.conf: `nginx -t` when
#     nginx is installed;
# then proves that the validators reject broken files (self-test).
#
# The tools come from PyPI into a virtualenv under .cache/infra-venv (created or updated when
# infra/check/requirements.txt changes); they carry their schemas, so after that install nothing
# is fetched. Idempotent; runs from any directory; exits non-zero on the first failing group.
#
# Usage: scripts/infra-check.sh [--no-self-test]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SELF_TEST=1
for arg in "$@"; do
  case "$arg" in
    --no-self-test) SELF_TEST=0 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

VENV="${INFRA_VENV:-$ROOT/.cache/infra-venv}"
REQUIREMENTS="$ROOT/infra/check/requirements.txt"
# Oldest and newest Kubernetes minor versions the manifests must be valid for.
K8S_VERSIONS=(1.31.0 1.37.0)
OUT="$ROOT/infra/.rendered"

step() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------------------------------- tools
stamp="$VENV/.requirements.sha256"
want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "Installing the validators into ${VENV#"$ROOT"/}"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    -r "$REQUIREMENTS"
  echo "$want" >"$stamp"
fi
PY="$VENV/bin/python"
BIN="$VENV/bin"

# --------------------------------------------------------------------------------------- compose
step "Compose files (Compose Specification schema, merged and interpolated with .env.example)"
"$PY" infra/check/compose_check.py
if docker compose version >/dev/null 2>&1; then
  for files in "compose.yml" "compose.yml compose.override.yml" "compose.yml compose.deploy.yml"; do
    args=()
    for f in $files; do args+=(-f "$f"); done
    docker compose --env-file .env.example "${args[@]}" config --quiet
    echo "ok    docker compose config: $files"
  done
else
  echo "note  the docker compose plugin is not installed: skipped \`docker compose config\`"
fi

# ------------------------------------------------------------------------------------ kubernetes
step "Kubernetes manifests (Kubernetes ${K8S_VERSIONS[*]} JSON schemas, strict)"
k8s_args=()
for v in "${K8S_VERSIONS[@]}"; do k8s_args+=(-k "$v"); done
mapfile -t manifests < <(find infra/k8s -name '*.yaml' ! -name kustomization.yaml | sort)
"$PY" infra/check/k8s_check.py "${k8s_args[@]}" "${manifests[@]}"

step "Kustomize overlays rendered and validated with cross-references"
render=()
if command -v kubectl >/dev/null 2>&1; then
  render=(kubectl kustomize)
elif command -v kustomize >/dev/null 2>&1; then
  render=(kustomize build)
fi
if [ "${#render[@]}" -eq 0 ]; then
  echo "ERROR neither kubectl nor kustomize is installed: cannot render infra/k8s/overlays" >&2
  echo "      (Debian/Ubuntu: install kubectl; every machine image of this project has it)" >&2
  exit 1
fi
mkdir -p "$OUT"
for overlay in infra/k8s/overlays/*/; do
  name="$(basename "$overlay")"
  "${render[@]}" "$overlay" >"$OUT/$name.yaml"
  "$PY" infra/check/k8s_check.py "${k8s_args[@]}" --cross-check \
    --external-secret hexstack-secrets --label "overlays/$name (rendered)" "$OUT/$name.yaml"
done

# -------------------------------------------------------------------------------- GitHub Actions
step "GitHub workflow files (GitHub workflow schema)"
"$BIN/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
if [ -f .github/dependabot.yml ]; then
  "$BIN/check-jsonschema" --builtin-schema vendor.dependabot .github/dependabot.yml
fi

# ---------------------------------------------------------------------------- images and scripts
step "Dockerfiles (hadolint), this script (shellcheck), nginx configuration"
"$BIN/hadolint" --config infra/.hadolint.yaml infra/*.Dockerfile
echo "ok    hadolint: $(echo infra/*.Dockerfile)"
"$BIN/shellcheck" scripts/infra-check.sh infra/smoke-test.sh
echo "ok    shellcheck: scripts/infra-check.sh infra/smoke-test.sh"
if command -v nginx >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/snippets" "$tmp/conf.d"
  cp infra/nginx-headers.conf "$tmp/snippets/headers.conf"
  sed "s#/etc/nginx/snippets/#$tmp/snippets/#" infra/nginx.conf >"$tmp/conf.d/default.conf"
  printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  include %s/conf.d/*.conf;\n}\n' \
    "$tmp" "$tmp" >"$tmp/nginx.conf"
  nginx -q -t -c "$tmp/nginx.conf" -p "$tmp" -e stderr
  rm -rf "$tmp"
  echo "ok    nginx -t: infra/nginx.conf"
else
  echo "note  nginx is not installed: skipped \`nginx -t\` of infra/nginx.conf"
fi

# ------------------------------------------------------------------------------------ self-test
if [ "$SELF_TEST" = 1 ]; then
  step "Self-test: each validator must reject a broken file"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  expect_failure() {
    local what="$1"
    shift
    if "$@" >"$tmp/out" 2>&1; then
      echo "ERROR the $what check accepted a broken file:" >&2
      cat "$tmp/out" >&2
      exit 1
    fi
    echo "ok    rejected: $what ($(grep -m1 -E 'ERROR|error|Error' "$tmp/out" | cut -c1-110))"
  }
  # compose: a restart policy that is a list, an unknown service key
  sed -e 's/^    restart: "no"$/    restart: ["no"]/' compose.yml >"$tmp/compose-bad.yml"
  printf '  oops:\n    image: busybox\n    restartt: always\n' >>"$tmp/compose-bad.yml"
  expect_failure "compose schema" "$PY" infra/check/compose_check.py --root "$ROOT" "$tmp/compose-bad.yml"
  # compose: a required variable missing from the env file
  grep -v '^SECRET_KEY=' .env.example >"$tmp/env-bad"
  expect_failure "compose interpolation" "$PY" infra/check/compose_check.py --env-file "$tmp/env-bad"
  # kubernetes: replicas as a string, an unknown field
  sed -e 's/^  replicas: 3$/  replicas: "three"/' -e 's/^  revisionHistoryLimit: 5$/  revisionHistoryLimits: 5/' \
    infra/k8s/base/backend-deployment.yaml >"$tmp/deployment-bad.yaml"
  expect_failure "Kubernetes schema" "$PY" infra/check/k8s_check.py "${k8s_args[@]}" "$tmp/deployment-bad.yaml"
  # kubernetes: a custom resource without a schema
  printf 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' >"$tmp/crd.yaml"
  expect_failure "Kubernetes unknown kind" "$PY" infra/check/k8s_check.py "$tmp/crd.yaml"
  # kubernetes: an Ingress pointing at a Service that does not exist
  "$PY" - "$OUT/production.yaml" >"$tmp/rendered-bad.yaml" <<'PYTHON'
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
for doc in docs:
    if doc["kind"] == "Ingress":
        doc["spec"]["rules"][1]["http"]["paths"][-1]["backend"]["service"]["name"] = "hexstack-missing"
yaml.safe_dump_all(docs, sys.stdout)
PYTHON
  expect_failure "Kubernetes cross-references" "$PY" infra/check/k8s_check.py --cross-check \
    --external-secret hexstack-secrets "$tmp/rendered-bad.yaml"
  # GitHub workflow: no `on`, a job without runs-on
  printf 'name: broken\njobs:\n  x:\n    steps:\n      - run: true\n' >"$tmp/workflow-bad.yml"
  expect_failure "GitHub workflow schema" "$BIN/check-jsonschema" --builtin-schema vendor.github-workflows "$tmp/workflow-bad.yml"
fi

step "Deployment files are valid"
