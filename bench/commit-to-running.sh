#!/usr/bin/env bash
# Benchmark: how long from `git push` until the pushed change is served, through ConOps, next to
# how long plain `docker compose up -d` takes for the same change. Prints figures; asserts nothing
# about speed.
#
# Needs: bash, git, curl, docker with Compose v2, java, the image BENCH_IMAGE (local/busybox:1,
# made by scripts/provision.sh) and the server jar (mvn -DskipTests package). jq is optional: with
# it, each ConOps round is also split into detection and sync time from its deployment record.
#
# Settings: BENCH_ROUNDS (5), BENCH_IMAGE (local/busybox:1), BENCH_TIMEOUT seconds per wait (120),
# BENCH_POLL_INTERVAL (the app's poll_interval, 1s), BENCH_PROBE_TIMEOUT (seconds one HTTP probe
# may take, 0.2), CONOPS_JAR (conops-server/target/conops-server.jar).
#
# Both sides are probed the same way, every 50 ms from the moment the change is pushed (or `up`
# starts). A probe that reaches a published port while its container is still starting stalls the
# connection for about a second; that cost lands on both sides alike (see bench/README.md).
#
# Everything it creates is named conops-bench-* or lives in one temporary directory, and is removed
# on exit, also after a failure or Ctrl-C.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

ROUNDS="${BENCH_ROUNDS:-5}"
IMAGE="${BENCH_IMAGE:-local/busybox:1}"
TIMEOUT="${BENCH_TIMEOUT:-120}"
POLL_INTERVAL="${BENCH_POLL_INTERVAL:-1s}"
PROBE_TIMEOUT="${BENCH_PROBE_TIMEOUT:-0.2}"
JAR="${CONOPS_JAR:-conops-server/target/conops-server.jar}"

APP="conops-bench-app-$$"
RAW="conops-bench-raw-$$"
WORK=""
SERVER_PID=""
SERVER_PORT=""
TOKEN=""
REGISTERED=""
UP_PID=""
USED_PORTS=" "

log() { echo "[bench] $*"; }
die() { echo "[bench] error: $*" >&2; exit 1; }

# --- helpers --------------------------------------------------------------------------------

# Milliseconds since the epoch into $NOW, without forking.
stamp() { local t="${EPOCHREALTIME/./}"; NOW=$((t / 1000)); }

# A loopback TCP port nobody listens on and this run has not handed out yet.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS="$USED_PORTS$p "
      echo "$p"
      return 0
    fi
  done
  die "no free loopback port found"
}

# Waits until http://127.0.0.1:PORT/ answers exactly BODY, looking every 50 ms.
wait_served() {
  local port="$1" body="$2" deadline got
  stamp; deadline=$((NOW + TIMEOUT * 1000))
  while :; do
    got=$(curl -fsS --max-time "$PROBE_TIMEOUT" "http://127.0.0.1:$port/" 2>/dev/null || true)
    [ "$got" = "$body" ] && return 0
    stamp; [ "$NOW" -ge "$deadline" ] && return 1
    sleep 0.05
  done
}

# min/median/max of the arguments (integers, ms).
summary() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1}
    END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
         printf "min %d ms, median %d ms, max %d ms (n=%d)", a[1], m, a[NR], NR}'
}

write_project() { # DIR PORT BODY
  mkdir -p "$1/site"
  printf '%s\n' "$3" > "$1/site/index.html"
  cat > "$1/compose.yaml" <<EOF
services:
  web:
    image: $IMAGE
    init: true
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    ports: ["127.0.0.1:$2:8080"]
    volumes: ["./site:/www:ro"]
EOF
}

api() { # METHOD PATH [curl args...]
  local method="$1" path="$2"; shift 2
  curl -fsS --max-time 60 -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "http://127.0.0.1:$SERVER_PORT$path"
}

