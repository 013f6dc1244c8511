#!/usr/bin/env bash
# Benchmark: from a commit to it being served, through ConOps (a 1 s poll, and a signed webhook),
# beside its floors measured in the same run: raw `docker compose up -d` of the same change, and a
# bash loop doing `git fetch; git reset --hard; docker compose up -d` every second. Then what each
# costs while nothing changes: ConOps' CPU with that one app polled every second, and the loop's.
# Prints figures; asserts nothing about speed. See bench/README.md.
#
# Settings: BENCH_ROUNDS (8) rounds per poll, raw and loop figure, BENCH_WEBHOOK_ROUNDS (20),
# BENCH_IDLE_WINDOW seconds each idle window lasts (60), BENCH_SETTLE seconds before it (15),
# BENCH_IMAGE, BENCH_TIMEOUT, BENCH_PROBE_TIMEOUT (see lib.sh).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${BENCH_ROUNDS:-8}
HOOK_ROUNDS=${BENCH_WEBHOOK_ROUNDS:-20}
WINDOW=${BENCH_IDLE_WINDOW:-60}
SETTLE=${BENCH_SETTLE:-15}
SECRET="bench-webhook-$RANDOM$RANDOM$RANDOM"
POLLED=conops-bench-poll-$$
HOOKED=conops-bench-hook-$$
RAW=conops-bench-raw-$$
LOOP=conops-bench-loop-$$
WORK=""
LOOP_PID=""

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$LOOP_PID" ] && kill "$LOOP_PID" 2>/dev/null && wait "$LOOP_PID" 2>/dev/null
  if [ "$rc" != 0 ] && [ -n "$WORK" ] && [ -f "$WORK/data.log" ]; then
    echo "[bench] last lines of the server log:" >&2
    tail -n 30 "$WORK/data.log" >&2
  fi
  if [ -n "$SERVER_PID" ]; then
    api -X DELETE "$API/apps/$POLLED?remove_volumes=true" >/dev/null 2>&1
    api -X DELETE "$API/apps/$HOOKED?remove_volumes=true" >/dev/null 2>&1
  fi
  stop_server
  for p in "$POLLED" "$HOOKED" "$RAW" "$LOOP"; do remove_project "$p"; done
  [ -n "$WORK" ] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

preconditions
command -v openssl >/dev/null 2>&1 || die "openssl is not installed (it signs the webhooks)"
WORK=$(mktemp -d /tmp/conops-bench-commit.XXXXXX)
log "rounds: $ROUNDS (webhook $HOOK_ROUNDS), idle windows ${WINDOW}s, cores: $(nproc)"
log "engine $(docker version -f '{{.Server.Version}}'), compose $(docker compose version --short), $(java -version 2>&1 | head -1)"

# new_repo NAME: a bare repository and a clone to commit in, with a first site; sets PORT, BODY
new_repo() {
  git init -q --bare -b main "$WORK/$1.git"
  git clone -q "$WORK/$1.git" "$WORK/$1" 2>/dev/null
  git -C "$WORK/$1" config user.name "ConOps bench"
  git -C "$WORK/$1" config user.email "bench@conops.invalid"
  git -C "$WORK/$1" symbolic-ref HEAD refs/heads/main
  commit_site "$1" initial
}

# commit_site NAME LABEL: commits and pushes new content on a new port; sets PORT, BODY, SHA
commit_site() {
  PORT=$(free_port)
  BODY="conops-bench $1 $2 $RANDOM$RANDOM"
  write_site "$WORK/$1" "$PORT" "$BODY"
  git -C "$WORK/$1" add -A
  git -C "$WORK/$1" commit -qm "bench: $2 on port $PORT"
  SHA=$(git -C "$WORK/$1" rev-parse HEAD)
  git -C "$WORK/$1" push -q origin main
}

# idle_cpu PID: CPU seconds a minute PID (and the children it reaped) used over the idle window
idle_cpu() {
  local c0 c1 t0 t1
  c0=$(cpu_ticks "$1"); stamp; t0=$NOW
  sleep "$WINDOW"
  c1=$(cpu_ticks "$1"); stamp; t1=$NOW
  awk -v c=$((c1 - c0)) -v hz="$HZ" -v ms=$((t1 - t0)) 'BEGIN {printf "%.2f", c / hz * 60000 / ms}'
}

