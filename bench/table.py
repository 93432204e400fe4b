#!/usr/bin/env python3
"""Prints the ratio table of a bench/run.sh run (stdlib only).

Usage: table.py RESULTS_DIR [group ...]

Reads RESULTS_DIR/<group>.r<round>.<mp4j|python>.jsonl. For every row of ROWS it pairs mp4j's
figure with Python's figure *of the same round* and computes a speed ratio:
  throughput (msgs/s, MB/s, ops/s, tasks/s): mp4j / Python
  latency (ms):                              Python / mp4j
so in every row a ratio above 1.0 means mp4j is better. "% raw" rows give mp4j's MB/s as a
percentage of the raw socketpair MB/s measured by Python's anchor in the same round.
The verdict uses the geometric mean of the per-round ratios (the "mp4j"/"Python" columns show the
median of the per-round medians). Later benchmarks add rows to ROWS.

When mp4j's side ran on several JDKs (bench/run.sh's MP4J_BENCH_JAVA; each record names its
"java"), every row is printed once per JDK, paired with the same round's Python figure. A row's
target may depend on the JDK: {17: x, 25: y} (the entry of the newest release not newer than the
JDK applies).
"""
import glob
import json
import os
import re
import statistics
import sys

LAT, THR, PCT = "latency", "throughput", "pct_raw"


def row(group, label, ours, py, kind, target=None, note=""):
    return dict(group=group, label=label, ours=ours, py=py, kind=kind, target=target, note=note)


