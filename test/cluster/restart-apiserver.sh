#!/usr/bin/env bash
# Kill kube-apiserver (SIGKILL, like a crash) and/or start it again with exactly the same flags
# ($WORKDIR/apiserver.args, same port, certificates and etcd), for the reconnect tests.
# Usage: restart-apiserver.sh WORKDIR kill|start|restart
# start/restart return once /readyz answers ok (up to 60 s); the new pid goes to pids/apiserver.pid.
set -euo pipefail
W=${1:?usage: restart-apiserver.sh WORKDIR kill|start|restart}
source "$W/env"
kill_it() {
  local pid; pid=$(cat "$W/pids/apiserver.pid" 2>/dev/null) || return 0
  kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  # wait until the port is free again, so the restart can bind it
  for _ in $(seq 1 100); do curl -s -o /dev/null --max-time 1 -k "$APISERVER_URL/readyz" || break; sleep 0.1; done
}
start_it() {
  # shellcheck disable=SC2046
  setsid "$K8S_BIN/kube-apiserver" $(cat "$W/apiserver.args") >>"$W/logs/apiserver.log" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$W/pids/apiserver.pid"
  sed -i "s/^export PIDS=.*/export PIDS=\"$(cat "$W"/pids/*.pid | tr '\n' ' ' | sed 's/ $//')\"/" "$W/env"
  for _ in $(seq 1 600); do
    curl -sf --cacert "$W/pki/ca.crt" --cert "$W/pki/admin.crt" --key "$W/pki/admin.key" "$APISERVER_URL/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "kube-apiserver exited: $(tail -n 3 "$W/logs/apiserver.log")" >&2; return 1; }
    sleep 0.1
  done
  echo "kube-apiserver did not come back within 60 s" >&2; return 1
}
case "${2:?kill|start|restart}" in
  kill) kill_it ;;
  start) start_it ;;
  restart) kill_it; start_it ;;
  *) echo "unknown action $2" >&2; exit 2 ;;
esac
