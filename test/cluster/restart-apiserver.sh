#!/usr/bin/env bash
# Kill kube-apiserver and start it again with the same flags (for the reconnect test).
# Usage: restart-apiserver.sh WORKDIR kill|start
set -euo pipefail
W=${1:?usage: restart-apiserver.sh WORKDIR kill|start}
source "$W/env"
case "${2:?kill|start}" in
  kill)
    pid=$(cat "$W/pids/apiserver.pid")
    kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done ;;
  start)
    # shellcheck disable=SC2046
    setsid "$K8S_BIN/kube-apiserver" $(cat "$W/apiserver.args") >>"$W/logs/apiserver.log" 2>&1 < /dev/null &
    echo $! > "$W/pids/apiserver.pid"
    for _ in $(seq 1 240); do
      curl -sf --cacert "$W/pki/ca.crt" --cert "$W/pki/admin.crt" --key "$W/pki/admin.key" "$APISERVER_URL/readyz" >/dev/null 2>&1 && exit 0
      sleep 0.25
    done
    echo "apiserver did not come back" >&2; exit 1 ;;
esac
