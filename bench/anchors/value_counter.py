#!/usr/bin/env python3
"""Anchor benchmark: the study notes' shared counter with multiprocessing.Value and its lock (CPython).

Figures (one JSON object per line on stdout):
  value_counter_100proc         -- the notes' Manager + Lock example with a Value instead of the
                                   manager's dict: count = Value('i', 100); 100 processes each do
                                   `with count.get_lock(): count.value -= 1`; start all, join all;
                                   count must be 0. Wall time in ms, per start method (fork, spawn,
                                   forkserver): 1 warm-up, then 3 runs.
  value_locked_increment_1proc  -- the cost of one locked update itself: `with v.get_lock():
                                   v.value += 1` in this process, nobody else on the lock: 100_000
                                   warm-up, then 5 runs of 1_000_000. ops/s
  value_locked_increment_4proc  -- no process start in the figure: 4 processes (fork) each do
                                   10_000 x `with v.get_lock(): v.value += 1`. The parent holds the
                                   lock while they start; each reports "ready" through its own Pipe.
                                   Timed from the parent's release until every worker has reported
                                   "done"; v.value must be 40_000. 1 warm-up, then 5 runs. ops/s
Bounded loops; every wait has a timeout; faulthandler watchdog.
"""
import faulthandler
import json
import multiprocessing as mp
import statistics
import sys
import time

WATCHDOG_S = 400  # 100 spawned processes x 4 runs x 3 start methods take minutes on a loaded machine
PROCESSES = 100
WORKERS = 4
SOLO_OPS = 1_000_000
OPS_PER_WORKER = 10_000


def emit(bench, unit, samples, **extra):
    rec = {
        "bench": bench,
        "impl": "python-mp",
        "unit": unit,
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }
    rec.update(extra)
    print(json.dumps(rec), flush=True)


def decrement(count):
    with count.get_lock():
        count.value -= 1


def counter_run(ctx):
    count = ctx.Value("i", PROCESSES)
    t0 = time.perf_counter()
    procs = [ctx.Process(target=decrement, args=(count,)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        if p.exitcode != 0:
            raise RuntimeError(f"worker exit code {p.exitcode}")
    dt = time.perf_counter() - t0
    if count.value != 0:
        raise RuntimeError(f"count is {count.value}, not 0")
    return dt * 1000


def solo_run(v, n):
    lock = v.get_lock()
    t0 = time.perf_counter()
    for _ in range(n):
        with lock:
            v.value += 1
    return n / (time.perf_counter() - t0)


def increment_worker(v, conn, n):
    conn.send("ready")
    lock = v.get_lock()
    for _ in range(n):
        with lock:
            v.value += 1
    conn.send("done")
    conn.close()


def increment_run(ctx):
    v = ctx.Value("i", 0)
    v.get_lock().acquire()
    conns, procs = [], []
    try:
        for _ in range(WORKERS):
            parent, child = ctx.Pipe()
            p = ctx.Process(target=increment_worker, args=(v, child, OPS_PER_WORKER), daemon=True)
            p.start()
            child.close()
            conns.append(parent)
            procs.append(p)
        for c in conns:
            if not c.poll(30) or c.recv() != "ready":
                raise RuntimeError("worker did not report ready")
    finally:
        t0 = time.perf_counter()
        v.get_lock().release()
    for c in conns:
        if not c.poll(60):
            raise RuntimeError("worker did not finish within 60 s")
        if c.recv() != "done":
            raise RuntimeError("worker failed")
    dt = time.perf_counter() - t0
    for p in procs:
        p.join(10)
    if v.value != WORKERS * OPS_PER_WORKER:
        raise RuntimeError(f"value is {v.value}")
    return WORKERS * OPS_PER_WORKER / dt


def main():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)
        counter_run(ctx)  # warm-up (forkserver: starts its server)
        emit("value_counter_100proc", "ms", [counter_run(ctx) for _ in range(3)], start_method=method,
             processes=PROCESSES)
    ctx = mp.get_context("fork")
    v = ctx.Value("i", 0)
    solo_run(v, 100_000)
    emit("value_locked_increment_1proc", "ops/s", [solo_run(v, SOLO_OPS) for _ in range(5)], processes=1,
         ops=SOLO_OPS)
    if v.value != 100_000 + 5 * SOLO_OPS:
        raise RuntimeError(f"value is {v.value}")
    increment_run(ctx)
    emit("value_locked_increment_4proc", "ops/s", [increment_run(ctx) for _ in range(5)], processes=WORKERS,
         ops_per_process=OPS_PER_WORKER, start_method="fork")
    faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    sys.exit(main())
