#!/usr/bin/env bash
# Start a real control plane on loopback, without Docker or kwokctl: etcd 3.6, kube-apiserver
# (RBAC, audit log of every request), kube-controller-manager, kube-scheduler and kwok (simulated
# kubelets: nodes kept Ready with leases, pods Running/Ready with pod IPs).
#
# Usage: start.sh [WORKDIR]   (default: a new /tmp/kexplore-cluster.XXXXXX)
#   K8S_BIN   directory with the binaries (default: the last line printed by build.sh)
# Prints WORKDIR on stdout (last line). WORKDIR/env exports KUBECONFIG_ADMIN, KUBECONFIG_VIEWER,
# KUBECONFIG_KEXPLORE, APISERVER_URL, AUDIT_LOG, PIDS, … for the tests.
# If any step fails, everything started so far is killed and the script exits non-zero
# (the work dir is kept for its logs). stop.sh WORKDIR stops a running cluster.
# Never touches ~/.kube/config.
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
log() { echo "[cluster] $*" >&2; }
for tool in openssl curl python3; do command -v "$tool" >/dev/null || { log "$tool is required"; exit 2; }; done
BIN=${K8S_BIN:-}
if [ -z "$BIN" ]; then BIN=$(bash "$HERE/build.sh" | tail -n 1) || { log "build.sh failed"; exit 2; }; fi
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  [ -x "$BIN/$b" ] || { log "missing $BIN/$b (run test/cluster/build.sh)"; exit 2; }
done
W=${1:-$(mktemp -d /tmp/kexplore-cluster.XXXXXX)}
mkdir -p "$W/pki" "$W/pids" "$W/logs"
W=$(cd "$W" && pwd)
P=$W/pki

