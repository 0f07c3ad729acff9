"""Rows and the summary of scripts/bench-peer.sh (stdlib only).

  bench_peer_report.py row LABEL SCENARIO WRK_JSON RSS_JSON   one wrk run, as run_bench.sh records it
  bench_peer_report.py login LABEL CPU_MS                     CPU time of one login on the server
  bench_peer_report.py argon2 JSON                            argon2_ceiling.py's answer
  bench_peer_report.py summary ROWS_JSONL CORES               ratios per round and the targets

Rows go to $RESULTS_JSON, one JSON object per line; labels are "<server> <round>".
"""

import json
import os
import sys

# scenario: (least hexstack/original req/s, least original p99 / hexstack p99)
TARGETS = {"items_list": 20, "items_create": 15, "users_me": 25}
P99_FACTOR = 20
CEILING_SHARE = 0.85


def append(row: dict) -> None:
    with open(os.environ["RESULTS_JSON"], "a") as f:
        f.write(json.dumps(row) + "\n")


def row(label: str, scenario: str, raw: str, rss_file: str) -> None:
    if not raw:
        sys.exit(f"wrk produced no result for {label} {scenario}")
    d = json.loads(raw)
    secs = d["duration_us"] / 1e6
    rss = json.load(open(rss_file)) if os.path.exists(rss_file) else {}
    append({"label": label, "scenario": scenario, "req_per_s": round(d["requests"] / secs, 1),
            "p50_ms": d["p50_us"] / 1000, "p99_ms": d["p99_us"] / 1000, "non2xx": d["non2xx"],
            "socket_errors": d["connect_errors"] + d["read_errors"] + d["write_errors"] + d["timeouts"],
            "peak_rss_kib": rss.get("peak_rss_kib"), "server_cpu_pct": rss.get("server_cpu_pct"),
            "machine_busy_pct": rss.get("machine_busy_pct")})


def span(values: list[float], fmt: str = "{:.0f}") -> str:
    lo, hi = min(values), max(values)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else f"{fmt.format(lo)}-{fmt.format(hi)}"


def verdict(worst: float, target: float, unit: str = "x") -> str:
    return "met" if worst >= target else f"missed: {worst:.2f}{unit} of {target}{unit}"


def summary(path: str, cores: int) -> None:
    rows = [json.loads(line) for line in open(path) if line.strip()]
    by = {(r["label"], r["scenario"]): r for r in rows}
    rounds = sorted({r["label"].split()[-1] for r in rows if r["label"].startswith("hexstack ")})
    server = lambda name, scenario: [by.get((f"{name} {n}", scenario)) for n in rounds]  # noqa: E731
    print("\n## hexstack against the original and the ceiling\n")
    print(f"{len(rounds)} round(s); ranges are over rounds, ratios within a round.\n")
    print("| scenario | original req/s (p99 ms) | hexstack req/s (p99 ms) | ceiling req/s (p99 ms) "
          "| hexstack / original | p99 original / hexstack | hexstack / ceiling | errors | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario, least in TARGETS.items():
        o, h, c = server("original", scenario), server("hexstack", scenario), server("ceiling", scenario)
        if None in o + h + c:
            print(f"| {scenario} | (missing rows) |")
            continue
        ratio = [hi["req_per_s"] / oi["req_per_s"] for oi, hi in zip(o, h)]
        p99 = [oi["p99_ms"] / hi["p99_ms"] for oi, hi in zip(o, h)]
        share = [hi["req_per_s"] / ci["req_per_s"] for hi, ci in zip(h, c)]
        errors = sum(r["non2xx"] + r["socket_errors"] for r in h)
        cell = lambda rs: f'{span([r["req_per_s"] for r in rs])} ({span([r["p99_ms"] for r in rs], "{:.1f}")})'  # noqa: E731
        target = "; ".join([f"req/s {verdict(min(ratio), least)}", f"p99 {verdict(min(p99), P99_FACTOR)}",
                            f"ceiling {verdict(min(share), CEILING_SHARE, '')}",
                            "errors met" if errors == 0 else f"errors missed: {errors}"])
        print(f"| {scenario} | {cell(o)} | {cell(h)} | {cell(c)} | {span(ratio, '{:.1f}')}x | "
              f"{span(p99, '{:.0f}')}x | {span(share, '{:.2f}')} | {errors} | {target} |")
    o, h = server("original", "login"), server("hexstack", "login")
    cpu = [r["cpu_ms"] for r in server("hexstack", "login_cpu") if r]
    if None not in o + h and cpu:
        ceiling = cores * 1000 / (sum(cpu) / len(cpu))
        login = [r["req_per_s"] for r in h]
        ratio = [hi["req_per_s"] / oi["req_per_s"] for oi, hi in zip(o, h)]
        rss = [oi["peak_rss_kib"] / hi["peak_rss_kib"] for oi, hi in zip(o, h)]
        print(f"\nLogins with the original's parameters: hexstack {span(login, '{:.1f}')} req/s, "
              f"original {span([r['req_per_s'] for r in o], '{:.1f}')} req/s ({span(ratio, '{:.1f}')}x; "
              f"target 2x: {verdict(min(ratio), 2)}).")
        print(f"One login costs {span(cpu, '{:.0f}')} ms of CPU on hexstack's server, so {cores} cores "
              f"allow {ceiling:.1f} logins/s: hexstack reaches {span([v / ceiling for v in login], '{:.2f}')} "
              f"of it (target 0.90: {verdict(min(login) / ceiling, 0.9, '')}).")
        print(f"Peak RSS during logins: original {span([r['peak_rss_kib'] / 1024 for r in o])} MiB, hexstack "
              f"{span([r['peak_rss_kib'] / 1024 for r in h])} MiB ({span(rss, '{:.0f}')}x less; target 10x: "
              f"{verdict(min(rss), 10)}).")
    argon2 = [r for r in rows if r["scenario"] == "argon2_ceiling"]
    if argon2:
        a = argon2[-1]
        print(f"argon2-cffi (the C reference the original uses) verifies one such hash in {a['verify_wall_ms']} ms "
              f"wall, {a['verify_cpu_ms']} ms CPU: {a['ceiling_logins_per_s']} logins/s on {a['cores']} cores.")
    print("\nServer CPU % (100 = one core) and machine busy % during each hexstack and ceiling run:")
    for scenario in TARGETS:
        cells = [f'{r["label"]} {r["server_cpu_pct"]:.0f}/{r["machine_busy_pct"]:.0f}'
                 for r in rows if r["scenario"] == scenario and r.get("server_cpu_pct") is not None
                 and not r["label"].startswith("original")]
        print(f"- {scenario}: " + ", ".join(cells))


def main() -> None:
    cmd, *args = sys.argv[1:]
    if cmd == "row":
        row(*args)
    elif cmd == "login":
        append({"label": args[0], "scenario": "login_cpu", "cpu_ms": float(args[1])})
    elif cmd == "argon2":
        append({"label": "argon2-cffi", "scenario": "argon2_ceiling", **json.loads(args[0])})
    elif cmd == "summary":
        summary(args[0], int(args[1]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
