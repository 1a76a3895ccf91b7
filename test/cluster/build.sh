#!/usr/bin/env bash
# Builds the real control plane used by the integration tests: kube-apiserver and
# kube-controller-manager from k8s.io/kubernetes, etcd 3.6 and kwok, all through the
# Go module proxy. Binaries are cached outside the repo, keyed by version.
set -euo pipefail
KUBE_VERSION=${KUBE_VERSION:-v1.36.3}; ETCD_VERSION=${ETCD_VERSION:-v3.6.14}; KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
STAGING=v0.${KUBE_VERSION#v1.}; MINOR=${KUBE_VERSION#v1.}; MINOR=${MINOR%%.*}
CACHE=${K8S_TESTBIN_CACHE:-$HOME/.cache/k8s-testbin}
OUT=$CACHE/$KUBE_VERSION-etcd$ETCD_VERSION-kwok$KWOK_VERSION; SRC=$CACHE/src
export GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0
log() { echo "[build] $*" >&2; }
have() { [ -x "$OUT/$1" ]; }
mkdir -p "$OUT" "$SRC/k8s" "$SRC/etcd"
# One build at a time per cache (CI and a developer, or two test runs, may start together).
exec 9>"$CACHE/.build.lock"
flock 9 || { log "cannot lock $CACHE/.build.lock"; exit 1; }

# kubectl too: the one a fresh Debian machine can install (kubernetes-client 1.20) lacks
# --subresource=status, and a client of the server's own version is what kubectl users run.
KUBE_BINS="kube-apiserver kube-controller-manager kube-scheduler kubectl"
MISSING=(); for b in $KUBE_BINS; do have "$b" || MISSING+=("k8s.io/kubernetes/cmd/$b"); done
if [ ${#MISSING[@]} -gt 0 ]; then
  log "building Kubernetes $KUBE_VERSION: ${MISSING[*]##*/} (cold: ~7 min on 2 cores)"
  cd "$SRC/k8s"; rm -f go.mod go.sum
  KMOD=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
  MODS=$(sed -n 's|^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*|\1|p' "$KMOD")
  [ -n "$MODS" ] || MODS=$(sed -n 's|^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) v0\.0\.0$|\1|p' "$KMOD")
  GOLINE=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$KMOD"); GODBG=$(sed -n 's/^godebug default=\(.*\)$/\1/p' "$KMOD")
  go mod init local.invalid/k8s-testbin
  go mod edit -go="$GOLINE" ${GODBG:+-godebug=default=$GODBG}
  for m in $MODS; do go mod edit -replace="$m=$m@$STAGING"; done
  PKGS=$(for b in $KUBE_BINS; do printf 'k8s.io/kubernetes/cmd/%s ' "$b"; done)
  go get -tool $(for p in $PKGS; do printf '%s@%s ' "$p" "$KUBE_VERSION"; done)
  go mod tidy
  LDF="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    LDF+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$MINOR -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  go build -p 2 -trimpath -tags=selinux,notest,grpcnotrace -ldflags="$LDF" -o "$OUT/" "${MISSING[@]}"
fi

if ! have etcd; then
  log "building etcd $ETCD_VERSION"
  cd "$SRC/etcd"; rm -f go.mod go.sum
  go mod init local.invalid/etcd-testbin
  go get -tool "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go build -trimpath -ldflags='-s -w' -o "$OUT/etcd" go.etcd.io/etcd/server/v3
fi

if ! have kwok; then
  log "building kwok $KWOK_VERSION"
  GOBIN="$OUT" go install -trimpath -ldflags='-s -w' "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi

# The kwok binary has no built-in stages (kwokctl passes them): keep the "fast" node/pod stages
# of the same module next to it, so start.sh needs neither Go nor the network.
if [ ! -s "$OUT/kwok-stages/pod-ready.yaml" ]; then
  KWOK_DIR=$(cd "$SRC" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')
  mkdir -p "$OUT/kwok-stages.tmp"
  cp "$KWOK_DIR"/kustomize/stage/node/fast/node-initialize.yaml \
     "$KWOK_DIR"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
     "$KWOK_DIR"/kustomize/stage/pod/fast/pod-{ready,complete,delete}.yaml "$OUT/kwok-stages.tmp/"
  chmod -R u+w "$OUT/kwok-stages.tmp"; rm -rf "$OUT/kwok-stages"; mv "$OUT/kwok-stages.tmp" "$OUT/kwok-stages"
fi

# The Gateway API standard CRDs, so that a cached cluster starts without Go or the network.
GW_VERSION=${GATEWAY_API_VERSION:-v1.6.3}   # the newest whose go.mod accepts Go 1.26 (v1.7.0 needs 1.27)
if [ ! -s "$OUT/gateway-api-$GW_VERSION/gateway.networking.k8s.io_httproutes.yaml" ]; then
  GW_DIR=$(cd "$SRC" && go mod download -json "sigs.k8s.io/gateway-api@$GW_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')
  rm -rf "$OUT/gateway-api.tmp"; cp -r "$GW_DIR/config/crd/standard" "$OUT/gateway-api.tmp"
  chmod -R u+w "$OUT/gateway-api.tmp"; rm -rf "$OUT/gateway-api-$GW_VERSION"; mv "$OUT/gateway-api.tmp" "$OUT/gateway-api-$GW_VERSION"
fi

"$OUT/kube-apiserver" --version >&2
"$OUT/kubectl" version --client 2>/dev/null | sed -n 1p >&2
"$OUT/etcd" --version | sed -n 1p >&2   # not head: SIGPIPE + pipefail would fail the build at random
echo "$OUT"
