#!/usr/bin/env bash
# The README's first command: install what is needed, then run berth on the bundled examples-repo
# against the local Docker engine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (Node 24 comes with them)"
  npm ci --no-fund --no-audit
fi
say "building berth"
npm run --silent build

say "checking the local Docker engine"
bash scripts/ensure-docker.sh
say "building the demo image locally (no registry needed)"
bash scripts/build-demo-image.sh

DEMO_REPO=${BERTH_DEMO_REPO:-$HOME/berth-demo-repo}
if [ ! -d "$DEMO_REPO/.git" ]; then
  say "creating the example config repository at $DEMO_REPO"
  mkdir -p "$DEMO_REPO"
  cp -R examples-repo/. "$DEMO_REPO/"
  git -C "$DEMO_REPO" init -q -b main
  git -C "$DEMO_REPO" add -A
  git -C "$DEMO_REPO" -c user.name=berth -c user.email=berth@localhost commit -q -m "examples-repo from berth"
fi

cat >&2 <<MSG

  The example config repository is a real Git repository at:
      $DEMO_REPO
  Change it and commit, e.g.:
      cd $DEMO_REPO && sed -i 's/replicas: 2/replicas: 3/' apps/demo/web.yaml && git commit -am 'three replicas'
  berth converges within one poll interval (${BERTH_INTERVAL:-10s}). Status is committed to its
  'berth/status' branch:   git -C $DEMO_REPO show berth/status:SUMMARY.md
  Stop with Ctrl-C; the containers keep running (berth keeps no state; run it again any time).

MSG
exec "$ROOT/node_modules/.bin/node" "$ROOT/bin/berth.js" run --repo "$DEMO_REPO" --interval "${BERTH_INTERVAL:-10s}"
