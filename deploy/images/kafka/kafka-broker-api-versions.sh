#!/usr/bin/env bash
# The compose file's health check runs apache/kafka's `kafka-broker-api-versions.sh --bootstrap-server
# HOST:PORT`. The tool is not among the broker's jars, so this one does what it does for a health
# check, in bash alone: send an ApiVersions request and succeed when the broker answers it without
# an error. (A JVM start every 10 s would also cost more than the check itself.)
set -euo pipefail

server=
while (($#)); do
  case $1 in
    --bootstrap-server) server=${2:-}; shift 2 ;;
    --bootstrap-server=*) server=${1#*=}; shift ;;
    *) shift ;;
  esac
done
[[ $server == *:* ]] || { echo "usage: $0 --bootstrap-server HOST:PORT" >&2; exit 2; }
server=${server%%,*}
host=${server%:*}
port=${server##*:}

exec 3<>"/dev/tcp/$host/$port" || { echo "cannot connect to $server" >&2; exit 1; }
# ApiVersions v0 request: size 12, api key 18, version 0, correlation id 1, client id "hc".
printf '\x00\x00\x00\x0c\x00\x12\x00\x00\x00\x00\x00\x01\x00\x02hc' >&3
# The answer's first 10 bytes: size, correlation id (1) and error code (0 when the broker is ready).
answer=$(timeout 5 head -c 10 <&3 | od -An -tx1 | tr -d ' \n') || true
exec 3>&-
if [[ ${answer:8:8} == 00000001 && ${answer:16:4} == 0000 ]]; then
  echo "$server answers ApiVersions"
  exit 0
fi
echo "$server did not answer ApiVersions as a ready broker does (got '${answer}')" >&2
exit 1
