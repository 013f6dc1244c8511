# Shared by the benchmarks: start a packaged ConOps the way scripts/run.sh does (through
# scripts/start-server.sh), talk to it, make repositories, take figures, record them for
# bench/run.sh. Sourced, not run.
# shellcheck shell=bash
BENCH_TOKEN=bench-admin-token-0123456789
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=${BENCH_IMAGE:-local/busybox:1}
TIMEOUT=${BENCH_TIMEOUT:-120}
PROBE_TIMEOUT=${BENCH_PROBE_TIMEOUT:-0.2}
HZ=$(getconf CLK_TCK)
SERVER_PID=""
SERVER_PORT=""
BASE=""
API=""
USED_PORTS=" "

log() { echo "[bench] $*"; }
die() { echo "[bench] error: $*" >&2; exit 1; }

# Milliseconds since the epoch into $NOW, without forking.
stamp() { local t="${EPOCHREALTIME/./}"; NOW=$((t / 1000)); }
now_ms() { stamp; echo "$NOW"; }

# record KEY VALUE: a figure for bench/run.sh's table (when it runs this benchmark).
record() { [ -z "${BENCH_RESULTS:-}" ] || echo "$1 $2" >> "$BENCH_RESULTS"; }

preconditions() {
  local tool
  for tool in git curl docker java jq python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
  done
  [ -n "${EPOCHREALTIME:-}" ] || die "bash 5 or newer is needed (EPOCHREALTIME)"
  docker info >/dev/null 2>&1 || die "the Docker Engine is not reachable (scripts/provision.sh starts one)"
  docker compose version >/dev/null 2>&1 || die "Docker Compose v2 is missing (scripts/provision.sh installs it)"
  docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE is missing (scripts/provision.sh makes local/busybox:1)"
  [ -f "$BENCH_ROOT/conops-server/target/conops-server.jar" ] || die "build first: mvn -B -DskipTests package"
}

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

# start_server DATA_DIR [VAR=VALUE...]: starts ConOps on a free loopback port and waits until it
# is ready; sets SERVER_PID (the JVM's), SERVER_PORT, BASE and API. Its log is DATA_DIR.log.
start_server() {
  local data=$1; shift
  SERVER_PORT=$(free_port)
  env CONOPS_DATA_DIR="$data" SERVER_PORT="$SERVER_PORT" SERVER_ADDRESS=127.0.0.1 \
    CONOPS_ADMIN_TOKEN="$BENCH_TOKEN" CONOPS_ALLOW_FILE_REPOS=true DB_TYPE=h2 DB_CONNECTION_STRING= "$@" \
    "$BENCH_ROOT/scripts/start-server.sh" > "$data.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://127.0.0.1:$SERVER_PORT"
  API="$BASE/api/v1"
  local deadline; stamp; deadline=$((NOW + TIMEOUT * 1000))
  until curl -fs --max-time 1 "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$data.log" >&2; die "ConOps exited during start-up"; }
    stamp; [ "$NOW" -lt "$deadline" ] || die "ConOps was not ready within ${TIMEOUT}s; see $data.log"
    sleep 0.1
  done
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

