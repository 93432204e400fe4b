#!/usr/bin/env python3
"""Anchor figure: resident size of an idle multiprocessing.Pool worker (CPython), in the anchors' style.

  pool_worker_rss -- VmRSS of each worker of a Pool(2) after it has run a map, idle, in MB; per start
                     method (fork, spawn). With fork, pages shared with the parent count in full.
Bounded; faulthandler watchdog.
"""
import faulthandler
import json
import multiprocessing as mp
import os
import statistics
import sys
import time


def square(x):
    return x * x


def pid(_):
    time.sleep(0.2)
    return os.getpid()


def rss_mb(p):
    with open(f"/proc/{p}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for {p}")


def main():
    faulthandler.dump_traceback_later(60, exit=True)
    for method in ("fork", "spawn"):
        with mp.get_context(method).Pool(2) as pool:
            pool.map(square, range(10_000))
            pids = set(pool.map(pid, range(4), chunksize=1))
            time.sleep(0.5)
            samples = [rss_mb(p) for p in pids]
        print(json.dumps({"bench": "pool_worker_rss", "impl": "python-mp", "unit": "MB",
                          "median": statistics.median(samples), "min": min(samples), "max": max(samples),
                          "runs": len(samples), "start_method": method}), flush=True)
    faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    sys.exit(main())
