#!/usr/bin/env bash
# Make sure a Docker engine answers (idempotent). CI machines start with nothing running, so this
# installs Debian's docker.io when dockerd is missing and starts dockerd in the background.
# Also installs busybox-static, which build-demo-image.sh turns into the demo image.
# Respects DOCKER_HOST; logs dockerd to $BERTH_DOCKERD_LOG (default /var/log/berth-dockerd.log).
set -euo pipefail

log_file="${BERTH_DOCKERD_LOG:-/var/log/berth-dockerd.log}"
wait_seconds="${BERTH_DOCKERD_WAIT:-60}"

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${_berth_apt_updated:-}" ]; then
    apt-get update -q >/dev/null
    _berth_apt_updated=1
  fi
  apt-get install -y -q "$@" >/dev/null
}

if [ ! -x /bin/busybox ] || ! dpkg -s busybox-static >/dev/null 2>&1; then
  echo "ensure-docker: installing busybox-static" >&2
  apt_install busybox-static
fi

engine_answers() { docker info >/dev/null 2>&1; }

if engine_answers; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing docker.io" >&2
  apt_install docker.io
  if engine_answers; then exit 0; fi # the package may have started the service itself
fi

# Only start a daemon for the default socket: a DOCKER_HOST pointing elsewhere is someone else's.
if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
  echo "ensure-docker: DOCKER_HOST=${DOCKER_HOST} does not answer; not starting a daemon for it" >&2
  exit 1
fi

if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  echo "ensure-docker: dockerd already starting (pid $(cat /var/run/docker.pid)), waiting" >&2
else
  echo "ensure-docker: starting dockerd (log ${log_file})" >&2
  mkdir -p "$(dirname "${log_file}")"
  nohup dockerd >>"${log_file}" 2>&1 </dev/null &
fi

for _ in $(seq 1 "$((wait_seconds * 2))"); do
  if engine_answers; then
    echo "ensure-docker: docker engine is up" >&2
    exit 0
  fi
  sleep 0.5
done
echo "ensure-docker: dockerd did not answer within ${wait_seconds}s; last log lines:" >&2
tail -n 20 "${log_file}" >&2 || true
exit 1
