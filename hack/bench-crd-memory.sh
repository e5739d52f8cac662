#!/usr/bin/env bash
# What our CRDs cost a cluster: kube-apiserver's memory (RSS, and Go heap in use) with no CRD, after
# the seed groups' CRDs, then after every CRD `codegen --all-types` generates (installed in batches),
# printed per CRD and written to docs/performance.md (section "CRD memory"). ASO's CRDs cost about
# 13 MB each (its issue #2920); our target is <= 4 MB.
#
#   ./hack/bench-crd-memory.sh [--types DIR] [--batch N] [--max N] [--max-rss-mib N] [--strip-descriptions] [--no-build]
#
# --types: Azure type definitions for codegen --all-types (default: ../shared/azure-types when
# present, else the repository's azure-types/, which holds only the seed's providers).
# --max: install at most N of the generated CRDs. --strip-descriptions: remove every schema
# description first (to see what they cost). --max-rss-mib: stop when kube-apiserver's RSS
# passes N MiB (default 6000), to protect a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${ASO_BENCH_DIR:-$REPO/hack/.work/bench-crd-memory}
TYPES=""
BUILD=1
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --types) TYPES=$2; shift 2 ;;
    --batch|--max|--max-rss-mib) ARGS+=("$1" "$2"); shift 2 ;;
    --strip-descriptions) ARGS+=("$1"); shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench-crd-memory: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z $TYPES ]]; then
  if [[ -d $REPO/../shared/azure-types ]]; then TYPES=$REPO/../shared/azure-types; else TYPES=$REPO/azure-types; fi
fi
[[ -d $TYPES ]] || { echo "bench-crd-memory: no type definitions at $TYPES" >&2; exit 1; }

BIN=${ASO_CONTROL_PLANE_BIN:-$(./hack/control-plane.sh | tail -1)}
if [[ $BUILD == 1 ]]; then
  echo "bench-crd-memory: building (mvn package -DskipTests)"
  mvn -B -ntp -q -pl e2e -am package -DskipTests
fi
JAR=$(ls e2e/target/aso-e2e-*.jar | head -1)
rm -rf "$WORK" && mkdir -p "$WORK"
exec java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$JAR:$(cat e2e/target/classpath.txt)" dev.aso.e2e.bench.CrdMemoryBench \
  --bin "$BIN" --types "$TYPES" --work "$WORK" --doc "$REPO/docs/performance.md" ${ARGS[@]+"${ARGS[@]}"}
