#!/usr/bin/env bash
# Benchmark on the local Docker engine: berth vs Docker Swarm, side by side.
#   N replicas of the demo web server from cold to all ready, then a no-op pass.
# Prints figures; asserts nothing. Usage: scripts/bench-docker.sh [replicas=50]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-50}
NODE=$ROOT/node_modules/.bin/node
BERTH="$NODE $ROOT/bin/berth.js"
ms() { date +%s%3N; }

bash scripts/ensure-docker.sh >/dev/null
bash scripts/build-demo-image.sh >/dev/null
npm run --silent build

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REPO=$WORK/repo
mkdir -p "$REPO/apps"
cat >"$REPO/berth.yaml" <<YAML
container_orchestrator:
  multi_cluster:
    enabled: true
    cluster_management:
      - cluster: bench
        api_server: "unix:///var/run/docker.sock"
        namespace: bench
YAML
cat >"$REPO/apps/web.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: $N
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: berth-demo/web:1
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http }, periodSeconds: 1 }
YAML
git -C "$REPO" init -q -b main && git -C "$REPO" add -A && git -C "$REPO" -c user.name=b -c user.email=b@l commit -qm bench

remove_berth() { docker ps -aq --filter label=berth.dev/cluster=bench | xargs -r docker rm -f >/dev/null; }
remove_berth

t0=$(ms); $BERTH sync --repo "$REPO" --log-level warn; t1=$(ms)
running=$(docker ps -q --filter label=berth.dev/cluster=bench | wc -l)
ids_before=$(docker ps -q --filter label=berth.dev/cluster=bench | sort | md5sum)
t2=$(ms); $BERTH sync --repo "$REPO" --log-level warn; t3=$(ms)
ids_after=$(docker ps -q --filter label=berth.dev/cluster=bench | sort | md5sum)
same=$([ "$ids_before" = "$ids_after" ] && echo yes || echo NO)
t4=$(ms); $BERTH plan --repo "$REPO" --log-level warn >/dev/null || true; t5=$(ms)
remove_berth

# The floor: plain `docker run` with berth's network setup (own bridge network, a published
# loopback port per container), 8 at a time, no readiness wait.
docker network create bench_raw >/dev/null
r0=$(ms)
seq 1 "$N" | xargs -P 8 -I{} docker run -d --network bench_raw -p 127.0.0.1::8080 --label berth-bench-raw=1 berth-demo/web:1 >/dev/null
r1=$(ms)
docker ps -aq --filter label=berth-bench-raw=1 | xargs -r docker rm -f >/dev/null
docker network rm bench_raw >/dev/null

# Docker Swarm, the peer: same image and replica count, host networking (one port per task).
swarm_was_active=$(docker info --format '{{.Swarm.LocalNodeState}}')
[ "$swarm_was_active" = active ] || docker swarm init --advertise-addr 127.0.0.1 >/dev/null
cat >"$WORK/stack.yml" <<YAML
version: "3.8"
services:
  web:
    image: berth-demo/web:1
    entrypoint: ["/bin/sh", "-c", "exec httpd -f -p \$\$((20000 + SLOT)) -h /www"]
    environment: { SLOT: "{{.Task.Slot}}" }
    networks: [hostnet]
    deploy: { replicas: $N }
networks:
  hostnet: { external: true, name: host }
YAML
wait_swarm() { until [ "$(docker service ls --filter name=bench_web --format '{{.Replicas}}')" = "$N/$N" ]; do sleep 0.2; done; }
s0=$(ms); docker stack deploy -q -c "$WORK/stack.yml" bench >/dev/null 2>&1; wait_swarm; s1=$(ms)
tasks_before=$(docker service ps -q bench_web | sort | md5sum)
s2=$(ms); docker stack deploy -q -c "$WORK/stack.yml" bench >/dev/null 2>&1; wait_swarm; s3=$(ms)
tasks_after=$(docker service ps -q bench_web | sort | md5sum)
swarm_same=$([ "$tasks_before" = "$tasks_after" ] && echo yes || echo NO)
docker stack rm bench >/dev/null
[ "$swarm_was_active" = active ] || docker swarm leave --force >/dev/null

printf '\n%-44s %12s %12s\n' "$N replicas of berth-demo/web:1" "berth" "Swarm"
printf '%-44s %10sms %10sms\n' "cold deploy until all ready" $((t1 - t0)) $((s1 - s0))
printf '%-44s %10sms %12s\n' "  (floor: docker run x$N, same networking)" $((r1 - r0)) ""
printf '%-44s %10sms %10sms\n' "no-op second pass (sync / stack deploy)" $((t3 - t2)) $((s3 - s2))
printf '%-44s %12s %12s\n' "nothing restarted on the no-op pass" "$same" "$swarm_same"
printf '%-44s %10sms %12s\n' "plan (observe + diff, no writes)" $((t5 - t4)) "n/a"
printf '%-44s %12s\n' "berth containers running after sync" "$running"
