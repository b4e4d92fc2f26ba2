#!/usr/bin/env bash
# A real OpenSearch 2.19 cluster on loopback for tests, benchmarks and `make run` (not for production: see
# docs/search-cluster.md, which uses the vendor's packages or the docker-compose service of the same major version).
#
#   scripts/search-cluster.sh start [--nodes N] [--name NAME] [--port PORT] [--heap SIZE]
#   scripts/search-cluster.sh stop [--name NAME] [--node I]     (--node: stop only node I, e.g. in a failover test)
#   scripts/search-cluster.sh status [--name NAME]              (prints the URL; exit 1 when the cluster is down)
#   scripts/search-cluster.sh with [--nodes N ...] -- COMMAND   (`make test`: COMMAND runs with SEARCH_CLUSTER_URL;
#                  the cluster is shared by concurrent runs and stopped by the last one to finish)
#
# The server comes from Maven Central through Maven (fetched once into a cache kept across runs): OpenSearch's
# integ-test distribution (launcher, server, netty transport) plus the modules it leaves out that the index needs:
# analysis-common (French and English analysers, ASCII folding, elision, edge n-grams) and geo (geo_shape). Elasticsearch 8 cannot be
# assembled the same way: its published integ-test distribution has no analysis-common module and the module is
# not published on its own (checked 2026-12-04, docs/search-cluster.md).
# `start` is idempotent: nodes already running are kept, missing ones (re)started. Node i listens on HTTP
# PORT+i-1 and transport PORT+100+i-1. OpenSearch refuses to run as root: as root the nodes run as the system
# user datatera-search (created here).
set -euo pipefail

VERSION="${SEARCH_CLUSTER_VERSION:-2.19.6}"
NAME="datatera"
PORT=19200
NODES=1
HEAP="${SEARCH_CLUSTER_HEAP:-256m}"
ONLY_NODE=""
RUN_USER="datatera-search"
# Modules the catalogue's index needs beyond the integ-test distribution (name=plugin class): analysers, geo_shape.
MODULES=(
  "analysis-common=org.opensearch.analysis.common.CommonAnalysisPlugin"
  "geo=org.opensearch.geo.GeoModulePlugin"
)

log() { printf '\033[1m[search-cluster]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command="${1:-}"
[ -n "$command" ] && shift
OPTIONS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    --nodes) NODES="${2:?--nodes needs a number}"; OPTIONS+=("$1" "$2"); shift 2 ;;
    --name) NAME="${2:?--name needs a value}"; OPTIONS+=("$1" "$2"); shift 2 ;;
    --port) PORT="${2:?--port needs a number}"; OPTIONS+=("$1" "$2"); shift 2 ;;
    --heap) HEAP="${2:?--heap needs a size such as 256m}"; OPTIONS+=("$1" "$2"); shift 2 ;;
    --node) ONLY_NODE="${2:?--node needs a number}"; shift 2 ;;
    *) die "unknown option $1 (usage: start [--nodes N] [--name NAME] [--port PORT] [--heap SIZE] | stop | status)" ;;
  esac
done
[[ "$NODES" =~ ^[1-9]$ ]] || die "--nodes must be 1 to 9"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "--port must be a number"
[[ "$NAME" =~ ^[a-z0-9-]+$ ]] || die "--name may hold only a-z, 0-9 and -"

if [ "$(id -u)" -eq 0 ]; then
  CACHE="${SEARCH_CLUSTER_CACHE:-/var/cache/datatera/search-cluster}"  # readable by the unprivileged node user
else
  CACHE="${SEARCH_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/datatera/search-cluster}"
fi
RUN="${SEARCH_CLUSTER_RUN:-/tmp/datatera-search-cluster-$(id -u)}/$NAME"
HOME_DIR="$CACHE/opensearch-$VERSION"
URL="http://127.0.0.1:$PORT"