server_alive() { [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; }

# Removes whatever a compose project left, found by Compose's own label.
remove_project_leftovers() {
  local filter="label=com.docker.compose.project=$1"
  docker ps -aq --filter "$filter" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network ls -q --filter "$filter" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker volume ls -q --filter "$filter" | xargs -r docker volume rm >/dev/null 2>&1 || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ "$rc" != 0 ] && [ -n "$WORK" ] && [ -f "$WORK/server.log" ]; then
    echo "[bench] last lines of the server log:" >&2
    tail -n 30 "$WORK/server.log" >&2
  fi
  if [ -n "$REGISTERED" ] && server_alive; then
    api DELETE "/api/v1/apps/$APP?remove_volumes=true" >/dev/null 2>&1 \
      || echo "[bench] deleting the app through the API failed; removing its containers directly" >&2
  fi
  remove_project_leftovers "$APP"
  [ -n "$UP_PID" ] && wait "$UP_PID" 2>/dev/null
  if [ -n "$WORK" ] && [ -f "$WORK/raw/compose.yaml" ]; then
    docker compose -p "$RAW" --project-directory "$WORK/raw" -f "$WORK/raw/compose.yaml" \
      down --volumes --remove-orphans -t 0 >/dev/null 2>&1
  fi
  remove_project_leftovers "$RAW"
  if server_alive; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do server_alive || break; sleep 0.2; done
    server_alive && kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- preconditions --------------------------------------------------------------------------

for tool in git curl docker java; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
docker info >/dev/null 2>&1 || die "the Docker Engine is not reachable (scripts/provision.sh starts one)"
docker compose version >/dev/null 2>&1 || die "Docker Compose v2 is missing (scripts/provision.sh installs it)"
docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE is not present (scripts/provision.sh makes local/busybox:1)"
[ -f "$JAR" ] || die "$JAR is missing: run 'mvn -B -DskipTests package' first"
case "$ROUNDS" in '' | *[!0-9]* | 0) die "BENCH_ROUNDS must be a positive integer" ;; esac
[ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or newer is needed (EPOCHREALTIME)"

WORK=$(mktemp -d -t conops-bench.XXXXXX)
log "rounds: $ROUNDS, image: $IMAGE, poll_interval: $POLL_INTERVAL, cores: $(nproc)"
log "engine $(docker version -f '{{.Server.Version}}'), compose $(docker compose version --short), $(java -version 2>&1 | head -1)"

# --- ConOps ---------------------------------------------------------------------------------

SERVER_PORT=$(free_port)
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
log "starting ConOps on 127.0.0.1:$SERVER_PORT"
stamp; t_start=$NOW
env SERVER_PORT="$SERVER_PORT" SERVER_ADDRESS=127.0.0.1 CONOPS_DATA_DIR="$WORK/data" \
  CONOPS_ALLOW_FILE_REPOS=true CONOPS_ADMIN_TOKEN="$TOKEN" DB_TYPE=h2 DB_CONNECTION_STRING= \
  java -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
stamp; deadline=$((NOW + TIMEOUT * 1000))
until curl -fsS --max-time 1 "http://127.0.0.1:$SERVER_PORT/actuator/health/readiness" >/dev/null 2>&1; do
  server_alive || die "ConOps exited during start-up"
  stamp; [ "$NOW" -lt "$deadline" ] || die "ConOps was not ready within ${TIMEOUT}s"
  sleep 0.2
done
stamp; log "ConOps ready in $((NOW - t_start)) ms"

# A bare repository as the remote, and a clone to commit in.
git init -q --bare -b main "$WORK/remote.git"
git clone -q "$WORK/remote.git" "$WORK/repo" 2>/dev/null
git -C "$WORK/repo" config user.name "ConOps bench"
git -C "$WORK/repo" config user.email "bench@conops.invalid"
git -C "$WORK/repo" symbolic-ref HEAD refs/heads/main
port=$(free_port)
body="conops-bench initial $RANDOM$RANDOM"
write_project "$WORK/repo" "$port" "$body"
git -C "$WORK/repo" add -A
git -C "$WORK/repo" commit -qm "bench: initial site on port $port"
git -C "$WORK/repo" push -q origin main

stamp; t_reg=$NOW
api POST /api/v1/apps/ -H 'Content-Type: application/json' \
  -d "{\"name\":\"$APP\",\"repo_url\":\"file://$WORK/remote.git\",\"repo_auth_method\":\"public\",\"branch\":\"main\",\"compose_path\":\"compose.yaml\",\"poll_interval\":\"$POLL_INTERVAL\"}" \
  > "$WORK/app.json" || die "registering the app failed"
REGISTERED=1
wait_served "$port" "$body" || die "the initial commit was not served within ${TIMEOUT}s"
stamp; log "first deployment (register -> served): $((NOW - t_reg)) ms"

# Reads the round's deployment record (needs jq): sets DETECT_MS (push -> sync started) and
# SYNC_MS (sync started -> finished), or leaves them empty.
deployment_times() { # SHA PUSHED_MS
  DETECT_MS="" SYNC_MS=""
  command -v jq >/dev/null 2>&1 || return 0
  local times started finished
  times=$(api GET "/api/v1/apps/$APP/deployments?limit=10" 2>/dev/null \
    | jq -r --arg c "$1" '[.[] | select(.commit == $c and .outcome == "succeeded")][0] // empty
                          | "\(.started_at) \(.finished_at)"') || return 0
  [ -n "$times" ] || return 0
  started=$(date -d "${times% *}" +%s%3N) finished=$(date -d "${times#* }" +%s%3N)
  DETECT_MS=$((started - $2)) SYNC_MS=$((finished - started))
}

log "ConOps: $ROUNDS rounds of commit + push -> new content served on a new port"
conops_ms=() synced_ms=()
for i in $(seq 1 "$ROUNDS"); do
  port=$(free_port)
  body="conops-bench round $i $RANDOM$RANDOM"
  write_project "$WORK/repo" "$port" "$body"
  git -C "$WORK/repo" commit -qam "bench: round $i on port $port"
  sha=$(git -C "$WORK/repo" rev-parse HEAD)
  git -C "$WORK/repo" push -q origin main
  stamp; pushed=$NOW
  wait_served "$port" "$body" || die "round $i: the pushed commit was not served within ${TIMEOUT}s"
  stamp; ms=$((NOW - pushed))
  conops_ms+=("$ms")
  deployment_times "$sha" "$pushed"
  if [ -n "$SYNC_MS" ]; then
    synced_ms+=($((DETECT_MS + SYNC_MS)))
    printf '[bench]   round %d: push -> served %5d ms (detected after %d ms, sync took %d ms)\n' \
      "$i" "$ms" "$DETECT_MS" "$SYNC_MS"
  else
    printf '[bench]   round %d: push -> served %5d ms\n' "$i" "$ms"
  fi
done

# --- plain docker compose -------------------------------------------------------------------

log "plain compose: $ROUNDS rounds of docker compose -p $RAW up -d with a changed config"
raw=(docker compose -p "$RAW" --project-directory "$WORK/raw" -f "$WORK/raw/compose.yaml")
port=$(free_port)
body="conops-bench raw initial $RANDOM$RANDOM"
write_project "$WORK/raw" "$port" "$body"
"${raw[@]}" up -d >/dev/null 2>&1 || die "docker compose up -d failed for the plain project"
wait_served "$port" "$body" || die "the plain project was not served within ${TIMEOUT}s"
up_ms=() served_ms=()
for i in $(seq 1 "$ROUNDS"); do
  port=$(free_port)
  body="conops-bench raw round $i $RANDOM$RANDOM"
  write_project "$WORK/raw" "$port" "$body"
  rm -f "$WORK/raw-up.done"
  stamp; t0=$NOW
  # probed while `up` runs, exactly as the ConOps rounds are probed while ConOps deploys
  ( rc=0; "${raw[@]}" up -d >/dev/null 2>"$WORK/raw-up.err" || rc=$?; stamp; echo "$rc $NOW" > "$WORK/raw-up.done" ) &
  UP_PID=$!
  wait_served "$port" "$body" || die "round $i: the plain project was not served within ${TIMEOUT}s"
  stamp; t2=$NOW
  wait "$UP_PID" || true
  UP_PID=""
  read -r up_rc t1 < "$WORK/raw-up.done"
  [ "$up_rc" = 0 ] || die "round $i: docker compose up -d failed: $(tail -n 3 "$WORK/raw-up.err")"
  up_ms+=($((t1 - t0))) served_ms+=($((t2 - t0)))
  printf '[bench]   round %d: up -d returned after %5d ms, served after %5d ms\n' "$i" $((t1 - t0)) $((t2 - t0))
done

# --- results --------------------------------------------------------------------------------

echo
echo "ConOps   push -> served:     $(summary "${conops_ms[@]}")"
if [ "${#synced_ms[@]}" = "$ROUNDS" ]; then
  echo "ConOps   push -> synced:     $(summary "${synced_ms[@]}")   (from the deployment records)"
fi
echo "Compose  up -d returned:     $(summary "${up_ms[@]}")"
echo "Compose  up -d -> served:    $(summary "${served_ms[@]}")"
echo "(ConOps polled the branch every $POLL_INTERVAL; its figures include noticing the push.)"
