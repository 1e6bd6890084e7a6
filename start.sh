#!/usr/bin/env bash
# Starts the whole SLO pipeline: Kafka, processor, ingest gateway, exporter, Prometheus, Alertmanager
# (+ Grafana and Node Exporter in compose mode). ./start.sh --help
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=compose/local/stack-lib.sh
. "$ROOT/compose/local/stack-lib.sh"

usage() {
  cat <<EOF
Usage: ./start.sh [--local | --compose] [--demo] [--slos FILE] [--install-deps] [--help]

Starts the streaming SLO pipeline and its monitoring stack; ./stop.sh stops it.

  --local          run every part as a local process (the default when no Docker engine answers):
                   a single-node Apache Kafka broker (KRaft) from the kafka_2.13 jars, processor,
                   ingest gateway, exporter, and Prometheus, Alertmanager and Node Exporter when
                   installed (Debian packages prometheus, prometheus-alertmanager,
                   prometheus-node-exporter)
  --compose        run compose/docker-compose.yml (the default when 'docker info' works), which
                   adds Grafana (http://localhost:3001, admin/admin123)
  --demo           also run the traffic generator with a periodic error burst on huntaze-api, so
                   that a burn-rate page fires in Alertmanager within a few minutes
  --slos FILE      SLO definitions (default compose/slos.yaml); checked before anything starts
  --install-deps   apt-get install prometheus prometheus-alertmanager prometheus-node-exporter
  -h, --help       this help

Builds what is missing first (mvn package). Idempotent: parts already running are left alone.
Logs, pid files, rendered configs and data live in the run directory ($RUN).

Environment (defaults in brackets):
  SLO_RUN_DIR [./.run]     STACK_BIND [127.0.0.1] (0.0.0.0 to serve other machines)
  KAFKA_PORT [9092]        KAFKA_CONTROLLER_PORT [19093]   INGEST_PORT [8088]
  EXPORTER_PORT [9464]     PROCESSOR_PORT [9465] (instance i listens on PROCESSOR_PORT+i-1)
  PROCESSOR_INSTANCES [1]  PROMETHEUS_PORT [9090]          ALERTMANAGER_PORT [9093]
  NODE_EXPORTER_PORT [9100]  GRAFANA_PORT [3001, compose]  GRAFANA_ADMIN_PASSWORD [admin123]
  PROMETHEUS_SCRAPE_INTERVAL, PROMETHEUS_EVALUATION_INTERVAL [15s, local mode]
  SLACK_WEBHOOK_URL        Slack incoming webhook for Alertmanager (never stored in the repository)
  KAFKA_HOME               use this Kafka installation's libs/ instead of downloading kafka_2.13
  KAFKA_HEAP_OPTS [-Xmx512m -Xms512m]  PROCESSOR_JAVA_OPTS, INGEST_JAVA_OPTS, EXPORTER_JAVA_OPTS,
  LOADGEN_JAVA_OPTS [-Xmx256m -XX:+UseSerialGC]    STACK_WAIT_TIMEOUT [180 s per part]
  The services' own variables pass through (PROCESSOR_EMIT_INTERVAL, KAFKA_PARTITIONS,
  EXPORTER_ALERT_LEASE, LOADGEN_RATE, ...: docs/ingest.md, docs/exporter.md, processor run --help).
EOF
}

MODE=""
DEMO=0
INSTALL_DEPS=0
SLO_ARG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --local) MODE=local ;;
    --compose) MODE=compose ;;
    --demo) DEMO=1 ;;
    --slos) [ $# -ge 2 ] || die "--slos needs a file"; SLO_ARG=$2; shift ;;
    --slos=*) SLO_ARG=${1#--slos=} ;;
    --install-deps) INSTALL_DEPS=1 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'error: unknown option %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

STARTED_AT=$(date +%s)
WAIT_TIMEOUT=${STACK_WAIT_TIMEOUT:-180}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || true)}
ALERTMANAGER_BIN=${ALERTMANAGER_BIN:-$(command -v prometheus-alertmanager || command -v alertmanager || true)}
NODE_EXPORTER_BIN=${NODE_EXPORTER_BIN:-$(command -v prometheus-node-exporter || command -v node_exporter || true)}
SERVICE_JAVA_DEFAULT="-Xmx256m -XX:+UseSerialGC"

