#!/bin/bash
# SPOP on a missing key at -P 16: server and client CPU per request, LIME vs Redis.
# Usage: docs/bench/spop-nil.sh lime-server/target/lime-server.jar (port 17996)
JAR=${1:-lime-server/target/lime-server.jar}
for r in 1 2 3; do
for v in lime redis; do
  if [ $v = lime ]; then java -jar "$JAR" --port 17996 --save '' >/dev/null 2>&1 &
  else redis-server --port 17996 --save '' --appendonly no >/dev/null 2>&1 & fi
  sleep 2; [ $v = lime ] && pid=$(pgrep -f "java -jar .* --port 17996") || pid=$(pgrep -f "redis-server.*17996")
  redis-benchmark -p 17996 -c 50 -n 2000000 -P 16 -t spop -q > /dev/null  # warm-up
  s0=$(awk '{print $14+$15}' /proc/$pid/stat)
  /usr/bin/time -f "%U %S" -o /tmp/ct.txt redis-benchmark -p 17996 -c 50 -n 2000000 -P 16 -t spop --csv > /tmp/sp.csv
  s1=$(awk '{print $14+$15}' /proc/$pid/stat)
  rps=$(tail -1 /tmp/sp.csv | cut -d, -f2 | tr -d '"')
  read u s < /tmp/ct.txt
  echo "$v rps=$rps server_ns/req=$(( (s1-s0)*10000000/2000000 )) client_ns/req=$(python3 -c "print(int(($u+$s)*1e9/2000000))")"
  redis-cli -p 17996 shutdown nosave >/dev/null 2>&1; sleep 1
done; done
