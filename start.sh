#!/usr/bin/env bash
# Starts the whole SLO pipeline: Kafka, processor, ingest gateway, exporter, Prometheus, Alertmanager
# (+ Grafana and Node Exporter in compose mode). ./start.sh --help
# What runs, in which order, on which port and how it is checked: STACK_PARTS in compose/local/stack-lib.sh.
# Over 300 lines on purpose: the help text, the settings a restart keeps and the checks made before
# anything starts read top to bottom here; each part's own start lives in compose/local/parts.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=compose/local/stack-lib.sh
. "$ROOT/compose/local/stack-lib.sh"
# shellcheck source=compose/local/parts.sh
. "$ROOT/compose/local/parts.sh"

usage() {
  cat <<EOF
Usage: ./start.sh [--local | --compose] [--demo] [--slos FILE] [--install-deps] [--help]

Starts the streaming SLO pipeline and its monitoring stack; ./stop.sh stops it.

  --local          run every part as a local process (the default when no Docker engine answers):
                   a single-node Apache Kafka broker (KRaft) from the kafka_2.13 jars, processor,
                   ingest gateway, exporter, and Prometheus, Alertmanager and Node Exporter when
                   installed (Debian packages $(debian_packages | paste -sd, - | sed 's/,/, /g'))
  --compose        run compose/docker-compose.yml (the default when 'docker info' works), which
                   adds Grafana (user admin)
  --demo           also run the traffic generator: 3 days of history, then 30 minutes live on huntaze-api
                   with error bursts (compose/demo.env); the availability alert (SLOThreshold) pages
                   in Alertmanager about a minute into each burst
  --slos FILE      SLO definitions (default compose/slos.yaml, or the file the stack last ran with);
                   checked before anything starts
  --install-deps   apt-get install $(debian_packages | paste -sd' ' -)
  -h, --help       this help

Builds first what is missing or older than its code (mvn package). Idempotent: parts already running are left alone.
Logs, pid files, rendered configs and data live in the run directory ($RUN).

Environment (defaults in brackets):
  SLO_RUN_DIR [./.run]     STACK_BIND [127.0.0.1] (0.0.0.0 to serve other machines)
$(port_defaults | awk '{ printf "  %-27s", $1 " [" $2 "]" } NR % 3 == 0 { print "" } END { if (NR % 3) print "" }')
  (processor instance i listens on PROCESSOR_PORT+i-1; GRAFANA_PORT: compose mode)
  PROCESSOR_INSTANCES [1, or as many as the stack last ran with]
  PROMETHEUS_SCRAPE_INTERVAL, PROMETHEUS_EVALUATION_INTERVAL [15s, local mode]
  PROCESSOR_APPLICATION_ID [slo-processor, or the id the stack last ran with]  PROCESSOR_START_FROM [-]
                           a new id started from e.g. 31d takes a changed SLO file live with its history
  SLACK_WEBHOOK_URL        Slack incoming webhook for Alertmanager (never stored in the repository)
  GRAFANA_ADMIN_PASSWORD   Grafana's admin password (compose/docker-compose.yml has the default)
  KAFKA_HOME               use this Kafka installation's libs/ instead of downloading kafka_2.13
  KAFKA_HEAP_OPTS [$KAFKA_HEAP_DEFAULT]  PROCESSOR_JAVA_OPTS [$PROCESSOR_JAVA_DEFAULT]
  INGEST_JAVA_OPTS, EXPORTER_JAVA_OPTS, LOADGEN_JAVA_OPTS [$SERVICE_JAVA_DEFAULT]
  PROMETHEUS_BIN, ALERTMANAGER_BIN, NODE_EXPORTER_BIN   programs to run instead of those on PATH
  STACK_WAIT_TIMEOUT [180 s per part]
  The services' own variables pass through (PROCESSOR_EMIT_INTERVAL, KAFKA_PARTITIONS,
  EXPORTER_ALERT_LEASE, LOADGEN_RATE, ...: docs/ingest.md, docs/exporter.md, processor run --help).
EOF
}

KAFKA_HEAP_DEFAULT="-Xmx512m -Xms512m"
PROCESSOR_JAVA_DEFAULT="-Xmx384m -XX:+UseSerialGC"
SERVICE_JAVA_DEFAULT="-Xmx256m -XX:+UseSerialGC"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
STARTED_AT=$(date +%s)
WAIT_TIMEOUT=${STACK_WAIT_TIMEOUT:-180}