http_port() { echo $((PORT + $1 - 1)); }
transport_port() { echo $((PORT + 100 + $1 - 1)); }
node_dir() { echo "$RUN/node-$1"; }
node_pid() { local f; f="$(node_dir "$1")/pid"; [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
node_count() { ls -d "$RUN"/node-* 2>/dev/null | wc -l; }

java_home() {
  if [ -n "${SEARCH_CLUSTER_JAVA_HOME:-}" ]; then echo "$SEARCH_CLUSTER_JAVA_HOME"; return; fi
  local candidate
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/java-17-openjdk; do
    [ -x "$candidate/bin/java" ] && { echo "$candidate"; return; }
  done
  command -v java >/dev/null || die "no Java 17 found (apt-get install openjdk-17-jre-headless)"
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

modules_key() { printf "%s " "${MODULES[@]}" | sha1sum | cut -c1-8; }

fetch() {
  [ -f "$HOME_DIR/.complete-$(modules_key)" ] && return
  command -v mvn >/dev/null || die "Maven is needed to fetch the server (apt-get install maven)"
  log "fetching OpenSearch $VERSION from Maven Central into $CACHE (once)"
  local downloads="$CACHE/downloads"
  mkdir -p "$downloads"
  local module
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" \
    -DoutputDirectory="$downloads" >&2 || die "Maven could not fetch the OpenSearch $VERSION distribution"
  for module in "${MODULES[@]}"; do
    mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="org.opensearch.plugin:${module%%=*}:$VERSION:jar" \
      -DoutputDirectory="$downloads" >&2 || die "Maven could not fetch the module ${module%%=*} $VERSION"
  done
  rm -rf "$HOME_DIR" "$HOME_DIR.partial" && mkdir -p "$HOME_DIR.partial"
  (cd "$HOME_DIR.partial" && unzip -q "$downloads/opensearch-$VERSION.zip")
  local home="$HOME_DIR.partial/opensearch-$VERSION" name
  for module in "${MODULES[@]}"; do
    name="${module%%=*}"
    mkdir -p "$home/modules/$name"
    cp "$downloads/$name-$VERSION.jar" "$home/modules/$name/"
    # Modules published as bare jars carry no descriptor (the distribution's build writes it): the same fields.
    cat >"$home/modules/$name/plugin-descriptor.properties" <<EOF
description=OpenSearch module $name
version=$VERSION
name=$name
classname=${module#*=}
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
  done
  mv "$home" "$HOME_DIR" && rm -rf "$HOME_DIR.partial"
  chmod -R a+rX "$CACHE"
  touch "$HOME_DIR/.complete-$(modules_key)"
}

write_node_config() {
  local i=$1 dir seeds="" managers="" j
  dir="$(node_dir "$i")"
  mkdir -p "$dir/conf" "$dir/data" "$dir/logs" "$dir/tmp"
  for j in $(seq 1 "$NODES"); do
    seeds+="${seeds:+, }\"127.0.0.1:$(transport_port "$j")\""
    managers+="${managers:+, }\"$NAME-$j\""
  done
  {
    echo "cluster.name: datatera-$NAME"
    echo "node.name: $NAME-$i"
    echo "network.host: 127.0.0.1"
    echo "http.port: $(http_port "$i")"
    echo "transport.port: $(transport_port "$i")"
    echo "path.data: $dir/data"
    echo "path.logs: $dir/logs"
    if [ "$NODES" -eq 1 ]; then
      echo "discovery.type: single-node"
    else
      echo "discovery.seed_hosts: [$seeds]"
      echo "cluster.initial_cluster_manager_nodes: [$managers]"
    fi
    # Indexes are created by the application with their mapping, never by a stray write.
    echo "action.auto_create_index: false"
    # A shared developer disk is often above the 85/90 % watermarks: replicas must still be allocated.
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
  } >"$dir/conf/opensearch.yml"
  cat >"$dir/conf/jvm.options" <<EOF
-Xms$HEAP
-Xmx$HEAP
-XX:+UseG1GC
-Djava.io.tmpdir=$dir/tmp
-XX:-HeapDumpOnOutOfMemoryError
-XX:ErrorFile=$dir/logs/hs_err_pid%p.log
18-:-Djava.security.manager=allow
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
EOF
  cp "$HOME_DIR/config/log4j2.properties" "$dir/conf/"
}

ensure_run_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$RUN_USER" >/dev/null 2>&1 \
    || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_USER"
}

start_node() {
  local i=$1 dir
  dir="$(node_dir "$i")"
  write_node_config "$i"
  local launch=("$HOME_DIR/bin/opensearch" -q)
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$RUN_USER:" "$dir"
    launch=(setpriv --reuid="$(id -u "$RUN_USER")" --regid="$(id -g "$RUN_USER")" --clear-groups "${launch[@]}")
  fi
  # In the foreground the launcher execs the JVM (so does setpriv): $! is the node's own pid. setsid keeps the
  # node out of the caller's process group, so stopping a test run's shell does not take the cluster with it.
  # The node must not inherit this script's lock file descriptors: it would hold them for as long as it runs.
  (exec {start_lock}>&- && cd "$dir" && OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_PATH_CONF="$dir/conf" OPENSEARCH_TMPDIR="$dir/tmp" \
    JAVA_HOME="" exec setsid "${launch[@]}" >"$dir/logs/console.log" 2>&1 </dev/null) &
  echo $! >"$dir/pid"
}

wait_healthy() {
  local deadline=$((SECONDS + ${SEARCH_CLUSTER_TIMEOUT:-180})) i health
  while [ $SECONDS -lt $deadline ]; do
    for i in $(seq 1 "$NODES"); do
      [ -n "$(node_pid "$i")" ] || { tail -20 "$(node_dir "$i")/logs/console.log" >&2 || true; die "node $NAME-$i exited"; }
    done
    health="$(curl -s -m 5 "$URL/_cluster/health?wait_for_nodes=$NODES&wait_for_status=yellow&timeout=2s" || true)"
    if [[ "$health" == *'"status":"green"'* || "$health" == *'"status":"yellow"'* ]] \
      && [[ "$health" == *"\"number_of_nodes\":$NODES,"* ]]; then
      return 0
    fi
    sleep 1
  done
  die "cluster $NAME not healthy after ${SEARCH_CLUSTER_TIMEOUT:-180} s: $health"
}

case "$command" in
  start)
    mkdir -p "$(dirname "$RUN")"
    exec {start_lock}>>"$RUN.start-lock"
    flock -x "$start_lock"  # two runs starting the same cluster at once would race for its ports
    fetch
    ensure_run_user
    started=$SECONDS
    mkdir -p "$RUN"
    [ "$(id -u)" -ne 0 ] || chmod 755 "$RUN" "$(dirname "$RUN")"
    launched=0
    for i in $(seq 1 "$NODES"); do
      if [ -z "$(node_pid "$i")" ]; then start_node "$i"; launched=$((launched + 1)); fi
    done
    wait_healthy
    echo "$NODES" >"$RUN/nodes"
    echo "$URL" >"$RUN/url"
    [ "$launched" -eq 0 ] || log "$launched node(s) started, cluster $NAME ready in $((SECONDS - started)) s"
    echo "$URL"
    ;;
  stop)
    [ -d "$RUN" ] || exit 0
    targets=$(if [ -n "$ONLY_NODE" ]; then echo "$ONLY_NODE"; else seq 1 "$(node_count)"; fi)
    for i in $targets; do
      pid="$(node_pid "$i" || true)"
      [ -n "$pid" ] || continue
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      log "node $NAME-$i stopped"
    done
    if [ -z "$ONLY_NODE" ]; then rm -rf "$RUN"; fi
    ;;
  with)
    [ $# -gt 0 ] || die "with needs a command after --"
    mkdir -p "$(dirname "$RUN")"
    exec {lease}>>"$RUN.lease"
    flock -s "$lease"  # held while COMMAND runs: a shared lease on the cluster
    SEARCH_CLUSTER_URL="$("$0" start "${OPTIONS[@]}" {lease}>&-)"
    export SEARCH_CLUSTER_URL
    set +e
    "$@" {lease}>&-
    status=$?
    set -e
    flock -u "$lease"
    if flock -n -x "$lease"; then "$0" stop "${OPTIONS[@]}"; else log "cluster $NAME left running for other runs"; fi
    exit "$status"
    ;;
  status)
    if [ -f "$RUN/url" ] && curl -s -m 5 "$(cat "$RUN/url")/_cluster/health" | grep -q '"status"'; then
      cat "$RUN/url"
    else
      log "cluster $NAME is not running"
      exit 1
    fi
    ;;
  *)
    die "usage: $0 start [--nodes N] [--name NAME] [--port PORT] [--heap SIZE] | stop [--node I] | status"
    ;;
esac
