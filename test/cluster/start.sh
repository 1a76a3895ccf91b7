#!/usr/bin/env bash
# Start a real control plane on loopback: etcd 3.6, kube-apiserver (with an audit log),
# kube-controller-manager, kube-scheduler and kwok (simulated nodes and pods).
# Usage: start.sh [WORKDIR]  — prints WORKDIR; $WORKDIR/env has the variables the tests read.
# Everything it starts is killed on failure; stop.sh WORKDIR stops a running cluster.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${K8S_BIN:-$(bash "$HERE/build.sh" | tail -1)}
W=${1:-$(mktemp -d /tmp/kexplore-cluster.XXXXXX)}
mkdir -p "$W/pki" "$W/pids" "$W/logs"
P=$W/pki
log() { echo "[cluster] $*" >&2; }
fail() { log "FAILED: $*"; bash "$HERE/stop.sh" "$W" --keep >/dev/null 2>&1 || true; for f in "$W"/logs/*.log; do log "--- tail $f"; tail -5 "$f" >&2 || true; done; exit 1; }
trap 'fail "line $LINENO"' ERR

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ETCD_PORT=$(free_port); PEER_PORT=$(free_port); API_PORT=$(free_port); KWOK_PORT=$(free_port)

# --- PKI (openssl) -------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=kexplore-test-ca" -keyout "$P/ca.key" -out "$P/ca.crt" 2>/dev/null
sign() { # name subject extensions
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$P/$1.key" -out "$P/$1.csr" 2>/dev/null
  openssl x509 -req -in "$P/$1.csr" -CA "$P/ca.crt" -CAkey "$P/ca.key" -CAcreateserial -days 3650 -out "$P/$1.crt" -extfile <(printf '%s\n' "$3") 2>/dev/null
}
sign apiserver "/CN=kube-apiserver" "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc
extendedKeyUsage=serverAuth"
sign admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth"
# kexplore's own identity, so the audit log can prove it never mutates anything
sign kexplore "/O=system:masters/CN=kexplore-e2e" "extendedKeyUsage=clientAuth"
sign viewer "/O=tui:viewers/CN=viewer" "extendedKeyUsage=clientAuth"
openssl genrsa -out "$P/sa.key" 2048 2>/dev/null && openssl rsa -in "$P/sa.key" -pubout -out "$P/sa.pub" 2>/dev/null

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
kubeconfig admin "$W/admin.kubeconfig"
kubeconfig kexplore "$W/kexplore.kubeconfig"
kubeconfig viewer "$W/viewer.kubeconfig"

cat > "$W/audit-policy.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
EOF

run() { # name args...
  local name=$1; shift
  setsid "$@" >"$W/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$W/pids/$name.pid"
}

# --- processes --------------------------------------------------------------------
START=$(date +%s.%N)
run etcd "$BIN/etcd" --name=n0 --data-dir="$W/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$PEER_PORT" \
  --initial-cluster="n0=http://127.0.0.1:$PEER_PORT" --unsafe-no-fsync --quota-backend-bytes=4294967296

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
for _ in $(seq 1 240); do "${CURL[@]}" "https://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1 && break; sleep 0.25; done
"${CURL[@]}" "https://127.0.0.1:$API_PORT/readyz" >/dev/null || fail "kube-apiserver not ready"
READY=$(date +%s.%N)

run kcm "$BIN/kube-controller-manager" --kubeconfig="$W/admin.kubeconfig" \
  --authentication-kubeconfig="$W/admin.kubeconfig" --authorization-kubeconfig="$W/admin.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --root-ca-file="$P/ca.crt" \
  --service-account-private-key-file="$P/sa.key" --use-service-account-credentials=true \
  --controllers='*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller'
run scheduler "$BIN/kube-scheduler" --kubeconfig="$W/admin.kubeconfig" \
  --authentication-kubeconfig="$W/admin.kubeconfig" --authorization-kubeconfig="$W/admin.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false

# kwok needs its stages (kwokctl normally passes them): take them from the module the binary was built from.
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
KWOK_DIR=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
{ for f in "$KWOK_DIR"/kustomize/stage/node/fast/node-initialize.yaml "$KWOK_DIR"/kustomize/stage/node/heartbeat-with-lease/*.yaml "$KWOK_DIR"/kustomize/stage/pod/fast/pod-*.yaml; do
    [ -f "$f" ] && { echo '---'; cat "$f"; }
  done; } > "$W/kwok-stages.yaml"
run kwok "$BIN/kwok" --kubeconfig="$W/admin.kubeconfig" --manage-all-nodes=true --cidr=10.244.0.0/16 \
  --node-ip=10.255.0.1 --server-address="127.0.0.1:$KWOK_PORT" --config="$W/kwok-stages.yaml"

cat > "$W/env" <<EOF
export KEXPLORE_E2E_WORKDIR=$W
export KUBECONFIG_ADMIN=$W/admin.kubeconfig
export KUBECONFIG_KEXPLORE=$W/kexplore.kubeconfig
export KUBECONFIG_VIEWER=$W/viewer.kubeconfig
export APISERVER_URL=https://127.0.0.1:$API_PORT
export AUDIT_LOG=$W/audit.log
export K8S_BIN=$BIN
EOF
python3 -c "import sys; print(f'[cluster] kube-apiserver ready in {float(sys.argv[2])-float(sys.argv[1]):.1f}s', file=sys.stderr)" "$START" "$READY"
trap - ERR
echo "$W"