parse_args() {
  MODE="" DEMO=0 INSTALL_DEPS=0 SLO_ARG="" OTHER_SLOS=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --local) MODE=local ;;
      --compose) MODE=compose ;;
      --demo) DEMO=1 ;;
      --slos) [ $# -ge 2 ] || { printf 'error: --slos needs a file\n\n' >&2; usage >&2; exit 2; }; SLO_ARG=$2; shift ;;
      --slos=*) SLO_ARG=${1#--slos=} ;;
      --install-deps) INSTALL_DEPS=1 ;;
      -h|--help) usage; exit 0 ;;
      *) printf 'error: unknown option %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
}

# ---------------------------------------------------------------------------------------------
# The table's columns, read per part

# True when a part with these modes runs in this mode (demo parts only with --demo).
runs_in() { # modes
  [[ ",$1," == *",$MODE,"* ]] || return 1
  [[ ",$1," != *",demo,"* ]] || [ "$DEMO" = 1 ]
}

# The program of a part (local mode): java, or <PART>_BIN, or the first of its programs on PATH;
# empty when none is installed.
program_of() { # part
  local bin override alt
  bin=$(column bin | awk -v n="$1" '$1 == n { print $2 }')
  if [ "$bin" = java ]; then echo "$JAVA"; return; fi
  [ "$bin" != - ] || return 0
  override=$(tr 'a-z-' 'A-Z_' <<< "$1")_BIN
  if [ -n "${!override:-}" ]; then echo "${!override}"; return; fi
  for alt in ${bin//|/ }; do
    if command -v "$alt" >/dev/null 2>&1; then command -v "$alt"; return; fi
  done
}
installed() { [ -n "$(program_of "$1")" ]; }

debian_packages() { column bin | awk '$2 != "java" && $2 != "-" { sub(/\|.*/, "", $2); print $2 }' | sort; }

# ---------------------------------------------------------------------------------------------
# Preparation

install_deps() {
  local sudo="" packages
  [ "$(id -u)" = 0 ] || sudo=sudo
  mapfile -t packages < <(debian_packages)
  say "installing ${packages[*]} (apt-get)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  local v
  v=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java $v found, 17 or newer needed"
}

# Builds the service jars when one is missing (a fresh clone) or older than the code it is built
# from (after a git pull or an edit): starting yesterday's build would run code the checkout no longer has.
build_if_stale() {
  local m jar why libs
  for m in processor ingest exporter; do
    jar="$ROOT/$m/target/$m.jar"
    libs=() # the gateway's lib/ also holds the Java emitter (slo-client), which its traffic generator runs
    [ "$m" = ingest ] && libs=("$ROOT/ingest/client/pom.xml" "$ROOT/ingest/client/src/main")
    if [ ! -f "$jar" ] || [ ! -d "$ROOT/$m/target/lib" ]; then
      why="the service jars are not built"
      command -v mvn >/dev/null 2>&1 || die "$why and mvn is not installed (apt-get install maven)"
    elif [ -n "$(find "$ROOT/pom.xml" "$ROOT/schemas/pom.xml" "$ROOT/schemas/src/main" "${libs[@]}" "$ROOT/$m/pom.xml" "$ROOT/$m/src/main" \
                 -newer "$jar" -print -quit 2>/dev/null)" ]; then # a directory too: a file deleted from it
      why="the $m jar is older than its code"
      # Rebuilding overwrites jars that running JVMs load classes from: a part could then fail at any time.
      if [ -n "$(marked_pids)" ]; then
        warn "$why; the running stack keeps its build: ./stop.sh, then ./start.sh to build and run the new code"
        return
      fi
      if ! command -v mvn >/dev/null 2>&1; then
        warn "$why, and mvn is not installed: starting the existing build"
        return
      fi
    else
      continue
    fi
    say "building the services: $why (mvn -B -q package -DskipTests; first time downloads dependencies) ..."
    (cd "$ROOT" && quiet_mvn package -DskipTests) || die "build failed"
    # mvn leaves a jar as it was when its own module did not change (an edit in schemas alone, whose
    # new jar went to lib/): mark each as built from this code, or every later start would build again.
    touch -c "$ROOT"/processor/target/processor.jar "$ROOT"/ingest/target/ingest.jar "$ROOT"/exporter/target/exporter.jar
    return
  done
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
    quiet_mvn -f "$ROOT/compose/local/kafka/pom.xml" package || die "could not fetch the Kafka jars"
  fi
}

check_slos() {
  local file=${1:-$SLO_FILE} out
  if ! out=$("$JAVA" -jar "$ROOT/processor/target/processor.jar" check --slos "$file" 2>&1); then
    printf '%s\n' "$out" >&2
    die "invalid SLO file $file${2:-}"
  fi
  # Its summary and every warning; the per-SLO lines (indented) are for processor check itself.
  printf '%s\n' "$out" | grep -v '^  ' || true
}

# The mode asked for, else the running stack's, else compose when a Docker engine answers.
choose_mode() {
  [ -z "$MODE" ] || return 0
  if [ -f "$RUN/mode" ] && [ -n "$(cat "$RUN/pids/"*.pid 2>/dev/null)" ]; then MODE=$(cat "$RUN/mode")
  elif docker_engine_up; then MODE=compose
  else MODE=local; fi
}

# A running stack keeps the settings it was started with (ports cannot drift between start and
# stop); otherwise the environment, --slos and the defaults, except that a stopped stack starts again
# with the SLO file, application id and number of processors it last ran with: the application id
# names its state in Kafka, a file taken live under it must not silently give way to the default
# one, and a stack scaled out stays scaled out.
resolve_settings() {
  local app_said=""
  if [ -f "$RUN/stack.env" ] && [ -n "$(marked_pids)" ]; then
    app_said=1 # a running stack keeps its id; nothing new to say
    local running_mode requested_slos=$SLO_ARG
    running_mode=$(cat "$RUN/mode" 2>/dev/null || echo local)
    [ "$running_mode" = "$MODE" ] || die "the stack runs in $running_mode mode ($RUN); ./stop.sh first"
    load_saved_settings
    if [ -n "$requested_slos" ] && [ "$(absolute "$requested_slos")" != "$SLO_FILE" ]; then
      [ -f "$requested_slos" ] || die "SLO file not found: $requested_slos"
      OTHER_SLOS=$requested_slos # checked in main: a bad one is refused, a good one gets the advice below
    fi
    SLO_ARG=""
  elif [ -f "$RUN/stack.env" ]; then
    local last_slos last_app last_instances
    # shellcheck disable=SC1091
    { read -r last_slos; read -r last_app; read -r last_instances; } < <(. "$RUN/stack.env"
      printf '%s\n%s\n%s\n' "${SLO_FILE:-}" "${PROCESSOR_APPLICATION_ID:-}" "${PROCESSOR_INSTANCES:-}")
    if [ -z "$SLO_ARG" ] && [ -z "${SLO_FILE:-}" ] && [ -n "$last_slos" ]; then
      SLO_FILE=$last_slos
      say "SLO file of the last start: $SLO_FILE (--slos FILE to change it)"
    fi
    if [ -z "${PROCESSOR_APPLICATION_ID:-}" ] && [ -n "$last_app" ] && [ "$last_app" != slo-processor ]; then
      PROCESSOR_APPLICATION_ID=$last_app
      say "processor application id of the last start: $PROCESSOR_APPLICATION_ID"
      app_said=1
    fi
    if [ -z "${PROCESSOR_INSTANCES:-}" ] && [ -n "$last_instances" ] && [ "$last_instances" != 1 ]; then
      PROCESSOR_INSTANCES=$last_instances
      say "processor instances of the last start: $PROCESSOR_INSTANCES (PROCESSOR_INSTANCES=N to change it)"
    fi
  fi
  if [ -n "$SLO_ARG" ]; then
    [ -f "$SLO_ARG" ] || die "SLO file not found: $SLO_ARG"
    SLO_FILE=$(absolute "$SLO_ARG")
  fi
  default_settings
  if [ -z "$app_said" ] && [ "$PROCESSOR_APPLICATION_ID" != slo-processor ]; then
    # A new id is a new consumer group and state: say so, and how far back its first start reads.
    say "processor application id: $PROCESSOR_APPLICATION_ID${PROCESSOR_START_FROM:+ (on its first start it reads the events from $PROCESSOR_START_FROM back)}"
  fi
  [ -f "$SLO_FILE" ] || die "SLO file not found: $SLO_FILE"
  [[ "$PROCESSOR_INSTANCES" =~ ^[1-9][0-9]*$ ]] || die "PROCESSOR_INSTANCES must be a positive number"
}

absolute() { echo "$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"; }

# Every part needs its own port (a clash would only show as one part dying at start).
check_ports() {
  local -A owner=()
  local var port
  local -A part
  while read -r var _; do
    port=${!var}
    if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then die "$var=$port is not a port number"; fi
  done < <(port_defaults)
  while read_part; do
    [ "${part[ports]}" != - ] || continue
    while read -r var port; do
      [ "$port" -le 65535 ] || die "$var: an instance would listen on $port, past 65535 (PROCESSOR_INSTANCES counts up from its port)"
      [ -z "${owner[$port]:-}" ] || die "$var and ${owner[$port]} are both $port: give each part its own port"
      owner[$port]=$var
    done < <(ports_of "${part[count]}" "${part[ports]}")
  done < <(parts)
}

# Every port of a part, "VARIABLE port" per line: its own port once per instance, then the others.
ports_of() { # count ports
  local var n=1 i
  [ "$1" = 1 ] || n=${!1}
  for var in ${2//,/ }; do
    var=${var%%=*}
    for ((i = 0; i < n; i++)); do echo "$var $((${!var} + i))"; done
    n=1
  done
}

# Created only once the inputs are valid; its physical path is the mark every process carries.
prepare_run_dir() {
  mkdir -p "$RUN"
  RUN=$(cd "$RUN" && pwd -P)
  RUN_MARK="$RUN/.slo-stack"
  : > "$RUN_MARK"
  mkdir -p "$RUN/pids" "$RUN/logs" "$RUN/conf" "$RUN/data"
  echo "$MODE" > "$RUN/mode"
  save_settings
}

# ---------------------------------------------------------------------------------------------
# Starting, step by step

# Local mode: launches each part of a step that is not running, then waits for what it launched
# (a part already running was checked when it started). Compose mode: waits for every part.
start_step() { # step
  local instance port launched=()
  local -A part
  while read_part; do
    if [ "${part[step]}" != "$1" ] || ! runs_in "${part[modes]}"; then continue; fi
    [ "$MODE" = compose ] || installed "${part[name]}" || continue
    while read -r instance port; do
      if [ "$MODE" = compose ]; then launched+=("$instance ${part[ready]} $port"); continue; fi
      if already "$instance"; then continue; fi
      ensure_ports_free "$instance" "$port" "${part[ports]}"
      "${part[run]}" "$instance" "$port" < /dev/null # a launcher must not read the instance list
      launched+=("$instance ${part[ready]} $port")
      LAUNCHED=$((LAUNCHED + 1))
    done < <(instances "${part[name]}" "${part[count]}" "${part[ports]}")
  done < <(parts)
  for instance in "${launched[@]}"; do
    # shellcheck disable=SC2086 # instance ready port
    wait_ready $instance
  done
}

# An instance's ports are free: its own, then the part's others.
ensure_ports_free() { # instance port ports
  local extra
  [ -z "$2" ] || ensure_free "$1" "$2"
  if [[ "$3" == *,* ]]; then
    while read -r _ extra; do ensure_free "$1" "$extra"; done < <(ports_of 1 "${3#*,}")
  fi
}

# Local mode, before any part starts: a port held by another process would otherwise stop the
# start half-way, with the earlier parts already running.
check_free_ports() {
  local instance port
  local -A part
  while read_part; do
    if ! runs_in "${part[modes]}" || ! installed "${part[name]}"; then continue; fi
    while read -r instance port; do
      [ -n "$(running_pid "$instance")" ] || ensure_ports_free "$instance" "$port" "${part[ports]}"
    done < <(instances "${part[name]}" "${part[count]}" "${part[ports]}")
  done < <(parts)
}

already() { # instance -> true (and says so) when it runs
  local pid
  pid=$(running_pid "$1")
  if [ -n "$pid" ]; then
    say "  • $1 already running (pid $pid)"
    return 0
  fi
  rm -f "$RUN/pids/$1.pid"
  return 1
}

start_local() {
  command -v curl >/dev/null 2>&1 || die "curl is needed to check the services' health (apt-get install curl)"
  kafka_libs
  prepare_run_dir
  KAFKA_BOOTSTRAP_SERVERS="$(connect_host):$KAFKA_PORT"
  export KAFKA_BOOTSTRAP_SERVERS
  LAUNCHED=0
  check_free_ports
  say "Starting the SLO pipeline (local mode)"
  local step
  for step in $(steps); do start_step "$step"; done
  if [ "$LAUNCHED" = 0 ]; then say "Everything was already running."; fi
  # Loud, not fatal: live counting is right with any retention; only a whole-window replay is not.
  local problem
  while IFS= read -r problem; do
    warn "!!! RETENTION TOO SHORT !!! $problem"
  done < <(processor_warnings)
}

start_compose() {
  local compose var
  compose=$(compose_cmd) || die "neither 'docker compose' nor docker-compose is installed"
  prepare_run_dir
  # The compose file reads the same settings (its own defaults are the table's).
  export SLO_FILE STACK_BIND PROCESSOR_APPLICATION_ID PROCESSOR_START_FROM
  while read -r var _; do export "${var?}"; done < <(port_defaults)
  if [ "$DEMO" = 1 ]; then export COMPOSE_PROFILES=demo; ACCEPTED_BEFORE=0; fi
  say "Starting the SLO pipeline (compose mode: $compose -p $COMPOSE_PROJECT -f compose/docker-compose.yml up -d --build)"
  # shellcheck disable=SC2086
  $compose -p "$COMPOSE_PROJECT" -f "$COMPOSE_FILE_PATH" up -d --build
  local step
  for step in $(steps); do start_step "$step"; done
}

# ---------------------------------------------------------------------------------------------
# Summary: one line per part of this mode, from the table

summary_line() { printf '  %-15s %-34s %s\n' "$1" "$2" "$3"; }

# Debian's Prometheus (2.42) serves only its classic UI, under /classic/; the image's has /targets.
prometheus_pages() { # url
  if curl -fsS -o /dev/null --max-time 5 "$1/targets" 2>/dev/null; then echo "/alerts, /targets"
  else echo "/classic/alerts, /classic/targets, /classic/rules"; fi
}

print_summary() {
  local u instance port shows
  local -A part
  u=$(url_host)
  say ""
  say "SLO pipeline up in $MODE mode ($(($(date +%s) - STARTED_AT))s). Run directory: $RUN$([ "$MODE" = local ] && echo ' (logs/, pids/, data/)')"
  while read_part; do
    if ! [[ ",${part[modes]}," == *",$MODE,"* ]]; then
      [[ ",${part[modes]}," == *",local,"* ]] || summary_line "${part[name]}" "compose mode only" "./start.sh --compose"
      continue
    fi
    if [[ ",${part[modes]}," == *",demo,"* ]] && [ "$DEMO" != 1 ] && [ -z "$(running_pid "${part[name]}")" ]; then continue; fi
    if [ "$MODE" = local ] && ! installed "${part[name]}"; then
      summary_line "${part[name]}" "not installed" "./start.sh --install-deps"
      continue
    fi
    while read -r instance port; do
      shows=${part[shows]}
      if [ "${part[name]}" = prometheus ]; then shows=$(prometheus_pages "http://$u:$port"); fi
      if [ -z "$port" ]; then summary_line "$instance" "" "$shows"
      elif [ "${part[path]}" = - ]; then summary_line "$instance" "$u:$port" "$shows"
      else summary_line "$instance" "http://$u:$port${part[path]}" "$shows"; fi
    done < <(instances "${part[name]}" "${part[count]}" "${part[ports]}")
  done < <(parts)
  say ""
  say "Slack:          $([ -n "${SLACK_WEBHOOK_URL:-}" ] && echo on || echo 'off (set SLACK_WEBHOOK_URL)')"
  say "Send an event:  curl -X POST http://$u:$INGEST_PORT/v1/events -H 'Content-Type: application/json' \\"
  say "                  -d '{\"service\":\"huntaze-api\",\"operation\":\"GET /api/users\",\"status\":200,\"latencyMs\":87.5}'"
  say "Stop:           $(stop_command)   (data kept; --purge deletes it)"
}

# How to stop this stack (its run directory, when not the default one).
stop_command() {
  if [ "$RUN" = "$ROOT/.run" ]; then echo "./stop.sh"; else printf 'SLO_RUN_DIR=%q ./stop.sh' "$RUN"; fi
}

# ---------------------------------------------------------------------------------------------

main() {
  parse_args "$@"
  if [ "$INSTALL_DEPS" = 1 ]; then install_deps; fi
  choose_mode
  # Asked for by name on a machine without a Docker engine: say so, not docker-compose's traceback.
  [ "$MODE" != compose ] || docker_engine_up \
    || die "--compose: no Docker engine answers ('docker info' failed): start Docker, or run ./start.sh --local"
  resolve_settings
  check_ports
  require_java
  build_if_stale
  check_slos
  if [ -n "$OTHER_SLOS" ]; then
    check_slos "$OTHER_SLOS" " (the running processor keeps using $SLO_FILE)"
    warn "this stack runs with $SLO_FILE (a processor restarted now keeps it); to change it: ./stop.sh, then" \
      "./start.sh --slos $OTHER_SLOS, or take it live with its history (docs/processor.md, the hand-over)"
  fi
  case "$MODE" in
    local) start_local ;;
    compose) start_compose ;;
  esac
  print_summary
}

main "$@"
