#!/usr/bin/python3
"""Matrix-multiply GFLOP/s of this torch build (fp32, square, ``torch.mm``), printed as JSON.

    /usr/bin/python3 tools/bench/gemm.py --threads 1 --size 512 --seconds 3
    /usr/bin/python3 tools/bench/gemm.py --processes 2     # the machine's ceiling c

With ``--processes P`` (P >= 2) it first measures one single-thread process alone, then P
single-thread processes at once (they start their timed loops at the same wall-clock instant), and
prints c = (sum of the P concurrent GFLOP/s) / (the lone process's GFLOP/s): the speed-up the
machine allows P single-core executors, whatever the pipeline does. Alone and concurrent runs
alternate ``--repeats`` times; the median c is reported with its range and the load average (on a
shared machine other work lowers c: compare the load average with the core count).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=1, help="torch and BLAS threads (default 1)")
    ap.add_argument("--size", type=int, default=512, help="side n of the n x n matrices (default 512)")
    ap.add_argument("--seconds", type=float, default=3.0, help="timed seconds (default 3)")
    ap.add_argument("--processes", type=int, default=1,
                    help="P >= 2: measure the ceiling c with P concurrent single-thread processes")
    ap.add_argument("--repeats", type=int, default=3,
                    help="with --processes: alternate alone/concurrent this many times, report the median c")
    ap.add_argument("--start-at", type=float, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if min(args.threads, args.size, args.processes, args.repeats) < 1 or args.seconds <= 0:
        ap.error("--threads, --size, --processes and --repeats must be >= 1 and --seconds > 0")
    return args


def measure(threads, size, seconds, start_at=None):
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    import torch

    torch.set_num_threads(threads)
    gen = torch.Generator().manual_seed(0)
    a = torch.rand(size, size, generator=gen)
    b = torch.rand(size, size, generator=gen)
    c = torch.empty(size, size)
    for _ in range(3):  # warm-up: page in, BLAS thread pool up
        torch.mm(a, b, out=c)
    if start_at is not None:
        time.sleep(max(0.0, start_at - time.time()))
    calls = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        torch.mm(a, b, out=c)
        calls += 1
        elapsed = time.perf_counter() - start
    return {
        "blas": blas_libraries(),
        "gflops": 2.0 * size ** 3 * calls / elapsed / 1e9,
        "threads": torch.get_num_threads(),
        "size": size,
        "calls": calls,
        "seconds": elapsed,
        "dtype": "float32",
        "torch": torch.__version__,
        "pid": os.getpid(),
    }


def blas_libraries():
    """The BLAS shared libraries this process has mapped (which one torch.mm really calls)."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                name = os.path.basename(path)
                if path.startswith("/") and ("blas" in name or "mkl" in name or "dnnl" in name):
                    found.add(os.path.realpath(path))
    except OSError:
        return []
    return sorted(found)


def run_children(count, size, seconds):
    """``count`` single-thread copies of this script starting their timed loop together."""
    start_at = time.time() + 3.0 + 0.5 * count  # time for every child to import torch and warm up
    cmd = [sys.executable, os.path.abspath(__file__), "--threads", "1", "--size", str(size),
           "--seconds", str(seconds), "--start-at", repr(start_at)]
    children = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(count)]
    results = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            sys.exit(f"a gemm.py child process failed with exit status {child.returncode}")
        results.append(json.loads(out))
    return results


def main(argv=None):
    args = parse_args(argv)
    if args.processes == 1:
        print(json.dumps(measure(args.threads, args.size, args.seconds, args.start_at)))
        return
    rounds = []
    for _ in range(args.repeats):  # alternate, so a load change on the machine hits both sides
        alone = run_children(1, args.size, args.seconds)[0]["gflops"]
        together = [r["gflops"] for r in run_children(args.processes, args.size, args.seconds)]
        rounds.append({"single_process_gflops": alone, "concurrent_gflops": together,
                       "aggregate_gflops": sum(together), "c": sum(together) / alone})
    cs = sorted(r["c"] for r in rounds)
    print(json.dumps({
        "size": args.size,
        "seconds": args.seconds,
        "processes": args.processes,
        "ceiling_c": statistics.median(cs),
        "c_min": cs[0],
        "c_max": cs[-1],
        "single_process_gflops_median": statistics.median(r["single_process_gflops"] for r in rounds),
        "rounds": rounds,
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
    }))


if __name__ == "__main__":
    main()