# ours / py: fields a record must match (impl is implied: mp4j / any non-mp4j impl).
ROWS = [
    # ---- issue 2: Process
    row("process", "process_start_join spawn (ms)", dict(bench="process_start_join", variant="spawn"),
        dict(bench="process_start_join", start_method="spawn"), LAT, {17: 1.0, 25: 1.2}, "fresh JVM vs Python spawn"),
    row("process", "process_start_join warm (ms)", dict(bench="process_start_join", variant="warm"),
        dict(bench="process_start_join", start_method="forkserver"), LAT, {17: 0.5, 25: 1.0},
        "warm vs Python forkserver, back to back"),
    row("process", "process_start_join warm_paced (ms)", dict(bench="process_start_join", variant="warm_paced"),
        dict(bench="process_start_join", start_method="forkserver"), LAT, None,
        "diagnostic: 300 ms between starts so the warm pool is full"),
    row("process", "process_start_join bare JVM (ms)", dict(bench="process_start_join", variant="bare_jvm"),
        dict(bench="process_start_join", start_method="spawn"), LAT, None,
        "floor: an empty main, no mp4j, vs Python spawn"),
    row("process", "process_start_join spawn vs fork (ms)", dict(bench="process_start_join", variant="spawn"),
        dict(bench="process_start_join", start_method="fork"), LAT, None, "context only"),
    # ---- issue 3 (seed comparison lives with Process so far)
    row("process", "seed_100_processes spawn (ms)", dict(bench="seed_100_processes", variant="spawn"),
        dict(bench="seed_100_processes", start_method="spawn"), LAT, {17: 0.8, 25: 1.0}, "issue 22"),
    row("process", "seed_100_processes warm (ms)", dict(bench="seed_100_processes", variant="warm"),
        dict(bench="seed_100_processes", start_method="spawn"), LAT, None, "warm figure, stated"),
    row("process", "seed_100_processes spawn vs fork (ms)", dict(bench="seed_100_processes", variant="spawn"),
        dict(bench="seed_100_processes", start_method="fork"), LAT, None, "context only"),
    # ---- issue 2: Pipe
    row("pipe", "pipe_roundtrip (msgs/s)", dict(bench="pipe_roundtrip"), dict(bench="pipe_roundtrip"), THR, 1.5),
    row("pipe", "pipe_send_bytes_1k (msgs/s)", dict(bench="pipe_send_bytes_1k", unit="msgs/s"),
        dict(bench="pipe_send_bytes_1k", unit="msgs/s"), THR, 1.5),
    row("pipe", "pipe_send_bytes_1k (MB/s)", dict(bench="pipe_send_bytes_1k", unit="MB/s"),
        dict(bench="pipe_send_bytes_1k", unit="MB/s"), THR, None),
    row("pipe", "pipe_send_bytes_1m (MB/s)", dict(bench="pipe_send_bytes_1m"), dict(bench="pipe_send_bytes_1m"),
        THR, 1.5),
    row("pipe", "pipe_send_bytes_1m % of raw socketpair", dict(bench="pipe_send_bytes_1m"),
        dict(bench="raw_socketpair_1m"), PCT, 40.0),
    row("pipe", "pipe_recv_bytes_into_1m (MB/s)", dict(bench="pipe_recv_bytes_into_1m"),
        dict(bench="pipe_recv_bytes_into_1m"), THR, None),
    row("pipe", "pipe_recv_bytes_into_1m % of raw socketpair", dict(bench="pipe_recv_bytes_into_1m"),
        dict(bench="raw_socketpair_1m"), PCT, None),
    row("pipe", "pipe_send_bytes_1m % of raw os.pipe (64 KiB)", dict(bench="pipe_send_bytes_1m"),
        dict(bench="raw_os_pipe_1m"), PCT, None, "same 64 KiB buffer as our FIFOs"),
    # ---- issue 2: Lock (anchor in bench/anchors/lock_uncontended.py)
    row("lock", "lock_uncontended (ops/s)", dict(bench="lock_uncontended"), dict(bench="lock_uncontended"), THR, 1.0),
    row("lock", "lock_contended_4proc (ops/s)", dict(bench="lock_contended_4proc"),
        dict(bench="lock_contended_4proc"), THR, None),
    # ---- issue 3: Pool (bench/src/.../PoolBench.java; worker RSS anchor in bench/anchors/pool_worker_rss.py)
    row("pool", "seed_pool4_map100 spawn (ms)", dict(bench="seed_pool4_map100", variant="spawn"),
        dict(bench="seed_pool4_map100", start_method="spawn"), LAT, {17: 0.67, 25: 1.0}, "issue 22, fresh pool"),
    row("pool", "seed_pool4_map100 warm (ms)", dict(bench="seed_pool4_map100", variant="warm"),
        dict(bench="seed_pool4_map100", start_method="spawn"), LAT, None, "warm figure, stated"),
    row("pool", "seed_100_processes spawn (ms)", dict(bench="seed_100_processes", variant="spawn"),
        dict(bench="seed_100_processes", start_method="spawn"), LAT, {17: 0.8, 25: 1.0}, "issue 22"),
    row("pool", "pool_map_default_chunk (tasks/s)", dict(bench="pool_map_default_chunk"),
        dict(bench="pool_map_default_chunk", start_method="fork"), THR, 1.0),
    row("pool", "pool_map_chunk1 (tasks/s)", dict(bench="pool_map_chunk1"),
        dict(bench="pool_map_chunk1", start_method="fork"), THR, 2.0),
    row("pool", "pool_apply_async (tasks/s)", dict(bench="pool_apply_async"),
        dict(bench="pool_apply_async", start_method="fork"), THR, 2.0),
    row("pool", "pool_apply_sync (tasks/s)", dict(bench="pool_apply_sync"),
        dict(bench="pool_apply_sync", start_method="fork"), THR, 2.0),
    row("pool", "pool_worker_rss vs spawn (MB)", dict(bench="pool_worker_rss"),
        dict(bench="pool_worker_rss", start_method="spawn"), LAT, None, "idle worker, resident"),
    row("pool", "pool_worker_rss vs fork (MB)", dict(bench="pool_worker_rss"),
        dict(bench="pool_worker_rss", start_method="fork"), LAT, None, "fork shares pages"),
    # ---- issue 4: Manager
    row("manager", "manager_locked_decrement 1 proc (ops/s)",
        dict(bench="manager_locked_decrement", processes=1, variant="fresh"),
        dict(bench="manager_locked_decrement", processes=1), THR, {17: 2.0, 25: 3.0}, "fresh workers"),
    row("manager", "manager_locked_decrement 4 procs (ops/s)",
        dict(bench="manager_locked_decrement", processes=4, variant="fresh"),
        dict(bench="manager_locked_decrement", processes=4), THR, {17: 2.0, 25: 3.0}, "fresh workers"),
    row("manager", "manager_locked_decrement 1 proc, warmed (ops/s)",
        dict(bench="manager_locked_decrement", processes=1, variant="warmed"),
        dict(bench="manager_locked_decrement", processes=1), THR, None, "workers ran the loop once untimed"),
    row("manager", "manager_locked_decrement 4 procs, warmed (ops/s)",
        dict(bench="manager_locked_decrement", processes=4, variant="warmed"),
        dict(bench="manager_locked_decrement", processes=4), THR, None, "workers ran the loop once untimed"),
    row("manager", "manager_dict_get (ops/s)", dict(bench="manager_dict_get"), dict(bench="manager_dict_get"), THR, 2.0),
    row("manager", "manager_dict_set (ops/s)", dict(bench="manager_dict_set"), dict(bench="manager_dict_set"), THR, 2.0),
    row("manager", "manager_list_append (ops/s)", dict(bench="manager_list_append"),
        dict(bench="manager_list_append"), THR, 2.0),
    row("manager", "manager_startup warm (ms)", dict(bench="manager_startup", variant="warm"),
        dict(bench="manager_startup", start_method="spawn"), LAT, 1.0, "warm server JVM vs Python spawn manager"),
    row("manager", "manager_startup spawn (ms)", dict(bench="manager_startup", variant="spawn"),
        dict(bench="manager_startup", start_method="spawn"), LAT, None, "fresh server JVM"),
    row("manager", "manager_startup warm_paced (ms)", dict(bench="manager_startup", variant="warm_paced"),
        dict(bench="manager_startup", start_method="spawn"), LAT, None, "300 ms between starts"),
    row("manager", "manager_shutdown (ms)", dict(bench="manager_shutdown"),
        dict(bench="manager_shutdown"), LAT, None, "vs Python fork manager"),
    row("manager", "manager_compute_decrement 1 proc (ops/s)", dict(bench="manager_compute_decrement", processes=1),
        dict(bench="manager_locked_decrement", processes=1), THR, None, "compute, no lock, vs Python locked"),
    row("manager", "manager_compute_decrement 4 procs (ops/s)", dict(bench="manager_compute_decrement", processes=4),
        dict(bench="manager_locked_decrement", processes=4), THR, None, "compute, no lock, vs Python locked"),
    # ---- issue 20: Value (anchor in bench/anchors/value_counter.py)
    row("value", "value_counter_100proc spawn (ms)", dict(bench="value_counter_100proc", variant="spawn"),
        dict(bench="value_counter_100proc", start_method="spawn"), LAT, 2.0, "the notes' counter, Value + lock"),
    row("value", "value_counter_100proc warm (ms)", dict(bench="value_counter_100proc", variant="warm"),
        dict(bench="value_counter_100proc", start_method="forkserver"), LAT, 2.0, "warm vs Python forkserver"),
    row("value", "value_counter_100proc warm vs fork (ms)", dict(bench="value_counter_100proc", variant="warm"),
        dict(bench="value_counter_100proc", start_method="fork"), LAT, None, "context only"),
    row("value", "value_locked_increment_1proc (ops/s)", dict(bench="value_locked_increment_1proc"),
        dict(bench="value_locked_increment_1proc"), THR, 2.0, "one process, the lock uncontended"),
    row("value", "value_locked_increment_4proc (ops/s)", dict(bench="value_locked_increment_4proc"),
        dict(bench="value_locked_increment_4proc"), THR, 2.0, "no process start in the figure"),
]