fail() {
  trap - ERR
  log "FAILED: $*  (logs kept in $W/logs)"
  bash "$HERE/stop.sh" "$W" --keep >/dev/null 2>&1 || true
  for f in "$W"/logs/*.log; do [ -f "$f" ] && { log "--- tail $f"; tail -n 5 "$f" >&2; }; done
  exit 1
}
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR
trap 'fail "interrupted"' INT TERM

# Free loopback ports: bind port 0 and read what the kernel gave us (all at once, so they differ).
read -r ETCD_PORT PEER_PORT API_PORT KWOK_PORT < <(python3 -c '
import socket
ss=[socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1",0))
print(*[s.getsockname()[1] for s in ss])
for s in ss: s.close()')

# --- PKI (openssl) ---------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=kexplore-test-ca" \
  -keyout "$P/ca.key" -out "$P/ca.crt" 2>/dev/null
sign() { # name subject extensions
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$P/$1.key" -out "$P/$1.csr" 2>/dev/null
  openssl x509 -req -in "$P/$1.csr" -CA "$P/ca.crt" -CAkey "$P/ca.key" -CAcreateserial -days 3650 \
    -out "$P/$1.crt" -extfile <(printf '%s\n' "$3") 2>/dev/null
  rm -f "$P/$1.csr"
}
sign apiserver "/CN=kube-apiserver" "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth"
sign admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth"
# kexplore's own identity (read-only use expected), so the audit log can prove it never mutates anything
sign kexplore "/O=system:masters/CN=kexplore-e2e" "extendedKeyUsage=clientAuth"
# restricted user: RBAC (view in namespace shop only) is created by apply-fixtures.sh
sign viewer "/O=tui:viewers/CN=viewer" "extendedKeyUsage=clientAuth"
# control-plane identities: the built-in RBAC roles bind these user names
sign kcm "/CN=system:kube-controller-manager" "extendedKeyUsage=clientAuth"
sign scheduler "/CN=system:kube-scheduler" "extendedKeyUsage=clientAuth"
sign kwok "/O=system:masters/CN=kwok-controller" "extendedKeyUsage=clientAuth"
openssl genrsa -out "$P/sa.key" 2048 2>/dev/null
openssl rsa -in "$P/sa.key" -pubout -out "$P/sa.pub" 2>/dev/null

kubeconfig() { # user file
  cat > "$2" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: kexplore-e2e, cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: $P/ca.crt}}]
users: [{name: $1, user: {client-certificate: $P/$1.crt, client-key: $P/$1.key}}]
contexts: [{name: $1@kexplore-e2e, context: {cluster: kexplore-e2e, user: $1}}]
current-context: $1@kexplore-e2e
EOF
}
for u in admin kexplore viewer kcm scheduler kwok; do kubeconfig "$u" "$W/$u.kubeconfig"; done

cat > "$W/audit-policy.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
EOF

run() { # name args... — own session (process group) so stop.sh can kill the whole group
  local name=$1; shift
  setsid "$@" >>"$W/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$W/pids/$name.pid"
}
alive() { kill -0 "$(cat "$W/pids/$1.pid")" 2>/dev/null || fail "$1 exited: $(tail -n 3 "$W/logs/$1.log")"; }

# --- processes ----------------------------------------------------------------------------------
START=$(date +%s.%N)
run etcd "$BIN/etcd" --name=n0 --data-dir="$W/etcd" --log-level=warn \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$PEER_PORT" \
  --initial-cluster="n0=http://127.0.0.1:$PEER_PORT" \
  --unsafe-no-fsync --quota-backend-bytes=4294967296
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$ETCD_PORT/readyz" >/dev/null 2>&1 && break; alive etcd; sleep 0.1; done
curl -sf "http://127.0.0.1:$ETCD_PORT/readyz" >/dev/null || fail "etcd not ready"

# One flag per line, reused verbatim by restart-apiserver.sh.
cat > "$W/apiserver.args" <<EOF
--etcd-servers=http://127.0.0.1:$ETCD_PORT
--bind-address=127.0.0.1
--secure-port=$API_PORT
--advertise-address=127.0.0.1
--endpoint-reconciler-type=none
--tls-cert-file=$P/apiserver.crt
--tls-private-key-file=$P/apiserver.key
--client-ca-file=$P/ca.crt
--service-account-issuer=https://kubernetes.default.svc.cluster.local
--service-account-key-file=$P/sa.pub
--service-account-signing-key-file=$P/sa.key
--service-cluster-ip-range=10.96.0.0/16
--service-node-port-range=30000-32767
--authorization-mode=Node,RBAC
--allow-privileged=true
--profiling=false
--audit-policy-file=$W/audit-policy.yaml
--audit-log-path=$W/audit.log
--audit-log-mode=blocking
EOF
# shellcheck disable=SC2046
run apiserver "$BIN/kube-apiserver" $(cat "$W/apiserver.args")

CURL=(curl -sf --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key")
for _ in $(seq 1 600); do "${CURL[@]}" "https://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1 && break; alive apiserver; sleep 0.1; done
"${CURL[@]}" "https://127.0.0.1:$API_PORT/readyz" >/dev/null || fail "kube-apiserver not ready after 60 s"
READY=$(date +%s.%N)

# KCM: all default controllers (endpointslice, serviceaccount, replicaset, deployment, namespace,
# node-lifecycle, garbage collector, …) except those that need a cloud or allocate pod CIDRs.
# Secure ports off (0): nothing scrapes them, and no port to pick.
run kcm "$BIN/kube-controller-manager" --kubeconfig="$W/kcm.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --root-ca-file="$P/ca.crt" \
  --service-account-private-key-file="$P/sa.key" --use-service-account-credentials=true \
  --controllers='*,-node-ipam-controller,-cloud-node-lifecycle-controller,-service-lb-controller,-node-route-controller'
run scheduler "$BIN/kube-scheduler" --kubeconfig="$W/scheduler.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false

# kwok: the "fast" stages kwokctl would pass (copied next to the binary by build.sh), plus our
# stage that keeps pods labelled kexplore.test/never-ready=true Running but not Ready.
STAGES=$BIN/kwok-stages
if [ ! -s "$STAGES/pod-ready.yaml" ]; then # binaries from elsewhere: take them from the Go module cache
  STAGES=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/kwok@${KWOK_VERSION:-v0.8.0}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')/kustomize/stage
  STAGE_FILES=("$STAGES"/node/fast/node-initialize.yaml "$STAGES"/node/heartbeat-with-lease/*.yaml "$STAGES"/pod/fast/pod-*.yaml)
else
  STAGE_FILES=("$STAGES"/*.yaml)
fi
{ for f in "${STAGE_FILES[@]}" "$HERE"/kwok/*.yaml; do echo '---'; cat "$f"; done; } > "$W/kwok-stages.yaml"
grep -q 'name: pod-ready' "$W/kwok-stages.yaml" || fail "kwok stages missing"
# --node-lease-duration-seconds: kwokctl passes 40; without it kwok keeps no Leases and KCM marks
# every node NotReady after 50 s (and then its pods not Ready).
run kwok "$BIN/kwok" --kubeconfig="$W/kwok.kubeconfig" --manage-all-nodes=true --cidr=10.244.0.0/16 \
  --node-ip=10.255.0.1 --node-lease-duration-seconds=40 --server-address="127.0.0.1:$KWOK_PORT" \
  --config="$W/kwok-stages.yaml"
sleep 0.5
for c in etcd apiserver kcm scheduler kwok; do alive "$c"; done

PIDS=$(for c in etcd apiserver kcm scheduler kwok; do printf '%s ' "$(cat "$W/pids/$c.pid")"; done)
cat > "$W/env" <<EOF
export KEXPLORE_E2E_WORKDIR=$W
export KUBECONFIG_ADMIN=$W/admin.kubeconfig
export KUBECONFIG_KEXPLORE=$W/kexplore.kubeconfig
export KUBECONFIG_VIEWER=$W/viewer.kubeconfig
export APISERVER_URL=https://127.0.0.1:$API_PORT
export AUDIT_LOG=$W/audit.log
export K8S_BIN=$BIN
export PID_DIR=$W/pids
export PIDS="${PIDS% }"
EOF
python3 -c "import sys; print(f'[cluster] kube-apiserver /readyz ok {float(sys.argv[2])-float(sys.argv[1]):.1f} s after etcd start; ports api={sys.argv[3]} etcd={sys.argv[4]}', file=sys.stderr)" "$START" "$READY" "$API_PORT" "$ETCD_PORT"
trap - ERR INT TERM
echo "$W"
