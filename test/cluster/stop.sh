#!/usr/bin/env bash
# Stop every process start.sh started for WORKDIR (pid files; each runs in its own process
# group) and remove WORKDIR. --keep leaves the files (logs, audit log) in place.
# Usage: stop.sh WORKDIR [--keep]
set -uo pipefail
W=${1:?usage: stop.sh WORKDIR [--keep]}
# running = exists and is not a zombie waiting to be reaped by its (re)parent
running() { local s; s=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) && [ -n "$s" ] && [ "$s" != Z ] && [ "$s" != X ]; }
pids=()
for f in "$W"/pids/*.pid; do [ -f "$f" ] && pids+=("$(cat "$f")"); done

for pid in "${pids[@]}"; do kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
for _ in $(seq 1 100); do
  alive=0
  for pid in "${pids[@]}"; do running "$pid" && alive=1; done
  [ $alive = 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do running "$pid" && { kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }; done
rm -f "$W"/pids/*.pid
[ "${2:-}" = --keep ] || rm -rf "$W"
exit 0