UNPAIRED_GROUPS = {"probe", "cluster"}


def load(results_dir):
    """{(group, round): {"mp4j": [records], "python": [records]}}"""
    data = {}
    for path in glob.glob(os.path.join(results_dir, "*.r*.*.jsonl")):
        m = re.match(r"(.+)\.r(\d+)\.(mp4j|python)\.jsonl$", os.path.basename(path))
        if not m:
            continue
        group, rnd, side = m.group(1), int(m.group(2)), m.group(3)
        recs = data.setdefault((group, rnd), {}).setdefault(side, [])
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        recs.append(json.loads(line))
                    except ValueError:
                        pass
    return data


def find(recs, sel, mp4j):
    for r in recs:
        if "median" not in r or (r.get("impl") == "mp4j") != mp4j:
            continue
        if all(r.get(k) == v for k, v in sel.items()):
            return r
    return None


def fmt(x):
    if x is None:
        return "—"
    if x >= 1e5:
        return f"{x / 1e3:,.0f}k"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def target_for(target, java):
    """A row's target for a JDK: a number, or {release: number} (the newest release <= java)."""
    if not isinstance(target, dict):
        return target
    fitting = [r for r in target if java is None or r <= java]
    return target[max(fitting)] if fitting else target[min(target)]


def print_row(spec, data, rounds, java, several):
    ratios, ours_m, py_m = [], [], []
    sel = dict(spec["ours"], **({"java": java} if java is not None else {}))
    for rnd in rounds:
        sides = data[(spec["group"], rnd)]
        o = find(sides.get("mp4j", []), sel, True)
        p = find(sides.get("python", []), spec["py"], False)
        if p is not None:
            py_m.append(p["median"])
        if o is None or p is None:
            continue
        ours_m.append(o["median"])
        if spec["kind"] == THR:
            ratios.append(o["median"] / p["median"])
        elif spec["kind"] == LAT:
            ratios.append(p["median"] / o["median"])
        else:
            ratios.append(100.0 * o["median"] / p["median"])
    label = spec["label"] + (f" [Java {java}]" if several else "")
    if not ratios:
        if py_m:
            print(f"| {label} | — | {fmt(statistics.median(py_m))} | — | — | — | no mp4j figure | {spec['note']} |")
        return
    ratio = statistics.geometric_mean(ratios)
    pct = spec["kind"] == PCT
    shown = (lambda x: f"{x:.0f}%") if pct else (lambda x: f"{x:.2f}x")
    goal = target_for(spec["target"], java)
    if goal is None:
        target, verdict = "—", "info"
    else:
        target = f">= {goal:.0f}%" if pct else f">= {goal:.2f}x"
        verdict = "PASS" if ratio >= goal else "MISS"
    print(f"| {label} | {fmt(statistics.median(ours_m))} | {fmt(statistics.median(py_m))} | "
          f"{' '.join(shown(x) for x in ratios)} | {shown(ratio)} | {target} | {verdict} | {spec['note']} |")


