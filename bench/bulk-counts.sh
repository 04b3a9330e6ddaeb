#!/usr/bin/env bash
# POST /api/counts under load: the broker and the publisher alone (H2, or PostgreSQL with --postgres URL USER PASSWORD),
# wrk sending requests of ENTRIES increments over 10,000 users on CONNECTIONS connections. After a 30 s warm-up (the JIT
# needs it) it makes three runs and prints for each wrk's figures, the changes per second, the CPU seconds the
# publisher and the broker spent per 1,000 changes, and how long after the last answer the outbox was empty (every
# count acknowledged by the broker).
# Needs the jars (mvn -B -q -DskipTests package) and wrk (apt-get install wrk).
#
#   bench/bulk-counts.sh [ENTRIES=1000] [CONNECTIONS=2] [SECONDS=30] [--postgres URL USER PASSWORD]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

ENTRIES=${1:-1000}; CONNECTIONS=${2:-2}; SECONDS_=${3:-30}
DATABASE=()
if [[ "${4:-}" == "--postgres" ]]; then
  DATABASE=(--spring.datasource.url="$5" --spring.datasource.username="$6" --spring.datasource.password="$7")
fi
BROKER="$ROOT/broker/target/reddot-broker.jar"
PUBLISHER="$ROOT/publisher-service/target/reddot-publisher.jar"
require_jars "$BROKER" "$PUBLISHER"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
SCRIPT="$ROOT/bench/bulk-counts.lua"

MQTT=$(free_port); WS=$(free_port); HTTP=$(free_port)
java -jar "$BROKER" --reddot.broker.port="$MQTT" --reddot.broker.websocket-port="$WS" \
  --reddot.data-dir="$WORK/broker" >"$WORK/broker.log" 2>&1 &
BROKER_PID=$!; PIDS+=("$BROKER_PID")
java -jar "$PUBLISHER" --server.port="$HTTP" --reddot.mqtt.url="tcp://127.0.0.1:$MQTT" \
  --reddot.data-dir="$WORK/publisher" "${DATABASE[@]}" >"$WORK/publisher.log" 2>&1 &
PUBLISHER_PID=$!; PIDS+=("$PUBLISHER_PID")
await_health "$HTTP" "$WORK/publisher.log"

cpu() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
backlog() { curl -s "http://127.0.0.1:$HTTP/actuator/prometheus" | awk '/^reddot_publisher_outbox_backlog /{print $2}'; }
await_empty_outbox() { until [[ "$(backlog)" == "0.0" ]]; do sleep 0.2; done; }

wrk -t1 -c"$CONNECTIONS" -d30s --timeout 20s -s "$SCRIPT" "http://127.0.0.1:$HTTP" -- "$ENTRIES" 10000 >/dev/null
await_empty_outbox

for run in 1 2 3; do
  publisher_cpu=$(cpu "$PUBLISHER_PID"); broker_cpu=$(cpu "$BROKER_PID")
  echo "run $run, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_}s" --timeout 20s -s "$SCRIPT" "http://127.0.0.1:$HTTP" -- "$ENTRIES" 10000 \
    | tee "$WORK/wrk.out" | grep -E "Latency|requests in|Requests/sec|status"
  ended=$(date +%s.%N)
  await_empty_outbox
  drained=$(echo "$(date +%s.%N) - $ended" | bc)
  requests=$(awk '/requests in/{print $1}' "$WORK/wrk.out")
  changes=$((requests * ENTRIES))
  awk -v c="$changes" -v s="$SECONDS_" -v p="$(echo "$(cpu "$PUBLISHER_PID") - $publisher_cpu" | bc)" \
    -v b="$(echo "$(cpu "$BROKER_PID") - $broker_cpu" | bc)" -v d="$drained" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN { printf "%d changes, %.0f changes/s; CPU s per 1,000 changes: publisher %.3f, broker %.3f; outbox empty %.1f s after the last answer; load average after: %s\n", c, c / s, p * 1000 / c, b * 1000 / c, d, l }'
done
