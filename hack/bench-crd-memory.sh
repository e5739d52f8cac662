#!/usr/bin/env bash
# What our CRDs cost a cluster: kube-apiserver's memory (RSS, and Go heap in use) with no CRD, after
# the CRDs of every ASO kind (the api module's), then after every other CRD `codegen --all-types` generates (in batches),
# printed per CRD and written to docs/performance.md (section "CRD memory"). ASO's CRDs cost this kube-apiserver
# about 23 MiB of RSS each; the target is at most half of that for the same served API.
#
#   ./hack/bench-crd-memory.sh [--types DIR] [--batch N] [--max N] [--max-rss-mib N]
#                              [--strip-descriptions] [--drop-twins] [--heap-profile] [--no-build]
#
# --types: Azure type definitions for codegen --all-types (default: ../shared/azure-types when
# present, else the repository's azure-types/, which holds only the seed's providers).
# --max: install at most N of the generated CRDs. --max-rss-mib: stop when kube-apiserver's RSS
# passes N MiB (default 6000), to protect a shared machine. To see what a property of the CRDs
# costs: --strip-descriptions removes every schema description, --drop-twins every v<date>
# version that has a v1api<date> twin. --heap-profile saves kube-apiserver's heap profile after
# each step (heap-0/1/2.pb.gz in the work directory) and, with Go on PATH, prints what each step
# added by kube-apiserver subsystem and its top allocators.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${ASO_BENCH_DIR:-$REPO/hack/.work/bench-crd-memory}
TYPES=""
BUILD=1
PROFILE=0
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --types) TYPES=$2; shift 2 ;;
    --batch|--max|--max-rss-mib) ARGS+=("$1" "$2"); shift 2 ;;
    --strip-descriptions|--drop-twins) ARGS+=("$1"); shift ;;
    --heap-profile) ARGS+=("$1"); PROFILE=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
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
JAR=$(ls e2e/target/aso-e2e-*.jar | grep -v -- -tests.jar | head -1)
rm -rf "$WORK" && mkdir -p "$WORK"
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$JAR:$(cat e2e/target/classpath.txt)" dev.aso.e2e.bench.CrdMemoryBench \
  --bin "$BIN" --types "$TYPES" --work "$WORK" --doc "$REPO/docs/performance.md" ${ARGS[@]+"${ARGS[@]}"}

# What each step added to kube-apiserver's live heap, by subsystem (each stack counted in the first
# group it matches, in this order), then the top allocators.
SUBSYSTEMS=(
  "CRD serving state, per version: storage + watch cache, validators, SSA type converter, scale|crdHandler..getOrCreateServingInfoFor"
  "OpenAPI v3 (a document per group version)|openapiv3|BuildOpenAPIV3|handler3|builder3"
  "OpenAPI v2 (per CRD, and the aggregated /openapi/v2)|controller/openapi\\.|BuildOpenAPIV2|aggregator|kube-openapi/pkg/cached|kube-openapi/pkg/handler\\.|builder\\.BuildOpenAPISpec"
  "the CRD objects (CRD watch cache, informers)|etcd3|cacher|StreamWatcher|reflector|informers|DeltaFIFO|threadSafeMap"
)
pprof_mb() {  # pprof_mb BASE NEW FOCUS [IGNORE]: MB of live heap under stacks matching FOCUS
  go tool pprof -sample_index=inuse_space -unit=MB -base "$1" -focus="$3" ${4:+-ignore="$4"} -nodefraction=0 \
    -nodecount=100000 -top "$BIN/kube-apiserver" "$2" 2>/dev/null | grep -o 'accounting for [-0-9.]*MB' | head -1 | awk '{print $3}'
}
if [[ $PROFILE == 1 ]] && command -v go >/dev/null; then
  for step in 1 2; do
    [[ -f $WORK/heap-$step.pb.gz ]] || continue
    base=$WORK/heap-$((step - 1)).pb.gz new=$WORK/heap-$step.pb.gz ignore=""
    echo; echo "bench-crd-memory: live heap added by step $step, by kube-apiserver subsystem (sampled: 512 KiB granularity)"
    for s in "${SUBSYSTEMS[@]}"; do
      printf '  %-92s %8s\n' "${s%%|*}" "$(pprof_mb "$base" "$new" "${s#*|}" "$ignore")"
      ignore=${ignore:+$ignore|}${s#*|}
    done
    printf '  %-92s %8s\n' "other (e.g. an etcd client per version: gRPC buffers)" "$(pprof_mb "$base" "$new" . "$ignore")" "total" "$(pprof_mb "$base" "$new" .)"
    echo "bench-crd-memory: top allocators of step $step (go tool pprof -top -base heap-$((step - 1)).pb.gz heap-$step.pb.gz)"
    go tool pprof -sample_index=inuse_space -unit=MB -base "$base" -top -nodecount=25 "$BIN/kube-apiserver" "$new" 2>/dev/null | tail -n +6
  done
elif [[ $PROFILE == 1 ]]; then
  echo "bench-crd-memory: no go on PATH; read the profiles with: go tool pprof -top -base $WORK/heap-0.pb.gz $WORK/heap-1.pb.gz"
fi