# phases APP TRIGGER: the median of each timed phase and each command in the transcripts of the
# app's deployments by TRIGGER, e.g. "render 86 ms, docker compose config 70 ms, ..."
phases() {
  api "$API/apps/$1/deployments?limit=100" | jq -r --arg t "$2" '.[] | select(.trigger == $t) | .transcript' | awk '
    match($0, /^\[[^]:]+: [0-9]+ ms\]$/) { split(substr($0, 2, length($0) - 5), a, ": "); add(a[1], a[2]) }
    match($0, /^\$ docker [a-z]+( [a-z]+)?/) { k = substr($0, 3, RLENGTH - 2)
      if (match($0, /, [0-9]+ ms\)$/)) add(k, substr($0, RSTART + 2, RLENGTH - 6)) }
    function add(k, v) { if (!(k in n)) order[++keys] = k; v_[k, ++n[k]] = v + 0 }
    END { for (i = 1; i <= keys; i++) { k = order[i]; m = n[k]
            for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (v_[k, y] < v_[k, x]) { t = v_[k, x]; v_[k, x] = v_[k, y]; v_[k, y] = t }
            printf "%s%s %d ms", (i > 1 ? ", " : ""), k, (m % 2) ? v_[k, (m + 1) / 2] : (v_[k, m / 2] + v_[k, m / 2 + 1]) / 2 }
          print "" }'
}

start_server "$WORK/data" CONOPS_WEBHOOK_SECRET="$SECRET"
log "ConOps ready on $BASE"

# --- ConOps, polling every second ----------------------------------------------------------
new_repo polled
register "$POLLED" "file://$WORK/polled.git" 1s
wait_served "$PORT" "$BODY" || die "the first commit was not served within ${TIMEOUT}s"
await_deployed "$POLLED" "$SHA" || die "the first sync was not recorded"
log "ConOps, poll every 1 s: $ROUNDS rounds of commit + push -> served"
polled=()
# desync: waits a random 0 to 1.5 s, so that a round's commit lands at a random point of the poller's
# cycle (a 1 s poll, or the loop's fetch, up -d and sleep 1). Without it the loop's rounds were locked
# to its cycle: each commit came right after a served page, so at the same point of every cycle.
desync() { sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % 1500) / 1000 }')"; }
for i in $(seq 1 "$ROUNDS"); do
  desync
  commit_site polled "round $i"
  stamp; t0=$NOW
  wait_served "$PORT" "$BODY" || die "round $i: the commit was not served within ${TIMEOUT}s"
  stamp; polled+=($((NOW - t0)))
  log "  round $i: ${polled[-1]} ms"
  await_deployed "$POLLED" "$SHA" || die "round $i: the sync was not recorded"
done

poll_phases=$(phases "$POLLED" poll)
log "  phases (median): $poll_phases"
log "ConOps idle, one app polled every 1 s: ${SETTLE}s to settle, then ${WINDOW}s"
sleep "$SETTLE"
conops_idle=$(idle_cpu "$SERVER_PID")
log "  $conops_idle CPU-s a minute"

# --- ConOps, told by a signed webhook ------------------------------------------------------
# sign BODY: the generic webhook's signature header value
sign() { printf 'sha256=%s' "$(printf '%s' "$1" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')"; }
# delivery REPO_URL SHA: the generic webhook's body and signature into HOOK_BODY and HOOK_SIG, made
# before the clock starts: signing is the sender's work (openssl is a process of its own here)
delivery() {
  HOOK_BODY="{\"repo_url\":\"$1\",\"branch\":\"main\",\"commit\":\"$2\"}"
  HOOK_SIG=$(sign "$HOOK_BODY")
}
hook() { # [curl args]: posts the delivery made last; prints the HTTP status
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/json' \
    -H "X-Conops-Signature-256: $HOOK_SIG" "$@" --data-binary "$HOOK_BODY" "$API/webhooks/generic"
}
hooked=()
# with the admin token as well, a missing endpoint answers 404 rather than 401
delivery "file://$WORK/nothing.git" 0000000000000000000000000000000000000000
if [ "$(hook -H "Authorization: Bearer $BENCH_TOKEN")" = 404 ]; then
  log "ConOps, webhook: n/a (no webhook endpoint)"
