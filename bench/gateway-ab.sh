#!/bin/bash
# usage: bench/gateway-ab.sh JAR_DIR RATE [heap]  (JAR_DIR holds a reddot.jar; run from the repo root)
# One all-in-one on free ports with -Xlog:gc, 10,000 SSE streams, bench gateway at RATE changes/s (or, with heap, the
# heap after a full GC before and with the streams open). Run it for two builds alternately to compare them.
V=$1; RATE=$2; MODE=${3:-lat}; SIM=${SIM:-device-simulator/target/reddot-simulator.jar}
D=$V; PORT=$((20000 + RANDOM % 20000)); BP=$((PORT+1)); WP=$((PORT+2))
DATA=$(mktemp -d /tmp/gateway-ab.XXXX)
java -Xlog:gc:file=$DATA/gc.log -jar $D/reddot.jar --reddot.data-dir=$DATA --server.port=$PORT --reddot.broker.port=$BP \
  --reddot.broker.websocket-port=$WP $EXTRA > $DATA/app.log 2>&1 &
APP=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/actuator/health >/dev/null && break; sleep 1; done
if [ "$MODE" = heap ]; then
  timeout 200 java -jar $SIM bench gateway --url=http://127.0.0.1:$PORT \
    --mqtt-url=tcp://127.0.0.1:$BP --users=10000 --rate=1 --duration=5s --warmup=60s > $DATA/bench.out 2>&1 &
  B=$!
  jcmd $APP GC.run >/dev/null; sleep 1; jcmd $APP GC.run > /dev/null
  BEFORE=$(jcmd $APP GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
  for i in $(seq 1 120); do S=$(curl -s http://127.0.0.1:$PORT/push/stats); echo "$S" | grep -q '"sse":10000' && break; sleep 1; done
  sleep 3; jcmd $APP GC.run >/dev/null; sleep 1; jcmd $APP GC.run >/dev/null
  AFTER=$(jcmd $APP GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
  echo "$V heap before ${BEFORE}K after ${AFTER}K per stream $(( (AFTER-BEFORE)/10000 ))K ($S)"
  jcmd $APP GC.class_histogram > $DATA/histo.txt
  kill $B 2>/dev/null; wait $B 2>/dev/null
else
  java -jar $SIM bench gateway --url=http://127.0.0.1:$PORT \
    --mqtt-url=tcp://127.0.0.1:$BP --users=10000 --rate=$RATE --duration=20s --warmup=5s > $DATA/bench.out 2>&1
  echo "$V rate $RATE load $(cut -d' ' -f1 /proc/loadavg): $(grep -E 'connected|^ *(lost|latency|events|superseded)' $DATA/bench.out | awk '{print $1"="$2}' | tr '\n' ' ') maxpause $(grep -o 'Pause Young.*ms$' $DATA/gc.log | awk '{print $NF}' | tr -d ms | sort -n | tail -1)ms"
fi
kill $APP; wait $APP 2>/dev/null
echo "data: $DATA"
