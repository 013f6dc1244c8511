# Shared by the heal and idle-tick benchmarks: start a packaged ConOps on a free port, talk to it.
# shellcheck shell=bash
BENCH_TOKEN=bench-admin-token-0123456789

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_server DATA_DIR [VAR=VALUE...]: sets SERVER_PID and API
start_server() {
  local data=$1; shift
  local jar
  jar=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/conops-server/target/conops-server.jar
  [ -f "$jar" ] || { echo "build first: mvn -o -q -B -pl conops-server -am install -DskipTests" >&2; exit 1; }
  local port; port=$(free_port)
  env CONOPS_DATA_DIR="$data" SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 CONOPS_ADMIN_TOKEN="$BENCH_TOKEN" \
      CONOPS_ALLOW_FILE_REPOS=true "$@" java -jar "$jar" > "$data.log" 2>&1 &
  SERVER_PID=$!
  API="http://127.0.0.1:$port/api/v1"
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "ConOps did not start; see $data.log" >&2; exit 1
}

api() { curl -fsS -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' "$@"; }

# make_repo DIR COMPOSE_TEXT [FILE CONTENT]...: a bare repo with one commit; prints its file:// URL
make_repo() {
  local dir=$1 compose=$2; shift 2
  git init -q --bare -b main "$dir/remote.git"
  git init -q -b main "$dir/work"
  printf '%s' "$compose" > "$dir/work/compose.yaml"
  while [ $# -ge 2 ]; do mkdir -p "$dir/work/$(dirname "$1")"; printf '%s' "$2" > "$dir/work/$1"; shift 2; done
  git -C "$dir/work" add -A
  git -C "$dir/work" -c user.name=bench -c user.email=bench@example.com commit -q -m bench
  git -C "$dir/work" push -q "$dir/remote.git" main
  echo "file://$dir/remote.git"
}

await_status() { # app status
  for _ in $(seq 1 1200); do
    [ "$(api "$API/apps/$1" | jq -r .status)" = "$2" ] && return 0; sleep 0.1
  done
  echo "app $1 never reached $2" >&2; return 1
}

now_ms() { date +%s%3N; }

# stats "label" VALUES...: min / median / max in ms
stats() {
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v l="$label" '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%-34s n=%d  min %d ms  median %d ms  max %d ms\n", l, NR, a[1], m, a[NR] }'
}
