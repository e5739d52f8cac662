#!/usr/bin/env bash
# Provides the helm binary used by the chart's tests and by hack/release-manifest.sh, at the pinned
# version below, built from its Go module (helm.sh/helm/v3 has no replace directives, so
# "go install helm.sh/helm/v3/cmd/helm@<version>" works with only the Go module proxy).
#
# The binary ends up in ${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/helm/<version>/helm.
# It is taken, in this order, from that directory or from PATH when its version matches exactly;
# otherwise it is built (needs Go >= 1.24 and the Go module proxy; about 3 min on 2 cores cold).
#
# Progress goes to stderr; the last line on stdout is the path of the binary:
#   HELM=$(hack/helm.sh | tail -1)
# Options: --force  rebuild even when a usable binary is found.
# See docs/installation.md ("Building from source").
set -euo pipefail

HELM_VERSION=v3.19.5
# Helm's Makefile derives the Kubernetes version helm assumes offline (helm template, helm lint)
# from its client-go: v0.34.x for helm 3.19 => Kubernetes 1.34. Without these ldflags it is v1.20.
K8S_MAJOR=1
K8S_MINOR=34

log() { echo "helm.sh: $*" >&2; }
die() { echo "helm.sh: ERROR: $*" >&2; exit 1; }

FORCE=false
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

CACHE_ROOT="${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/helm"
BIN="$CACHE_ROOT/$HELM_VERSION"
mkdir -p "$BIN"

# One build at a time per cache directory.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE_ROOT/.lock-$HELM_VERSION"
  if ! flock -n 9; then
    log "another helm.sh holds $CACHE_ROOT/.lock-$HELM_VERSION; waiting"
    flock 9
  fi
fi

# version_of <path>: the version the binary reports ("v3.19.5"), or nothing.
version_of() {
  "$1" version --template '{{.Version}}' 2>/dev/null || true
}

# kube_version_of <path>: the Kubernetes version helm template assumes, or nothing.
kube_version_of() {
  local dir
  dir="$(mktemp -d)"
  mkdir -p "$dir/c/templates"
  printf 'apiVersion: v2\nname: c\nversion: 0.0.1\n' >"$dir/c/Chart.yaml"
  printf 'kube: {{ .Capabilities.KubeVersion.Version }}\n' >"$dir/c/templates/v.yaml"
  "$1" template "$dir/c" 2>/dev/null | awk '/^kube:/ {print $2}' || true
  rm -rf "$dir"
}

usable() {
  [[ -x "$1" ]] || return 1
  local v k
  v="$(version_of "$1")"
  if [[ "$v" != "$HELM_VERSION" ]]; then
    log "ignoring $1: version '${v:-unknown}' is not $HELM_VERSION"
    return 1
  fi
  k="$(kube_version_of "$1")"
  if [[ "$k" != "v$K8S_MAJOR.$K8S_MINOR.0" ]]; then
    log "ignoring $1: it assumes Kubernetes '${k:-unknown}', not v$K8S_MAJOR.$K8S_MINOR.0"
    return 1
  fi
  return 0
}

find_binary() {
  local candidate
  if usable "$BIN/helm"; then
    log "reusing helm $HELM_VERSION from $BIN"
    return 0
  fi
  if candidate="$(command -v helm 2>/dev/null)" && usable "$candidate"; then
    ln -sfn "$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate")" "$BIN/helm"
    log "reusing helm $HELM_VERSION from $candidate (linked into $BIN)"
    return 0
  fi
  return 1
}

need_go() {
  command -v go >/dev/null 2>&1 || die "Go is not installed (or not on PATH). Building helm $HELM_VERSION needs
  Go >= 1.24 and the Go module proxy. Alternatively put a helm $HELM_VERSION binary at $BIN/helm
  (a release build from https://github.com/helm/helm/releases reports v1.$K8S_MINOR capabilities too)."
  local gov
  gov="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"
  if [[ "$gov" =~ ^go1\.([0-9]+) ]] && (( BASH_REMATCH[1] < 24 )); then
    die "Go $gov is too old: building helm $HELM_VERSION needs Go >= 1.24."
  fi
}

build() {
  local tmp ldflags
  # The same variables as helm's Makefile sets (internal/version and the assumed Kubernetes
  # version of pkg/chartutil and pkg/lint/rules). The git commit is not known from the module
  # proxy, so it stays empty, as in "go install" builds.
  ldflags="-s -w"
  ldflags+=" -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
    ldflags+=" -X $pkg.k8sVersionMajor=$K8S_MAJOR -X $pkg.k8sVersionMinor=$K8S_MINOR"
  done
  tmp="$(mktemp -d "$BIN/.build.XXXXXX")"
  log "building helm $HELM_VERSION with $(GOTOOLCHAIN=local go version) (cold: about 3 min on 2 cores)"
  # GOWORK=off: no go.work up the tree; GOTOOLCHAIN=local: never download toolchains; GOFLAGS
  # cleared: "go install pkg@version" refuses -mod and uses the module's own go.mod and go.sum.
  env GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$tmp" \
    go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" \
    || { rm -rf "$tmp"; die "go install of helm $HELM_VERSION failed"; }
  mv -f "$tmp/helm" "$BIN/helm"
  rm -rf "$tmp"
}

start=$SECONDS
if $FORCE || ! find_binary; then
  need_go
  rm -f "$BIN/helm"
  build
  usable "$BIN/helm" || die "$BIN/helm does not report $HELM_VERSION / Kubernetes v$K8S_MAJOR.$K8S_MINOR after the build"
  log "built in $((SECONDS - start)) s"
fi
echo "$BIN/helm"
