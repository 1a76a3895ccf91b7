#!/usr/bin/env bash
# Apply the fixtures through the API as the admin (kubectl), then play the parts of the
# controllers that do not run here: a cloud LB controller (one address), the ingress controller
# publishing its address, a kubelet reporting a crash loop, the Gateway controller's status.
# Usage: apply-fixtures.sh WORKDIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${1:?usage: apply-fixtures.sh WORKDIR}
source "$W/env"
export KUBECONFIG=$KUBECONFIG_ADMIN
K() { kubectl --request-timeout=20s "$@"; }
log() { echo "[fixtures] $*" >&2; }
START=$(date +%s.%N)

wait_for() { # description command...
  local what=$1; shift
  for _ in $(seq 1 240); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  log "timed out waiting for $what"; "$@" >&2 || true; return 1
}

K apply -f "$HERE/fixtures/10-base.yaml" >/dev/null
status_addr() { K patch node "$1" --subresource=status --type=merge -p "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"$2\"},{\"type\":\"Hostname\",\"address\":\"$1\"}$3]}}" >/dev/null; }
status_addr node-a 10.255.0.11 ',{"type":"ExternalIP","address":"203.0.113.11"}'
status_addr node-b 10.255.0.12 ',{"type":"ExternalIP","address":"203.0.113.12"}'
status_addr node-lo 127.0.0.1 ''
for ns in shop payments ingress-nginx gateway-infra; do wait_for "serviceaccount $ns/default" K -n "$ns" get serviceaccount default; done
wait_for "nodes Ready" bash -c "[ \$(kubectl get nodes --no-headers | grep -c ' Ready') = 3 ]"

# TLS secrets with real certificates
T=$W/certs; mkdir -p "$T"
for pair in "shop-tls shop.example.com" "www-tls www.example.com"; do
  set -- $pair
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$2" -addext "subjectAltName=DNS:$2" -keyout "$T/$1.key" -out "$T/$1.crt" 2>/dev/null
  K -n shop create secret tls "$1" --cert="$T/$1.crt" --key="$T/$1.key" --dry-run=client -o yaml | K apply -f - >/dev/null
done

K apply -f "$HERE/fixtures/20-workloads.yaml" >/dev/null
sed "s/PROBE_NODEPORT/${PROBE_NODEPORT:-31999}/" "$HERE/fixtures/30-services.yaml" | K apply -f - >/dev/null
K apply -f "$HERE/fixtures/40-ingress.yaml" >/dev/null

# Gateway API CRDs from the sigs.k8s.io/gateway-api module, then Gateway objects
GW_VERSION=${GATEWAY_API_VERSION:-v1.4.0}
GW_DIR=$(cd /tmp && go mod download -json "sigs.k8s.io/gateway-api@$GW_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
for f in gatewayclasses gateways httproutes referencegrants; do K apply --server-side -f "$GW_DIR/config/crd/standard/gateway.networking.k8s.io_$f.yaml" >/dev/null; done
wait_for "Gateway API CRDs" K get httproutes -A
K apply -f "$HERE/fixtures/50-gateway.yaml" >/dev/null

for d in shop/web shop/checkout shop/cart payments/api payments/probe-target ingress-nginx/ingress-nginx-controller; do
  wait_for "deployment $d available" K -n "${d%/*}" rollout status "deployment/${d#*/}" --timeout=1s
done

# a kubelet reporting a crash loop for the cart pod (kwok leaves Running pods alone)
CART=$(K -n shop get pods -l app=cart -o jsonpath='{.items[0].metadata.name}')
K -n shop patch pod "$CART" --subresource=status --type=merge -p '{"status":{"conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"},{"type":"ContainersReady","status":"False"}],"containerStatuses":[{"name":"cart","ready":false,"restartCount":9,"image":"ghcr.io/acme/cart:0.7.3","imageID":"","started":false,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s"}}}]}}' >/dev/null
wait_for "cart endpoint not ready" bash -c "kubectl -n shop get endpointslices -l kubernetes.io/service-name=cart -o jsonpath='{.items[0].endpoints[0].conditions.ready}' | grep -q false"

# a cloud controller would publish the LB address of the ingress controller; the controller its Ingress addresses
K -n ingress-nginx patch service ingress-nginx-controller --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}' >/dev/null
for ing in storefront deals promo; do
  K -n shop patch ingress "$ing" --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}' >/dev/null
done

# the Gateway implementation would write these statuses (Envoy Gateway does not run here)
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
c() { printf '{"type":"%s","status":"%s","reason":"%s","message":"%s","lastTransitionTime":"%s","observedGeneration":1}' "$1" "$2" "$3" "${4:-}" "$NOW"; }
K patch gatewayclass eg --subresource=status --type=merge -p "{\"status\":{\"conditions\":[$(c Accepted True Accepted)]}}" >/dev/null
K -n gateway-infra patch gateway public --subresource=status --type=merge -p "{\"status\":{\"addresses\":[{\"type\":\"IPAddress\",\"value\":\"203.0.113.30\"}],\"conditions\":[$(c Accepted True Accepted),$(c Programmed True Programmed)],\"listeners\":[{\"name\":\"http\",\"attachedRoutes\":2,\"supportedKinds\":[{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"HTTPRoute\"}],\"conditions\":[$(c Accepted True Accepted),$(c Programmed True Programmed),$(c ResolvedRefs True ResolvedRefs)]}]}}" >/dev/null
parent='{"group":"gateway.networking.k8s.io","kind":"Gateway","namespace":"gateway-infra","name":"public"}'
K -n shop patch httproute web --subresource=status --type=merge -p "{\"status\":{\"parents\":[{\"parentRef\":$parent,\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\",\"conditions\":[$(c Accepted True Accepted),$(c ResolvedRefs True ResolvedRefs)]}]}}" >/dev/null
K -n shop patch httproute reports --subresource=status --type=merge -p "{\"status\":{\"parents\":[{\"parentRef\":$parent,\"controllerName\":\"gateway.envoyproxy.io/gatewayclass-controller\",\"conditions\":[$(c Accepted True Accepted),$(c ResolvedRefs False RefNotPermitted 'backendRef payments/api not permitted by any ReferenceGrant')]}]}}" >/dev/null

# RBAC for the restricted user: view in shop only
K -n shop create rolebinding tui-viewers --clusterrole=view --group=tui:viewers --dry-run=client -o yaml | K apply -f - >/dev/null
wait_for "EndpointSlices" bash -c "kubectl -n shop get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[0].endpoints[1].addresses[0]}' | grep -q ."
python3 -c "import sys; print(f'[fixtures] applied in {float(sys.argv[2])-float(sys.argv[1]):.1f}s', file=sys.stderr)" "$START" "$(date +%s.%N)"
