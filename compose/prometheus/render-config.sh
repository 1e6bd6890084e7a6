#!/bin/sh
# Writes the Prometheus config of start.sh's local mode: render-config.sh <prometheus.yml> <out-dir>
# From the environment:
#   PROMETHEUS_TARGETS  job=addr,addr;job=...: each named job's `targets:` line gets these addresses
#                       (`alerting` names the Alertmanager list); an empty list drops the job (or the
#                       alerting section); jobs not named keep their targets
#   PROMETHEUS_RULES_DIR                 absolute path that replaces `rules/` (the config moves away)
#   PROMETHEUS_SCRAPE_INTERVAL, PROMETHEUS_EVALUATION_INTERVAL   replace the global ones when set
# The shipped file keeps one job per block and its targets on one line. POSIX sh + awk.
set -eu
mkdir -p "$2"
awk '
BEGIN {
  n = split(ENVIRON["PROMETHEUS_TARGETS"], pairs, ";")
  for (i = 1; i <= n; i++) {
    eq = index(pairs[i], "=")
    if (eq > 0) {
      key = substr(pairs[i], 1, eq - 1)
      local[key] = substr(pairs[i], eq + 1)
      known[key] = 1
    }
  }
  rules_dir = ENVIRON["PROMETHEUS_RULES_DIR"]
  scrape_interval = ENVIRON["PROMETHEUS_SCRAPE_INTERVAL"]
  evaluation_interval = ENVIRON["PROMETHEUS_EVALUATION_INTERVAL"]
  section = ""; job = ""; skipping = 0
}

function quoted(list,   parts, k, i2, out) {
  k = split(list, parts, ",")
  out = ""
  for (i2 = 1; i2 <= k; i2++) out = out (i2 > 1 ? ", " : "") "'\''" parts[i2] "'\''"
  return out
}

# A top-level key starts a section and ends any job being skipped.
/^[A-Za-z_]+:/ {
  section = $1; sub(/:.*/, "", section)
  job = ""; skipping = 0
  if (section == "alerting" && ("alerting" in known) && local["alerting"] == "") { skipping = 1; next }
}

/^  - job_name:/ {
  job = $3; gsub(/["'\'']/, "", job)
  skipping = (job in known) && local[job] == ""
  if (skipping) { print "  # job " job ": nothing to scrape in local mode"; next }
}

skipping { next }

section == "global" && /^  scrape_interval:/ && scrape_interval != "" { print "  scrape_interval: " scrape_interval; next }
section == "global" && /^  evaluation_interval:/ && evaluation_interval != "" { print "  evaluation_interval: " evaluation_interval; next }

section == "rule_files" && /^  - rules\// && rules_dir != "" { line = $0; sub(/rules\//, rules_dir "/", line); print line; next }

/targets:/ {
  key = (section == "alerting") ? "alerting" : job
  if (key in known) { line = $0; sub(/\[.*\]/, "[" quoted(local[key]) "]", line); print line; next }
}

{ print }
' "$1" > "$2/$(basename "$1")"
