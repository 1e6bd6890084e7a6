#!/usr/bin/env bash
# Ingest benchmark: Kafka's raw producer vs the HTTP gateway (JSON events on /v1/events, OTLP protobuf
# batches of 500 server spans on /v1/traces) on the same in-process broker, same run.
# Usage: ./ingest/bench.sh            (BENCH_EVENTS=400000 events each, BENCH_CONNECTIONS=8)
# Prints events/s for each and the ratios to raw; the figures also land in ingest/target/bench-result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_EVENTS="${BENCH_EVENTS:-400000}" BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-8}"
mvn -B -q -pl ingest -am -Pbench -DskipTests verify
cat ingest/target/bench-result.txt
