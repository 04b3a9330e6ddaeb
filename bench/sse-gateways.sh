#!/usr/bin/env bash
# 50,000+ SSE streams on one machine: one process holds at most ~19,900 sockets here (20,000 open files), so the
# streams are spread the way Reddot scales out. The all-in-one (broker, publisher, gateway 1) and two more gateways
# on its broker each get STREAMS streams from a `bench sse` of their own (a load generator has the same limit); all
# three run at once and each user's count changes once through the publisher's API. Prints how many streams were
# open at the same moment and each gateway's figures. Needs the jars (mvn -B -q -DskipTests package). Everything
# listens on 127.0.0.1 only and stops when the script ends.
#
#   bench/sse-gateways.sh [STREAMS]     default 17000 per gateway (51,000 in all)
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
STREAMS="${1:-17000}"
require_jars "$SIMULATOR" "$ALL_IN_ONE" "$GATEWAY"

sse_streams() { # port → open SSE streams of that gateway
  curl -fs "http://127.0.0.1:$1/actuator/prometheus" \
    | awk '/^reddot_gateway_connections\{.*transport="sse"/ { print int($2) }'
}

MQTT=$(free_port); WS=$(free_port)
HTTP=($(free_port) $(free_port) $(free_port))
java -jar "$ALL_IN_ONE" --server.port="${HTTP[0]}" --reddot.broker.port="$MQTT" --reddot.broker.websocket-port="$WS" \
  --reddot.data-dir="$WORK/data" >"$WORK/gateway-1.log" 2>&1 &
PIDS+=($!); GATEWAY_PIDS=($!)
await_health "${HTTP[0]}" "$WORK/gateway-1.log"
for i in 1 2; do
  java -jar "$GATEWAY" --server.port="${HTTP[$i]}" --reddot.mqtt.url="tcp://127.0.0.1:$MQTT" \
    --reddot.mqtt.gateway-client-id="bench-gateway-$((i + 1))" >"$WORK/gateway-$((i + 1)).log" 2>&1 &
  PIDS+=($!); GATEWAY_PIDS+=($!)
done
for i in 1 2; do await_health "${HTTP[$i]}" "$WORK/gateway-$((i + 1)).log"; done

echo "3 gateways × $STREAMS SSE streams; $(nproc) cores shared with the three load generators" >&2
BENCHES=()
for i in 0 1 2; do
  java -jar "$SIMULATOR" bench sse --url "http://127.0.0.1:${HTTP[$i]}" --api-url "http://127.0.0.1:${HTTP[0]}" \
    --users "$STREAMS" --user-prefix "g$((i + 1))-user-" --gateway-pid "${GATEWAY_PIDS[$i]}" --timeout 300s \
    >"$WORK/bench-$((i + 1)).txt" 2>&1 &
  PIDS+=($!); BENCHES+=($!)
done
most=0
while kill -0 "${BENCHES[@]}" 2>/dev/null; do
  open=0
  for port in "${HTTP[@]}"; do open=$((open + $(sse_streams "$port" || echo 0))); done
  ((open > most)) && most=$open
  sleep 2
done
wait "${BENCHES[@]}" || true

echo "SSE streams open at the same moment on the three gateways: $most"
for i in 1 2 3; do
  echo "gateway $i:"
  grep -E '^\s*(connected|failed|events|missing|latency-p50|latency-p99|latency-max|gateway-rss-before|gateway-rss-after)\s' \
    "$WORK/bench-$i.txt" || cat "$WORK/bench-$i.txt"
done
