#!/usr/bin/env bash
# Build the demo image berth-demo/web:1 locally: there is no registry to pull from, so the image is
# a `docker import` of a tiny root filesystem made from Debian's static busybox.
# Usage: scripts/build-demo-image.sh [--host unix:///path/docker.sock] [--force]
# Idempotent: does nothing when the image already exists (unless --force).
#
# The image's default command (/bin/berth-demo) writes /www/index.html from GREETING (and
# VERSION), the files under /etc/berth-demo/config (contents) and /etc/berth-demo/secret (file
# NAMES only, never values), writes /www/health and /www/ready ("ok"), then execs
# `httpd -f -p ${PORT:-8080} -h /www`.
set -euo pipefail

image="berth-demo/web:1"
docker_args=()
force=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host|-H) docker_args+=(-H "$2"); shift 2 ;;
    --host=*) docker_args+=(-H "${1#--host=}"); shift ;;
    --force) force=1; shift ;;
    *) echo "build-demo-image: unknown argument $1" >&2; exit 2 ;;
  esac
done

dk() { docker "${docker_args[@]}" "$@"; }

# Bump when the image's content changes: an older build under the same tag is rebuilt.
demo_version=2
if [ -z "${force}" ] && [ "$(dk image inspect --format '{{ index .Config.Labels "dev.berth.demo.version" }}' "${image}" 2>/dev/null)" = "${demo_version}" ]; then
  exit 0
fi

busybox=/bin/busybox
# (no `busybox --list | grep -q`: with pipefail, grep's early exit makes busybox die of SIGPIPE)
applets="$("${busybox}" --list 2>/dev/null || true)"
if ! grep -qx httpd <<<"${applets}"; then
  echo "build-demo-image: ${busybox} (busybox-static) with httpd is required; run scripts/ensure-docker.sh" >&2
  exit 1
fi

root="$(mktemp -d /tmp/berth-demo-rootfs.XXXXXX)"
trap 'rm -rf "${root}"' EXIT
mkdir -p "${root}"/{bin,usr/bin,sbin,etc/berth-demo/config,etc/berth-demo/secret,www,tmp,proc,sys,dev,root}
chmod 1777 "${root}/tmp"
cp "${busybox}" "${root}/bin/busybox"
for applet in ${applets}; do
  [ "${applet}" = busybox ] && continue
  ln -s busybox "${root}/bin/${applet}"
done
ln -s ../../bin/env "${root}/usr/bin/env"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"${root}/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"${root}/etc/group"

cat >"${root}/bin/berth-demo" <<'DEMO'
#!/bin/sh
# berth demo web server: a page built from env and mounted files, then busybox httpd.
set -e
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
www=/www
mkdir -p "$www"
{
  echo '<!doctype html><html><head><title>berth demo</title></head><body>'
  printf '<h1>%s</h1>\n' "$(printf '%s' "${GREETING:-hello from berth}" | esc)"
  printf '<p>version: <span id="version">%s</span></p>\n' "$(printf '%s' "${VERSION:-1}" | esc)"
  printf '<p>host: <span id="hostname">%s</span></p>\n' "$(hostname | esc)"
  echo '<h2>config</h2><dl id="config">'
  for f in /etc/berth-demo/config/*; do
    [ -f "$f" ] || continue
    printf '<dt>%s</dt><dd><pre>%s</pre></dd>\n' "$(basename "$f" | esc)" "$(esc <"$f")"
  done
  echo '</dl><h2>secrets (names only)</h2><ul id="secrets">'
  for f in /etc/berth-demo/secret/*; do
    [ -f "$f" ] || continue
    printf '<li>%s</li>\n' "$(basename "$f" | esc)"
  done
  echo '</ul></body></html>'
} >"$www/index.html"
echo ok >"$www/health"
echo ok >"$www/ready"
# httpd runs as a child so that SIGTERM (docker stop) ends it at once: PID 1 ignores signals
# it has no handler for, which would make every stop wait for the kill timeout.
httpd -f -p "${PORT:-8080}" -h "$www" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT
wait "$pid"
DEMO
chmod 0755 "${root}/bin/berth-demo"

tar -C "${root}" --numeric-owner --owner=0 --group=0 -cf - . |
  dk import \
    --change 'ENV PATH=/bin:/usr/bin:/sbin' \
    --change 'EXPOSE 8080/tcp' \
    --change 'WORKDIR /' \
    --change 'LABEL org.opencontainers.image.title=berth-demo' \
    --change "LABEL dev.berth.demo.version=${demo_version}" \
    --change 'CMD ["/bin/berth-demo"]' \
    - "${image}" >/dev/null
echo "build-demo-image: built ${image}" >&2
