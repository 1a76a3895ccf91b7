#!/usr/bin/env bash
# Stop every process start.sh started for WORKDIR (pid files; each runs in its own process group)
# and remove WORKDIR. --keep leaves the files (logs, audit log) in place.
# Usage: stop.sh WORKDIR [--keep]
# Order matters: kube-apiserver exits in ~1 s on SIGTERM while etcd is up, but hangs in its
# graceful shutdown if etcd goes first (and etcd waits for its clients), so etcd is stopped last.
set -uo pipefail
W=${1:?usage: stop.sh WORKDIR [--keep]}
# running = exists and is not a zombie waiting to be reaped by its (re)parent
running() { local s; s=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) && [ -n "$s" ] && [ "$s" != Z ] && [ "$s" != X ]; }
stop_group() { # timeout-in-tenths pid...
  local t=$1; shift
  [ $# -gt 0 ] || return 0
  for pid in "$@"; do kill -TERM "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 "$t"); do
    local alive=0
    for pid in "$@"; do running "$pid" && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.1
  done
  for pid in "$@"; do running "$pid" && { kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }; done
  return 0
}
first=(); last=()
for f in "$W"/pids/*.pid; do
  [ -f "$f" ] || continue
  if [ "$(basename "$f")" = etcd.pid ]; then last+=("$(cat "$f")"); else first+=("$(cat "$f")"); fi
done
stop_group 50 "${first[@]}"
stop_group 30 "${last[@]}"
rm -f "$W"/pids/*.pid
[ "${2:-}" = --keep ] || rm -rf "$W"
exit 0
