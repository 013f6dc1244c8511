#!/usr/bin/env bash
# Heal latency: `docker kill` of a served container until it serves again, healed by ConOps from the
# Engine's event stream (the periodic tick is set to an hour, so it plays no part); beside the same
# measurement for an equal container that nobody manages, restarted by `docker start` the moment
# `docker kill` returns (a perfect controller). Both are probed the same way, from the kill on: a
# connection attempted while the Engine is still starting the container is lost and retried by
# the kernel a second later, so probing only once `docker start` returned would measure a floor no
# client watching the port ever sees (about 0.2 s instead of 1.1 s on 2 cores).
# Usage: bench/heal-latency.sh [ROUNDS]   (default BENCH_HEAL_ROUNDS or 10). Needs the packaged jar,
# docker, git, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-${BENCH_HEAL_ROUNDS:-10}}
preconditions
work=$(mktemp -d /tmp/conops-bench-heal.XXXXXX)
APP=conops-bench-heal-$$
RAW=conops-bench-rawstart-$$
cleanup() {
  api -X DELETE "$API/apps/$APP" >/dev/null 2>&1 || true
  stop_server
  docker rm -f "$RAW" >/dev/null 2>&1 || true
  remove_project "$APP"
  rm -rf "$work"
}
trap cleanup EXIT

# a calm period of 1 s: each round is a first heal, not part of a crash-loop streak
start_server "$work/data" CONOPS_RECONCILE_INTERVAL=1h CONOPS_HEAL_CALM_AFTER=1s CONOPS_HEAL_INITIAL_BACKOFF=1s
port=$(free_port)
url=$(make_repo "$work/repo" "services:
  web:
    image: local/busybox:1
    init: true
    command: [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]
    ports: [\"127.0.0.1:$port:8080\"]
    volumes: [\"./site:/www:ro\"]
" site/index.html alive)
api -X POST "$API/apps/" -d "{\"name\":\"$APP\",\"repo_url\":\"$url\",\"poll_interval\":\"1h\"}" >/dev/null
await_status "$APP" synced

# a short probe timeout (BENCH_PROBE_TIMEOUT): a probe that connects while the port proxy is up
# but httpd is not yet listening hangs until it, which would add its timeout to the figure
wait_served "$port" alive || die "the app was not served within ${TIMEOUT}s"

heal=()
for _ in $(seq 1 "$ROUNDS"); do
  id=$(docker ps -q --filter "label=com.docker.compose.project=$APP")
  t0=$(now_ms); docker kill "$id" >/dev/null; [ -n "${BENCH_TRACE:-}" ] && echo "killed at $(date -u +%T.%3N)" >&2
  wait_served "$port" alive || die "the killed container was not healed within ${TIMEOUT}s"
  heal+=($(( $(now_ms) - t0 )))
  sleep 1.5 # past the calm period
done
deployments=$(api "$API/apps/$APP/deployments?limit=500" | jq '[.[] | select(.trigger=="drift" and .outcome=="succeeded")] | length')

rawport=$(free_port)
docker run -d --init --name "$RAW" -p "127.0.0.1:$rawport:8080" -v "$work/repo/work/site:/www:ro" \
  local/busybox:1 httpd -f -p 8080 -h /www >/dev/null
wait_served "$rawport" alive || die "the raw container was not served within ${TIMEOUT}s"
raw=()
for _ in $(seq 1 "$ROUNDS"); do
  t0=$(now_ms)
  (docker kill "$RAW" >/dev/null && docker start "$RAW" >/dev/null) &
  sleep 0.05 # the kill reaches the Engine before the first probe, as it does above
  wait_served "$rawport" alive || die "the restarted raw container was not served within ${TIMEOUT}s"
  raw+=($(( $(now_ms) - t0 )))
  wait $!
  sleep 0.5
done

echo "heal latency, $ROUNDS rounds ($(nproc) cores, engine $(docker version -f '{{.Server.Version}}'), compose $(docker compose version --short))"
stats "kill -> serving, healed by ConOps" "${heal[@]}"
stats "docker kill; docker start -> serving (raw)" "${raw[@]}"
echo "drift deployments recorded: $deployments"
record heal_ms "$(median "${heal[@]}")"
record heal_n "${#heal[@]}"
record raw_start_ms "$(median "${raw[@]}")"
