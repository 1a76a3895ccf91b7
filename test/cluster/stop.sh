#!/usr/bin/env bash
# Stop every process start.sh started for WORKDIR and remove it (--keep leaves the files).
set -uo pipefail
W=${1:?usage: stop.sh WORKDIR [--keep]}
for f in "$W"/pids/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
done
for _ in $(seq 1 50); do
  alive=0
  for f in "$W"/pids/*.pid; do [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.1
done
for f in "$W"/pids/*.pid; do [ -f "$f" ] && { kill -KILL "-$(cat "$f")" 2>/dev/null || kill -KILL "$(cat "$f")" 2>/dev/null; }; done
rm -f "$W"/pids/*.pid
[ "${2:-}" = --keep ] || rm -rf "$W"
exit 0
