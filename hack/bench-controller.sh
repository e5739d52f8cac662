#!/usr/bin/env bash
# Benchmark of the controller: N resource groups (default 1000) to Ready against the ARM emulator with no latency,
# with the mock Kubernetes API in CRUD mode; the controller runs as its own JVM (dev.aso.controller.Main) so its RSS
# is its own. Prints the time to all Ready, controller RSS, ARM writes, and the ARM writes of one later resync.
# Everything listens on 127.0.0.1; the run is bounded in time. Usage: hack/bench-controller.sh [count] [timeout-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-1000}"
TIMEOUT="${2:-300}"
RESYNC_SECONDS=20

WORK="$(mktemp -d)"
trap '[ -n "${CONTROLLER_PID:-}" ] && kill "$CONTROLLER_PID" 2>/dev/null; [ -n "${BENCH_PID:-}" ] && kill "$BENCH_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

echo "== building the controller (and the modules it needs)"
mvn -B -ntp -q -pl controller -am -Dmaven.test.skip=true install >/dev/null
mvn -B -ntp -q -pl controller test-compile >/dev/null
mvn -B -ntp -q -pl controller dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp-test.txt" >/dev/null
mvn -B -ntp -q -pl controller dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# run from copies: another build in the same working tree may recompile (and first delete) target/classes meanwhile
cp -r controller/target/classes "$WORK/classes"
cp -r controller/target/test-classes "$WORK/test-classes"

echo "== starting the ARM emulator and the mock Kubernetes API"
java -Xmx1g -cp "$WORK/test-classes:$WORK/classes:$(cat "$WORK/cp-test.txt")" \
  dev.aso.controller.bench.ControllerBench "$WORK" "$COUNT" "$TIMEOUT" "$RESYNC_SECONDS" azure-types >"$WORK/bench.out" 2>"$WORK/bench.err" &
BENCH_PID=$!
for _ in $(seq 1 120); do [ -f "$WORK/env.sh" ] && break; sleep 0.5; done
[ -f "$WORK/env.sh" ] || { echo "the bench environment did not start:"; cat "$WORK/bench.err"; exit 1; }
# shellcheck disable=SC1091
. "$WORK/env.sh"

echo "== starting the controller (sync period ${RESYNC_SECONDS}s)"
env KUBERNETES_AUTH_TRYKUBECONFIG=false KUBERNETES_AUTH_TRYSERVICEACCOUNT=false KUBERNETES_NAMESPACE=default \
  AZURE_AUTHORITY_HOST="$ARM_URL" AZURE_RESOURCE_MANAGER_ENDPOINT="$ARM_URL" AZURE_ADDITIONAL_CA_CERTIFICATES="$WORK/ca.crt" \
  AZURE_SYNC_PERIOD="${RESYNC_SECONDS}s" POD_NAMESPACE=aso-system ASO_LOG_LEVEL=WARN \
  java -Xms64m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m \
  -cp "$WORK/classes:$(cat "$WORK/cp.txt")" dev.aso.controller.Main \
  --crd-pattern 'resources.azure.com/*' --leader-elect=false --metrics-addr 127.0.0.1:0 --health-addr 127.0.0.1:0 \
  >"$WORK/controller.log" 2>&1 &
CONTROLLER_PID=$!
echo "$CONTROLLER_PID" >"$WORK/controller.pid"

echo "== creating $COUNT ResourceGroups"
if ! wait "$BENCH_PID"; then
  cat "$WORK/bench.out"; echo "-- bench stderr:"; tail -20 "$WORK/bench.err"; echo "-- controller log:"; tail -20 "$WORK/controller.log"
  exit 1
fi
BENCH_PID=""
cat "$WORK/bench.out"
