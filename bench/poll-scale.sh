#!/usr/bin/env bash
# Many apps: N apps (default 500), each with a repository of its own, polled every 30 s. Prints how
# late polls start against when they were due (the server's timer conops.poll.lag: p99 over the
# last two minutes from /actuator/prometheus, the maximum from /actuator/metrics), the polls made, the server's
# CPU share and its resident memory (VmRSS, and the peak VmHWM) over the window.
# The apps' compose path does not exist, so each first sync fails at once without running Compose
# (500 real deployments would take this benchmark far past its time budget); their polls are the
# same as a synced app's: one in-process ls-remote and one decision, and this is what is measured.
# Usage: bench/poll-scale.sh [APPS] [WINDOW_SECONDS]   (default BENCH_SCALE_APPS or 500,
#   BENCH_SCALE_WINDOW or 60; BENCH_SCALE_SETTLE, 35 s, passes first, so every app has been polled)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
APPS=${1:-${BENCH_SCALE_APPS:-500}}
WINDOW=${2:-${BENCH_SCALE_WINDOW:-60}}
SETTLE=${BENCH_SCALE_SETTLE:-35}
preconditions
work=$(mktemp -d /tmp/conops-bench-scale.XXXXXX)
prefix=conops-bench-scale-$$
cleanup() {
  set +e
  stop_server # nothing was deployed: the apps go with the data directory
  rm -rf "$work"
}
trap cleanup EXIT

start_server "$work/data"
make_repo "$work/repo" "services: {}
" >/dev/null
t0=$(now_ms)
for i in $(seq -w 1 "$APPS"); do
  cp -r "$work/repo/remote.git" "$work/repo/$i.git"
  register "$prefix-$i" "file://$work/repo/$i.git" 30s '"compose_path":"absent/compose.yaml"'
done
log "$APPS apps registered in $(( ($(now_ms) - t0) / 1000 )) s"
until [ "$(api "$API/apps/" | jq '[.[] | select(.status=="error")] | length')" = "$APPS" ]; do sleep 1; done
log "their first syncs failed as intended after $(( ($(now_ms) - t0) / 1000 )) s; ${SETTLE}s to settle, then ${WINDOW}s"
sleep "$SETTLE"

metric() { # NAME STATISTIC [TAG]
  api "$BASE/actuator/metrics/$1${3:+?tag=$3}" | jq -r --arg s "$2" '.measurements[] | select(.statistic==$s) | .value'
}
p0=$(metric conops.poll.lag COUNT)
c0=$(cpu_ticks "$SERVER_PID"); s0=$(now_ms)
sleep "$WINDOW"
c1=$(cpu_ticks "$SERVER_PID"); s1=$(now_ms)
p1=$(metric conops.poll.lag COUNT)
# the percentiles are published to the Prometheus scrape only (/actuator/metrics has no such meter)
p99=$(api "$BASE/actuator/prometheus" | awk '/^conops_poll_lag_seconds\{quantile="0.99"\}/ {print $2}')
max=$(metric conops.poll.lag MAX)
rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status")
hwm=$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status")
p99ms=$(awk -v v="$p99" 'BEGIN {printf "%d", v * 1000}')
maxms=$(awk -v v="$max" 'BEGIN {printf "%d", v * 1000}')
pct=$(awk -v c=$((c1 - c0)) -v hz="$HZ" -v e=$((s1 - s0)) 'BEGIN {printf "%.2f", 100 * c / hz * 1000 / e}')
echo "$APPS apps polled every 30 s, window $((s1 - s0)) ms: $(awk -v a="$p0" -v b="$p1" 'BEGIN {print b - a}') polls"
echo "poll lag: p99 $p99ms ms, max $maxms ms (last two minutes)"
echo "server: $pct % of one core, RSS $rss MB (peak $hwm MB)"
record scale_apps "$APPS"
record scale_p99_ms "$p99ms"
record scale_rss_mb "$rss"
record scale_peak_mb "$hwm"
