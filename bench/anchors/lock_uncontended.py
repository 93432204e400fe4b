#!/usr/bin/env python3
"""Anchor benchmark: multiprocessing.Lock acquire + release (CPython), in the anchors' style.

Figures (one JSON object per line on stdout):
  lock_uncontended     -- lock.acquire(); lock.release() in the parent, nobody else holds or
                          wants the lock: 100_000 warm-up pairs, then 5 runs of 1_000_000 pairs. ops/s
                          (one op = one acquire + one release)
  lock_contended_4proc -- 4 worker processes (fork) each do 10_000 x (acquire; release) on one
                          lock. The parent holds the lock while the workers start; each worker
                          reports "ready" through its own Pipe and then blocks in its first acquire.
                          Timed from the parent's release until every worker has reported "done".
                          5 runs. ops/s (40_000 acquire+release pairs in total / wall)
Bounded loops; every wait has a timeout; faulthandler watchdog.
"""
import faulthandler
import json
import multiprocessing as mp
import statistics
import sys
import time

WATCHDOG_S = 110
RUNS = 5
CTX = mp.get_context("fork")
UNCONTENDED_OPS = 1_000_000
WORKERS = 4
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


def bench_uncontended():
    lock = CTX.Lock()
    acq, rel = lock.acquire, lock.release
    for _ in range(100_000):
        acq()
        rel()
    samples = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for _ in range(UNCONTENDED_OPS):
            acq()
            rel()
        dt = time.perf_counter() - t0
        samples.append(UNCONTENDED_OPS / dt)
    emit("lock_uncontended", "ops/s", samples, ops=UNCONTENDED_OPS, processes=1,
         lock="multiprocessing.Lock (POSIX semaphore)")


def contended_worker(lock, conn, n):
    conn.send("ready")
    acq, rel = lock.acquire, lock.release
    for _ in range(n):
        if not acq(timeout=60):
            conn.send("timeout")
            conn.close()
            return
        rel()
    conn.send("done")
    conn.close()


def contended_run():
    lock = CTX.Lock()
    lock.acquire()
    conns, procs = [], []
    try:
        for _ in range(WORKERS):
            parent, child = CTX.Pipe()
            p = CTX.Process(target=contended_worker, args=(lock, child, OPS_PER_WORKER), daemon=True)
            p.start()
            child.close()
            conns.append(parent)
            procs.append(p)
        for c in conns:
            if not c.poll(30) or c.recv() != "ready":
                raise RuntimeError("worker did not report ready")
    finally:
        t0 = time.perf_counter()
        lock.release()
    for c in conns:
        if not c.poll(60):
            raise RuntimeError("worker did not finish within 60 s")
        msg = c.recv()
        if msg != "done":
            raise RuntimeError(f"worker reported {msg}")
    dt = time.perf_counter() - t0
    for p in procs:
        p.join(10)
        if p.exitcode != 0:
            raise RuntimeError(f"worker exit code {p.exitcode}")
    for c in conns:
        c.close()
    return WORKERS * OPS_PER_WORKER / dt


def bench_contended():
    contended_run()  # warm-up
    samples = [contended_run() for _ in range(RUNS)]
    emit("lock_contended_4proc", "ops/s", samples, processes=WORKERS, ops_per_process=OPS_PER_WORKER)


def main():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    bench_uncontended()
    bench_contended()
    faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    sys.exit(main())
