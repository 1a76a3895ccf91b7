#!/usr/bin/env bash
# npm run test:cluster: build (or reuse) the control plane, start it, apply the fixtures,
# run the end-to-end tests, and always stop the cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
T0=$(date +%s)
BIN=$(bash test/cluster/build.sh | tail -1)
export K8S_BIN=$BIN PROBE_NODEPORT=${PROBE_NODEPORT:-31999}
command -v kubectl >/dev/null || { echo "run-e2e: kubectl is required (apt-get install kubectl)" >&2; exit 2; }
W=$(bash test/cluster/start.sh)
trap 'bash test/cluster/stop.sh "$W"' EXIT
bash test/cluster/apply-fixtures.sh "$W"
source "$W/env"
echo "[e2e] cluster ready in $(( $(date +%s) - T0 ))s (binaries in $BIN)" >&2
node --test --test-reporter=spec --test-concurrency=1 'dist/test/cluster/e2e/*.test.js'
