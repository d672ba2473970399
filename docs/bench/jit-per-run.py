#!/usr/bin/env python3
"""CPU of LIME's JIT compiler threads during each run of compare.py's sequence (docs/benchmarks.md,
session 7: "The JIT is not the cause"). Starts LIME on port 17913, warms it up as compare.py does
(every test at -P 16 and -P 1), then runs every test at -P 1 and -P 16 for ROUNDS rounds and
prints, per run, req/s and the CPU of the compiler threads, the event loops and the other
threads (from /proc/PID/task/*/stat, 10 ms ticks).

Usage: python3 docs/bench/jit-per-run.py JAR [ROUNDS] [P1_REQUESTS]   (defaults 2, 200000;
-P 16 runs use 5x the requests)
"""
import glob, subprocess, sys, time

JAR = sys.argv[1]
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 2
N = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
TESTS = ["set", "get", "incr", "lpush", "rpush", "lpop", "rpop", "sadd", "hset", "spop",
         "zadd", "zpopmin", "lrange_100", "lrange_300", "lrange_600", "mset"]


def bench(args):
    return subprocess.run(["redis-benchmark", "-p", "17913", "-q"] + args,
                          capture_output=True, text=True).stdout


def ticks(pid):
    """Thread -> (name, utime + stime) of every thread of pid."""
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            name = open(task + "/comm").read().strip()
            fields = open(task + "/stat").read().rsplit(") ", 1)[1].split()
            out[task] = (name, int(fields[11]) + int(fields[12]))
        except OSError:
            pass  # the thread ended
    return out


lime = subprocess.Popen(["java", "-jar", JAR, "--port", "17913", "--save", ""],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    time.sleep(2)
    every = ",".join(TESTS)
    bench(["-t", every, "-r", "100000", "-P", "16", "-n", str(max(N // 2, 20000))])
    bench(["-t", every, "-r", "100000", "-n", str(max(N // 10, 20000))])
    for rnd in range(ROUNDS):
        for pipe in ("1", "16"):
            for test in TESTS:
                before = ticks(lime.pid)
                out = bench(["-t", test, "-r", "100000", "-c", "50", "-P", pipe,
                             "-n", str(N if pipe == "1" else 5 * N), "--csv"])
                after = ticks(lime.pid)
                spent = {"compiler": 0, "loop": 0, "other": 0}
                for t, (name, cpu) in after.items():
                    kind = ("compiler" if "Compil" in name
                            else "loop" if name.startswith("lime-loop") else "other")
                    spent[kind] += cpu - before.get(t, (name, 0))[1]
                rps = float(out.strip().splitlines()[-1].split(",")[1].strip('"'))
                print(f"round {rnd} P{pipe} {test:10s} {rps:>10.0f} rps  compiler"
                      f" {spent['compiler'] * 10} ms  loop {spent['loop'] * 10} ms"
                      f"  other {spent['other'] * 10} ms", flush=True)
finally:
    lime.terminate()
    lime.wait()
