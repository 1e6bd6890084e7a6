#!/usr/bin/env bash
# Stops what ./start.sh started. ./stop.sh --help
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=compose/local/stack-lib.sh
. "$ROOT/compose/local/stack-lib.sh"

usage() {
  cat <<EOF
Usage: ./stop.sh [--purge] [--help]

Stops everything ./start.sh started (local processes, or the compose project), gracefully: SIGTERM
by pid, then SIGKILL for anything still running after STOP_TIMEOUT seconds (default 30). Data
(Kafka topics, processor state, Prometheus history, Alertmanager silences) is kept for the next
start.

  --purge      also delete the run directory ($RUN) with all data, logs and configs
               (compose mode: the compose volumes too)
  -h, --help   this help

Environment: SLO_RUN_DIR (the run directory start.sh used), STOP_TIMEOUT.
EOF
}

PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --purge) PURGE=1 ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'error: unknown option %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
STOP_TIMEOUT=${STOP_TIMEOUT:-30}
STOPPED=0

# Sends SIGTERM to each named service, waits for all of them, then SIGKILLs the stragglers.
stop_group() {
  local name pid names=() pids=() waited=0 alive i
  [ $# -gt 0 ] || return 0
  for name in "$@"; do
    pid=$(running_pid "$name")
    if [ -n "$pid" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name"); pids+=("$pid")
    fi
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  STOPPED=1
  say "  stopping ${names[*]}"
  while :; do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && break
    if [ "$waited" -ge $((STOP_TIMEOUT * 10)) ]; then
      for ((i = 0; i < ${#pids[@]}; i++)); do
        if kill -0 "${pids[$i]}" 2>/dev/null; then
          warn "${names[$i]} (pid ${pids[$i]}) still running after ${STOP_TIMEOUT}s: SIGKILL"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for name in "${names[@]}"; do
    rm -f "$RUN/pids/$name.pid"
  done
  say "  ✓ stopped ${names[*]}"
}

# The pid-file names of a step's parts (a numbered part: every instance that has one).
names_in_step() { # step
  local f
  local -A part
  while read_part; do
    [ "${part[step]}" = "$1" ] || continue
    for f in "$RUN/pids/${part[name]}.pid" "$RUN/pids/${part[name]}"-[0-9]*.pid; do
      if [ -e "$f" ]; then basename "$f" .pid; fi
    done
  done < <(parts)
}

# The steps of the table in reverse start order: traffic first, Kafka last (the processors commit
# their state on close); a pid file of no part of the table (an older start.sh's) goes first.
stop_local() {
  local step names=() known f n
  if [ -z "$(ls "$RUN"/pids/*.pid 2>/dev/null)" ] && [ -z "$(marked_pids)" ]; then
    say "Nothing of the stack is running ($RUN)."
    return 0
  fi
  say "Stopping the SLO pipeline (local mode, $RUN)"
  known=$(for step in $(steps); do names_in_step "$step"; done)
  for f in "$RUN"/pids/*.pid; do
    n=$(basename "$f" .pid)
    if [ -e "$f" ] && ! grep -qxF "$n" <<< "$known"; then names+=("$n"); fi
  done
  stop_group "${names[@]}"
  for step in $(steps | sort -nr); do
    mapfile -t names < <(names_in_step "$step")
    stop_group "${names[@]}"
  done
  # Pid files that pointed at nothing of ours (a crash, a reboot).
  rm -f "$RUN"/pids/*.pid

  # Nothing of this run directory may survive: a process whose pid file was lost is still marked.
  local leftovers pid i
  leftovers=$(marked_pids)
  if [ -n "$leftovers" ]; then
    STOPPED=1
    for pid in $leftovers; do
      warn "process $pid of this stack had no pid file: stopping it ($(cmdline_of "$pid" | cut -c1-120))"
      kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      [ -z "$(marked_pids)" ] && break
      sleep 0.1
    done
    for pid in $(marked_pids); do kill -KILL "$pid" 2>/dev/null || true; done
  fi
}

stop_compose() {
  local compose
  compose=$(compose_cmd) || die "neither 'docker compose' nor docker-compose is installed"
  say "Stopping the SLO pipeline (compose project $COMPOSE_PROJECT)"
  local args=(down --remove-orphans)
  [ "$PURGE" = 1 ] && args+=(--volumes)
  # The demo profile too, so that its traffic generator is stopped with the rest.
  STOPPED=1
  COMPOSE_PROFILES=demo $compose -p "$COMPOSE_PROJECT" -f "$COMPOSE_FILE_PATH" "${args[@]}"
}

if [ ! -d "$RUN" ]; then
  say "Nothing to stop: no run directory $RUN"
  exit 0
fi
mode=$(cat "$RUN/mode" 2>/dev/null || echo local)
case "$mode" in
  compose) stop_compose ;;
  *) stop_local ;;
esac

if [ "$PURGE" = 1 ]; then
  if [ -f "$RUN_MARK" ]; then
    rm -rf "$RUN"
    say "Deleted $RUN (data, logs, configs)"
  else
    warn "$RUN does not look like a run directory of start.sh (no .slo-stack): not deleted"
  fi
elif [ "$STOPPED" = 1 ]; then
  say "Stopped. Data kept in $RUN/data (./stop.sh --purge deletes it)."
fi
