#!/bin/bash
# System calls and context switches of the server per 1000 requests, LIME vs Redis (perf
# tracepoints). Usage: docs/bench/syscalls.sh TEST PIPELINE REQUESTS [JAR] (port 17998)
T=${1:-spop}; P=${2:-16}; N=${3:-2000000}; JAR=${4:-lime-server/target/lime-server.jar}
for v in lime redis; do
  if [ $v = lime ]; then java -jar "$JAR" --port 17998 --save '' >/dev/null 2>&1 &
  else redis-server --port 17998 --save '' --appendonly no >/dev/null 2>&1 & fi
  sleep 2; [ $v = lime ] && pid=$(pgrep -f "java -jar .* --port 17998") || pid=$(pgrep -f "redis-server.*17998")
  redis-benchmark -p 17998 -c 50 -n $N -P $P -t $T -q > /dev/null
  perf stat -e syscalls:sys_enter_epoll_wait,syscalls:sys_enter_write,syscalls:sys_enter_read,context-switches -p $pid -o /tmp/ps-$v.txt -- redis-benchmark -p 17998 -c 50 -n $N -P $P -t $T --csv 2>/dev/null | tail -1 | cut -d, -f1,2
  grep -E "epoll_wait|enter_write|enter_read|context" /tmp/ps-$v.txt | awk -v n=$N -v v=$v '{printf "%s %s per 1000 req: %.1f\n", v, $2, $1*1000/n}' | tr -d ','
  redis-cli -p 17998 shutdown nosave >/dev/null 2>&1; sleep 1
done
