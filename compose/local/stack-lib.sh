# shellcheck shell=bash disable=SC2034
# (variables here are used by the scripts that source this file)
# Shared by start.sh and stop.sh (sourced, bash): run directory, settings, process bookkeeping.
#
# Run directory ($SLO_RUN_DIR, default ./.run):
#   mode              "local" or "compose": what stop.sh has to stop
#   stack.env         the settings of the running stack (ports, SLO file, ...), reused by a second start
#   pids/<name>.pid   one per local process; logs/<name>.log its output
#   conf/             rendered configs (Kafka server.properties, prometheus.yml, alertmanager/)
#   data/             Kafka log dirs, processor state, Prometheus TSDB, Alertmanager silences (kept
#                     across restarts; `./stop.sh --purge` deletes the whole run directory)
# Every process start.sh launches carries "=<run dir>" in its command line (-Dslo.stack.run=<run dir>
# for JVMs, a config/data path flag for the Go binaries): a pid is only signalled if it still carries
# it, and stop.sh sweeps any process carrying it that has no pid file.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)}
RUN=${SLO_RUN_DIR:-$ROOT/.run}
case "$RUN" in /*) ;; *) RUN="$PWD/$RUN" ;; esac
if [ -d "$RUN" ]; then RUN=$(cd "$RUN" && pwd -P); fi
RUN_MARK="$RUN/.slo-stack"

if [ -t 1 ]; then TTY=1; else TTY=0; fi

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# Maven 3.8 prints colour resets (ESC[0m) even with -Dstyle.color=never when quiet; they are stripped. Callers set pipefail.
quiet_mvn() { mvn -B -q -Dstyle.color=never "$@" 2>&1 | sed $'s/\e\\[[0-9;]*m//g'; }

# The stack's parts, one row each, in start order. start.sh starts the parts of one step together
# and waits until they are ready before the next step; stop.sh stops the steps in reverse order
# (traffic first, Kafka last so that the processors commit on close). The waits, the summary, the
# port checks, --help, --install-deps and the local Prometheus targets all read this table.
#   name   the part: its pid file, log and progress lines (numbered <name>-<i> with several instances)
#   step   start order
#   modes  local and/or compose; demo: only with --demo
#   ports  VARIABLE=default[,...]: the environment overrides each; the first is the part's own
#   count  instances: 1, or a variable (instance i listens on the port + i - 1)
#   bin    local mode's program: java, or alternatives a|b (the first is also its Debian package)
#   job    the Prometheus job that scrapes it (compose/prometheus/prometheus.yml), or -
#   run    the function of parts.sh that launches it (local mode), or -
#   ready  tcp (its port accepts connections), /path (HTTP 200 on its port) or a function of parts.sh
#   path   the summary's URL path (- for a bare host:port)
#   shows  the rest of the line: what the summary says it offers
STACK_PARTS='
#name         step modes              ports                                       count               bin                                     job           run                ready            path shows
kafka          1   local,compose      KAFKA_PORT=9092,KAFKA_CONTROLLER_PORT=19093 1                   java                                    -             run_kafka          tcp              - topics slo.request-events, slo.status, slo.alerts, slo.request-events.dlq
alertmanager   1   local,compose      ALERTMANAGER_PORT=9093                      1                   prometheus-alertmanager|alertmanager    alertmanager  run_alertmanager   /-/ready         / alerts from the exporter and Prometheus; Slack when SLACK_WEBHOOK_URL is set
node-exporter  1   local,compose      NODE_EXPORTER_PORT=9100                     1                   prometheus-node-exporter|node_exporter  node          run_node_exporter  /metrics         /metrics host metrics
processor      2   local              PROCESSOR_PORT=9465                         PROCESSOR_INSTANCES java                                    slo-processor run_processor      /health/ready    /metrics /health/ready
ingest         2   local,compose      INGEST_PORT=8088                            1                   java                                    ingest        run_ingest         /health/ready    / POST /v1/events, POST /v1/traces, /metrics
exporter       2   local,compose      EXPORTER_PORT=9464                          1                   java                                    slo-exporter  run_exporter       /health/ready    / SLO status page, /metrics, /api/slos
prometheus     2   local,compose      PROMETHEUS_PORT=9090                        1                   prometheus                              prometheus    run_prometheus     /-/ready         / /alerts, /targets
grafana        2   compose            GRAFANA_PORT=3001                           1                   -                                       -             -                  /api/health      / dashboards in folder SLO (user admin)
loadgen        3   local,compose,demo -                                           1                   java                                    -             run_loadgen        loadgen_sending  - demo traffic: 3 days of history, then 30 minutes live with error bursts (compose/demo.env)
'

# The column names, from the table's header line.
read -r -a PART_COLUMNS <<< "$(printf '%s\n' "$STACK_PARTS" | awk '/^#name / { sub(/^#/, ""); print; exit }')"

# The table's rows, comments and blank lines left out.
parts() { printf '%s\n' "$STACK_PARTS" | awk 'NF && $1 !~ /^#/'; }

# Reads the next row into the caller's `local -A part`, by column name (the last column keeps the
# rest of the line): while read_part; do echo "${part[name]}"; done < <(parts)
read_part() {
  local -a fields
  local i last=$((${#PART_COLUMNS[@]} - 1))
  read -r -a fields || return 1
  for ((i = 0; i < last; i++)); do part[${PART_COLUMNS[$i]}]=${fields[$i]}; done
  part[${PART_COLUMNS[$last]}]=${fields[*]:$last}
}

# One column of every row (awk field of the column's name): column step
column() {
  local i
  for i in "${!PART_COLUMNS[@]}"; do
    if [ "${PART_COLUMNS[$i]}" = "$1" ]; then parts | awk -v c=$((i + 1)) '{ print $1, $c }'; return; fi
  done
  die "no column $1 in STACK_PARTS"
}

# The start steps, in order.
steps() { column step | awk '{ print $2 }' | sort -nu; }

# Every port variable with its default ("VARIABLE default" per line).
port_defaults() { column ports | awk '$2 != "-" { n = split($2, p, ","); for (i = 1; i <= n; i++) { sub("=", " ", p[i]); print p[i] } }'; }

# The running instances of a part, "<instance> <port>" per line: instances NAME COUNT PORTS
instances() {
  local name=$1 count=$2 var=${3%%=*} n i
  [ "$3" != - ] || var=""
  if [ "$count" = 1 ]; then
    echo "$name ${var:+${!var}}"
    return
  fi
  n=${!count}
  for ((i = 0; i < n; i++)); do echo "$name-$((i + 1)) ${var:+$((${!var} + i))}"; done
}

# Settings: environment first, then defaults. start.sh saves them in stack.env.
STACK_SETTINGS=(STACK_BIND PROCESSOR_INSTANCES SLO_FILE PROCESSOR_APPLICATION_ID PROCESSOR_START_FROM PROMETHEUS_SCRAPE_INTERVAL
  PROMETHEUS_EVALUATION_INTERVAL)
while read -r _var _; do STACK_SETTINGS+=("$_var"); done < <(port_defaults)
default_settings() {
  local var port
  while read -r var port; do printf -v "$var" '%s' "${!var:-$port}"; done < <(port_defaults)
  STACK_BIND=${STACK_BIND:-127.0.0.1}
  PROCESSOR_INSTANCES=${PROCESSOR_INSTANCES:-1}
  SLO_FILE=${SLO_FILE:-$ROOT/compose/slos.yaml}
  # A new application id (with PROCESSOR_START_FROM, e.g. 31d) takes a changed SLO file live with its
  # history; both are saved, so every later start keeps them (docs/processor.md, the hand-over).
  PROCESSOR_APPLICATION_ID=${PROCESSOR_APPLICATION_ID:-slo-processor}
  PROCESSOR_START_FROM=${PROCESSOR_START_FROM:-}
  PROMETHEUS_SCRAPE_INTERVAL=${PROMETHEUS_SCRAPE_INTERVAL:-15s}
  PROMETHEUS_EVALUATION_INTERVAL=${PROMETHEUS_EVALUATION_INTERVAL:-15s}
}

save_settings() {
  local v
  : > "$RUN/stack.env"
  for v in "${STACK_SETTINGS[@]}"; do
    printf '%s=%q\n' "$v" "${!v}" >> "$RUN/stack.env"
  done
}

# Loads the settings the running stack was started with (they win over the environment); a
# different value asked for in the environment is named, not silently dropped.
load_saved_settings() {
  [ -f "$RUN/stack.env" ] || return 1
  local v name asked=()
  for v in "${STACK_SETTINGS[@]}"; do [ -z "${!v:-}" ] || asked+=("$v=${!v}"); done
  # shellcheck disable=SC1091
  . "$RUN/stack.env"
  for v in "${asked[@]+"${asked[@]}"}"; do
    name=${v%%=*}
    [ "${v#*=}" = "${!name}" ] || warn "$name=${v#*=} is ignored: the running stack uses $name=${!name} (./stop.sh, then start again to change it)"
  done
}

# Address clients use to reach a server bound to $STACK_BIND, and the host name printed for people.
connect_host() { if [ "$STACK_BIND" = 0.0.0.0 ]; then echo 127.0.0.1; else echo "$STACK_BIND"; fi; }
url_host() { case "$STACK_BIND" in 0.0.0.0|127.0.0.1) echo localhost ;; *) echo "$STACK_BIND" ;; esac; }

cmdline_of() {
  if [ -r "/proc/$1/cmdline" ]; then tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null
  else ps -ww -o args= -p "$1" 2>/dev/null; fi
}

# True when $1 is a live process carrying this run directory's mark.
is_ours() {
  local pid=$1 args
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  args=$(cmdline_of "$pid") || return 1
  case "$args " in *"=$RUN "*|*"=$RUN/"*) return 0 ;; esac
  return 1
}

pid_of() { local f="$RUN/pids/$1.pid"; if [ -f "$f" ]; then cat "$f" 2>/dev/null || true; fi; }

# Pid of the named service if it is running (ours), else empty.
running_pid() {
  local pid
  pid=$(pid_of "$1")
  if is_ours "$pid"; then echo "$pid"; fi
}

# Every live process carrying the mark of this run directory (pid per line), except this shell.
marked_pids() {
  local pid args
  while read -r pid args; do
    [ "$pid" = "$$" ] || [ "$pid" = "${BASHPID:-$$}" ] && continue
    case "$args " in *"=$RUN "*|*"=$RUN/"*) echo "$pid" ;; esac
  done < <(ps -eww -o pid=,args= 2>/dev/null)
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

compose_cmd() {
  if docker compose version >/dev/null 2>&1; then echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then echo "docker-compose"
  else return 1; fi
}

docker_engine_up() {
  command -v docker >/dev/null 2>&1 || return 1
  if command -v timeout >/dev/null 2>&1; then timeout 10 docker info >/dev/null 2>&1
  else docker info >/dev/null 2>&1; fi
}

COMPOSE_FILE_PATH="$ROOT/compose/docker-compose.yml"
COMPOSE_PROJECT=${COMPOSE_PROJECT_NAME:-huntaze}
