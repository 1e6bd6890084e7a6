#!/bin/sh
# Writes the Kafka config actually run: render-config.sh <server.properties> <out-dir>
# Every ${NAME} of the template becomes the environment's NAME; an unset one is an error (a typo
# must not become an empty listener). POSIX sh + awk, like the other renderers under compose/.
set -eu
mkdir -p "$2"
awk '{
  out = ""
  while (match($0, /\$\{[A-Za-z_][A-Za-z0-9_]*\}/)) {
    name = substr($0, RSTART + 2, RLENGTH - 3)
    if (!(name in ENVIRON)) { print "render-config.sh: " name " is not set" > "/dev/stderr"; exit 1 }
    out = out substr($0, 1, RSTART - 1) ENVIRON[name]
    $0 = substr($0, RSTART + RLENGTH)
  }
  print out $0
}' "$1" > "$2/$(basename "$1")"