else
  new_repo hooked
  register "$HOOKED" "file://$WORK/hooked.git" 1h
  wait_served "$PORT" "$BODY" || die "the first commit was not served within ${TIMEOUT}s"
  await_deployed "$HOOKED" "$SHA" || die "the first sync was not recorded"
  log "ConOps, webhook (poll every hour): $HOOK_ROUNDS rounds of commit + push + webhook -> served"
  for i in $(seq 1 "$HOOK_ROUNDS"); do
    commit_site hooked "round $i"
    delivery "file://$WORK/hooked.git" "$SHA"
    stamp; t0=$NOW
    status=$(hook)
    case "$status" in 2??) ;; *) die "round $i: the webhook was answered $status" ;; esac
    wait_served "$PORT" "$BODY" || die "round $i: the pushed commit was not served within ${TIMEOUT}s"
    stamp; hooked+=($((NOW - t0)))
    log "  round $i: ${hooked[-1]} ms"
    await_deployed "$HOOKED" "$SHA" || die "round $i: the sync was not recorded"
  done
  hook_phases=$(phases "$HOOKED" webhook)
  log "  phases (median): $hook_phases"
fi

# --- floor: raw docker compose up -d ---------------------------------------------------------
log "raw docker compose up -d: $ROUNDS rounds of a changed project -> served"
mkdir -p "$WORK/raw"
raw=(docker compose -p "$RAW" --project-directory "$WORK/raw" -f "$WORK/raw/compose.yaml")
PORT=$(free_port); BODY="conops-bench raw initial $RANDOM"
write_site "$WORK/raw" "$PORT" "$BODY"
"${raw[@]}" up -d >/dev/null 2>&1 || die "docker compose up -d failed for the raw project"
wait_served "$PORT" "$BODY" || die "the raw project was not served within ${TIMEOUT}s"
rawup=()
for i in $(seq 1 "$ROUNDS"); do
  PORT=$(free_port); BODY="conops-bench raw round $i $RANDOM$RANDOM"
  write_site "$WORK/raw" "$PORT" "$BODY"
  stamp; t0=$NOW
  # probed while `up` runs, as ConOps is probed while it deploys
  "${raw[@]}" up -d >/dev/null 2>"$WORK/raw-up.err" &
  up=$!
  wait_served "$PORT" "$BODY" || die "round $i: the raw project was not served within ${TIMEOUT}s"
  stamp; rawup+=($((NOW - t0)))
  wait "$up" || die "round $i: docker compose up -d failed: $(tail -n 3 "$WORK/raw-up.err")"
  log "  round $i: ${rawup[-1]} ms"
done

# --- floor: the bash loop ----------------------------------------------------------------------
log "bash loop (fetch, reset, up -d, sleep 1): $ROUNDS rounds of commit + push -> served"
new_repo loopsrc
git clone -q "$WORK/loopsrc.git" "$WORK/loop" 2>/dev/null
( cd "$WORK/loop" && exec bash -c '
    while :; do
      git fetch -q origin && git reset -q --hard origin/main
      docker compose -p "$1" up -d >/dev/null 2>&1
      sleep 1
    done' loop "$LOOP" ) &
LOOP_PID=$!
wait_served "$PORT" "$BODY" || die "the loop did not serve its first commit within ${TIMEOUT}s"
loop=()
for i in $(seq 1 "$ROUNDS"); do
  desync
  commit_site loopsrc "round $i"
  stamp; t0=$NOW
  wait_served "$PORT" "$BODY" || die "round $i: the loop did not serve the commit within ${TIMEOUT}s"
  stamp; loop+=($((NOW - t0)))
  log "  round $i: ${loop[-1]} ms"
done
log "bash loop idle: ${WINDOW}s"
loop_idle=$(idle_cpu "$LOOP_PID")
log "  $loop_idle CPU-s a minute"

# --- results -----------------------------------------------------------------------------------
echo
stats "ConOps poll 1 s: commit -> served" "${polled[@]}"
echo "  phases of those syncs (median): $poll_phases"
if [ "${#hooked[@]}" != 0 ]; then
  stats "ConOps webhook: push -> served" "${hooked[@]}"
  echo "  phases of those syncs (median): $hook_phases"
fi
stats "raw compose up -d -> served" "${rawup[@]}"
stats "bash loop: commit -> served" "${loop[@]}"
echo "idle CPU, one app polled every 1 s: ConOps $conops_idle CPU-s/min, bash loop $loop_idle CPU-s/min"
record poll_ms "$(median "${polled[@]}")"
record poll_n "${#polled[@]}"
if [ "${#hooked[@]}" = 0 ]; then record webhook_ms n/a; else record webhook_ms "$(median "${hooked[@]}")"; fi
record webhook_n "${#hooked[@]}"
record raw_up_ms "$(median "${rawup[@]}")"
record loop_ms "$(median "${loop[@]}")"
record idle1_cpu "$conops_idle"
record loop_idle_cpu "$loop_idle"
