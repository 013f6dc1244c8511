#!/usr/bin/env bash
# Idle cost: CPU time of the ConOps process and the processes it starts while N registered, synced
# apps (one running container each) change nothing, over a window of several reconcile ticks.
# CPU from /proc/PID/stat (utime+stime of the server, plus cutime+cstime of children it reaped);
# child processes sampled every 20 ms with ps (a `docker compose` run lives far longer than that).
# Usage: bench/idle-ticks.sh [APPS] [WINDOW_SECONDS] [RECONCILE_INTERVAL]   (default 100 60 10s)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
APPS=${1:-100}
WINDOW=${2:-60}
INTERVAL=${3:-10s}
work=$(mktemp -d /tmp/conops-bench-idle.XXXXXX)
names=()
cleanup() {
  printf '%s\n' "${names[@]}" | xargs -r -P 4 -I{} curl -fsS -X DELETE -H "Authorization: Bearer $BENCH_TOKEN" "$API/apps/{}" >/dev/null 2>&1 || true
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  docker ps -aq --filter "label=com.docker.compose.project" --filter "name=conops-bench-idle-" | xargs -r docker rm -f >/dev/null
  docker network ls -q --filter "name=conops-bench-idle-" | xargs -r docker network rm >/dev/null 2>&1 || true
  cp "$work/data.log" /tmp/conops-bench-idle-server.log 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server "$work/data" CONOPS_RECONCILE_INTERVAL="$INTERVAL"
# no network: a hundred default bridge networks exhaust the Engine's default address pools (about
# thirty); apps that need networks on one host need a larger `default-address-pools` in daemon.json
url=$(make_repo "$work/repo" 'services:
  app:
    image: local/busybox:1
    init: true
    network_mode: none
    command: ["sleep", "100000"]
')
t0=$(now_ms)
for i in $(seq -w 1 "$APPS"); do
  names+=("conops-bench-idle-$i")
  api -X POST "$API/apps/" -d "{\"name\":\"conops-bench-idle-$i\",\"repo_url\":\"$url\"}" >/dev/null
done
until [ "$(api "$API/apps/" | jq '[.[] | select(.status=="synced")] | length')" = "$APPS" ]; do
  if [ "$(api "$API/apps/" | jq '[.[] | select(.status=="error")] | length')" != 0 ]; then
    api "$API/apps/" | jq -r '.[] | select(.status=="error") | "\(.name): \(.last_error)"' | head -3 >&2; exit 1
  fi
  sleep 1
done
echo "$APPS apps registered and synced in $(( ($(now_ms) - t0) / 1000 )) s"
sleep 15 # let start-up and the first syncs' events settle before measuring

hz=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15+$16+$17}' "/proc/$SERVER_PID/stat"; }
deployments() { for n in "${names[@]}"; do api "$API/apps/$n/deployments?limit=500" | jq length; done | awk '{s+=$1} END {print s}'; }
d0=$(deployments)
c0=$(cpu); s0=$(now_ms)
seen=$(mktemp)
end=$(( $(date +%s) + WINDOW ))
while [ "$(date +%s)" -lt "$end" ]; do
  ps -o pid=,comm= --ppid "$SERVER_PID" >> "$seen" || true
  sleep 0.02
done
c1=$(cpu); s1=$(now_ms)
d1=$(deployments)
ms=$(( (c1 - c0) * 1000 / hz ))
elapsed=$(( s1 - s0 ))
procs=$(sort -u "$seen" | wc -l)
dockers=$(sort -u "$seen" | awk '$2 ~ /docker/' | wc -l)
echo "idle window: ${elapsed} ms, reconcile interval $INTERVAL, $APPS apps, poll interval 30s (default)"
echo "server CPU (user+sys, incl. reaped children): ${ms} ms = $(awk -v c="$ms" -v e="$elapsed" 'BEGIN {printf "%.2f", 100*c/e}') % of one core"
echo "child processes seen: $procs (docker: $dockers)"
echo "deployments during the window: $(( d1 - d0 ))"
rm -f "$seen"
