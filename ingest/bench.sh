#!/usr/bin/env bash
# Ingest benchmark: Kafka's raw producer vs the HTTP gateway (JSON events on /v1/events, OTLP protobuf
# batches of 500 server spans on /v1/traces) on the same in-process broker, same run.
# Usage: ./ingest/bench.sh            (BENCH_EVENTS=400000 events each, BENCH_CONNECTIONS=8)
# Prints events/s for each and the ratios to raw; the figures also land in ingest/target/bench-result.txt.
set -euo pipefail
usage() {
  cat <<'USAGE'
Usage: ./ingest/bench.sh
Ingest benchmark: Kafka's raw producer vs the HTTP gateway (JSON events on /v1/events, OTLP protobuf
batches of 500 server spans on /v1/traces), on the same in-process broker, in the same run.
Prints events/s for each and the ratios to the raw producer (also in ingest/target/bench-result.txt).

Environment:
  BENCH_EVENTS=400000      events sent by each client
  BENCH_CONNECTIONS=8      concurrent HTTP connections
USAGE
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "ingest/bench.sh: unknown argument '$1' (it takes none; see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
export BENCH_EVENTS="${BENCH_EVENTS:-400000}" BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-8}"
mvn -B -q -pl ingest -am -Pbench -DskipTests verify
cat ingest/target/bench-result.txt
