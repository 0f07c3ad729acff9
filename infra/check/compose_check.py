"""Offline validation of the Compose files (run by scripts/infra-check.sh).

Without a Docker engine or the compose plugin, this does what `docker compose config` would:

1. every compose file, as written, against the Compose Specification JSON schema;
2. every way the files are combined (compose.yml alone, + compose.override.yml for development,
   + compose.deploy.yml for a server) merged with the Compose merge rules and interpolated with
   the values of .env.example, then validated against the schema again;
3. cross-references on the merged model: `depends_on` targets, named volumes, build files,
   published ports, Traefik routers (rule, entry point, certificate resolver, one service port),
   and that every variable the files use is documented in .env.example.

The schema is the one check-jsonschema vendors (check_jsonschema/builtin_schemas/vendor/
compose-spec.json, from github.com/compose-spec/compose-spec, Apache-2.0), so nothing is fetched.

Usage: compose_check.py [--root DIR] [--env-file FILE] [FILE ...]
With FILE arguments only those files are checked, each on its own (steps 1 and 2 with that file
alone); without, the repository's compose*.yml and their combinations.
"""

from __future__ import annotations

import argparse
import copy
import importlib.resources
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCENARIOS = [
    ("base", ["compose.yml"]),
    ("development", ["compose.yml", "compose.override.yml"]),
    ("deployment", ["compose.yml", "compose.deploy.yml"]),
]

# Sequences that a later file replaces instead of extending (Compose merge rules).
REPLACED_SEQUENCES = {"command", "entrypoint", "test"}
# Service keys whose list form is a mapping in disguise.
MAPPING_KEYS = {"environment", "labels", "annotations", "sysctls", "extra_hosts"}

VAR_RE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}"
    r"|(?P<named>[A-Za-z_][A-Za-z0-9_]*)|(?P<invalid>\{[^}]*\}?))"
)


class CheckError(Exception):
    pass