def main():
    results_dir = sys.argv[1]
    groups = sys.argv[2:] or None
    data = load(results_dir)
    errors = []
    for (group, rnd), sides in sorted(data.items()):
        if groups and group not in groups:
            continue
        for side, recs in sides.items():
            for r in recs:
                if "error" in r:
                    errors.append(f"{group} round {rnd} {side}: {r.get('bench')} {r['error']}")
    print("Speed ratio: mp4j/Python for throughput, Python/mp4j for latency -> above 1.0 means mp4j is better.")
    print("'% raw' rows: mp4j MB/s as a percentage of Python's raw reference of the same round.")
    print()
    print("| figure | mp4j | Python | ratio per round | ratio (geo-mean) | target | verdict | note |")
    print("|---|---|---|---|---|---|---|---|")
    for spec in ROWS:
        if groups and spec["group"] not in groups:
            continue
        rounds = sorted(r for (g, r) in data if g == spec["group"])
        javas = sorted({rec.get("java") for rnd in rounds for rec in data[(spec["group"], rnd)].get("mp4j", [])
                        if rec.get("java") is not None})
        for java in javas or [None]:
            print_row(spec, data, rounds, java, len(javas) > 1)
    # Figures without a Python twin (diagnostic prototypes such as the probe group): listed as measured.
    for (group, rnd), sides in sorted(data.items()):
        if (groups and group not in groups) or group not in UNPAIRED_GROUPS:
            continue
        print()
        print(f"{group} round {rnd} (no Python twin; medians):")
        standard = {"bench", "impl", "unit", "median", "min", "max", "runs", "variant"}
        for r in sides.get("mp4j", []):
            if "median" in r:
                extra = " ".join(f"{k}={v}" for k, v in r.items() if k not in standard)
                print(f"  {r['bench']:<12} {r.get('variant', ''):<16} {fmt(r['median']):>10} {r['unit']}"
                      f"  (min {fmt(r['min'])}, max {fmt(r['max'])}, runs {r['runs']}) {extra}".rstrip())
    if errors:
        print()
        for e in errors:
            print("error:", e)


if __name__ == "__main__":
    main()
