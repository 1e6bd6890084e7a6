#!/bin/bash
# Container health check without curl: healthcheck.sh <port> [path]; healthy on an HTTP 200.
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${2:-/health/ready}" >&3
IFS=' ' read -r _ status _ <&3
[ "$status" = 200 ]
