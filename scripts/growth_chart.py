"""Draws docs/growth.svg from scripts/bench-growth.sh's results: p99 latency per number of items,
one line per scenario, both axes logarithmic. Plain SVG from the standard library, so the
benchmark needs nothing beyond Python (a plotting crate would be a build dependency for one
picture)."""

import math
import sys
from collections import defaultdict

COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"]
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 420, 70, 250, 30, 50


def main(results_path, svg_path):
    series = defaultdict(list)
    for line in open(results_path, encoding="utf-8"):
        size, scenario, figures = line.rstrip("\n").split("\t")
        p99 = float(figures.split()[2])
        series[scenario].append((int(size), max(p99, 0.01)))
    sizes = sorted({size for points in series.values() for size, _ in points})
    values = [p for points in series.values() for _, p in points]
    x_lo, x_hi = math.log10(sizes[0]), math.log10(sizes[-1])
    y_lo = math.floor(math.log10(min(values)))
    y_hi = math.ceil(math.log10(max(values)))
    if y_hi == y_lo:
        y_hi += 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(size):
        span = (x_hi - x_lo) or 1
        return LEFT + (math.log10(size) - x_lo) / span * plot_w

    def y(ms):
        return TOP + (y_hi - math.log10(ms)) / (y_hi - y_lo) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="18" font-size="14">p99 latency (ms, log) per number of items (log)</text>',
    ]
    for decade in range(y_lo, y_hi + 1):
        ms = 10**decade
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" stroke="#e5e7eb"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:g}</text>')
    for size in sizes:
        out.append(f'<line x1="{x(size):.1f}" x2="{x(size):.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#e5e7eb"/>')
        label = f"10^{round(math.log10(size))}" if math.log10(size).is_integer() else str(size)
        out.append(f'<text x="{x(size):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{label}</text>')
    for index, (scenario, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        path = " ".join(f"{x(s):.1f},{y(p):.1f}" for s, p in sorted(points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for s, p in points:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(p):.1f}" r="3" fill="{colour}"/>')
        ly = TOP + 10 + index * 20
        out.append(f'<line x1="{WIDTH - RIGHT + 15}" x2="{WIDTH - RIGHT + 35}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 40}" y="{ly + 4}">{scenario}</text>')
    out.append("</svg>")
    with open(svg_path, "w", encoding="utf-8") as svg:
        svg.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
