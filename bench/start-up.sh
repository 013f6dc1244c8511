#!/usr/bin/env bash
# Start-up: the wall time from `scripts/run.sh` (the README's run command; the jars built) to
# /actuator/health/readiness answering 200, on a fresh data directory and then on restarts of it;
# and the wall time of `conops-ctl apps list` (the launcher conops-ctl/conops-ctl) against it, with
# a few apps registered.
# Usage: bench/start-up.sh   (BENCH_START_ROUNDS starts, 4; BENCH_CTL_ROUNDS runs of the client, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${BENCH_START_ROUNDS:-4}
CTL_ROUNDS=${BENCH_CTL_ROUNDS:-10}
preconditions
[ -f conops-ctl/target/conops-ctl.jar ] || die "build first: mvn -B -DskipTests package"
work=$(mktemp -d /tmp/conops-bench-start.XXXXXX)
cleanup() {
  set +e
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

SERVER_PORT=$(free_port)
BASE="http://127.0.0.1:$SERVER_PORT"
API="$BASE/api/v1"
# The probe asks every 10 ms through bash's own TCP, and waits with `read -t` on a pipe that never
# speaks: a curl and a sleep every 10 ms started about 200 processes a second, which took a tenth
# of the machine's two cores from the server it was timing.
exec 9<> <(:)
ready_probe() {
  { exec 3<>"/dev/tcp/127.0.0.1/$SERVER_PORT"; } 2>/dev/null || return 1
  printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local status=""
  IFS= read -r -t 5 status <&3 || true
  exec 3<&- 3>&-
  [[ $status == *" 200"* ]]
}
starts=()
for i in $(seq 1 "$ROUNDS"); do
  stamp; t0=$NOW
  CONOPS_DATA_DIR="$work/data" SERVER_PORT=$SERVER_PORT SERVER_ADDRESS=127.0.0.1 CONOPS_ADMIN_TOKEN=$BENCH_TOKEN \
    CONOPS_ALLOW_FILE_REPOS=true DB_TYPE=h2 DB_CONNECTION_STRING= scripts/run.sh > "$work/run-$i.log" 2>&1 &
  SERVER_PID=$!
  until ready_probe; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$work/run-$i.log" >&2; die "ConOps exited during start-up"; }
    stamp; [ $((NOW - t0)) -lt $((TIMEOUT * 1000)) ] || die "ConOps was not ready within ${TIMEOUT}s"
    read -r -t 0.01 -u 9 || true
  done
  stamp; starts+=($((NOW - t0)))
  log "start $i ($([ "$i" = 1 ] && echo "fresh data directory" || echo restart)): ${starts[-1]} ms"
  grep -h '^\[run\]' "$work/run-$i.log" | grep -v 'starting ConOps' | sed 's/^/[bench]   /' || true
  [ "$i" = "$ROUNDS" ] || stop_server
done

url=$(make_repo "$work/repo" "services: {}
")
for n in one two three; do register "conops-bench-start-$n" "$url" 1h '"compose_path":"absent.yaml"'; done
ctl=()
for i in $(seq 1 "$CTL_ROUNDS"); do
  stamp; t0=$NOW
  CONOPS_TOKEN=$BENCH_TOKEN conops-ctl/conops-ctl apps list --server "$BASE" > "$work/list.out" \
    || die "conops-ctl apps list failed: $(cat "$work/list.out")"
  stamp; ctl+=($((NOW - t0)))
done
grep -q conops-bench-start-two "$work/list.out" || die "conops-ctl apps list did not list the apps"

# the floor for the client: curl of the same endpoint, same token, same number of runs
curls=()
curl_list() {
  local i t0
  for i in $(seq 1 "$CTL_ROUNDS"); do
    stamp; t0=$NOW
    curl -fs -H "Authorization: Bearer $BENCH_TOKEN" "$API/apps/" > /dev/null || die "curl of $API/apps/ failed"
    stamp; curls+=($((NOW - t0)))
  done
}
curl_list

echo
stats "server start -> ready (fresh data dir)" "${starts[0]}"
[ "$ROUNDS" -lt 2 ] || stats "server start -> ready (restart)" "${starts[@]:1}"
stats "conops-ctl apps list" "${ctl[@]}"
stats "curl of the same endpoint" "${curls[@]}"
record start_fresh_ms "${starts[0]}"
[ "$ROUNDS" -lt 2 ] || record start_ms "$(median "${starts[@]:1}")"
record ctl_ms "$(median "${ctl[@]}")"
record curl_ms "$(median "${curls[@]}")"
