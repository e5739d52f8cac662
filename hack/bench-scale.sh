#!/usr/bin/env bash
# The controller at scale on the real control plane (issue 16): every generated CRD installed, the webhook server,
# the ARM emulator and the controller (own JVM, -Xmx665m as in the chart's 1 GiB pod: 65 %, leader election on) as
# processes on 127.0.0.1; N resources (resource groups, identities exporting a ConfigMap, storage accounts, blob
# services, containers; one storage account in ten exporting its keys) over up to 100 namespaces, applied server-side
# in parallel; then a controller restart and a steady-state window of one sync period. Prints: time to all Ready,
# reconciles/s, restart to caches synced, the Lease's renewals and kube-apiserver's LIST requests and bytes during
# the restart (the controller inherits the environment: STREAMING_LISTS=false compares), controller RSS and heap, ARM
# reads and writes at steady state (must be 0 writes), kube-apiserver and etcd RSS. Every wait is bounded.
#
#   ./hack/bench-scale.sh [--resources N] [--namespaces N] [--latency] [--sync-period SECONDS]
#                         [--steady-window SECONDS] [--timeout SECONDS] [--heap MiB] [--replicas N]
#                         [--arm-writes-per-second N] [--arm-reads-per-second N] [--reconcilers N] [--native-memory]
#                         [--no-build]
#
# --resources: default 50000 (the issue's anchor; run it on a quiet machine). --latency: every ARM PUT answered 2 s
# late and long-running operations of 10 s (storage accounts 60 s, containers 20 s); the run then also fails if the
# controller sent more writes than ARM's bucket (200, 10/s) allows or got a 429. --sync-period: AZURE_SYNC_PERIOD
# (default 120 s, or N/20 s when longer, so that resyncs stay under ARM's 25 reads/s; the steady-state window is
# 1.25 of it; --steady-window shortens it, e.g. to a fraction of a long period at 50,000). --timeout: bound of the
# whole run (default 3600 s). kube-apiserver and etcd inherit the environment: GOMEMLIMIT=14GiB keeps a 50,000 run's
# kube-apiserver inside a 24 GiB machine.
# --replicas N: N controllers with SHARD_COUNT=N (time to all Ready only; no restart phase).
# --arm-writes-per-second N: the controller's ARM_WRITES_PER_SECOND (default ARM's 10/s, at which 50,000 creates
# alone take 83 minutes). --arm-reads-per-second N: ARM_READS_PER_SECOND (default ARM's 25/s; a create reads twice,
# a resync once). --reconcilers N: MAX_CONCURRENT_RECONCILES (default 4: with --latency at most 2 PUTs/s).
# --native-memory: the controller runs with Native Memory Tracking; at each memory figure (and just after the
# restart's caches synced) the bench prints its memory by category and saves jcmd's summary in the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${ASO_BENCH_DIR:-$REPO/hack/.work/bench-scale}
BUILD=1
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --resources|--namespaces|--sync-period|--steady-window|--timeout|--heap|--replicas|--arm-writes-per-second|--arm-reads-per-second|--reconcilers) ARGS+=("$1" "$2"); shift 2 ;;
    --latency|--native-memory) ARGS+=("$1"); shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "bench-scale: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
BIN=${ASO_CONTROL_PLANE_BIN:-$(./hack/control-plane.sh | tail -1)}
if [[ $BUILD == 1 ]]; then
  echo "bench-scale: building (mvn package -DskipTests)"
  mvn -B -ntp -q -pl e2e -am package -DskipTests
fi
JAR=$(ls e2e/target/aso-e2e-*.jar | grep -v -- -tests.jar | head -1)
rm -rf "$WORK" && mkdir -p "$WORK"
echo "bench-scale: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; logs under $WORK"
exec java -Xmx1g -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$JAR:$(cat e2e/target/classpath.txt)" dev.aso.e2e.bench.ScaleBench \
  --bin "$BIN" --work "$WORK" ${ARGS[@]+"${ARGS[@]}"}
