#!/usr/bin/env bash
# Apply the fixtures through the API as the admin (kubectl), wait until the controllers have done
# their part (pods Ready via kwok, EndpointSlices via kube-controller-manager), then play the
# controllers that do not run here: a cloud LB controller (one address; the other LB stays
# pending), the ingress controller publishing Ingress addresses, the Gateway controller's status.
# Finally the RBAC for the restricted user (view in namespace shop only).
# Usage: apply-fixtures.sh WORKDIR      (WORKDIR from start.sh)
#   PROBE_NODEPORT        nodePort of payments/probe-target (default 31999)
#   GATEWAY_API_VERSION   sigs.k8s.io/gateway-api module version for the CRDs (default v1.6.3)
set -Eeuo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${1:?usage: apply-fixtures.sh WORKDIR}
source "$W/env"
export KUBECONFIG=$KUBECONFIG_ADMIN
log() { echo "[fixtures] $*" >&2; }
trap 'log "FAILED at line $LINENO: $BASH_COMMAND"' ERR
# build.sh's kubectl (the server's version) first; its discovery cache stays in the work dir.
[ -x "$K8S_BIN/kubectl" ] && export PATH="$K8S_BIN:$PATH"
export KUBECACHEDIR=$W/kube-cache
command -v kubectl >/dev/null || { log "kubectl is required"; exit 2; }
K() { kubectl --request-timeout=20s "$@"; }
START=$(date +%s.%N)

wait_for() { # description command... (up to 60 s)
  local what=$1; shift
  for _ in $(seq 1 240); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  log "timed out waiting for $what"; "$@" >&2 || true; return 1
}

# --- nodes and namespaces ----------------------------------------------------------------------
K apply -f "$HERE/fixtures/10-base.yaml" >/dev/null
[ "$(K get node node-lo -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')" = 127.0.0.1 ] \
  || { log "node-lo lost its InternalIP 127.0.0.1"; exit 1; }
for ns in shop payments ingress-nginx gateway-infra; do wait_for "serviceaccount $ns/default" K -n "$ns" get serviceaccount default; done
wait_for "3 nodes Ready" bash -c "[ \$(kubectl get nodes --no-headers | grep -c ' Ready ') = 3 ]"

