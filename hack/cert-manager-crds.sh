#!/usr/bin/env bash
# Provides cert-manager's CRDs (Certificate, Issuer, ...) for the chart's tests, from the
# cert-manager Go module (its deploy/crds/ folder ships in the module zip), so the tests need no
# internet access but the Go module proxy. cert-manager is Apache-2.0 licensed; its LICENSE is
# copied next to the CRDs. Nothing of it is committed to this repository.
#
# The files end up in ${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/cert-manager/<version>/crds/.
# Progress goes to stderr; the last line on stdout is that directory:
#   CRDS=$(hack/cert-manager-crds.sh | tail -1)
set -euo pipefail

# v1.19.6 is listed by the proxy but its zip answers 403 ("not available") here; v1.19.5 is served.
CERT_MANAGER_VERSION=v1.19.5

log() { echo "cert-manager-crds.sh: $*" >&2; }
die() { echo "cert-manager-crds.sh: ERROR: $*" >&2; exit 1; }

OUT="${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/cert-manager/$CERT_MANAGER_VERSION/crds"
NAMES=(acme.cert-manager.io_challenges acme.cert-manager.io_orders cert-manager.io_certificaterequests
       cert-manager.io_certificates cert-manager.io_clusterissuers cert-manager.io_issuers)

complete() {
  local n
  for n in "${NAMES[@]}"; do [[ -s "$OUT/$n.yaml" ]] || return 1; done
  [[ -s "$OUT/LICENSE" ]]
}

if complete; then
  log "reusing cert-manager $CERT_MANAGER_VERSION CRDs in $OUT"
else
  command -v go >/dev/null 2>&1 || die "Go is not installed: it is needed to download cert-manager $CERT_MANAGER_VERSION
  from the Go module proxy. Alternatively copy deploy/crds/*.yaml of cert-manager $CERT_MANAGER_VERSION and its LICENSE into $OUT."
  log "downloading github.com/cert-manager/cert-manager@$CERT_MANAGER_VERSION from the Go module proxy"
  dir="$(cd /tmp && env GOWORK=off GOTOOLCHAIN=local GOFLAGS= go mod download -json \
    "github.com/cert-manager/cert-manager@$CERT_MANAGER_VERSION" | awk -F'"' '$2 == "Dir" {print $4}')"
  [[ -n "$dir" && -d "$dir/deploy/crds" ]] || die "the module has no deploy/crds folder (download failed?)"
  mkdir -p "$OUT"
  tmp="$(mktemp -d "$OUT/.tmp.XXXXXX")"
  for n in "${NAMES[@]}"; do
    [[ -f "$dir/deploy/crds/$n.yaml" ]] || die "$dir/deploy/crds/$n.yaml is missing"
    cp "$dir/deploy/crds/$n.yaml" "$tmp/"
  done
  cp "$dir/LICENSE" "$tmp/LICENSE"
  chmod u+w "$tmp"/*
  mv -f "$tmp"/* "$OUT/"
  rm -rf "$tmp"
  log "cert-manager $CERT_MANAGER_VERSION CRDs in $OUT"
fi
echo "$OUT"
