"""Offline validation of Kubernetes manifests (run by scripts/infra-check.sh).

Every YAML document is validated against the Kubernetes OpenAPI-derived JSON schemas bundled in
the `kubernetes-validate` package (strict: unknown fields are errors), for each Kubernetes version
given with --kubernetes-version. Kinds without a bundled schema (custom resources) must have a
schema under infra/schemas/ (file name: <group>_<version>_<kind>.json, lower case), otherwise the
document fails: nothing passes unchecked.

With --cross-check (used on a rendered overlay, i.e. the full set of objects of one namespace):
Services, PodDisruptionBudgets and HorizontalPodAutoscalers must select/target an existing
workload, Ingress backends must name an existing Service and port, and every ConfigMap a pod
reads must exist (Secrets are created out of band and listed with --external-secret).

Usage: k8s_check.py [-k VERSION ...] [--cross-check] [--external-secret NAME ...] FILE|- ...
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterable

import jsonschema
import yaml
from kubernetes_validate import utils as kv

ROOT = Path(__file__).resolve().parents[2]
CUSTOM_SCHEMAS = ROOT / "infra" / "schemas"


def documents(source: str) -> Iterable[tuple[str, dict]]:
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    for index, doc in enumerate(yaml.safe_load_all(text)):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise ValueError(f"{source}: document {index} is not a mapping")
        yield f"{source}#{index}", doc


def name_of(doc: dict) -> str:
    return f"{doc.get('kind')}/{(doc.get('metadata') or {}).get('name')}"


def custom_schema(doc: dict) -> dict | None:
    api_version = str(doc.get("apiVersion", ""))
    group, _, version = api_version.rpartition("/")
    path = CUSTOM_SCHEMAS / f"{group or 'core'}_{version}_{doc.get('kind', '')}.json".lower()
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return None


def validate(where: str, doc: dict, versions: list[str]) -> list[str]:
    for field in ("apiVersion", "kind", "metadata"):
        if field not in doc:
            return [f"{where}: missing {field}"]
    schema = custom_schema(doc)
    if schema is not None:
        validator_cls = jsonschema.validators.validator_for(schema)
        return [
            f"{where} {name_of(doc)}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in validator_cls(schema).iter_errors(doc)
        ]
    errors = []
    for version in versions:
        try:
            kv.validate(doc, version, strict=True)
        except kv.ValidationError as exc:
            path = ".".join(str(p) for p in exc.path)
            errors.append(f"{where} {name_of(doc)} (Kubernetes {exc.version}): {path}: {exc.message}")
        except kv.SchemaNotFoundError as exc:
            errors.append(f"{where} {name_of(doc)}: no schema: {exc.message}")
        except kv.VersionNotSupportedError:
            errors.append(f"kubernetes-validate has no schemas for Kubernetes {version}")
    return errors


def pod_spec(doc: dict) -> dict | None:
    spec = doc.get("spec") or {}
    if doc["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return (spec.get("template") or {}).get("spec")
    if doc["kind"] == "CronJob":
        return ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template", {}).get("spec")
    if doc["kind"] == "Pod":
        return spec
    return None


def pod_labels(doc: dict) -> dict:
    if doc["kind"] == "Pod":
        return (doc.get("metadata") or {}).get("labels") or {}
    return (((doc.get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels") or {}


def selects(selector: dict[str, Any], labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def cross_check(docs: list[tuple[str, dict]], external_secrets: set[str]) -> list[str]:
    errors: list[str] = []
    by_kind: dict[str, dict[str, dict]] = {}
    for _, doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    workloads = [d for _, d in docs if pod_spec(d) is not None and d["kind"] != "Job"]
    configmaps = set(by_kind.get("ConfigMap", {}))
    secrets = set(by_kind.get("Secret", {})) | external_secrets
    service_accounts = set(by_kind.get("ServiceAccount", {})) | {"default"}

    for _, doc in docs:
        spec = pod_spec(doc)
        if spec is None:
            continue
        if doc["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"):
            match = ((doc["spec"].get("selector") or {}).get("matchLabels")) or {}
            if not selects(match, pod_labels(doc)):
                errors.append(f"{name_of(doc)}: selector does not match its pod template labels")
        if spec.get("serviceAccountName", "default") not in service_accounts:
            errors.append(f"{name_of(doc)}: unknown ServiceAccount {spec['serviceAccountName']}")
        volumes = {v["name"] for v in spec.get("volumes") or []}
        for container in (spec.get("containers") or []) + (spec.get("initContainers") or []):
            port_names = {p.get("name") for p in container.get("ports") or []}
            for source in container.get("envFrom") or []:
                if ref := source.get("configMapRef"):
                    if ref["name"] not in configmaps and not ref.get("optional"):
                        errors.append(f"{name_of(doc)}: unknown ConfigMap {ref['name']}")
                if ref := source.get("secretRef"):
                    if ref["name"] not in secrets and not ref.get("optional"):
                        errors.append(f"{name_of(doc)}: unknown Secret {ref['name']}")
            for mount in container.get("volumeMounts") or []:
                if mount["name"] not in volumes:
                    errors.append(f"{name_of(doc)}: mount of undeclared volume {mount['name']}")
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                port = ((container.get(probe) or {}).get("httpGet") or {}).get("port")
                if isinstance(port, str) and port not in port_names:
                    errors.append(f"{name_of(doc)}: {probe} uses unknown port name {port}")

    for service in by_kind.get("Service", {}).values():
        selector = service["spec"].get("selector") or {}
        targets = [w for w in workloads if selects(selector, pod_labels(w))]
        if not targets:
            errors.append(f"{name_of(service)}: selector matches no workload")
        for port in service["spec"].get("ports") or []:
            target = port.get("targetPort")
            if isinstance(target, str):
                for w in targets:
                    names = {p.get("name") for c in pod_spec(w).get("containers", []) for p in c.get("ports") or []}
                    if target not in names:
                        errors.append(f"{name_of(service)}: targetPort {target} not in {name_of(w)}")

    for pdb in by_kind.get("PodDisruptionBudget", {}).values():
        match = (pdb["spec"].get("selector") or {}).get("matchLabels") or {}
        if not any(selects(match, pod_labels(w)) for w in workloads):
            errors.append(f"{name_of(pdb)}: selector matches no workload")

    for hpa in by_kind.get("HorizontalPodAutoscaler", {}).values():
        ref = hpa["spec"]["scaleTargetRef"]
        if ref["name"] not in by_kind.get(ref["kind"], {}):
            errors.append(f"{name_of(hpa)}: target {ref['kind']}/{ref['name']} does not exist")
        if hpa["spec"].get("minReplicas", 1) > hpa["spec"]["maxReplicas"]:
            errors.append(f"{name_of(hpa)}: minReplicas > maxReplicas")

    for ingress in by_kind.get("Ingress", {}).values():
        hosts = set()
        for rule in ingress["spec"].get("rules") or []:
            host = rule.get("host", "")
            hosts.add(host)
            if host and (host.upper() == host or "." not in host):
                errors.append(f"{name_of(ingress)}: host {host!r} was not filled in")
            for path in (rule.get("http") or {}).get("paths") or []:
                svc = path["backend"].get("service") or {}
                target = by_kind.get("Service", {}).get(svc.get("name"))
                if target is None:
                    errors.append(f"{name_of(ingress)}: backend Service {svc.get('name')} does not exist")
                    continue
                port = svc.get("port") or {}
                names = {p.get("name") for p in target["spec"].get("ports") or []}
                numbers = {p.get("port") for p in target["spec"].get("ports") or []}
                if ("name" in port and port["name"] not in names) or (
                    "number" in port and port["number"] not in numbers
                ):
                    errors.append(f"{name_of(ingress)}: Service {svc['name']} has no port {port}")
        for tls in ingress["spec"].get("tls") or []:
            for host in tls.get("hosts") or []:
                if host not in hosts:
                    errors.append(f"{name_of(ingress)}: TLS host {host!r} has no rule")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", "--kubernetes-version", action="append", dest="versions")
    parser.add_argument("--cross-check", action="store_true")
    parser.add_argument("--external-secret", action="append", default=[])
    parser.add_argument("--label", help="name to print instead of the file name")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    versions = args.versions or [kv.latest_version()]

    failed = False
    for source in args.files:
        label = args.label or source
        try:
            docs = list(documents(source))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            print(f"ERROR {label}: {exc}")
            failed = True
            continue
        if not docs:
            print(f"ERROR {label}: no Kubernetes objects")
            failed = True
            continue
        errors: list[str] = []
        for where, doc in docs:
            errors += validate(where if not args.label else where.replace(source, label, 1), doc, versions)
        if args.cross_check and not errors:
            errors += [f"{label}: {e}" for e in cross_check(docs, set(args.external_secret))]
        if errors:
            failed = True
            for error in errors:
                print(f"ERROR {error}")
        else:
            kinds = ", ".join(name_of(d) for _, d in docs)
            print(f"ok    {label} (Kubernetes {', '.join(versions)}): {kinds}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
