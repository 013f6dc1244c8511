#!/usr/bin/env bash
# Idle cost: CPU time of the ConOps process and the processes it starts while N registered, synced
# apps (one running container each, polled every 30 s, the default) change nothing, over a window
# of several reconcile ticks and polls. CPU from /proc/PID/stat (utime+stime of the server, plus
# cutime+cstime of children it reaped), and per thread; its child processes read from /proc every
# 20 ms (a `docker compose` or `git` run lives far longer than that).
# Usage: bench/idle-ticks.sh [APPS] [WINDOW_SECONDS] [RECONCILE_INTERVAL]
#   (default BENCH_IDLE_APPS or 100, BENCH_IDLE_WINDOW or 60, 10s)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
APPS=${1:-${BENCH_IDLE_APPS:-100}}
WINDOW=${2:-${BENCH_IDLE_WINDOW:-60}}
INTERVAL=${3:-10s}
SETTLE=${BENCH_SETTLE:-15}
preconditions
work=$(mktemp -d /tmp/conops-bench-idle.XXXXXX)
prefix=conops-bench-idle-$$
names=()
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && printf '%s\n' "${names[@]}" | xargs -r -P 4 -I{} \
    curl -fsS -X DELETE -H "Authorization: Bearer $BENCH_TOKEN" "$API/apps/{}" >/dev/null 2>&1
  stop_server
  for n in "${names[@]}"; do remove_project "$n"; done
  rm -rf "$work" "$work.log"
}
trap cleanup EXIT

start_server "$work/data" CONOPS_RECONCILE_INTERVAL="$INTERVAL"
# no network: a hundred default bridge networks exhaust the Engine's default address pools (about
# thirty); apps that need networks on one host need a larger `default-address-pools` in daemon.json
url=$(make_repo "$work/repo" "services:
  app:
    image: $IMAGE
    init: true
    network_mode: none
    command: [\"sleep\", \"100000\"]
")
t0=$(now_ms)
for i in $(seq -w 1 "$APPS"); do
  names+=("$prefix-$i")
  register "$prefix-$i" "$url" 30s
done
until [ "$(api "$API/apps/" | jq '[.[] | select(.status=="synced")] | length')" = "$APPS" ]; do
  if [ "$(api "$API/apps/" | jq '[.[] | select(.status=="error")] | length')" != 0 ]; then
    api "$API/apps/" | jq -r '.[] | select(.status=="error") | "\(.name): \(.last_error)"' | head -3 >&2; exit 1
  fi
  sleep 1
done
log "$APPS apps registered and synced in $(( ($(now_ms) - t0) / 1000 )) s; ${SETTLE}s to settle, then ${WINDOW}s"
sleep "$SETTLE" # let start-up and the first syncs' events settle before measuring

deployments() { api "$API/apps/" | jq -r '.[].name' | while read -r n; do api "$API/apps/$n/deployments?limit=500" | jq length; done | awk '{s+=$1} END {print s}'; }
polls() { api "$BASE/actuator/metrics/conops.poll.lag" 2>/dev/null | jq -r '.measurements[] | select(.statistic=="COUNT") | .value' || echo 0; }
d0=$(deployments)
p0=$(polls)
c0=$(cpu_ticks "$SERVER_PID"); s0=$(now_ms)
thread_ticks "$SERVER_PID" > "$work/threads0"
seen=$work/children
: > "$seen"
end=$(( $(date +%s) + WINDOW ))
while [ "$(date +%s)" -lt "$end" ]; do
  children_of "$SERVER_PID" >> "$seen"
  sleep 0.02
done
c1=$(cpu_ticks "$SERVER_PID"); s1=$(now_ms)
thread_ticks "$SERVER_PID" > "$work/threads1"
p1=$(polls)
d1=$(deployments)
ms=$(( (c1 - c0) * 1000 / HZ ))
elapsed=$(( s1 - s0 ))
procs=$(sort -u "$seen" | wc -l)
pct=$(awk -v c="$ms" -v e="$elapsed" 'BEGIN {printf "%.2f", 100*c/e}')
echo "idle window: ${elapsed} ms, reconcile interval $INTERVAL, $APPS apps polled every 30 s"
echo "server CPU (user+sys, incl. reaped children): ${ms} ms = $pct % of one core"
echo "server threads by CPU time (the largest):"
thread_cpu "$work/threads0" "$work/threads1" | head -8
echo "polls during the window: $(awk -v a="$p0" -v b="$p1" 'BEGIN {print b - a}')"
echo "child processes seen: $procs"
sort -u "$seen" | head -5
echo "deployments during the window: $(( d1 - d0 ))"
record idle100_apps "$APPS"
record idle100_pct "$pct"
record idle100_procs "$procs"