# --- TLS secrets with real certificates ----------------------------------------------------------
# As a real issuer delivers them: root CA -> intermediate CA -> leaf; tls.crt = leaf + intermediate.
# shop-tls covers shop.example.com, catalog-tls catalog.example.com, www-tls only www.example.com
# (used by Ingress deals for deals.example.com: tls.host-not-covered).
T=$W/certs; mkdir -p "$T"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/O=kexplore fixtures/CN=kexplore fixtures root CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$T/root.key" -out "$T/root.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/O=kexplore fixtures/CN=kexplore fixtures issuing CA" -keyout "$T/int.key" -out "$T/int.csr" 2>/dev/null
openssl x509 -req -in "$T/int.csr" -CA "$T/root.crt" -CAkey "$T/root.key" -CAcreateserial -days 1825 -out "$T/int.crt" \
  -extfile <(printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n') 2>/dev/null
for pair in "shop-tls shop.example.com" "catalog-tls catalog.example.com" "www-tls www.example.com"; do
  set -- $pair
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$T/$1.key" -out "$T/$1.csr" 2>/dev/null
  openssl x509 -req -in "$T/$1.csr" -CA "$T/int.crt" -CAkey "$T/int.key" -CAcreateserial -days 365 -out "$T/$1.leaf.crt" \
    -extfile <(printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$2") 2>/dev/null
  cat "$T/$1.leaf.crt" "$T/int.crt" > "$T/$1.crt"
  openssl verify -CAfile "$T/root.crt" -untrusted "$T/int.crt" "$T/$1.leaf.crt" >/dev/null
  K -n shop create secret tls "$1" --cert="$T/$1.crt" --key="$T/$1.key" --dry-run=client -o yaml | K apply -f - >/dev/null
done

# --- workloads, Services, Ingresses ----------------------------------------------------------
K apply -f "$HERE/fixtures/20-workloads.yaml" >/dev/null
sed "s/PROBE_NODEPORT/${PROBE_NODEPORT:-31999}/" "$HERE/fixtures/30-services.yaml" | K apply -f - >/dev/null
K apply -f "$HERE/fixtures/40-ingress.yaml" >/dev/null

# --- Gateway API: the standard CRDs from the sigs.k8s.io/gateway-api module, then objects --------
# build.sh keeps them next to the binaries; binaries from elsewhere: the Go module cache.
GW_VERSION=${GATEWAY_API_VERSION:-v1.6.3}
GW_CRDS=$K8S_BIN/gateway-api-$GW_VERSION
if [ ! -s "$GW_CRDS/gateway.networking.k8s.io_httproutes.yaml" ]; then
  GW_CRDS=$(cd /tmp && go mod download -json "sigs.k8s.io/gateway-api@$GW_VERSION" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error","no Dir")))')/config/crd/standard
fi
K apply --server-side -f "$GW_CRDS/" >/dev/null
wait_for "Gateway API CRDs established" K wait --for=condition=Established --timeout=1s \
  crd/gatewayclasses.gateway.networking.k8s.io crd/gateways.gateway.networking.k8s.io \
  crd/httproutes.gateway.networking.k8s.io crd/grpcroutes.gateway.networking.k8s.io crd/referencegrants.gateway.networking.k8s.io
wait_for "HTTPRoute served" K get httproutes -A
K apply -f "$HERE/fixtures/50-gateway.yaml" >/dev/null

# --- wait for the controllers ----------------------------------------------------------------
for d in shop/web shop/checkout payments/api payments/probe-target ingress-nginx/ingress-nginx-controller; do
  wait_for "deployment $d available" K -n "${d%/*}" rollout status "deployment/${d#*/}" --timeout=1s
done
wait_for "EndpointSlice shop/web: 2 ready" bash -c "[ \$(kubectl -n shop get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}x{end}') = xx ]"
# cart: kwok's kexplore-pod-never-ready stage keeps it Running, not Ready
wait_for "cart pod Running and not Ready" bash -c "kubectl -n shop get pods -l app=cart -o jsonpath='{.items[0].status.phase}/{.items[0].status.containerStatuses[0].state.waiting.reason}' | grep -qx 'Running/CrashLoopBackOff'"
wait_for "EndpointSlice shop/cart: 1 not ready" bash -c "kubectl -n shop get endpointslices -l kubernetes.io/service-name=cart -o jsonpath='{.items[0].endpoints[0].conditions.ready}' | grep -qx false"
for s in payments/api payments/probe-target ingress-nginx/ingress-nginx-controller; do
  wait_for "EndpointSlice $s ready" bash -c "kubectl -n ${s%/*} get endpointslices -l kubernetes.io/service-name=${s#*/} -o jsonpath='{.items[0].endpoints[0].conditions.ready}' | grep -qx true"
done

# --- the controllers that do not run here ----------------------------------------------------
# cloud LB controller: the ingress controller's LoadBalancer gets an address; payments/gateway stays pending
K -n ingress-nginx patch service ingress-nginx-controller --subresource=status --type=merge \
  -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10","ipMode":"VIP"}]}}}' >/dev/null
# ingress-nginx publishes that address on the Ingresses it serves (not on blog: class traefik, no controller)
for ing in storefront catalog deals promo; do
  K -n shop patch ingress "$ing" --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}' >/dev/null
done
# the Gateway implementation (Envoy Gateway does not run here)
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
c() { printf '{"type":"%s","status":"%s","reason":"%s","message":"%s","lastTransitionTime":"%s","observedGeneration":1}' "$1" "$2" "$3" "${4:-}" "$NOW"; }
K patch gatewayclass eg --subresource=status --type=merge -p "{\"status\":{\"conditions\":[$(c Accepted True Accepted)]}}" >/dev/null
K -n gateway-infra patch gateway public --subresource=status --type=merge -p "{\"status\":{\"addresses\":[{\"type\":\"IPAddress\",\"value\":\"203.0.113.30\"}],\"conditions\":[$(c Accepted True Accepted),$(c Programmed True Programmed)],\"listeners\":[{\"name\":\"http\",\"attachedRoutes\":3,\"supportedKinds\":[{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"HTTPRoute\"},{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"GRPCRoute\"}],\"conditions\":[$(c Accepted True Accepted),$(c Programmed True Programmed),$(c ResolvedRefs True ResolvedRefs)]}]}}" >/dev/null
parent='{"group":"gateway.networking.k8s.io","kind":"Gateway","namespace":"gateway-infra","name":"public"}'
K -n shop patch httproute web --subresource=status --type=merge -p "{\"status\":{\"parents\":[{\"parentRef\":$parent,\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\",\"conditions\":[$(c Accepted True Accepted),$(c ResolvedRefs True ResolvedRefs)]}]}}" >/dev/null
K -n shop patch grpcroute inventory --subresource=status --type=merge -p "{\"status\":{\"parents\":[{\"parentRef\":$parent,\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\",\"conditions\":[$(c Accepted True Accepted),$(c ResolvedRefs False BackendNotFound 'service shop/inventory not found')]}]}}" >/dev/null
K -n shop patch httproute reports --subresource=status --type=merge -p "{\"status\":{\"parents\":[{\"parentRef\":$parent,\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\",\"conditions\":[$(c Accepted True Accepted),$(c ResolvedRefs False RefNotPermitted 'backendRef payments/api not permitted by any ReferenceGrant')]}]}}" >/dev/null

# --- RBAC for the restricted user: ClusterRole view (no Secrets) in namespace shop only -----------
K -n shop create rolebinding tui-viewers --clusterrole=view --group=tui:viewers --dry-run=client -o yaml | K apply -f - >/dev/null
wait_for "viewer may list pods in shop" kubectl --kubeconfig "$KUBECONFIG_VIEWER" -n shop auth can-i list pods

# kube-apiserver's ClusterIP repair loop (repairip.go) sometimes sees a new Service before the
# IPAddress object created with it and records a spurious "ClusterIPNotAllocated … repairing"
# Warning (a race between its two informers; the IP was allocated). Remove these so the expected
# findings do not depend on that race; real ones would come back on the next repair pass.
K delete events -A --field-selector reason=ClusterIPNotAllocated >/dev/null

python3 -c "import sys; print(f'[fixtures] applied and settled in {float(sys.argv[2])-float(sys.argv[1]):.1f} s', file=sys.stderr)" "$START" "$(date +%s.%N)"
