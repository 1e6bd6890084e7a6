# Renders compose/prometheus/prometheus.yml for local mode (start.sh).
#   awk -v targets='slo-exporter=127.0.0.1:9464;ingest=127.0.0.1:8088;alerting=127.0.0.1:9093' \
#       -v rules_dir=/abs/compose/prometheus/rules -v scrape_interval=15s -v evaluation_interval=15s \
#       -f render-prometheus.awk prometheus.yml
# `targets` maps a job name (or `alerting` for the Alertmanager list) to comma-separated addresses;
# an empty list drops the job (or the alerting section). Jobs not named keep their targets.
BEGIN {
  n = split(targets, pairs, ";")
  for (i = 1; i <= n; i++) {
    eq = index(pairs[i], "=")
    if (eq > 0) {
      key = substr(pairs[i], 1, eq - 1)
      local[key] = substr(pairs[i], eq + 1)
      known[key] = 1
    }
  }
  section = ""; job = ""; skipping = 0
}

function quoted(list,   parts, k, out) {
  k = split(list, parts, ",")
  out = ""
  for (i2 = 1; i2 <= k; i2++) {
    out = out (i2 > 1 ? ", " : "") "'" parts[i2] "'"
  }
  return out
}

# A top-level key starts a section and ends any job being skipped.
/^[A-Za-z_]+:/ {
  section = $1; sub(/:.*/, "", section)
  job = ""; skipping = 0
  if (section == "alerting" && ("alerting" in known) && local["alerting"] == "") { skipping = 1; next }
}

/^  - job_name:/ {
  job = $3; gsub(/["']/, "", job)
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