# ---------------------------------------------------------------------------------------------
# Preparation

install_deps() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing prometheus prometheus-alertmanager prometheus-node-exporter (apt-get)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    prometheus prometheus-alertmanager prometheus-node-exporter >/dev/null
  PROMETHEUS_BIN=$(command -v prometheus || true)
  ALERTMANAGER_BIN=$(command -v prometheus-alertmanager || true)
  NODE_EXPORTER_BIN=$(command -v prometheus-node-exporter || true)
}

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  local v
  v=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java $v found, 17 or newer needed"
}

# Builds the service jars when one is missing (a fresh clone); an existing build is used as is.
build_if_missing() {
  local m missing=0
  for m in processor ingest exporter; do
    [ -f "$ROOT/$m/target/$m.jar" ] && [ -d "$ROOT/$m/target/lib" ] || missing=1
  done
  if [ "$missing" = 1 ]; then
    command -v mvn >/dev/null 2>&1 || die "the service jars are not built and mvn is not installed (apt-get install maven)"
    say "building the services (mvn -B -q package -DskipTests; first time downloads dependencies) ..."
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -DskipTests) || die "build failed"
  fi
}

# The broker's classpath: $KAFKA_HOME/libs, or the kafka_2.13 jars fetched from Maven Central.
kafka_libs() {
  if [ -n "${KAFKA_HOME:-}" ]; then
    [ -d "$KAFKA_HOME/libs" ] || die "KAFKA_HOME=$KAFKA_HOME has no libs/ directory"
    KAFKA_LIBS="$KAFKA_HOME/libs"
    return
  fi
  KAFKA_LIBS="$ROOT/compose/local/kafka/target/lib"
  if ! ls "$KAFKA_LIBS"/kafka_2.13-*.jar >/dev/null 2>&1; then
    command -v mvn >/dev/null 2>&1 || die "mvn is needed once to fetch the Kafka broker jars (or set KAFKA_HOME)"
    say "fetching the Kafka broker jars (mvn -f compose/local/kafka/pom.xml package) ..."
    mvn -B -q -Dstyle.color=never -f "$ROOT/compose/local/kafka/pom.xml" package || die "could not fetch the Kafka jars"
  fi
}

check_slos() {
  local out
  if ! out=$("$JAVA" -jar "$ROOT/processor/target/processor.jar" check --slos "$SLO_FILE" 2>&1); then
    printf '%s\n' "$out" >&2
    die "invalid SLO file $SLO_FILE"
  fi
  printf '%s\n' "$out" | sed -n '1p'
}

# ---------------------------------------------------------------------------------------------
# Local processes

launch() { # name command...
  local name=$1; shift
  local log="$RUN/logs/$name.log"
  printf '\n===== %s starting %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" >> "$log"
  # Own session: Ctrl-C in this terminal or closing it does not reach the services.
  if command -v setsid >/dev/null 2>&1; then
    (cd "$ROOT" && exec setsid "$@" >> "$log" 2>&1 < /dev/null) &
  else
    (cd "$ROOT" && exec nohup "$@" >> "$log" 2>&1 < /dev/null) &
  fi
  echo $! > "$RUN/pids/$name.pid"
  LAUNCHED+=("$name")
}

