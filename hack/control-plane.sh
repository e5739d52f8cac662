#!/usr/bin/env bash
# Provides etcd, kube-apiserver, kube-controller-manager and kubectl for the tests, at the
# versions pinned by the wrapper modules in hack/control-plane/{k8s,etcd}/go.mod.
#
# The binaries end up in ${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/control-plane/<k8s-version>/.
# A binary is taken, in this order, from that directory, from $KUBEBUILDER_ASSETS, or from PATH
# when its version matches the pinned one (exactly for the Kubernetes binaries, same minor for
# etcd); otherwise it is built from the Go modules (needs Go >= 1.25 and the Go module proxy).
#
# Progress goes to stderr; the last line on stdout is the bin directory:
#   BIN=$(hack/control-plane.sh | tail -1)
# Options: --force  rebuild even when usable binaries are found.
# See docs/control-plane.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
K8S_MOD="$ROOT/hack/control-plane/k8s"
ETCD_MOD="$ROOT/hack/control-plane/etcd"

log() { echo "control-plane.sh: $*" >&2; }
die() { echo "control-plane.sh: ERROR: $*" >&2; exit 1; }

FORCE=false
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

# Pinned versions, read from the wrapper modules.
# required_version <go.mod> <module>: the version in a require line (single or in a block).
required_version() {
  awk -v m="$2" '$1=="require" && $2==m {print $3; exit} $1==m && $2 ~ /^v/ {print $2; exit}' "$1"
}
K8S_VERSION="$(required_version "$K8S_MOD/go.mod" k8s.io/kubernetes)"
ETCD_VERSION="$(required_version "$ETCD_MOD/go.mod" go.etcd.io/etcd/server/v3)"
[[ "$K8S_VERSION" =~ ^v1\.([0-9]+)\.[0-9]+$ ]] || die "cannot read the k8s.io/kubernetes version from $K8S_MOD/go.mod"
K8S_MINOR="${BASH_REMATCH[1]}"
[[ "$ETCD_VERSION" =~ ^v(3\.[0-9]+)\.[0-9]+$ ]] || die "cannot read the etcd version from $ETCD_MOD/go.mod"
ETCD_MINOR="${BASH_REMATCH[1]}"

CACHE_ROOT="${ASO_CACHE_DIR:-$HOME/.cache/aso-java}/control-plane"
BIN="$CACHE_ROOT/$K8S_VERSION"
mkdir -p "$BIN"

# One build at a time per cache directory (parallel test runs, IDE + terminal).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE_ROOT/.lock-$K8S_VERSION"
  if ! flock -n 9; then
    log "another control-plane.sh holds $CACHE_ROOT/.lock-$K8S_VERSION; waiting"
    flock 9
  fi
fi

# version_of <name> <path>: prints the version the binary reports, or nothing.
version_of() {
  local out
  case "$1" in
    etcd) out="$("$2" --version 2>/dev/null | awk '/^etcd Version:/ {print "v" $3}')" ;;
    kubectl) out="$("$2" version --client 2>/dev/null | awk '/^Client Version:/ {print $3}')" ;;
    *) out="$("$2" --version 2>/dev/null | awk '/^Kubernetes / {print $2}')" ;;
  esac
  echo "${out:-}"
}

