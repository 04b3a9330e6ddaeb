#!/usr/bin/env bash
# Reddot's broker (the all-in-one) and Mosquitto side by side: the same MQTT benchmarks of reddot-simulator.jar,
# alternating between the two brokers, each run --runs times; prints one table of medians and the ratio.
# Needs the jars (mvn -B -q -DskipTests package) and Debian's mosquitto. Everything listens on 127.0.0.1 only
# and stops when the script ends.
#
#   bench/run.sh            the figures of the README (a few minutes)
#   bench/run.sh --quick    a small configuration that checks the script works
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

RUNS=3
USERS=10000
MESSAGES=25000
CONNECTIONS=15000
RATE=2000
JAVA_OPTS="${REDDOT_JAVA_OPTS:-}"
if [[ "${1:-}" == "--quick" ]]; then
  RUNS=1; USERS=200; MESSAGES=2000; CONNECTIONS=500; RATE=1000
fi

require_jars "$SIMULATOR" "$ALL_IN_ONE"
command -v mosquitto >/dev/null || { echo "mosquitto is not installed (apt-get install mosquitto)" >&2; exit 2; }

RAW="$ROOT/bench/last-run"   # every report of the last run, for a closer look
rm -rf "$RAW" && mkdir -p "$RAW"

# --- the two brokers ---------------------------------------------------------------------------------------
REDDOT_MQTT=$(free_port); REDDOT_WS=$(free_port); REDDOT_HTTP=$(free_port)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$ALL_IN_ONE" --server.port="$REDDOT_HTTP" --reddot.broker.port="$REDDOT_MQTT" \
  --reddot.broker.websocket-port="$REDDOT_WS" --reddot.data-dir="$WORK/reddot" >"$WORK/reddot.log" 2>&1 &
REDDOT_PID=$!; PIDS+=("$REDDOT_PID")

MOSQUITTO_MQTT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$MOSQUITTO_MQTT" >"$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" >"$WORK/mosquitto.log" 2>&1 &
MOSQUITTO_PID=$!; PIDS+=("$MOSQUITTO_PID")

await_health "$REDDOT_HTTP" "$WORK/reddot.log"

# --- the benchmarks ----------------------------------------------------------------------------------------
# name|bench arguments|figure to read. Connections first: a JVM's RSS only grows, so its growth per connection
# means something only before the other benchmarks have grown the heap.
BENCHES=(
  "$CONNECTIONS idle connections: broker RSS (MiB)|connections --connections $CONNECTIONS --hold 5s|broker-rss-after"
  "$CONNECTIONS idle connections: RSS growth per connection (KiB)|connections --connections $CONNECTIONS --hold 5s|broker-rss-per-connection"
  "throughput QoS 0 (deliveries/s)|throughput --publishers 4 --subscribers 1 --qos 0 --messages $MESSAGES|throughput"
  "throughput QoS 0: lost|throughput --publishers 4 --subscribers 1 --qos 0 --messages $MESSAGES|lost"
  "throughput QoS 1 (deliveries/s)|throughput --publishers 4 --subscribers 1 --qos 1 --messages $MESSAGES|throughput"
  "fan-out to $USERS users, $RATE/s: p50 (ms)|fanout --users $USERS --rounds 3 --qos 1 --rate $RATE|latency-p50"
  "fan-out to $USERS users, $RATE/s: p99 (ms)|fanout --users $USERS --rounds 3 --qos 1 --rate $RATE|latency-p99"
  "broadcast to $USERS users at once: p50 (ms)|fanout --users $USERS --rounds 3 --qos 1|latency-p50"
  "broadcast to $USERS users at once: p99 (ms)|fanout --users $USERS --rounds 3 --qos 1|latency-p99"
)

run_bench() { # broker-url pid arguments → the simulator's report
  local url=$1 pid=$2; shift 2
  # shellcheck disable=SC2068
  java -jar "$SIMULATOR" bench $@ --url "$url" $([[ "$1" == connections ]] && echo "--broker-pid $pid") 2>&1 || true
}
figure() { awk -v name="$1" '$1 == name { print $2; exit }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'; }

declare -A SEEN RESULTS
for ((run = 1; run <= RUNS; run++)); do
  for entry in "${BENCHES[@]}"; do
    IFS='|' read -r _ arguments _ <<<"$entry"
    [[ -n "${SEEN[$run/$arguments]:-}" ]] && continue
    SEEN[$run/$arguments]=1
    for broker in reddot mosquitto; do
      if [[ $broker == reddot ]]; then url="tcp://127.0.0.1:$REDDOT_MQTT"; pid=$REDDOT_PID
      else url="tcp://127.0.0.1:$MOSQUITTO_MQTT"; pid=$MOSQUITTO_PID; fi
      echo "run $run/$RUNS, $broker: bench $arguments" >&2
      run_bench "$url" "$pid" $arguments >"$RAW/$broker-$run-${arguments// /_}.txt"
    done
  done
done

printf '| benchmark (medians of %d runs) | Reddot | Mosquitto | Reddot ÷ Mosquitto |\n| --- | ---: | ---: | ---: |\n' "$RUNS"
for entry in "${BENCHES[@]}"; do
  IFS='|' read -r name arguments field <<<"$entry"
  values=()
  for broker in reddot mosquitto; do
    values+=("$(for ((run = 1; run <= RUNS; run++)); do
      figure "$field" <"$RAW/$broker-$run-${arguments// /_}.txt"; done | median)")
  done
  ratio=$(awk -v r="${values[0]}" -v m="${values[1]}" 'BEGIN { if (m + 0 == 0) print "-"; else printf "%.2f", r / m }')
  printf '| %s | %s | %s | %s |\n' "$name" "${values[0]}" "${values[1]}" "$ratio"
done
echo "Reddot: all-in-one, JVM options '${JAVA_OPTS:-default}'; Mosquitto $(mosquitto -h 2>/dev/null | head -1 | awk '{print $3}'), default settings; $(nproc) cores shared with the load generator."
