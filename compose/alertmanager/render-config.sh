#!/bin/sh
# Writes the Alertmanager config actually run: render-config.sh <alertmanager.yml> <out-dir>
# (and copies its message templates, slack.tmpl, next to it)
#   SLACK_WEBHOOK_URL set:   <out-dir>/slack-webhook-url (mode 600) holds it, and every api_url_file
#                            of the config points there;
#   SLACK_WEBHOOK_URL empty: the slack_configs entries are dropped (receivers without integrations),
#                            alerts are still visible in Alertmanager.
# POSIX sh + awk: start.sh runs it in local mode, the Alertmanager container (busybox) as entrypoint.
set -eu
in=$1
out=$2
mkdir -p "$out"
cp "$(dirname "$in")/slack.tmpl" "$out/slack.tmpl" # the config names it relative to itself
umask 077
if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
  printf '%s' "$SLACK_WEBHOOK_URL" > "$out/slack-webhook-url"
  awk -v file="$out/slack-webhook-url" '
    /api_url_file:/ { i = index($0, "api_url_file:"); print substr($0, 1, i - 1) "api_url_file: " file; next }
    { print }' "$in" > "$out/alertmanager.yml"
else
  rm -f "$out/slack-webhook-url"
  # Drop each "slack_configs:" line and everything indented deeper below it.
  awk '
    function indent(s) { match(s, /^ */); return RLENGTH }
    skipping && ($0 ~ /^ *$/ || indent($0) > depth) { next }
    { skipping = 0 }
    /^ *slack_configs:/ { skipping = 1; depth = indent($0); next }
    { print }' "$in" > "$out/alertmanager.yml"
fi