def load_schema() -> dict:
    ref = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def parse_dotenv(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """A .env file as compose reads it: KEY=VALUE, comments, quotes, ${VAR} expansion."""
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        if "=" not in line:
            raise CheckError(f"{path}:{number}: not KEY=VALUE: {raw!r}")
        key, value = line.split("=", 1)
        key = key.strip()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise CheckError(f"{path}:{number}: invalid variable name {key!r}")
        if key in values:
            raise CheckError(f"{path}:{number}: {key} is set twice")
        value = value.strip()
        if value[:1] in ("'", '"'):
            quote = value[0]
            end = value.find(quote, 1)
            if end < 0:
                raise CheckError(f"{path}:{number}: unterminated quote")
            inner = value[1:end]
            if quote == '"':
                inner = interpolate_string(inner, values, f"{path}:{number}", set())
            value = inner
        else:
            value = re.sub(r"\s+#.*$", "", value)
            value = interpolate_string(value, values, f"{path}:{number}", set())
        values[key] = value
        lines[key] = number
    return values, lines


def interpolate_string(text: str, env: dict[str, str], where: str, used: set[str]) -> str:
    def replace(match: re.Match) -> str:
        if match.group("escaped"):
            return "$"
        if match.group("invalid") is not None:
            raise CheckError(f"{where}: invalid interpolation {match.group(0)!r}")
        name = match.group("braced") or match.group("named")
        used.add(name)
        op = match.group("op") or ""
        arg = match.group("arg") or ""
        if match.group("named") is None and not op and arg:
            raise CheckError(f"{where}: invalid interpolation {match.group(0)!r}")
        value = env.get(name)
        is_set = value is not None
        is_nonempty = bool(value)
        if op == ":-":
            return value if is_nonempty else interpolate_string(arg, env, where, used)
        if op == "-":
            return value if is_set else interpolate_string(arg, env, where, used)
        if op == ":?":
            if not is_nonempty:
                raise CheckError(f"{where}: required variable {name} is unset or empty ({arg})")
            return value
        if op == "?":
            if not is_set:
                raise CheckError(f"{where}: required variable {name} is unset ({arg})")
            return value
        if op == ":+":
            return interpolate_string(arg, env, where, used) if is_nonempty else ""
        if op == "+":
            return interpolate_string(arg, env, where, used) if is_set else ""
        return value or ""

    return VAR_RE.sub(replace, text)


def interpolate(node: Any, env: dict[str, str], where: str, used: set[str]) -> Any:
    if isinstance(node, dict):
        return {k: interpolate(v, env, f"{where}.{k}", used) for k, v in node.items()}
    if isinstance(node, list):
        return [interpolate(v, env, f"{where}[{i}]", used) for i, v in enumerate(node)]
    if isinstance(node, str):
        return interpolate_string(node, env, where, used)
    return node


def list_to_mapping(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    out: dict[str, Any] = {}
    for item in value:
        key, sep, val = str(item).partition("=")
        out[key] = val if sep else None
    return out


def normalise_service(service: dict) -> dict:
    service = copy.deepcopy(service)
    for key in MAPPING_KEYS:
        if key in service:
            service[key] = list_to_mapping(service[key])
    if isinstance(service.get("depends_on"), list):
        service["depends_on"] = {
            name: {"condition": "service_started"} for name in service["depends_on"]
        }
    if isinstance(service.get("build"), str):
        service["build"] = {"context": service["build"]}
    if isinstance(service.get("build"), dict) and "args" in service["build"]:
        service["build"]["args"] = list_to_mapping(service["build"]["args"])
    return service


def volume_target(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry.get("target"))
    parts = str(entry).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def merge(base: Any, over: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge(base[k], v, k) if k in base else copy.deepcopy(v)
        return out
    if isinstance(base, list) and isinstance(over, list):
        if key in REPLACED_SEQUENCES:
            return copy.deepcopy(over)
        if key == "volumes":
            targets = {volume_target(v): i for i, v in enumerate(base)}
            out = list(base)
            for v in over:
                if volume_target(v) in targets:
                    out[targets[volume_target(v)]] = v
                else:
                    out.append(v)
            return out
        out = list(base)
        for v in over:
            if v not in out:
                out.append(v)
        return out
    return copy.deepcopy(over)


def load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CheckError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CheckError(f"{path}: a compose file must be a mapping")
    return data


def schema_errors(validator: jsonschema.protocols.Validator, data: dict, label: str) -> list[str]:
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        location = "/".join(str(p) for p in err.absolute_path) or "(root)"
        errors.append(f"{label}: {location}: {err.message}")
    return errors


def traefik_checks(project: dict, label: str) -> list[str]:
    errors: list[str] = []
    services = project.get("services", {})
    entrypoints: set[str] = set()
    resolvers: set[str] = set()
    for service in services.values():
        if not str(service.get("image", "")).startswith("traefik"):
            continue
        for arg in service.get("command") or []:
            if m := re.match(r"--entrypoints\.([^.=]+)\.address=", str(arg)):
                entrypoints.add(m.group(1))
            if m := re.match(r"--certificatesresolvers\.([^.=]+)\.", str(arg)):
                resolvers.add(m.group(1))
    for name, service in services.items():
        labels = service.get("labels") or {}
        if str(labels.get("traefik.enable", "")).lower() != "true":
            continue
        routers: dict[str, dict[str, str]] = {}
        ports = []
        for key, value in labels.items():
            if m := re.fullmatch(r"traefik\.http\.routers\.([^.]+)\.(.+)", key):
                routers.setdefault(m.group(1), {})[m.group(2)] = str(value)
            if re.fullmatch(r"traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port", key):
                ports.append(value)
        if len(ports) != 1:
            errors.append(f"{label}: service {name}: expected one Traefik service port, got {ports}")
        if not routers:
            errors.append(f"{label}: service {name}: traefik.enable without any router")
        for router, attrs in routers.items():
            if not attrs.get("rule"):
                errors.append(f"{label}: router {router} ({name}) has no rule")
            elif attrs["rule"].count("(") != attrs["rule"].count(")") or "``" in attrs["rule"]:
                errors.append(f"{label}: router {router} ({name}) has a malformed rule {attrs['rule']!r}")
            for ep in filter(None, attrs.get("entrypoints", "").split(",")):
                if ep not in entrypoints:
                    errors.append(f"{label}: router {router} uses unknown entry point {ep!r}")
            if not attrs.get("entrypoints"):
                errors.append(f"{label}: router {router} ({name}) names no entry point")
            resolver = attrs.get("tls.certresolver")
            if resolver and resolver not in resolvers:
                errors.append(f"{label}: router {router} uses unknown certificate resolver {resolver!r}")
    return errors


def model_checks(project: dict, root: Path, label: str) -> list[str]:
    errors: list[str] = []
    services = project.get("services") or {}
    declared_volumes = set((project.get("volumes") or {}).keys())
    published: dict[str, str] = {}
    for name, service in services.items():
        if "image" not in service and "build" not in service:
            errors.append(f"{label}: service {name} has neither image nor build")
        for dep in (service.get("depends_on") or {}):
            if dep not in services:
                errors.append(f"{label}: service {name} depends on unknown service {dep!r}")
        for vol in service.get("volumes") or []:
            source = vol.get("source") if isinstance(vol, dict) else str(vol).split(":")[0]
            if source and not source.startswith((".", "/", "~")) and source not in declared_volumes:
                errors.append(f"{label}: service {name} uses undeclared volume {source!r}")
        build = service.get("build")
        if isinstance(build, dict):
            context = root / build.get("context", ".")
            dockerfile = context / build.get("dockerfile", "Dockerfile")
            if not dockerfile.is_file():
                errors.append(f"{label}: service {name}: {dockerfile} does not exist")
        for port in service.get("ports") or []:
            spec = str(port.get("published")) if isinstance(port, dict) else str(port)
            parts = spec.split(":")
            if len(parts) >= 2:
                host = parts[-2]
                if host in published and published[host] != name:
                    errors.append(f"{label}: host port {host} published by {published[host]} and {name}")
                published[host] = name
        for key, value in (service.get("environment") or {}).items():
            if value is not None and not isinstance(value, (str, int, float, bool)):
                errors.append(f"{label}: service {name}: environment {key} is not a scalar")
    errors += traefik_checks(project, label)
    return errors


def check_files(root: Path, files: list[Path], env: dict[str, str], schema: dict) -> tuple[list[str], set[str]]:
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    errors: list[str] = []
    used: set[str] = set()
    merged: dict = {}
    label = " + ".join(str(f.relative_to(root)) if f.is_relative_to(root) else str(f) for f in files)
    for path in files:
        raw = load_yaml(path)
        errors += schema_errors(validator, raw, f"{path.name} (as written)")
        services = raw.get("services") or {}
        if isinstance(services, dict):
            raw = dict(raw)
            raw["services"] = {
                n: normalise_service(s) if isinstance(s, dict) else s for n, s in services.items()
            }
        merged = merge(merged, raw) if merged else raw
    try:
        project = interpolate(merged, env, label, used)
    except CheckError as exc:
        return errors + [str(exc)], used
    project = {k: v for k, v in project.items() if not k.startswith("x-")}
    errors += schema_errors(validator, project, f"{label} (merged, interpolated)")
    errors += model_checks(project, root, label)
    return errors, used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--env-file", type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    root = args.root.resolve()
    env_file = args.env_file or root / ".env.example"
    try:
        env, _ = parse_dotenv(env_file)
    except (OSError, CheckError) as exc:
        print(f"ERROR {exc}")
        return 1
    schema = load_schema()
    scenarios = (
        [(str(f), [f.resolve()]) for f in args.files]
        if args.files
        else [(name, [root / f for f in files]) for name, files in SCENARIOS]
    )
    failed = False
    all_used: set[str] = set()
    for name, files in scenarios:
        try:
            errors, used = check_files(root, files, env, schema)
        except (OSError, CheckError) as exc:
            errors, used = [str(exc)], set()
        all_used |= used
        if errors:
            failed = True
            for error in errors:
                print(f"ERROR {error}")
        else:
            print(f"ok    compose {name}: {' + '.join(f.name for f in files)}")
    if not args.files:
        missing = sorted(v for v in all_used if v not in env)
        if missing:
            failed = True
            print(f"ERROR variables used by the compose files but not in {env_file.name}: {', '.join(missing)}")
        else:
            print(f"ok    every variable the compose files use is documented in {env_file.name}")
        untracked = sorted(p.name for p in root.glob("compose*.yml") if p.name not in
                           {f for _, fs in SCENARIOS for f in fs})
        if untracked:
            failed = True
            print(f"ERROR compose files not covered by any scenario: {', '.join(untracked)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
