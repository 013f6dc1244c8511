#!/usr/bin/env bash
# Runs every benchmark and prints one table: each ConOps figure beside its floor measured in the
# same run (raw `docker compose up -d`, raw `docker start`, a bash loop at the same cadence) and
# the target it is held to. Figures only: nothing here passes or fails on speed.
#
# Usage: bench/run.sh   (about 10 to 15 minutes on 2 cores)
# Knobs: BENCH_ONLY (a subset of: commit heal idle scale start), BENCH_ROUNDS (8),
# BENCH_WEBHOOK_ROUNDS (20), BENCH_HEAL_ROUNDS (10), BENCH_IDLE_WINDOW seconds (60),
# BENCH_IDLE_APPS (100), BENCH_SCALE_APPS (500), BENCH_SCALE_WINDOW seconds (60),
# BENCH_START_ROUNDS (4), BENCH_CTL_ROUNDS (10), and those of bench/lib.sh.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
ONLY=${BENCH_ONLY:-commit heal idle scale start}
results=$(mktemp /tmp/conops-bench-results.XXXXXX)
trap 'rm -f "$results"' EXIT
export BENCH_RESULTS=$results

machine="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)),"
machine+=" $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM,"
machine+=" engine $(docker version -f '{{.Server.Version}}' 2>/dev/null), compose $(docker compose version --short 2>/dev/null),"
# the server's JDK is the one scripts/start-server.sh picks (scripts/java-runtime.sh), not always the default
. scripts/java-runtime.sh
machine+=" server on $("$(runtime_java_home)/bin/java" -version 2>&1 | head -1 | sed 's/"//g'),"
machine+=" load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[bench] $machine"

failed=()
step() { # NAME SCRIPT [ARGS]
  local name=$1; shift
  case " $ONLY " in *" $name "*) ;; *) return 0 ;; esac
  echo "[bench] ---- $* ----"
  local t0=$SECONDS
  if ! "$@" 2>&1 | sed 's/^/    /'; then
    failed+=("$name")
    echo "[bench] $1 failed; its rows say so"
  fi
  echo "[bench] ---- $1 took $((SECONDS - t0)) s ----"
}
step commit bench/commit-to-running.sh
step heal bench/heal-latency.sh
step idle bench/idle-ticks.sh
step scale bench/poll-scale.sh
step start bench/start-up.sh

declare -A R=()
while read -r k v; do R[$k]=$v; done < "$results"
get() { echo "${R[$1]:-}"; }
sec() { [ -n "$1" ] && [ "$1" != n/a ] && awk -v v="$1" 'BEGIN {printf "%.2f s", v / 1000}' || echo "${1:-—}"; }
# met CONDITION: yes or no (an awk expression over figures that are all there)
met() { awk "BEGIN {print ($*) ? \"yes\" : \"no\"}"; }
# missing KEY...: true when one of the figures is not there
missing() { local k; for k in "$@"; do [ -n "$(get "$k")" ] && [ "$(get "$k")" != n/a ] || return 0; done; return 1; }

raw=$(get raw_up_ms) loop=$(get loop_ms) start=$(get raw_start_ms)
echo
echo "Taken on: $machine"
echo
echo "| figure | ConOps | floor, same run | target | met |"
echo "|---|---|---|---|---|"
if [ "$(get webhook_ms)" = n/a ]; then
  echo "| webhook: push → serving | n/a (no webhook endpoint) | raw \`up -d\` → serving $(sec "$raw") | ≤ raw + 0.35 s | ? |"
else
  m=?; missing webhook_ms raw_up_ms || m=$(met "$(get webhook_ms) <= $raw + 350")
  echo "| webhook: push → serving, median of $(get webhook_n) | $(sec "$(get webhook_ms)") | raw \`up -d\` → serving $(sec "$raw") | ≤ raw + 0.35 s | $m |"
fi
m=?; missing poll_ms loop_ms raw_up_ms || m=$(met "$(get poll_ms) < $loop && $(get poll_ms) <= $raw + 600")
echo "| poll every 1 s: commit → serving, median of $(get poll_n) | $(sec "$(get poll_ms)") | bash loop $(sec "$loop"), raw \`up -d\` $(sec "$raw") | below the loop, ≤ raw + 0.6 s | $m |"
m=?; missing heal_ms raw_start_ms || m=$(met "$(get heal_ms) <= $start + 250")
echo "| \`docker kill\` → serving, median of $(get heal_n) | $(sec "$(get heal_ms)") | raw \`docker kill; docker start\` → serving $(sec "$start") | ≤ raw + 0.25 s | $m |"
m=?; missing idle1_cpu || m=$(met "$(get idle1_cpu) < 0.5")
echo "| idle, 1 app polled every 1 s | $(get idle1_cpu) CPU-s/min | bash loop $(get loop_idle_cpu) CPU-s/min | < 0.5 CPU-s/min | $m |"
m=?; missing idle100_pct idle100_procs || m=$(met "$(get idle100_pct) < 0.3 && $(get idle100_procs) == 0")
echo "| idle, $(get idle100_apps) apps polled every 30 s | $(get idle100_pct) % of a core, $(get idle100_procs) processes started | — | < 0.3 %, 0 processes | $m |"
m=?; missing scale_p99_ms scale_rss_mb || m=$(met "$(get scale_p99_ms) < 1000 && $(get scale_rss_mb) < 400")
echo "| $(get scale_apps) apps polled every 30 s | poll lag p99 $(get scale_p99_ms) ms, RSS $(get scale_rss_mb) MB | — | p99 < 1 s, RSS < 400 MB | $m |"
m=?; missing start_ms ctl_ms || m=$(met "$(get start_ms) <= 3000 && $(get ctl_ms) <= 400")
echo "| server start → ready / \`apps list\` | $(sec "$(get start_ms)") (fresh data dir $(sec "$(get start_fresh_ms)")) / $(sec "$(get ctl_ms)") | \`curl\` of the same endpoint $(sec "$(get curl_ms)") | ≤ 3 s / ≤ 0.4 s | $m |"
[ "${#failed[@]}" = 0 ] || echo "failed: ${failed[*]} (see their output above)"