# matches <name> <version>: whether a reported version is acceptable.
matches() {
  case "$1" in
    etcd) [[ "$2" =~ ^v${ETCD_MINOR//./\\.}\.[0-9]+$ ]] ;;
    *) [[ "$2" == "$K8S_VERSION" ]] ;;
  esac
}

# find_binary <name>: links an acceptable binary into $BIN; returns 1 when there is none.
find_binary() {
  local name="$1" candidate v dir
  local candidates=("$BIN/$name")
  if [[ -n "${KUBEBUILDER_ASSETS:-}" ]]; then candidates+=("$KUBEBUILDER_ASSETS/$name"); fi
  if candidate="$(command -v "$name" 2>/dev/null)"; then candidates+=("$candidate"); fi
  for candidate in "${candidates[@]}"; do
    [[ -x "$candidate" ]] || continue
    v="$(version_of "$name" "$candidate")"
    if [[ -n "$v" ]] && matches "$name" "$v"; then
      if [[ "$candidate" == "$BIN/$name" ]]; then
        log "reusing $name $v from $BIN"
      else
        dir="$(cd "$(dirname "$candidate")" && pwd)"
        ln -sfn "$dir/$(basename "$candidate")" "$BIN/$name"
        log "reusing $name $v from $dir (linked into $BIN)"
      fi
      return 0
    fi
    log "ignoring $candidate: version '${v:-unknown}' does not match the pinned one"
  done
  return 1
}

need_go() {
  command -v go >/dev/null 2>&1 || die "Go is not installed (or not on PATH). Building the control plane needs Go >= 1.25
  (https://go.dev/dl/ or the distribution's golang package) and the Go module proxy. Alternatively
  put etcd ($ETCD_MINOR.x), kube-apiserver, kube-controller-manager and kubectl ($K8S_VERSION) in a
  directory and set KUBEBUILDER_ASSETS to it, or copy them into $BIN."
  local gov
  gov="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)"
  if [[ "$gov" =~ ^go1\.([0-9]+) ]] && (( BASH_REMATCH[1] < 25 )); then
    die "Go $gov is too old: building Kubernetes $K8S_VERSION needs Go >= 1.25."
  fi
}

go_env() {
  # GOWORK=off: no go.work up the tree may hijack the build; GOTOOLCHAIN=local: never download
  # toolchains; -mod=readonly: go.sum is the authority.
  env GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" "$@"
}

build_k8s() {
  local names=("$@") pkgs=() n tmp build_date ldflags=() key val
  for n in "${names[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$n"); done
  # Same version variables as kubernetes hack/lib/version.sh, so /version, discovery and
  # "kubectl version" report the real release; the build date is the release's tag time.
  build_date="$(cd "$K8S_MOD" && go_env go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes 2>/dev/null || true)"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    for key in gitVersion gitMajor gitMinor gitTreeState buildDate; do
      case "$key" in
        gitVersion) val="$K8S_VERSION" ;;
        gitMajor) val=1 ;;
        gitMinor) val="$K8S_MINOR" ;;
        gitTreeState) val=clean ;;
        buildDate) val="${build_date:-1970-01-01T00:00:00Z}" ;;
      esac
      ldflags+=("-X '$pkg.$key=$val'")
    done
  done
  tmp="$(mktemp -d "$BIN/.build.XXXXXX")"
  log "building ${names[*]} $K8S_VERSION from $K8S_MOD (cold: about 15 min on 2 cores)"
  (cd "$K8S_MOD" && go_env go build -trimpath -tags grpcnotrace \
     -ldflags "-s -w ${ldflags[*]}" -o "$tmp/" "${pkgs[@]}") || { rm -rf "$tmp"; die "go build of ${names[*]} failed"; }
  for n in "${names[@]}"; do mv -f "$tmp/$n" "$BIN/$n"; done
  rm -rf "$tmp"
}

build_etcd() {
  local tmp
  tmp="$(mktemp -d "$BIN/.build.XXXXXX")"
  log "building etcd $ETCD_VERSION from $ETCD_MOD"
  (cd "$ETCD_MOD" && go_env go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3) \
    || { rm -rf "$tmp"; die "go build of etcd failed"; }
  mv -f "$tmp/etcd" "$BIN/etcd"
  rm -rf "$tmp"
}

start=$SECONDS
missing_k8s=()
missing_etcd=false
for name in kube-apiserver kube-controller-manager kubectl; do
  if $FORCE || ! find_binary "$name"; then missing_k8s+=("$name"); fi
done
if $FORCE || ! find_binary etcd; then missing_etcd=true; fi

if (( ${#missing_k8s[@]} > 0 )) || $missing_etcd; then
  need_go
  log "using $(GOTOOLCHAIN=local go version)"
  $missing_etcd && build_etcd
  (( ${#missing_k8s[@]} > 0 )) && build_k8s "${missing_k8s[@]}"
  for name in etcd kube-apiserver kube-controller-manager kubectl; do
    v="$(version_of "$name" "$BIN/$name")"
    matches "$name" "$v" || die "$BIN/$name reports version '${v:-unknown}' after the build"
  done
  log "built in $((SECONDS - start)) s"
else
  log "all binaries present, nothing to build"
fi
log "kube-apiserver/kube-controller-manager/kubectl $K8S_VERSION, etcd $(version_of etcd "$BIN/etcd") in $BIN"
echo "$BIN"