api() { curl -fsS --max-time 60 -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' "$@"; }

# register NAME REPO_URL POLL_INTERVAL [EXTRA_JSON]
register() {
  api -X POST "$API/apps/" -d "{\"name\":\"$1\",\"repo_url\":\"$2\",\"poll_interval\":\"$3\"${4:+,$4}}" >/dev/null
}

# make_repo DIR COMPOSE_TEXT [FILE CONTENT]...: a bare repo with one commit; prints its file:// URL
make_repo() {
  local dir=$1 compose=$2; shift 2
  git init -q --bare -b main "$dir/remote.git"
  git init -q -b main "$dir/work"
  printf '%s' "$compose" > "$dir/work/compose.yaml"
  while [ $# -ge 2 ]; do mkdir -p "$dir/work/$(dirname "$1")"; printf '%s' "$2" > "$dir/work/$1"; shift 2; done
  git -C "$dir/work" add -A
  git -C "$dir/work" -c user.name=bench -c user.email=bench@conops.invalid commit -q -m bench
  git -C "$dir/work" push -q "$dir/remote.git" main
  echo "file://$dir/remote.git"
}

await_status() { # APP STATUS
  for _ in $(seq 1 $((TIMEOUT * 10))); do
    [ "$(api "$API/apps/$1" | jq -r .status)" = "$2" ] && return 0; sleep 0.1
  done
  echo "app $1 never reached $2" >&2; return 1
}

# await_deployed APP SHA: until the app's sync of SHA is recorded (status synced at that commit).
# A round of a ConOps figure starts from here, as a round of raw `up -d` starts once the previous
# `up` has returned: a commit pushed while the previous sync still waits out its settle period
# (CONOPS_READINESS_SETTLE) queues behind it, and would measure that period, not push -> serving.
await_deployed() {
  local deadline
  stamp; deadline=$((NOW + TIMEOUT * 1000))
  until [ "$(api "$API/apps/$1" | jq -r '.status + " " + (.last_synced_commit // "")')" = "synced $2" ]; do
    stamp; [ "$NOW" -lt "$deadline" ] || { echo "app $1 was not synced at $2 within ${TIMEOUT}s" >&2; return 1; }
    sleep 0.1
  done
}

# Waits until http://127.0.0.1:PORT/ answers exactly BODY, looking every 20 ms. A probe that
# reaches a published port before the container answers hangs; its time-out bounds that.
wait_served() { # PORT BODY
  local deadline got
  stamp; deadline=$((NOW + TIMEOUT * 1000))
  while :; do
    got=$(curl -fsS --max-time "$PROBE_TIMEOUT" "http://127.0.0.1:$1/" 2>/dev/null || true)
    [ "$got" = "$2" ] && return 0
    stamp; [ "$NOW" -ge "$deadline" ] && return 1
    sleep 0.02
  done
}

# A one-service compose project serving ./site on PORT (the benchmarks change port and content).
write_site() { # DIR PORT BODY
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

# Removes whatever a compose project left, found by Compose's own label.
remove_project() {
  local filter="label=com.docker.compose.project=$1"
  docker ps -aq --filter "$filter" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network ls -q --filter "$filter" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker volume ls -q --filter "$filter" | xargs -r docker volume rm >/dev/null 2>&1 || true
}

# CPU time in clock ticks of PID and of the children it reaped (utime+stime+cutime+cstime).
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }

# thread_ticks PID: one "TID TICKS NAME" line per thread of PID (utime+stime in clock ticks).
thread_ticks() {
  local t s name
  for t in /proc/"$1"/task/*; do
    s=$(< "$t/stat") 2>/dev/null || continue
    name=${s#*\(}; name=${name%\)*}
    # shellcheck disable=SC2086
    set -- ${s##*) }
    echo "${t##*/} $(( ${12} + ${13} )) ${name// /_}"
  done
}

# thread_cpu BEFORE AFTER: CPU ms per thread name (numbered pool threads summed) between two
# thread_ticks listings, largest first; threads that ended meanwhile are not in AFTER.
thread_cpu() {
  awk -v hz="$HZ" 'NR == FNR {t0[$1] = $2; next}
    {name = $3; sub(/[-#]?[0-9]+$/, "", name); d[name] += $2 - t0[$1]}
    END {for (n in d) if (d[n] > 0) printf "%8d ms  %s\n", d[n] * 1000 / hz, n}' "$1" "$2" | sort -rn
}

# The children of PID right now, as "pid command" lines (read from /proc, no process started).
children_of() {
  local c
  for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    echo "$c $(tr '\0' ' ' < "/proc/$c/cmdline" 2>/dev/null | cut -c1-80)"
  done
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# stats "label" VALUES...: min / median / max in ms
stats() {
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v l="$label" '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%-40s n=%d  min %d ms  median %d ms  max %d ms\n", l, NR, a[1], m, a[NR] }'
}