# Refuses to start on a port someone else holds (a leftover from another run, another stack, ...).
ensure_free() { # name port
  if port_open "$(connect_host)" "$2"; then
    die "cannot start $1: port $2 is already in use by a process this stack did not start (set another port, see --help)"
  fi
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# Waits until `check` succeeds, showing one progress line; fails with the log tail if the process dies.
wait_ready() { # name what check...
  local name=$1 what=$2; shift 2
  local start now pid
  start=$(date +%s)
  [ "$TTY" = 1 ] || say "  waiting for $name ($what)"
  while :; do
    if "$@"; then
      now=$(date +%s)
      if [ "$TTY" = 1 ]; then printf '\r\033[K'; fi
      say "  ✓ $name ready ($((now - start))s)"
      return 0
    fi
    pid=$(pid_of "$name")
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      if [ "$TTY" = 1 ]; then printf '\r\033[K'; fi
      say "  ✗ $name exited while starting; last lines of $RUN/logs/$name.log:" >&2
      tail -n 25 "$RUN/logs/$name.log" | sed 's/^/      /' >&2
      die "$name did not start (the other parts keep running: ./stop.sh stops them)"
    fi
    now=$(date +%s)
    if [ $((now - start)) -ge "$WAIT_TIMEOUT" ]; then
      if [ "$TTY" = 1 ]; then printf '\r\033[K'; fi
      tail -n 25 "$RUN/logs/$name.log" | sed 's/^/      /' >&2
      die "$name not ready after ${WAIT_TIMEOUT}s ($what); log: $RUN/logs/$name.log"
    fi
    if [ "$TTY" = 1 ]; then printf '\r\033[K  … waiting for %s (%s) %ss' "$name" "$what" "$((now - start))"; fi
    sleep 0.5
  done
}

# Waits only for what this run launched (a part already running was checked when it started).
wait_launched() { # name what check...
  local n
  for n in "${LAUNCHED[@]}"; do
    if [ "$n" = "$1" ]; then wait_ready "$@"; return; fi
  done
}

already() { # name -> true (and says so) when it runs
  local pid
  pid=$(running_pid "$1")
  if [ -n "$pid" ]; then
    say "  • $1 already running (pid $pid)"
    return 0
  fi
  rm -f "$RUN/pids/$1.pid"
  return 1
}

start_kafka() {
  already kafka && return 0
  ensure_free kafka "$KAFKA_PORT"
  ensure_free kafka-controller "$KAFKA_CONTROLLER_PORT"
  local host conf="$RUN/conf/kafka/server.properties" data="$RUN/data/kafka"
  host=$(connect_host)
  mkdir -p "$RUN/conf/kafka" "$data"
  # A single combined broker+controller node, as config/server.properties of the Kafka distribution,
  # with the replication factors a one-node cluster needs.
  cat > "$conf" <<EOF
# Rendered by start.sh (local mode); edit compose/local/ or start.sh, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$host:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$STACK_BIND:$KAFKA_PORT,CONTROLLER://$host:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$host:$KAFKA_PORT,CONTROLLER://$host:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Topics are created by the processor with their retention/compaction; a typo must not create one.
auto.create.topics.enable=false
# Nobody else joins a local group: do not wait 3 s before the first assignment.
group.initial.rebalance.delay.ms=0
log.retention.check.interval.ms=300000
EOF
  local cp="$KAFKA_LIBS/*"
  local log4j="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ"
  if [ ! -f "$data/meta.properties" ]; then
    # kafka-storage.sh random-uuid / format --standalone, as in Kafka's quick start.
    local cluster_id
    cluster_id=$("$JAVA" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$RUN/logs/kafka.log" | tail -n 1)
    "$JAVA" -Dslo.stack.run="$RUN" -cp "$cp" kafka.tools.StorageTool format --standalone \
      -t "$cluster_id" -c "$conf" >> "$RUN/logs/kafka.log" 2>&1 || die "kafka storage format failed: $RUN/logs/kafka.log"
  fi
  # kafka-server-start.sh: heap, then kafka-run-class.sh's JVM flags, then kafka.Kafka <properties>.
  # shellcheck disable=SC2086
  launch kafka "$JAVA" -Dslo.stack.run="$RUN" ${KAFKA_HEAP_OPTS:--Xmx512m -Xms512m} \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true $log4j \
    -cp "$cp" kafka.Kafka "$conf"
}

processor_names() { local i; for ((i = 1; i <= PROCESSOR_INSTANCES; i++)); do echo "processor-$i"; done; }

start_processors() {
  local i name port
  for ((i = 1; i <= PROCESSOR_INSTANCES; i++)); do
    name=processor-$i
    port=$((PROCESSOR_PORT + i - 1))
    already "$name" && continue
    ensure_free "$name" "$port"
    # shellcheck disable=SC2086
    launch "$name" "$JAVA" -Dslo.stack.run="$RUN" ${PROCESSOR_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC} \
      -jar "$ROOT/processor/target/processor.jar" run --slos "$SLO_FILE" \
      --bootstrap-servers "$BOOTSTRAP" --state-dir "$RUN/data/$name" \
      --bind "$STACK_BIND" --port "$port" --replication-factor 1
  done
}

start_ingest() {
  already ingest && return 0
  ensure_free ingest "$INGEST_PORT"
  # shellcheck disable=SC2086
  launch ingest "$JAVA" -Dslo.stack.run="$RUN" ${INGEST_JAVA_OPTS:-$SERVICE_JAVA_DEFAULT} \
    -jar "$ROOT/ingest/target/ingest.jar" gateway --kafka "$BOOTSTRAP" --bind "$STACK_BIND" --port "$INGEST_PORT"
}

start_exporter() {
  already exporter && return 0
  ensure_free exporter "$EXPORTER_PORT"
  local am=()
  [ -n "$ALERTMANAGER_BIN" ] && am=(--alertmanager-url "http://$(connect_host):$ALERTMANAGER_PORT")
  # shellcheck disable=SC2086
  launch exporter "$JAVA" -Dslo.stack.run="$RUN" ${EXPORTER_JAVA_OPTS:-$SERVICE_JAVA_DEFAULT} \
    -jar "$ROOT/exporter/target/exporter.jar" --bootstrap-servers "$BOOTSTRAP" \
    --bind "$STACK_BIND" --port "$EXPORTER_PORT" --external-url "http://$(url_host):$EXPORTER_PORT" "${am[@]}"
}

render_prometheus() {
  local h i procs="" am_target=""
  h=$(connect_host)
  for ((i = 0; i < PROCESSOR_INSTANCES; i++)); do
    procs="$procs${procs:+,}$h:$((PROCESSOR_PORT + i))"
  done
  [ -n "$ALERTMANAGER_BIN" ] && am_target="$h:$ALERTMANAGER_PORT"
  local node=""
  [ -n "$NODE_EXPORTER_BIN" ] && node="$h:$NODE_EXPORTER_PORT"
  mkdir -p "$RUN/conf/prometheus"
  awk -v targets="slo-exporter=$h:$EXPORTER_PORT;slo-processor=$procs;ingest=$h:$INGEST_PORT;node=$node;prometheus=$h:$PROMETHEUS_PORT;alertmanager=$am_target;alerting=$am_target" \
    -v rules_dir="$ROOT/compose/prometheus/rules" \
    -v scrape_interval="$PROMETHEUS_SCRAPE_INTERVAL" -v evaluation_interval="$PROMETHEUS_EVALUATION_INTERVAL" \
    -f "$ROOT/compose/local/render-prometheus.awk" "$ROOT/compose/prometheus/prometheus.yml" \
    > "$RUN/conf/prometheus/prometheus.yml"
}

start_prometheus() {
  [ -n "$PROMETHEUS_BIN" ] || return 0
  already prometheus && return 0
  ensure_free prometheus "$PROMETHEUS_PORT"
  render_prometheus
  launch prometheus "$PROMETHEUS_BIN" --config.file="$RUN/conf/prometheus/prometheus.yml" \
    --storage.tsdb.path="$RUN/data/prometheus" --web.listen-address="$STACK_BIND:$PROMETHEUS_PORT" \
    --web.external-url="http://$(url_host):$PROMETHEUS_PORT/"
}

start_alertmanager() {
  [ -n "$ALERTMANAGER_BIN" ] || return 0
  already alertmanager && return 0
  ensure_free alertmanager "$ALERTMANAGER_PORT"
  sh "$ROOT/compose/alertmanager/render-config.sh" "$ROOT/compose/alertmanager/alertmanager.yml" "$RUN/conf/alertmanager"
  # --cluster.listen-address= : a single instance, no gossip port.
  launch alertmanager "$ALERTMANAGER_BIN" --config.file="$RUN/conf/alertmanager/alertmanager.yml" \
    --storage.path="$RUN/data/alertmanager" --web.listen-address="$STACK_BIND:$ALERTMANAGER_PORT" \
    --cluster.listen-address= --web.external-url="http://$(url_host):$ALERTMANAGER_PORT/"
}

start_node_exporter() {
  [ -n "$NODE_EXPORTER_BIN" ] || return 0
  already node-exporter && return 0
  ensure_free node-exporter "$NODE_EXPORTER_PORT"
  mkdir -p "$RUN/data/node-exporter"
  launch node-exporter "$NODE_EXPORTER_BIN" --web.listen-address="$STACK_BIND:$NODE_EXPORTER_PORT" \
    --collector.textfile.directory="$RUN/data/node-exporter"
}

start_loadgen() {
  already loadgen && return 0
  # A steady 100 events/s over three services and, every 10 minutes from minute 1, two minutes with
  # 30 % errors on huntaze-api: its 1h and 5m burn rates pass 14.4 within seconds (a page). Each
  # LOADGEN_* variable overrides its default (docs/ingest.md).
  # shellcheck disable=SC2086
  launch loadgen env LOADGEN_RATE="${LOADGEN_RATE:-100}" LOADGEN_SERVICES="${LOADGEN_SERVICES:-3}" \
    LOADGEN_DURATION="${LOADGEN_DURATION:-0}" LOADGEN_INCIDENT_AT="${LOADGEN_INCIDENT_AT:-1m}" \
    LOADGEN_INCIDENT_EVERY="${LOADGEN_INCIDENT_EVERY:-10m}" LOADGEN_INCIDENT_DURATION="${LOADGEN_INCIDENT_DURATION:-2m}" \
    LOADGEN_INCIDENT_ERROR_RATIO="${LOADGEN_INCIDENT_ERROR_RATIO:-0.3}" LOADGEN_PROGRESS_EVERY="${LOADGEN_PROGRESS_EVERY:-30s}" \
    "$JAVA" -Dslo.stack.run="$RUN" ${LOADGEN_JAVA_OPTS:-$SERVICE_JAVA_DEFAULT} \
    -jar "$ROOT/ingest/target/ingest.jar" loadgen --mode http --target "http://$(connect_host):$INGEST_PORT"
}

# Events the gateway accepted so far (its ingest_events_accepted_total counter).
accepted_events() {
  curl -fsS --max-time 2 "http://$(connect_host):$INGEST_PORT/metrics" 2>/dev/null \
    | awk '/^ingest_events_accepted_total / { printf "%d", $2; found = 1 } END { if (!found) print 0 }'
}
loadgen_sending() { [ "$(accepted_events)" -gt "$ACCEPTED_BEFORE" ]; }

# How to stop this stack (its run directory, when not the default one).
stop_command() {
  if [ "$RUN" = "$ROOT/.run" ]; then echo "./stop.sh"; else printf 'SLO_RUN_DIR=%q ./stop.sh' "$RUN"; fi
}

summary_line() { printf '  %-15s %-32s %s\n' "$1" "$2" "$3"; }

print_summary() {
  local u i
  u=$(url_host)
  say ""
  say "SLO pipeline up in local mode ($(( $(date +%s) - STARTED_AT ))s). Run directory: $RUN (logs/, pids/, data/)"
  summary_line "ingest" "http://$u:$INGEST_PORT" "POST /v1/events, /metrics"
  summary_line "exporter" "http://$u:$EXPORTER_PORT" "SLO status page, /metrics, /api/slos"
  for ((i = 0; i < PROCESSOR_INSTANCES; i++)); do
    summary_line "processor-$((i + 1))" "http://$u:$((PROCESSOR_PORT + i))/metrics" "/health/ready"
  done
  if [ -n "$PROMETHEUS_BIN" ]; then summary_line "Prometheus" "http://$u:$PROMETHEUS_PORT" "/alerts, /targets"
  else summary_line "Prometheus" "not installed" "./start.sh --install-deps"; fi
  if [ -n "$ALERTMANAGER_BIN" ]; then summary_line "Alertmanager" "http://$u:$ALERTMANAGER_PORT" "Slack: $([ -n "${SLACK_WEBHOOK_URL:-}" ] && echo on || echo 'off (set SLACK_WEBHOOK_URL)')"
  else summary_line "Alertmanager" "not installed" "./start.sh --install-deps"; fi
  if [ -n "$NODE_EXPORTER_BIN" ]; then summary_line "Node Exporter" "http://$u:$NODE_EXPORTER_PORT/metrics" ""; fi
  summary_line "Kafka" "$BOOTSTRAP" "topics slo.request-events, slo.status, slo.alerts, slo.request-events.dlq"
  summary_line "Grafana" "compose mode only" "./start.sh --compose"
  [ -n "$(running_pid loadgen)" ] && summary_line "loadgen" "demo traffic" "error burst from minute 1, every 10 min: watch http://$u:$ALERTMANAGER_PORT"
  say ""
  say "Send an event:  curl -X POST http://$u:$INGEST_PORT/v1/events -H 'Content-Type: application/json' \\"
  say "                  -d '{\"service\":\"huntaze-api\",\"operation\":\"GET /api/users\",\"status\":200,\"latencyMs\":87.5}'"
  say "Stop:           $(stop_command)   (data kept; --purge deletes it)"
}

# Created only once the inputs are valid; its physical path is the mark every process carries.
prepare_run_dir() {
  mkdir -p "$RUN"
  RUN=$(cd "$RUN" && pwd -P)
  RUN_MARK="$RUN/.slo-stack"
  : > "$RUN_MARK"
}

start_local() {
  require_java
  command -v curl >/dev/null 2>&1 || die "curl is needed to check the services' health (apt-get install curl)"
  build_if_missing
  check_slos
  kafka_libs
  prepare_run_dir
  mkdir -p "$RUN/pids" "$RUN/logs" "$RUN/conf" "$RUN/data"
  echo local > "$RUN/mode"
  save_settings
  BOOTSTRAP="$(connect_host):$KAFKA_PORT"
  LAUNCHED=()
  local h name i
  h=$(connect_host)

  say "Starting the SLO pipeline (local mode)"
  # The Go binaries start in a blink; the JVMs one after the other, each after what it needs.
  start_kafka
  start_alertmanager
  start_node_exporter
  wait_launched kafka "Kafka on $BOOTSTRAP" port_open "$h" "$KAFKA_PORT"
  start_processors      # creates the topics when missing, then joins the consumer group
  start_ingest
  start_exporter
  start_prometheus
  wait_launched alertmanager "http://$h:$ALERTMANAGER_PORT/-/ready" http_ok "http://$h:$ALERTMANAGER_PORT/-/ready"
  wait_launched node-exporter "http://$h:$NODE_EXPORTER_PORT/metrics" http_ok "http://$h:$NODE_EXPORTER_PORT/metrics"
  wait_launched prometheus "http://$h:$PROMETHEUS_PORT/-/ready" http_ok "http://$h:$PROMETHEUS_PORT/-/ready"
  for ((i = 0; i < PROCESSOR_INSTANCES; i++)); do
    name=processor-$((i + 1))
    wait_launched "$name" "streams RUNNING" http_ok "http://$h:$((PROCESSOR_PORT + i))/health/ready"
  done
  wait_launched ingest "http://$h:$INGEST_PORT/health/ready" http_ok "http://$h:$INGEST_PORT/health/ready"
  wait_launched exporter "read slo.status" http_ok "http://$h:$EXPORTER_PORT/health/ready"
  if [ "$DEMO" = 1 ]; then
    ACCEPTED_BEFORE=$(accepted_events)
    start_loadgen
    wait_launched loadgen "first events accepted by ingest" loadgen_sending
  fi
  if [ ${#LAUNCHED[@]} -eq 0 ]; then say "Everything was already running."; fi
  print_summary
}

# ---------------------------------------------------------------------------------------------
# Compose

start_compose() {
  local compose
  compose=$(compose_cmd) || die "neither 'docker compose' nor docker-compose is installed"
  require_java
  build_if_missing
  check_slos
  prepare_run_dir
  echo compose > "$RUN/mode"
  save_settings
  export SLO_FILE STACK_BIND INGEST_PORT EXPORTER_PORT PROMETHEUS_PORT ALERTMANAGER_PORT NODE_EXPORTER_PORT KAFKA_PORT
  export GRAFANA_PORT=${GRAFANA_PORT:-3001}
  if [ "$DEMO" = 1 ]; then export COMPOSE_PROFILES=demo; fi
  say "Starting the SLO pipeline (compose mode: $compose -p $COMPOSE_PROJECT -f compose/docker-compose.yml up -d --build)"
  # shellcheck disable=SC2086
  $compose -p "$COMPOSE_PROJECT" -f "$COMPOSE_FILE_PATH" up -d --build
  local u
  u=$(connect_host)
  wait_ready ingest "http://$u:$INGEST_PORT/health/ready" http_ok "http://$u:$INGEST_PORT/health/ready"
  wait_ready exporter "http://$u:$EXPORTER_PORT/health/ready" http_ok "http://$u:$EXPORTER_PORT/health/ready"
  wait_ready prometheus "http://$u:$PROMETHEUS_PORT/-/ready" http_ok "http://$u:$PROMETHEUS_PORT/-/ready"
  wait_ready alertmanager "http://$u:$ALERTMANAGER_PORT/-/ready" http_ok "http://$u:$ALERTMANAGER_PORT/-/ready"
  wait_ready grafana "http://$u:$GRAFANA_PORT/api/health" http_ok "http://$u:$GRAFANA_PORT/api/health"
  u=$(url_host)
  say ""
  say "SLO pipeline up in compose mode (project $COMPOSE_PROJECT; logs: docker logs huntaze-<service>)"
  summary_line "Grafana" "http://$u:$GRAFANA_PORT" "admin / ${GRAFANA_ADMIN_PASSWORD:-admin123}; dashboards in folder SLO"
  summary_line "Prometheus" "http://$u:$PROMETHEUS_PORT" ""
  summary_line "Alertmanager" "http://$u:$ALERTMANAGER_PORT" "Slack: $([ -n "${SLACK_WEBHOOK_URL:-}" ] && echo on || echo 'off (set SLACK_WEBHOOK_URL)')"
  summary_line "Node Exporter" "http://$u:$NODE_EXPORTER_PORT/metrics" ""
  summary_line "ingest" "http://$u:$INGEST_PORT" "POST /v1/events"
  summary_line "exporter" "http://$u:$EXPORTER_PORT" "SLO status page"
  summary_line "Kafka" "$u:$KAFKA_PORT" "from the host; kafka:19092 inside the network"
  say "Stop: $(stop_command)"
}

# ---------------------------------------------------------------------------------------------

[ "$INSTALL_DEPS" = 1 ] && install_deps

if [ -z "$MODE" ]; then
  if [ -f "$RUN/mode" ] && [ -n "$(cat "$RUN/pids/"*.pid 2>/dev/null)" ]; then
    MODE=$(cat "$RUN/mode")
  elif docker_engine_up; then MODE=compose
  else MODE=local; fi
fi

# A running stack keeps the settings it was started with.
if [ -d "$RUN" ] && [ -f "$RUN/stack.env" ] && { [ -n "$(marked_pids)" ] || [ "$(cat "$RUN/mode" 2>/dev/null)" = compose ]; }; then
  running_mode=$(cat "$RUN/mode" 2>/dev/null || echo local)
  if [ "$running_mode" != "$MODE" ] && [ -n "$(marked_pids)" ]; then
    die "the stack runs in $running_mode mode ($RUN); ./stop.sh first"
  fi
  if [ -n "$(marked_pids)" ]; then
    requested_slos=${SLO_ARG:-}
    load_saved_settings
    if [ -n "$requested_slos" ] && [ "$(cd "$(dirname "$requested_slos")" && pwd -P)/$(basename "$requested_slos")" != "$SLO_FILE" ]; then
      warn "the running processor uses $SLO_FILE; ./stop.sh then ./start.sh --slos $requested_slos to change it"
    fi
    SLO_ARG=""
  fi
fi
if [ -n "$SLO_ARG" ]; then
  [ -f "$SLO_ARG" ] || die "SLO file not found: $SLO_ARG"
  SLO_FILE="$(cd "$(dirname "$SLO_ARG")" && pwd -P)/$(basename "$SLO_ARG")"
fi
default_settings
[ -f "$SLO_FILE" ] || die "SLO file not found: $SLO_FILE"
[[ "$PROCESSOR_INSTANCES" =~ ^[1-9][0-9]*$ ]] || die "PROCESSOR_INSTANCES must be a positive number"

# Every part needs its own port (a clash would only show as one part dying at start).
check_ports() {
  local -A owner=()
  local name port i
  local all=(KAFKA_PORT KAFKA_CONTROLLER_PORT INGEST_PORT EXPORTER_PORT PROMETHEUS_PORT ALERTMANAGER_PORT NODE_EXPORTER_PORT)
  for name in "${all[@]}"; do
    port=${!name}
    if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then die "$name=$port is not a port number"; fi
    [ -z "${owner[$port]:-}" ] || die "$name and ${owner[$port]} are both $port: give each part its own port"
    owner[$port]=$name
  done
  for ((i = 0; i < PROCESSOR_INSTANCES; i++)); do
    port=$((PROCESSOR_PORT + i)); name="PROCESSOR_PORT (instance $((i + 1)))"
    [ -z "${owner[$port]:-}" ] || die "$name and ${owner[$port]} are both $port: give each part its own port"
    owner[$port]=$name
  done
}
check_ports

case "$MODE" in
  local) start_local ;;
  compose) start_compose ;;
esac
