#!/bin/bash
# P1 ZADD on an old set: G1 default vs ParallelGC vs Redis; server CPU per request.
# Usage: docs/bench/zadd/p1-old-set.sh lime-server/target/lime-server.jar (port 17995)
JAR=${1:-lime-server/target/lime-server.jar}
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
run() { # name pid port
  redis-benchmark -p $3 -c 50 -n 300000 -r 100000 -P 16 -t zadd -q >/dev/null
  [ "$1" != redis ] && jcmd $2 GC.run >/dev/null
  redis-benchmark -p $3 -c 50 -n 100000 -r 100000 -t zadd -q >/dev/null
  c0=$(cpu $2); out=$(redis-benchmark -p $3 -c 50 -n 200000 -r 100000 -t zadd --csv | tail -1); c1=$(cpu $2)
  echo "$1 $(echo $out | cut -d, -f2,7,8) cpu_ns/req=$(( (c1-c0)*10000000/200000 ))"
}
for r in 1 2; do
for v in g1 par redis; do
  case $v in
    g1) java -jar "$JAR" --port 17995 --save '' >/dev/null 2>&1 & ;;
    par) java -XX:+UseParallelGC -jar "$JAR" --port 17995 --save '' >/dev/null 2>&1 & ;;
    redis) redis-server --port 17995 --save '' --appendonly no >/dev/null 2>&1 & ;;
  esac
  sleep 2; pid=$(pgrep -f "17995" | grep -v $$ | head -1); [ $v = redis ] && pid=$(pgrep -f "redis-server.*17995")
  run $v $pid 17995
  redis-cli -p 17995 shutdown nosave >/dev/null 2>&1; sleep 1
done; done
