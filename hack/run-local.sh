#!/usr/bin/env bash
# The local run: a Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager), the ARM
# emulator, the webhook server (and the controller, once it exists) as processes on 127.0.0.1, with
# the CRDs, the webhook configurations and the operator's credential installed. Prints the kubectl
# lines to try; Ctrl-C stops everything. See docs/local-run.md.
#
#   ./hack/run-local.sh            # build what is needed, start, wait for Ctrl-C
#   ./hack/run-local.sh --no-build # start with what target/ holds (after a first run)
#
# Environment: ASO_LOCAL_DIR (work directory, default hack/.work/local-run; emptied at each start),
# ASO_CONTROL_PLANE_BIN (use these etcd/kube-apiserver/kube-controller-manager/kubectl binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${ASO_LOCAL_DIR:-$REPO/hack/.work/local-run}
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run-local: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

command -v java >/dev/null || { echo "run-local: java (17 or newer) is not on PATH" >&2; exit 1; }

if [[ -n "${ASO_CONTROL_PLANE_BIN:-}" ]]; then
  BIN=$ASO_CONTROL_PLANE_BIN
else
  echo "run-local: control-plane binaries (hack/control-plane.sh; the first time builds them, about 15 min)"
  BIN=$(./hack/control-plane.sh | tail -1)
fi

if [[ $BUILD == 1 ]]; then
  command -v mvn >/dev/null || { echo "run-local: mvn is not on PATH (or use --no-build after a build)" >&2; exit 1; }
  echo "run-local: building the deployables (mvn package -DskipTests)"
  mvn -B -ntp -q -pl e2e -am package -DskipTests
fi
CP_FILE=e2e/target/classpath.txt
JAR=$(ls e2e/target/aso-e2e-*.jar 2>/dev/null | grep -v -- -tests.jar | head -1 || true)
if [[ ! -f $CP_FILE || -z $JAR ]]; then
  echo "run-local: $CP_FILE or the e2e jar is missing: run without --no-build" >&2
  exit 1
fi

# The launcher and the processes it starts get a process group of their own (job control), so that
# Ctrl-C reaches this script only, and the trap stops the whole group in order.
set -m
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$JAR:$(cat "$CP_FILE")" \
  dev.aso.e2e.local.LocalRun --bin "$BIN" --repo "$REPO" --work "$WORK" &
PID=$!
set +m

stop() {
  trap '' INT TERM
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true         # the launcher stops what it started, last first
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -TERM -- "-$PID" 2>/dev/null || true     # anything left in its process group
    sleep 2
    kill -KILL -- "-$PID" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT
wait "$PID"
