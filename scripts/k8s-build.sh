#!/usr/bin/env bash
# Builds the real Kubernetes control plane used by berth's tests (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok) from the Go module proxy, once, into a cache
# directory keyed by version. Idempotent: when the cache already holds working binaries it exits
# at once. Prints the cache directory (where the binaries are) on stdout; progress goes to stderr.
#
# The recipes are the wrapper modules in test/k8s-build/{controlplane,etcd,kwok}; their go.sum
# files are committed so the build is reproducible.
#
# Environment:
#   BERTH_K8S_CACHE  where the binaries go (default ~/.cache/berth/k8s-v1.37.2)
#   GO               go binary (default: `go` on PATH, else /usr/local/go/bin/go)
#   GOMODCACHE, GOCACHE are honoured (and reused between builds) as usual.
set -euo pipefail

K8S_VERSION=v1.37.2
ETCD_VERSION=v3.7.3
KWOK_VERSION=v0.8.0
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
recipes="$repo_root/test/k8s-build"
cache="${BERTH_K8S_CACHE:-${HOME:-/root}/.cache/berth/k8s-$K8S_VERSION}"

log() { printf 'k8s-build: %s\n' "$*" >&2; }

# version_ok BIN_DIR NAME: the binary is executable and prints its version.
version_ok() {
  local bin="$1/$2" out
  [[ -x "$bin" ]] || return 1
  case "$2" in
    etcd) out=$("$bin" --version 2>&1 </dev/null) || return 1
          [[ "$out" == *"etcd Version: ${ETCD_VERSION#v}"* ]] ;;
    kwok) out=$("$bin" --version 2>&1 </dev/null) || return 1
          [[ "$out" == *"${KWOK_VERSION#v}"* ]] ;;
    *)    out=$("$bin" --version 2>&1 </dev/null) || return 1
          [[ "$out" == *"Kubernetes $K8S_VERSION"* ]] ;;
  esac
}

cache_ok() {
  local b
  for b in "${BINARIES[@]}"; do version_ok "$1" "$b" || return 1; done
}

if cache_ok "$cache"; then
  printf '%s\n' "$cache"
  exit 0
fi

parent=$(dirname "$cache")
mkdir -p "$parent"

# Serialise concurrent builds (e.g. parallel test workers); re-check after taking the lock.
exec 9>"$parent/.$(basename "$cache").lock"
flock 9
if cache_ok "$cache"; then
  printf '%s\n' "$cache"
  exit 0
fi

if [[ -z "${GO:-}" ]]; then
  if command -v go >/dev/null 2>&1; then GO=$(command -v go)
  elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
  else log "no Go toolchain found (set GO=/path/to/go)"; exit 1
  fi
fi

log "building Kubernetes $K8S_VERSION control plane (etcd $ETCD_VERSION, kwok $KWOK_VERSION) from the Go module proxy"
log "(takes several minutes once; cached in $cache)"

tmp=$(mktemp -d "$parent/.build-k8s-$K8S_VERSION.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
export GIT_TERMINAL_PROMPT=0

build_date=2026-01-01T00:00:00Z
k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $pkg.gitVersion=$K8S_VERSION"
  k8s_ldflags+=" -X $pkg.gitMajor=1 -X $pkg.gitMinor=37"
  k8s_ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done

start=$(date +%s)

log "[1/3] etcd $ETCD_VERSION"
(cd "$recipes/etcd" && "$GO" build -trimpath -ldflags "-s -w" \
  -o "$tmp/etcd" go.etcd.io/etcd/server/v3) </dev/null >&2

log "[2/3] kwok $KWOK_VERSION"
(cd "$recipes/kwok" && "$GO" build -trimpath \
  -ldflags "-s -w" \
  -o "$tmp/kwok" sigs.k8s.io/kwok/cmd/kwok) </dev/null >&2

log "[3/3] kube-apiserver, kube-controller-manager, kube-scheduler $K8S_VERSION (the slow part)"
(cd "$recipes/controlplane" && "$GO" build -trimpath -ldflags "$k8s_ldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler) </dev/null >&2

for b in "${BINARIES[@]}"; do
  if ! version_ok "$tmp" "$b"; then
    log "built $b does not report the expected version:"
    "$tmp/$b" --version </dev/null >&2 2>&1 || true
    exit 1
  fi
done

# Move into place atomically: rename the finished directory over a missing cache directory.
if [[ -e "$cache" ]]; then
  old="$parent/.old-$(basename "$cache").$$"
  mv "$cache" "$old"
  rm -rf "$old"
fi
mv -T "$tmp" "$cache"
trap - EXIT
chmod 755 "$cache"

log "done in $(( $(date +%s) - start ))s: $cache"
printf '%s\n' "$cache"
