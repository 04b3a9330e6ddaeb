# Shared by the benchmark scripts (sourced, not run): jars, a work directory, free loopback ports, processes that
# stop when the script ends.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIMULATOR="$ROOT/device-simulator/target/reddot-simulator.jar"
ALL_IN_ONE="$ROOT/all-in-one/target/reddot.jar"
GATEWAY="$ROOT/web-gateway/target/reddot-gateway.jar"

require_jars() { # jar...
  for jar in "$@"; do
    [[ -f "$jar" ]] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 2; }
  done
}

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

await_health() { # port log: waits up to 60 s for /actuator/health to say UP, else shows the log and exits
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    sleep 0.5
  done
  echo "the process on port $1 did not come up; its log:" >&2; tail -20 "$2" >&2; exit 1
}
