"""ZADD A/B through the server: LIME jars and redis-server, interleaved rounds.

Usage: [P=16] [OLD=1] python3 docs/bench/zadd/ab.py ROUNDS N name=lime-server.jar[,JVM flag,...] ...
Each round FLUSHALLs and runs `redis-benchmark -t zadd -P $P -c 50 -r 100000 -n N` on every
server (order reversed on odd rounds); prints server CPU per request (utime+stime from
/proc/PID/stat), req/s, p50 and p99, then medians. Ports 17951.. and 17959 (redis).

The set is built by the measured run itself, so its nodes are young objects in G1's sense.
With OLD=1 the set is built first (`-t zadd -P 16 -n 400000`) and each LIME JVM then runs a
full collection (`jcmd PID GC.run`), so the measured run updates a set in old regions, as in
docs/bench/compare.py, where one server runs every test and round and the ZADD set outlives
many young collections.
"""
import tempfile
import os, socket, subprocess, sys, time, statistics
ROUNDS=int(sys.argv[1]) if len(sys.argv)>1 else 3
N=int(sys.argv[2]) if len(sys.argv)>2 else 300000
TK=os.sysconf('SC_CLK_TCK')
def cpu(pid):
    f=open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()
    return (int(f[11])+int(f[12]))/TK
def wait(port):
    for _ in range(300):
        try:
            with socket.create_connection(('127.0.0.1',port),timeout=1) as s:
                s.sendall(b'PING\r\n'); s.recv(10); return
        except OSError: time.sleep(0.1)
    sys.exit('no answer %d'%port)
def cli(port,*a): subprocess.run(['redis-cli','-p',str(port)]+list(a),stdout=subprocess.DEVNULL)
wd=tempfile.mkdtemp(prefix='zadd-ab')
srv={}
JARS=[x.split('=',1) for x in sys.argv[3:]]
SPEC=[(n,17951+i,['java']+j.split(',')[1:]+['-jar',j.split(',')[0],'--port',str(17951+i),'--lime-loops','1','--save','','--appendonly','no']) for i,(n,j) in enumerate(JARS)]+[('redis',17959,['redis-server','--port','17959','--save','','--appendonly','no'])]
for name,port,cmd in SPEC:
    p=subprocess.Popen(cmd,cwd=wd,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); wait(port); srv[name]=(port,p)
def bench(port,n,P=os.environ.get('P','16')):
    r=subprocess.run(['redis-benchmark','-p',str(port),'-t','zadd','-P',P,'-c','50','-r','100000','-n',str(n),'--csv'],capture_output=True,text=True).stdout
    line=[l for l in r.splitlines() if 'ZADD' in l][0]
    f=[x.strip('"') for x in line.split(',')]
    return float(f[1]), float(f[4]), float(f[6])
try:
    for name in [n for n,j in JARS]:  # warm up JIT
        port,p=srv[name]; bench(port,200000); cli(port,'FLUSHALL')
    res={k:[] for k in srv}
    for r in range(ROUNDS):
        for name in ([n for n,j in JARS]+['redis'] if r%2==0 else [n for n,j in JARS][::-1]+['redis']):
            port,p=srv[name]; cli(port,'FLUSHALL')
            if os.environ.get('OLD'):
                bench(port,400000,'16')
                if name!='redis': subprocess.run(['jcmd',str(p.pid),'GC.run'],stdout=subprocess.DEVNULL)
            c0=cpu(p.pid); rps,p50,p99=bench(port,N); c1=cpu(p.pid)
            ns=(c1-c0)*1e9/N; res[name].append((ns,rps,p99,p50))
            print(f'round {r} {name}: {ns:.0f} ns/req cpu, {rps:.0f} req/s, p50 {p50} p99 {p99} ms, load {os.getloadavg()[0]:.1f}',flush=True)
    for k,v in res.items():
        print(f'{k}: median cpu {statistics.median([x[0] for x in v]):.0f} ns/req, median {statistics.median([x[1] for x in v]):.0f} req/s, median p50 {statistics.median([x[3] for x in v]):.3f} ms, median p99 {statistics.median([x[2] for x in v]):.3f} ms')
finally:
    for port,p in srv.values(): p.terminate()
    for port,p in srv.values(): p.wait()
