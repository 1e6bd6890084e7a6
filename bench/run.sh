#!/usr/bin/env bash
# Runs a benchmark against a real Kafka broker (in-process KRaft by default).
#   ./bench/run.sh processor [--events 2000000] [--threads 1]    processor vs Kafka's raw consumer
#   ./bench/run.sh processor --workload grouped                   grouped SLOs (100 x 100 groups) vs the same without groupBy, same run
#   ./bench/run.sh groups --instances 10000,100000                group instances: heap, store records, emit time
#   ./bench/run.sh grouping                                       grouping's cost in the SLO core alone (no broker)
#   ./bench/run.sh --help                                        every benchmark and option
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/target/bench.jar ] || [ -n "$(find schemas/src processor/src bench/src -newer bench/target/bench.jar -print -quit)" ]; then
  echo "building the benchmarks (mvn -q -pl bench -am package -DskipTests)..."
  mvn -B -q -pl bench -am package -DskipTests
fi
# 100,000 group instances hold about 1 GB (docs/processor.md#benchmarks), 10 GB leaves room for more; the broker benchmarks need far less.
heap=2g
[ "${1:-}" = groups ] && heap=10g
exec java -Xmx$heap -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar bench/target/bench.jar "$@"
