#!/usr/bin/env bash
# Produces the release manifest: one YAML with everything the chart installs (namespace
# azureserviceoperator-system, default values), for users without Helm:
#   kubectl apply --server-side -f azureserviceoperator_<version>.yaml
# It is "helm template" of charts/azure-service-operator, preceded by the Namespace.
#
# Usage: hack/release-manifest.sh [--output DIR] [--helm PATH] [-- <extra helm template args>]
#   --output DIR  where to write azureserviceoperator_<version>.yaml (default: target/release)
#   --helm PATH   the helm binary (default: the one hack/helm.sh provides)
# Extra arguments go to helm template, e.g. -- --set crdPattern='resources.azure.com/*'
# The last line on stdout is the path of the manifest.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CHART="$ROOT/charts/azure-service-operator"
NAMESPACE=azureserviceoperator-system
OUT="$ROOT/target/release"
HELM=""
EXTRA=()
while (( $# > 0 )); do
  case "$1" in
    --output) OUT="$2"; shift 2 ;;
    --helm) HELM="$2"; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) echo "release-manifest.sh: unknown argument: $1 (see --help)" >&2; exit 1 ;;
  esac
done
[[ -n "$HELM" ]] || HELM="$("$ROOT/hack/helm.sh" | tail -1)"

VERSION="$(awk '/^appVersion:/ {gsub(/"/, "", $2); print $2}' "$CHART/Chart.yaml")"
[[ -n "$VERSION" ]] || { echo "release-manifest.sh: no appVersion in $CHART/Chart.yaml" >&2; exit 1; }
mkdir -p "$OUT"
FILE="$OUT/azureserviceoperator_v$VERSION.yaml"
{
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n' "$NAMESPACE"
  "$HELM" template aso2 "$CHART" --namespace "$NAMESPACE" ${EXTRA[@]+"${EXTRA[@]}"}
} >"$FILE.tmp"
mv -f "$FILE.tmp" "$FILE"
echo "release-manifest.sh: wrote $FILE ($(grep -c '^kind:' "$FILE") objects)" >&2
echo "$FILE"
