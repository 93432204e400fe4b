"""Kernel start to first kernel_info reply, and a trivial cell's round trip, for Jupyter kernels.

    /usr/bin/python3 kernel_latency.py [--rounds 5] [--cells 50] KERNEL [KERNEL ...]

Kernels are measured interleaved (round 1 of each, then round 2 of each, ...), because this
machine's timings drift with load; report ratios from one run. Prints one JSON object per line and
a Markdown table at the end. Every wait is bounded.
"""
import argparse
import json
import statistics
import time
from queue import Empty

from jupyter_client.manager import KernelManager

TRIVIAL = {"python3": "1 + 1"}
DEFAULT_TRIVIAL = "1 + 1"


def start_to_info(name, timeout=60):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError(name + ": no kernel_info_reply")
        msg_id = kc.kernel_info()
        try:
            while True:
                reply = kc.get_shell_msg(timeout=0.05)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return km, kc, time.perf_counter() - t0
        except Empty:
            continue


def drain_iopub(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            return


def round_trip(kc, code, timeout=30):
    """Seconds from execute_request to the idle status that closes it."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Empty:
            continue
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            elapsed = time.perf_counter() - t0
            kc.get_shell_msg(timeout=timeout)
            return elapsed
    raise TimeoutError("no idle after " + code)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cells", type=int, default=50)
    ap.add_argument("kernels", nargs="+")
    args = ap.parse_args()
    starts = {k: [] for k in args.kernels}
    cells = {k: [] for k in args.kernels}
    for r in range(args.rounds):
        for name in args.kernels:
            km, kc, start = start_to_info(name)
            drain_iopub(kc)
            code = TRIVIAL.get(name, DEFAULT_TRIVIAL)
            for _ in range(5):  # warm-up cells, not counted
                round_trip(kc, code)
            trips = [round_trip(kc, code) for _ in range(args.cells)]
            kc.stop_channels()
            km.shutdown_kernel(now=False)
            starts[name].append(start)
            cells[name].extend(trips)
            print(json.dumps({"round": r, "kernel": name, "start_s": start,
                              "cell_median_s": statistics.median(trips)}), flush=True)
    base = args.kernels[-1]
    print("\n| kernel | start to kernel_info (median of %d) | trivial cell round trip (median of %d) | start ratio | cell ratio |"
          % (args.rounds, args.rounds * args.cells))
    print("|---|---|---|---|---|")
    for name in args.kernels:
        s, c = statistics.median(starts[name]), statistics.median(cells[name])
        print("| %s | %.0f ms | %.1f ms | %.2f | %.2f |" % (
            name, s * 1000, c * 1000, s / statistics.median(starts[base]), c / statistics.median(cells[base])))


if __name__ == "__main__":
    main()
