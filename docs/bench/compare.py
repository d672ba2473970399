#!/usr/bin/env python3
"""LIME against redis-server with redis-benchmark, side by side (docs/benchmarks.md).

Side by side (the default):

    python3 docs/bench/compare.py lime-server/target/lime-server.jar --out bench-out

starts LIME (java -jar JAR --lime-loops LOOPS --save '' --appendonly no) and redis-server 7.0
(--save '' --appendonly no) on ports 17911/17912, warms LIME up (then FLUSHALL), then for
--rounds rounds runs every redis-benchmark test (SET GET INCR LPUSH RPUSH LPOP RPOP SADD HSET
SPOP ZADD ZPOPMIN LRANGE_100/300/600 MSET) at every pipeline depth (-P 1 and -P 16) on both
servers, one test at a time, alternating which server goes first from round to round.
Each run records requests/s, p50 and p99 latency
(redis-benchmark --csv) and the server's CPU per request: utime+stime of the server process
(/proc/PID/stat: every JVM thread, JIT and GC included) before and after the run, divided by
the requests. LRANGE_* runs also do redis-benchmark's LPUSH fill (as many LPUSHes as LRANGEs):
their CPU per request has the LPUSH CPU per request of the same round subtracted (when LPUSH
is among the tests). At 100 ticks/s the CPU figures need runs of a second or more.

Writes to --out: results.json (every run), table.md (medians: ratio table and the figures
of both servers) and chart.png (matplotlib) or, without matplotlib, chart.svg (drawn here).

Before each run the script waits for a quiet machine (< 5% CPU busy for 2 s) and repeats a
run that other processes disturbed (they took more than 5% of the CPU the servers and the
client used); --no-quiet skips both (smoke runs on a busy machine: figures then mean nothing).

Scaling (--scaling 1,2,4,8): throughput of LIME with --lime-loops 1, 2, 4, 8 (one start each)
against redis-server, with redis-benchmark --threads CLIENT_THREADS (default: cores / 2) so
the client is not the limit, for --scaling-tests (default set,get) at every pipeline depth;
writes scaling.json and scaling.md. Meaningful on a machine with more cores than loops plus
client threads.

Smoke: python3 docs/bench/compare.py JAR --out /tmp/b -n 2000 --rounds 1 --no-quiet
"""
import argparse, json, os, shlex, shutil, socket, statistics, subprocess, sys, tempfile, time

TESTS = ["set", "get", "incr", "lpush", "rpush", "lpop", "rpop", "sadd", "hset", "spop",
         "zadd", "zpopmin", "lrange_100", "lrange_300", "lrange_600", "mset"]
LPORT, RPORT = 17911, 17912
CLK_TCK = os.sysconf("SC_CLK_TCK")


def parse_args():
    a = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    a.add_argument("jar", help="lime-server/target/lime-server.jar")
    a.add_argument("--out", default="bench-out", help="output directory (default bench-out)")
    a.add_argument("--loops", default="1", help="LIME --lime-loops (default 1)")
    a.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    a.add_argument("--tests", default=",".join(TESTS), help="redis-benchmark -t names")
    a.add_argument("--pipelines", default="1,16", help="pipeline depths (default 1,16)")
    a.add_argument("-n", type=int, default=0,
                   help="requests per run (default 200000 at P1, 1000000 when pipelined)")
    a.add_argument("-c", type=int, default=50, help="clients (default 50)")
    a.add_argument("-r", type=int, default=100000, help="key space, -r (default 100000)")
    a.add_argument("--lime-args", default="--save '' --appendonly no",
                   help="extra LIME arguments (default as Redis's: --save '' --appendonly no)")
    a.add_argument("--no-quiet", action="store_true",
                   help="do not wait for a quiet machine nor repeat disturbed runs")
    a.add_argument("--scaling", default="", help="LIME loop counts for a scaling run, e.g. 1,2,4")
    a.add_argument("--scaling-tests", default="set,get", help="tests of the scaling run")
    a.add_argument("--client-threads", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                   help="redis-benchmark --threads in the scaling run (default cores / 2)")
    a.add_argument("--redis-io-threads", type=int, default=1,
                   help="redis-server --io-threads in the scaling run (default 1)")
    return a.parse_args()


