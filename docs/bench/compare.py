#!/usr/bin/env python3
"""LIME vs Redis with redis-benchmark, as docs/benchmarks.md describes.

Usage: python3 docs/bench/compare.py lime-server/target/lime-server.jar LOOPS results.json
(env ROUNDS, default 3). Starts LIME (--lime-loops LOOPS) and redis-server on ports 17911/17912,
warms LIME up, then for ROUNDS rounds runs every test of every configuration once on LIME and
once on Redis, alternating. Each run waits for a quiet machine (< 5% CPU busy for 2 s) and is
repeated when other processes took more than 5% of the CPU the servers and the client used.
Prints the median requests/s of each and the ratio LIME/Redis.
"""
import subprocess, time, re, sys, os, json, statistics
JAR = sys.argv[1]; LOOPS = sys.argv[2]; OUT = sys.argv[3]
ROUNDS = int(os.environ.get('ROUNDS', '3'))
CONFIGS = [("nopipe", ["-n", "200000"]), ("P16", ["-P", "16", "-n", "1000000"])]
TESTS = ["set", "get", "incr", "mset"]
LPORT, RPORT = 17911, 17912

def busy():
    with open('/proc/stat') as f:
        v = list(map(int, f.readline().split()[1:]))
    return sum(v) - v[3] - v[4], sum(v)
def pticks(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            s = f.read().rsplit(')', 1)[1].split()
        return int(s[11]) + int(s[12]) + int(s[13]) + int(s[14])
    except FileNotFoundError:
        return 0
def children_ticks():
    with open('/proc/self/stat') as f:
        s = f.read().rsplit(')', 1)[1].split()
    return int(s[13]) + int(s[14])
def wait_quiet():
    while True:
        b0, t0 = busy(); time.sleep(2); b1, t1 = busy()
        if (b1 - b0) / max(1, t1 - t0) < 0.05:
            return
        time.sleep(3)
def bench(port, server_pid, args, test):
    rps = float('nan')
    for attempt in range(12):
        wait_quiet()
        b0, _ = busy(); s0 = pticks(server_pid); c0 = children_ticks()
        out = subprocess.run(["redis-benchmark", "-p", str(port), "-q", "-t", test] + args,
                             capture_output=True, text=True).stdout
        b1, _ = busy(); s1 = pticks(server_pid); c1 = children_ticks()
        other = (b1 - b0) - (s1 - s0) - (c1 - c0)
        ours = (s1 - s0) + (c1 - c0)
        m = re.findall(r'([\d.]+) requests per second', out.replace('\r', '\n'))
        if not m:
            continue
        rps = float(m[-1])
        if other <= 0.05 * max(ours, 1) + 2:
            return rps, attempt
    return rps, -1  # never quiet: the last (disturbed) figure, flagged by retries -1
def start_lime():
    p = subprocess.Popen(["java", "-jar", JAR, "--port", str(LPORT), "--lime-loops", LOOPS],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    subprocess.run(["redis-benchmark", "-p", str(LPORT), "-q", "-t", "set,get,incr,mset", "-P", "16", "-n", "1000000"], capture_output=True)
    subprocess.run(["redis-benchmark", "-p", str(LPORT), "-q", "-t", "set,get,incr,mset", "-n", "100000"], capture_output=True)
    return p
def start_redis():
    p = subprocess.Popen(["redis-server", "--port", str(RPORT), "--save", "", "--appendonly", "no"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return p
results = {}
lime = start_lime(); redis = start_redis()
try:
    for r in range(ROUNDS):
        for name, args in CONFIGS:
            for test in TESTS:
                for who, port, proc in (("lime", LPORT, lime), ("redis", RPORT, redis)):
                    rps, att = bench(port, proc.pid, args, test)
                    results.setdefault(f"{name}/{test}/{who}", []).append(rps)
                    print(f"round {r} {name} {test} {who}: {rps:.0f} (retries {att})", flush=True)
finally:
    lime.terminate(); redis.terminate(); lime.wait(); redis.wait()
json.dump(results, open(OUT, 'w'), indent=1)
for name, _ in CONFIGS:
    for test in TESTS:
        l = statistics.median(results[f"{name}/{test}/lime"]); rd = statistics.median(results[f"{name}/{test}/redis"])
        print(f"{name:7s} {test:5s} lime {l:>11.0f}  redis {rd:>11.0f}  ratio {l/rd:.2f}")
