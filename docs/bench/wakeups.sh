#!/bin/bash
# Who sleeps, who pays (docs/benchmarks.md, session 7): per 1,000 requests, the client's
# (redis-benchmark) voluntary and involuntary context switches and CPU, and the server's
# voluntary switches (its sleeps), LIME then Redis, a fresh server each, after one warm-up
# run of the same test.
# Usage: docs/bench/wakeups.sh TEST PIPELINE REQUESTS [JAR] [SERVER_PIN] [CLIENT_PIN]
#   e.g. docs/bench/wakeups.sh lrange_600 1 50000 lime-server/target/lime-server.jar \
#        "taskset -c 1" "taskset -c 0"          (port 17998)
T=${1:-lrange_600}; P=${2:-1}; N=${3:-50000}; JAR=${4:-lime-server/target/lime-server.jar}
SPIN=${5:-}; CPIN=${6:-}
switches() { awk '/^voluntary/{v+=$2} /^nonvoluntary/{n+=$2} END{print v, n}' /proc/$1/task/*/status; }
for v in lime redis; do
  if [ $v = lime ]; then $SPIN java -jar "$JAR" --port 17998 --save '' >/dev/null 2>&1 &
  else $SPIN redis-server --port 17998 --save '' --appendonly no >/dev/null 2>&1 & fi
  sleep 2
  if [ $v = lime ]; then pid=$(pgrep -f "java -jar .* --port 17998"); else pid=$(pgrep -f "redis-server.*17998"); fi
  redis-benchmark -p 17998 -c 50 -n $N -P $P -t $T -q > /dev/null
  read sv0 sn0 < <(switches $pid)
  $CPIN /usr/bin/time -f "%w %c %U %S" -o /tmp/wakeups-time.txt \
    redis-benchmark -p 17998 -c 50 -n $N -P $P -t $T --csv > /tmp/wakeups-$v.csv 2>/dev/null
  read sv1 sn1 < <(switches $pid)
  read w c u s < /tmp/wakeups-time.txt
  echo "$v rps=$(tail -1 /tmp/wakeups-$v.csv | cut -d, -f2 | tr -d '"')" \
    "client: voluntary $((w * 1000 / N)) involuntary $((c * 1000 / N))" \
    "cpu_ms $(python3 -c "print(round(($u + $s) * 1e6 / $N, 1))")" \
    "server: voluntary $(( (sv1 - sv0) * 1000 / N )) involuntary $(( (sn1 - sn0) * 1000 / N ))"
  redis-cli -p 17998 shutdown nosave >/dev/null 2>&1; sleep 1
done
