#!/usr/bin/env bash
# The README's test command, and exactly what .ci/run runs. It installs what the tests need;
# the tests themselves start (and stop) their own dockerd, git HTTP server and Kubernetes
# control plane.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-fund --no-audit
fi
# docker.io provides the dockerd binary the test harness starts (with its own socket and data root);
# busybox-static is the root filesystem of the locally built demo image.
if ! command -v dockerd >/dev/null || [ ! -x /bin/busybox ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io busybox-static >/dev/null
fi
if [ -x scripts/k8s-build.sh ]; then
  bash scripts/k8s-build.sh
fi
npm run --silent build   # the kill -9 test runs the built CLI as a child process
npm run --silent typecheck
npm run --silent lint
npm test -- "$@"