# --- measurement -----------------------------------------------------------------------------

def busy():
    with open("/proc/stat") as f:
        v = list(map(int, f.readline().split()[1:]))
    return sum(v) - v[3] - v[4], sum(v)


def proc_ticks(pid):
    """utime + stime of process pid (all its threads), in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read().rsplit(")", 1)[1].split()
        return int(s[11]) + int(s[12])
    except FileNotFoundError:
        return 0


def children_ticks():
    with open("/proc/self/stat") as f:
        s = f.read().rsplit(")", 1)[1].split()
    return int(s[13]) + int(s[14])


def wait_quiet():
    while True:
        b0, t0 = busy(); time.sleep(2); b1, t1 = busy()
        if (b1 - b0) / max(1, t1 - t0) < 0.05:
            return
        time.sleep(3)


def parse_csv(out):
    """{test name: (rps, p50 ms, p99 ms)} from redis-benchmark --csv output."""
    rows = {}
    for line in out.splitlines():
        f = [x.strip('"') for x in line.strip().split('","')]
        if len(f) == 8 and f[0] != "test":
            rows[f[0]] = (float(f[1]), float(f[4]), float(f[6]))
    return rows


def row_for(rows, test):
    """The row of test (LRANGE_100 is "LRANGE_100 (first 100 elements)", LPUSH fill skipped)."""
    for name, v in rows.items():
        if name.split()[0] == test.upper() and "needed" not in name:
            return v
    return None


def bench(port, pid, test, extra, quiet):
    """One redis-benchmark run of one test: dict with rps, p50, p99, server ticks, retries."""
    result = None
    for attempt in range(12 if quiet else 1):
        if quiet:
            wait_quiet()
        b0, _ = busy(); s0 = proc_ticks(pid); c0 = children_ticks()
        out = subprocess.run(["redis-benchmark", "-p", str(port), "--csv", "-t", test] + extra,
                             capture_output=True, text=True).stdout
        b1, _ = busy(); s1 = proc_ticks(pid); c1 = children_ticks()
        row = row_for(parse_csv(out), test)
        if row is None:
            continue
        server = s1 - s0
        other = (b1 - b0) - server - (c1 - c0)
        result = {"rps": row[0], "p50": row[1], "p99": row[2], "ticks": server,
                  "retries": attempt}
        if not quiet or other <= 0.05 * max(server + c1 - c0, 1) + 2:
            return result
    if result is not None:
        result["retries"] = -1  # never quiet: the last (disturbed) figure, flagged
    return result


# --- servers ---------------------------------------------------------------------------------

def wait_port(port, proc):
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"server on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"server on port {port} did not answer PING")


def start_lime(args, loops, workdir):
    p = subprocess.Popen(["java", "-jar", os.path.abspath(args.jar), "--port", str(LPORT),
                          "--lime-loops", str(loops)] + shlex.split(args.lime_args), cwd=workdir,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(LPORT, p)
    return p


def start_redis(workdir, io_threads=1):
    args = ["redis-server", "--port", str(RPORT), "--save", "", "--appendonly", "no"]
    if io_threads > 1:
        args += ["--io-threads", str(io_threads)]
    p = subprocess.Popen(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(RPORT, p)
    return p


def warm_up(port, tests, args):
    """JIT warm-up for LIME: every test once, pipelined and not, results dropped; then
    FLUSHALL, so both servers start the measured runs empty."""
    t = ",".join(tests)
    n = max(args.n, 20000)
    for extra in (["-P", "16", "-n", str(n * 5)], ["-n", str(n)]):
        subprocess.run(["redis-benchmark", "-p", str(port), "-q", "-t", t, "-r", str(args.r)]
                       + extra, capture_output=True)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"FLUSHALL\r\n")
        s.recv(16)


def stop(*procs):
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


def requests(args, pipe):
    return args.n or (200000 if pipe == 1 else 1000000)


def run_args(args, pipe):
    return ["-n", str(requests(args, pipe)), "-c", str(args.c), "-r", str(args.r), "-P", str(pipe)]


# --- side by side ----------------------------------------------------------------------------

def side_by_side(args, tests, pipes, workdir):
    runs = []  # {round, pipe, test, server, rps, p50, p99, ticks, retries, requests}
    lime = start_lime(args, args.loops, workdir)
    redis = start_redis(workdir)
    try:
        warm_up(LPORT, tests, args)
        for rnd in range(args.rounds):
            for pipe in pipes:
                for test in tests:
                    order = [("lime", LPORT, lime), ("redis", RPORT, redis)]
                    if rnd % 2:
                        order.reverse()
                    for who, port, proc in order:
                        r = bench(port, proc.pid, test, run_args(args, pipe), not args.no_quiet)
                        if r is None:
                            print(f"round {rnd} P{pipe} {test} {who}: no result", flush=True)
                            continue
                        r.update(round=rnd, pipe=pipe, test=test, server=who,
                                 requests=requests(args, pipe))
                        runs.append(r)
                        print(f"round {rnd} P{pipe} {test:10s} {who:5s} {r['rps']:>11.0f} rps"
                              f"  p50 {r['p50']:.3f}  p99 {r['p99']:.3f} ms"
                              f"  cpu {cpu_ns(r, runs):.0f} ns/req  retries {r['retries']}",
                              flush=True)
    finally:
        stop(lime, redis)
    return runs


def cpu_ns(r, runs):
    """Server CPU ns per request; LRANGE runs minus their LPUSH fill (same round and server)."""
    ns = r["ticks"] * 1e9 / CLK_TCK / r["requests"]
    if r["test"].startswith("lrange"):
        fill = [x for x in runs if x["test"] == "lpush" and x["round"] == r["round"]
                and x["pipe"] == r["pipe"] and x["server"] == r["server"]]
        if fill:
            ns -= fill[0]["ticks"] * 1e9 / CLK_TCK / fill[0]["requests"]
    return ns


def medians(runs, tests, pipes):
    m = {}
    for pipe in pipes:
        for test in tests:
            for who in ("lime", "redis"):
                rs = [r for r in runs if r["pipe"] == pipe and r["test"] == test
                      and r["server"] == who]
                if rs:
                    m[(pipe, test, who)] = {
                        "rps": statistics.median(r["rps"] for r in rs),
                        "p50": statistics.median(r["p50"] for r in rs),
                        "p99": statistics.median(r["p99"] for r in rs),
                        "cpu": statistics.median(cpu_ns(r, runs) for r in rs),
                        "disturbed": sum(1 for r in rs if r["retries"] < 0)}
    return m


def table(m, tests, pipes, args):
    out = [f"LIME (`--lime-loops {args.loops}`) against redis-server, redis-benchmark "
           f"`-c {args.c} -r {args.r}`, {args.rounds} alternating round(s), medians. "
           "Ratios LIME/Redis: throughput above 1 and latency or CPU below 1 favour LIME.", ""]
    head = "| test | " + " | ".join(f"P{p} rps ratio" for p in pipes) + " | " + \
        " | ".join(f"P{p} p99 ratio | P{p} CPU/req ratio" for p in pipes) + " |"
    out += [head, "|---" * (1 + 3 * len(pipes)) + "|"]
    for test in tests:
        cells = []
        for p in pipes:
            l, r = m.get((p, test, "lime")), m.get((p, test, "redis"))
            cells.append(f"{l['rps'] / r['rps']:.2f}" if l and r and r["rps"] else "-")
        for p in pipes:
            l, r = m.get((p, test, "lime")), m.get((p, test, "redis"))
            cells.append(f"{l['p99'] / r['p99']:.2f}" if l and r and r["p99"] else "-")
            cells.append(f"{l['cpu'] / r['cpu']:.2f}" if l and r and r["cpu"] > 0 else "-")
        out.append(f"| {test.upper()} | " + " | ".join(cells) + " |")
    for p in pipes:
        out += ["", f"P{p} (`-P {p} -n {requests(args, p)}`): LIME / Redis", "",
                "| test | rps | p50 ms | p99 ms | server CPU ns/req | disturbed runs |",
                "|---|---:|---:|---:|---:|---:|"]
        for test in tests:
            l, r = m.get((p, test, "lime")), m.get((p, test, "redis"))
            if not (l and r):
                continue
            out.append(f"| {test.upper()} | {l['rps']:,.0f} / {r['rps']:,.0f} | "
                       f"{l['p50']:.3f} / {r['p50']:.3f} | {l['p99']:.3f} / {r['p99']:.3f} | "
                       f"{l['cpu']:,.0f} / {r['cpu']:,.0f} | {l['disturbed']} / {r['disturbed']} |")
    return "\n".join(out) + "\n"


# --- chart -----------------------------------------------------------------------------------

def ratios(m, tests, pipes):
    """[(test, {pipe: rps ratio})]."""
    rows = []
    for t in tests:
        rs = {}
        for p in pipes:
            l, r = m.get((p, t, "lime")), m.get((p, t, "redis"))
            if l and r and r["rps"]:
                rs[p] = l["rps"] / r["rps"]
        rows.append((t, rs))
    return rows


COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"]


def chart(m, tests, pipes, outdir):
    rows = ratios(m, tests, pipes)
    title = "Throughput LIME / Redis (redis-benchmark, medians)"
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return svg_chart(rows, pipes, title, os.path.join(outdir, "chart.svg"))
    fig, ax = plt.subplots(figsize=(12, 4.5))
    w = 0.8 / len(pipes)
    for i, p in enumerate(pipes):
        ax.bar([x + i * w for x in range(len(rows))], [rs.get(p, 0) for _, rs in rows], w,
               label=f"P{p}", color=COLORS[i % len(COLORS)])
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks([x + w * (len(pipes) - 1) / 2 for x in range(len(rows))])
    ax.set_xticklabels([t.upper() for t, _ in rows], rotation=45, ha="right")
    ax.set_ylabel("ratio (> 1: LIME faster)")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    path = os.path.join(outdir, "chart.png")
    fig.savefig(path, dpi=120)
    return path


def svg_chart(rows, pipes, title, path):
    """A grouped bar chart as SVG, without any library."""
    width, height, left, top, bottom = 960, 380, 60, 40, 90
    plot_h = height - top - bottom
    vmax = max([1.25] + [v for _, rs in rows for v in rs.values()]) * 1.05
    group = (width - left - 20) / max(1, len(rows))
    bar = group * 0.8 / len(pipes)
    y = lambda v: top + plot_h * (1 - v / vmax)
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'font-family="sans-serif" font-size="11">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    tick = 0.0
    while tick <= vmax:
        s.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                 f'stroke="#ddd"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" '
                 f'text-anchor="end">{tick:.2f}</text>')
        tick += 0.25
    for i, (t, rs) in enumerate(rows):
        x0 = left + i * group + group * 0.1
        for j, p in enumerate(pipes):
            if p in rs:
                s.append(f'<rect x="{x0 + j * bar:.1f}" y="{y(rs[p]):.1f}" width="{bar:.1f}" '
                         f'height="{y(0) - y(rs[p]):.1f}" fill="{COLORS[j % len(COLORS)]}">'
                         f'<title>{t.upper()} P{p}: {rs[p]:.2f}</title></rect>')
        cx = x0 + group * 0.4
        s.append(f'<text x="{cx:.1f}" y="{y(0) + 12:.1f}" text-anchor="end" '
                 f'transform="rotate(-45 {cx:.1f} {y(0) + 12:.1f})">{t.upper()}</text>')
    s.append(f'<line x1="{left}" x2="{width - 20}" y1="{y(1):.1f}" y2="{y(1):.1f}" '
             f'stroke="black"/>')
    for j, p in enumerate(pipes):
        lx = width - 120 + j * 50
        s.append(f'<rect x="{lx}" y="30" width="10" height="10" fill="{COLORS[j % len(COLORS)]}"/>'
                 f'<text x="{lx + 14}" y="39">P{p}</text>')
    s.append(f'<text x="14" y="{top + plot_h / 2}" transform="rotate(-90 14 {top + plot_h / 2})" '
             f'text-anchor="middle">ratio (&gt; 1: LIME faster)</text></svg>')
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")
    return path


# --- scaling ---------------------------------------------------------------------------------

def scaling(args, loops_list, tests, pipes, workdir):
    """{(who, loops, pipe, test): rps}: LIME per loop count (one start each), then Redis."""
    res = {}
    threads = ["--threads", str(args.client_threads)]
    for loops in loops_list + [0]:
        proc = start_lime(args, loops, workdir) if loops else \
            start_redis(workdir, args.redis_io_threads)
        port = LPORT if loops else RPORT
        try:
            if loops:
                warm_up(port, tests, args)
            for pipe in pipes:
                for test in tests:
                    rps = [r["rps"] for r in (bench(port, proc.pid, test,
                                                    run_args(args, pipe) + threads,
                                                    not args.no_quiet)
                                              for _ in range(args.rounds)) if r]
                    if rps:
                        who = f"lime-{loops}" if loops else "redis"
                        res[(who, pipe, test)] = statistics.median(rps)
                        print(f"scaling {who:8s} P{pipe} {test:6s} {res[(who, pipe, test)]:>11.0f}"
                              " rps", flush=True)
        finally:
            stop(proc)
    return res


def scaling_table(res, loops_list, tests, pipes, args):
    out = [f"Throughput (requests/s, median of {args.rounds}) against `--lime-loops`, "
           f"redis-benchmark `--threads {args.client_threads} -c {args.c} -r {args.r}`, "
           f"{os.cpu_count()} cores; Redis with io-threads {args.redis_io_threads}.", "",
           "| test | " + " | ".join(f"LIME {n} loop(s)" for n in loops_list) + " | Redis |",
           "|---" + "|---:" * (len(loops_list) + 1) + "|"]
    for pipe in pipes:
        for test in tests:
            cells = [res.get((f"lime-{n}", pipe, test)) for n in loops_list]
            cells.append(res.get(("redis", pipe, test)))
            out.append(f"| {test.upper()} P{pipe} | " + " | ".join(
                f"{c:,.0f}" if c else "-" for c in cells) + " |")
    return "\n".join(out) + "\n"


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    pipes = [int(p) for p in args.pipelines.split(",")]
    workdir = tempfile.mkdtemp(prefix="lime-compare-")  # the servers' working directory
    try:
        run(args, pipes, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, pipes, workdir):
    if args.scaling:
        loops_list = [int(n) for n in args.scaling.split(",")]
        tests = args.scaling_tests.split(",")
        res = scaling(args, loops_list, tests, pipes, workdir)
        with open(os.path.join(args.out, "scaling.json"), "w") as f:
            json.dump([{"server": k[0], "pipe": k[1], "test": k[2], "rps": v}
                       for k, v in res.items()], f, indent=1)
        md = scaling_table(res, loops_list, tests, pipes, args)
        with open(os.path.join(args.out, "scaling.md"), "w") as f:
            f.write(md)
        print(md)
        return
    tests = args.tests.split(",")
    runs = side_by_side(args, tests, pipes, workdir)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(runs, f, indent=1)
    m = medians(runs, tests, pipes)
    md = table(m, tests, pipes, args)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write(md)
    print(md)
    print("chart:", chart(m, tests, pipes, args.out))


if __name__ == "__main__":
    main()
