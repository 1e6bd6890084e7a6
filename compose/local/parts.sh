# shellcheck shell=bash
# The table's run and ready columns (STACK_PARTS in stack-lib.sh): how start.sh launches each part
# in local mode and how it knows a part is ready. Sourced by start.sh after stack-lib.sh; uses its
# settings (RUN, JAVA, ports, STACK_BIND, ...).

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
}

# Every config a part runs with is a file shipped under compose/, rendered into conf/<part>/ by the
# render-config.sh next to it from the environment: render_config PART SHIPPED-FILE [NAME=VALUE...]
render_config() {
  local part=$1 shipped=$2; shift 2
  env "$@" sh "$(dirname "$shipped")/render-config.sh" "$shipped" "$RUN/conf/$part" \
    || die "could not render $RUN/conf/$part from $shipped"
}

# A JVM of this stack: its <PART>_JAVA_OPTS (or the default) and the run directory's mark.
jvm() { # options-variable default
  local opts
  read -ra opts <<< "${!1:-$2}"
  JVM=("$JAVA" -Dslo.stack.run="$RUN" "${opts[@]}")
}

# The table's run_<part> functions: run_<part> INSTANCE PORT, called once its ports are free.

run_kafka() {
  local cp="$KAFKA_LIBS/*" data="$RUN/data/kafka" conf="$RUN/conf/kafka/server.properties"
  mkdir -p "$data"
  render_config kafka "$ROOT/compose/local/kafka/server.properties" KAFKA_HOST="$(connect_host)" \
    STACK_BIND="$STACK_BIND" KAFKA_PORT="$KAFKA_PORT" KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" KAFKA_DATA_DIR="$data"
  if [ ! -f "$data/meta.properties" ]; then
    # kafka-storage.sh random-uuid / format --standalone, as in Kafka's quick start.
    local cluster_id
    cluster_id=$("$JAVA" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$RUN/logs/kafka.log" | tail -n 1)
    "$JAVA" -Dslo.stack.run="$RUN" -cp "$cp" kafka.tools.StorageTool format --standalone \
      -t "$cluster_id" -c "$conf" >> "$RUN/logs/kafka.log" 2>&1 || die "kafka storage format failed: $RUN/logs/kafka.log"
  fi
  # kafka-server-start.sh: heap, then kafka-run-class.sh's JVM flags, then kafka.Kafka <properties>.
  jvm KAFKA_HEAP_OPTS "$KAFKA_HEAP_DEFAULT"
  launch "$1" "${JVM[@]}" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.showDateTime=true \
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ" -cp "$cp" kafka.Kafka "$conf"
}

run_alertmanager() {
  render_config alertmanager "$ROOT/compose/alertmanager/alertmanager.yml"
  # --cluster.listen-address= : a single instance, no gossip port.
  launch "$1" "$(program_of alertmanager)" --config.file="$RUN/conf/alertmanager/alertmanager.yml" \
    --storage.path="$RUN/data/alertmanager" --web.listen-address="$STACK_BIND:$2" \
    --cluster.listen-address= --web.external-url="http://$(url_host):$2/"
}

run_node_exporter() {
  mkdir -p "$RUN/data/node-exporter"
  # Debian's build turns the systemd collector on; on a host not booted with systemd (a container) it
  # logged "collector failed ... couldn't get dbus connection" as an error at every scrape.
  local systemd=()
  [ -d /run/systemd/system ] || systemd=(--no-collector.systemd)
  launch "$1" "$(program_of node-exporter)" --web.listen-address="$STACK_BIND:$2" \
    --collector.textfile.directory="$RUN/data/node-exporter" "${systemd[@]}"
}

# The three services: the same --bind/--port flags, Kafka from KAFKA_BOOTSTRAP_SERVERS (exported).
run_processor() {
  jvm PROCESSOR_JAVA_OPTS "$PROCESSOR_JAVA_DEFAULT"
  # The processor creates the topics when missing, then joins the consumer group.
  local from=()
  # Used once: an application that already has offsets logs that it ignores it.
  [ -z "$PROCESSOR_START_FROM" ] || from=(--start-from "$PROCESSOR_START_FROM")
  launch "$1" "${JVM[@]}" -jar "$ROOT/processor/target/processor.jar" run --slos "$SLO_FILE" \
    --application-id "$PROCESSOR_APPLICATION_ID" "${from[@]}" \
    --state-dir "$RUN/data/$1" --bind "$STACK_BIND" --port "$2" --replication-factor 1
}

# What the processors warned about at their latest start that an operator must see (an event topic
# keeping less than the longest SLO window: a replay could not rebuild it): one line per problem.
processor_warnings() {
  local log
  for log in "$RUN"/logs/processor-*.log; do
    [ -e "$log" ] || continue
    awk '/^===== .* starting / { found = "" }
         /RETENTION TOO SHORT: / { sub(/.*RETENTION TOO SHORT: /, ""); found = $0 }
         END { if (found != "") print found }' "$log"
  done | sort -u
}

run_ingest() {
  jvm INGEST_JAVA_OPTS "$SERVICE_JAVA_DEFAULT"
  launch "$1" "${JVM[@]}" -jar "$ROOT/ingest/target/ingest.jar" gateway --bind "$STACK_BIND" --port "$2"
}

run_exporter() {
  local am=()
  ! installed alertmanager || am=(--alertmanager-url "http://$(connect_host):$ALERTMANAGER_PORT")
  jvm EXPORTER_JAVA_OPTS "$SERVICE_JAVA_DEFAULT"
  launch "$1" "${JVM[@]}" -jar "$ROOT/exporter/target/exporter.jar" --bind "$STACK_BIND" --port "$2" \
    --external-url "http://$(url_host):$2" "${am[@]}"
}

run_prometheus() {
  render_config prometheus "$ROOT/compose/prometheus/prometheus.yml" PROMETHEUS_TARGETS="$(prometheus_targets)" \
    PROMETHEUS_RULES_DIR="$ROOT/compose/prometheus/rules" PROMETHEUS_SCRAPE_INTERVAL="$PROMETHEUS_SCRAPE_INTERVAL" \
    PROMETHEUS_EVALUATION_INTERVAL="$PROMETHEUS_EVALUATION_INTERVAL"
  launch "$1" "$(program_of prometheus)" --config.file="$RUN/conf/prometheus/prometheus.yml" \
    --storage.tsdb.path="$RUN/data/prometheus" --web.listen-address="$STACK_BIND:$2" \
    --web.external-url="http://$(url_host):$2/"
}

# job=addresses;... for every job of the table: the addresses of its local instances, none when
# its program is not installed (the job is then dropped); `alerting` is Alertmanager's.
prometheus_targets() {
  local port list h
  local -A part
  h=$(connect_host)
  while read_part; do
    if [ "${part[job]}" = - ] || [[ ",${part[modes]}," != *",local,"* ]]; then continue; fi
    list=""
    if installed "${part[name]}"; then
      while read -r _ port; do list="$list${list:+,}$h:$port"; done < <(instances "${part[name]}" "${part[count]}" "${part[ports]}")
    fi
    printf '%s=%s;' "${part[job]}" "$list"
    [ "${part[name]}" != alertmanager ] || printf 'alerting=%s;' "$list"
  done < <(parts)
}

run_loadgen() {
  local k v
  # compose/demo.env's settings, each unless the environment sets it.
  while IFS='=' read -r k v; do
    [ -n "${!k+set}" ] || export "$k=$v"
  done < <(grep -E '^[A-Z_]+=' "$ROOT/compose/demo.env")
  ACCEPTED_BEFORE=$(accepted_events)
  jvm LOADGEN_JAVA_OPTS "$SERVICE_JAVA_DEFAULT"
  launch "$1" "${JVM[@]}" -jar "$ROOT/ingest/target/ingest.jar" loadgen --mode http \
    --target "http://$(connect_host):$INGEST_PORT"
}

# Events the gateway accepted so far (its ingest_events_accepted_total counter).
accepted_events() {
  curl -fsS --max-time 2 "http://$(connect_host):$INGEST_PORT/metrics" 2>/dev/null \
    | awk '/^ingest_events_accepted_total / { printf "%d", $2; found = 1 } END { if (!found) print 0 }'
}
# Ready once the gateway accepts its events and, in local mode, its history (the demo's days of
# back-dated events) is in: the status page then shows a believable past, not a partial one.
loadgen_sending() { [ "$(accepted_events)" -gt "${ACCEPTED_BEFORE:-0}" ] && loadgen_history_sent; }
loadgen_history_sent() {
  local log="$RUN/logs/loadgen.log"
  [ -f "$log" ] || return 0
  awk '/^===== .* starting loadgen$/ { pending = 0 } /^history: .* back-dated/ { pending = 1 }
       /^history (done|stopped)/ { pending = 0 } END { exit pending }' "$log"
}

# ---------------------------------------------------------------------------------------------
# Waiting

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# The check of a part's readiness (the table's ready column) and what it waits for, in words.
ready_check() { # ready port -> sets CHECK (command) and WHAT
  case "$1" in
    tcp) CHECK=(port_open "$(connect_host)" "$2"); WHAT="port $2" ;;
    /*) CHECK=(http_ok "http://$(connect_host):$2$1"); WHAT="http://$(connect_host):$2$1" ;;
    *) CHECK=("$1"); WHAT="$1" ;;
  esac
}

# Waits until the part's check succeeds, with one progress line; fails with the log tail if the
# process dies (local mode) or the time is up.
wait_ready() { # instance ready port
  local name=$1 start now pid log="$RUN/logs/$1.log"
  ready_check "$2" "${3:-}"
  start=$(date +%s)
  [ "$TTY" = 1 ] || say "  waiting for $name ($WHAT)"
  while ! "${CHECK[@]}"; do
    pid=$(pid_of "$name")
    now=$(date +%s)
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      clear_line
      say "  ✗ $name exited while starting; its output since this start ($log):" >&2
      start_log_excerpt "$log" | sed 's/^/      /' >&2
      die "$name did not start (the other parts keep running: ./stop.sh stops them)"
    fi
    if [ $((now - start)) -ge "$WAIT_TIMEOUT" ]; then
      clear_line
      if [ -f "$log" ]; then start_log_excerpt "$log" | sed 's/^/      /' >&2; else log="docker logs huntaze-$name"; fi
      die "$name not ready after ${WAIT_TIMEOUT}s ($WHAT); log: $log"
    fi
    if [ "$TTY" = 1 ]; then printf '\r\033[K  … waiting for %s (%s) %ss' "$name" "$WHAT" "$((now - start))"; fi
    sleep 0.5
  done
  clear_line
  say "  ✓ $name ready ($(($(date +%s) - start))s)"
}

# What a part wrote since its latest start, cut to 25 lines: the first 8 and the last 17. The first
# lines hold the reason a service refused to start (a bad option is named before the usage that
# follows it, an exception before its stack), which the last 25 lines alone would hide.
start_log_excerpt() { # log
  awk '/^===== .* starting / { n = 0; next }
       { line[++n] = $0 }
       END {
         if (n <= 25) { for (i = 1; i <= n; i++) print line[i]; exit }
         for (i = 1; i <= 8; i++) print line[i]
         printf "... (%d lines)\n", n - 25
         for (i = n - 16; i <= n; i++) print line[i]
       }' "$1"
}

clear_line() { if [ "$TTY" = 1 ]; then printf '\r\033[K'; fi; }

# Refuses to start on a port someone else holds (a leftover from another run, another stack, ...).
ensure_free() { # instance port
  if port_open "$(connect_host)" "$2"; then
    die "cannot start $1: port $2 is already in use by a process this stack did not start (set another port, see --help)"
  fi
}
