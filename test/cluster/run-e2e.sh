#!/usr/bin/env bash
# npm run test:cluster: build (or reuse) the control-plane binaries, start a cluster, apply the
# fixtures, run the end-to-end tests on Node 24, and ALWAYS stop the cluster (trap).
# Last line: "N passed, N failed". Exit status 0 only if every test passed.
#   KEEP_CLUSTER=1   leave the cluster running (prints its WORKDIR; stop with stop.sh WORKDIR)
#   E2E_FILES        test files (default: dist/test/cluster/e2e/*.test.js; build first: npm run build)
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
T0=$(date +%s)
NODE=./node_modules/.bin/node   # Node 24 from the npm "node" package; the global node may be older
[ -x "$NODE" ] || { echo "run-e2e: $NODE missing (npm ci)" >&2; exit 2; }
BIN=${K8S_BIN:-}
if [ -z "$BIN" ]; then BIN=$(bash test/cluster/build.sh | tail -n 1) || { echo "run-e2e: build.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }; fi
# The probe test listens on 127.0.0.1:PROBE_NODEPORT (node-lo's address): pick a free one in the
# NodePort range so two runs on one machine do not collide.
PROBE_NODEPORT=${PROBE_NODEPORT:-$(python3 -c '
import random, socket
for p in random.sample(range(30100, 32700), 200):
    s = socket.socket()
    try: s.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: s.close()')}
export K8S_BIN=$BIN PROBE_NODEPORT
# kubectl built with the control plane (same version), for the scripts and the tests.
[ -x "$BIN/kubectl" ] && export PATH="$BIN:$PATH"
command -v kubectl >/dev/null || { echo "run-e2e: kubectl is required" >&2; exit 2; }

W=$(mktemp -d /tmp/kexplore-cluster.XXXXXX)
cleanup() {
  local rc=$?
  if [ "${KEEP_CLUSTER:-}" = 1 ]; then echo "[e2e] cluster kept: $W (bash test/cluster/stop.sh $W)" >&2
  else bash test/cluster/stop.sh "$W"; fi
  exit $rc
}
trap cleanup EXIT
export KUBECACHEDIR=$W/kube-cache   # kubectl's discovery cache: not in ~/.kube
trap 'exit 130' INT TERM
bash test/cluster/start.sh "$W" >/dev/null
bash test/cluster/apply-fixtures.sh "$W"
source "$W/env"
echo "export PROBE_NODEPORT=$PROBE_NODEPORT" >> "$W/env"
echo "[e2e] cluster with fixtures ready in $(( $(date +%s) - T0 )) s (binaries: $BIN)" >&2

shopt -s nullglob
# shellcheck disable=SC2206
FILES=(${E2E_FILES:-dist/test/cluster/e2e/*.test.js})
[ ${#FILES[@]} -gt 0 ] || { echo "[e2e] no compiled tests in dist/test/cluster/e2e (npm run build)"; echo "0 passed, 1 failed"; exit 1; }
set +e
"$NODE" --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$W/e2e.tap" --test-concurrency=1 "${FILES[@]}"
rc=$?
set -e
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$W/e2e.tap" 2>/dev/null | tail -n 1 || true)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$W/e2e.tap" 2>/dev/null | tail -n 1 || true)
# the runner failed without a failing test (missing file, crash): count that as a failure
if [ "$rc" != 0 ] && [ "${fail:-0}" = 0 ]; then fail=1; fi
echo "${pass:-0} passed, ${fail:-0} failed"
exit $rc
