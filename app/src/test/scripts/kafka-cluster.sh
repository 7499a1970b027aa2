#!/bin/bash
# A real Kafka cluster of three brokers (KRaft) in separate JVMs, from the Kafka jars the build already has
# (app/target/lib). Topics get the broker defaults of a production cluster: replication factor 3, min.insync.replicas 2.
# Two layouts, because users run both:
#   dedicated (default)  three brokers (nodes 1-3) and controller-only nodes (4-, KAFKA_CLUSTER_CONTROLLERS of them,
#                        default 1; 3 is what Kafka recommends for production, but six JVMs on a loaded 2-core machine
#                        took 90 s to elect a controller): killing a broker never takes the active controller with it
#   combined             three nodes that are each broker + controller (small clusters, the quick start)
# usage: kafka-cluster.sh start DIR BASEPORT [dedicated|combined]
#          -> prints the bootstrap servers (BASEPORT, +10, +20); node N's controller listener is BASEPORT+10(N-1)+1
#        kafka-cluster.sh kill DIR N | restart DIR N | stop DIR | leader DIR TOPIC PARTITION (-> node id)
#        kafka-cluster.sh controller DIR (-> the active controller's node id, from the nodes' logs)
set -eu
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cmd=$1 dir=$2
cp="$(ls "$root"/app/target/flowdeck-app-*.jar | head -1):$root/app/target/lib/*"
servers() { local b; b=$(cat "$dir/base"); echo "127.0.0.1:$b,127.0.0.1:$((b + 10)),127.0.0.1:$((b + 20))"; }
launch() {
  nohup java -Xmx400m -cp "$cp" -Dlogback.configurationFile="$dir/logback.xml" -Dnode.log="$dir/node$1/kafka.log" kafka.Kafka "$dir/node$1/server.properties" \
    >"$dir/node$1/stdout.log" 2>&1 &
  echo $! >"$dir/node$1/pid"
}
case $cmd in
start)
  base=$3
  mkdir -p "$dir"
  echo "$base" >"$dir/base"
  cat >"$dir/logback.xml" <<L
<configuration><appender name="F" class="ch.qos.logback.core.FileAppender"><file>\${node.log}</file>
<encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder></appender>
<logger name="org.apache.kafka.controller" level="INFO"/><root level="WARN"><appender-ref ref="F"/></root></configuration>
L
  layout=${4:-dedicated}
  case $layout in
  combined) nodes="1 2 3" controllers="1 2 3" ;;
  dedicated) controllers=$(seq -s ' ' 4 $((3 + ${KAFKA_CLUSTER_CONTROLLERS:-1}))); nodes="1 2 3 $controllers" ;;
  *) echo "unknown layout '$layout': use dedicated or combined" >&2; exit 2 ;;
  esac
  echo "$layout" >"$dir/layout"; echo "$nodes" >"$dir/nodes"
  voters=$(for c in $controllers; do printf '%s@127.0.0.1:%s,' "$c" $((base + (c - 1) * 10 + 1)); done)
  voters=${voters%,}
  id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
  for n in $nodes; do
    p=$((base + (n - 1) * 10)); mkdir -p "$dir/node$n"
    if [[ $layout == combined ]]; then
      roles="process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:$p,CONTROLLER://127.0.0.1:$((p + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$p"
    elif ((n <= 3)); then
      roles="process.roles=broker
listeners=PLAINTEXT://127.0.0.1:$p
advertised.listeners=PLAINTEXT://127.0.0.1:$p"
    else
      roles="process.roles=controller
listeners=CONTROLLER://127.0.0.1:$((p + 1))"
    fi
    cat >"$dir/node$n/server.properties" <<P
$roles
node.id=$n
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/node$n/data
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
P
    [[ -d $dir/node$n/data ]] || java -cp "$cp" kafka.tools.StorageTool format -t "$id" -c "$dir/node$n/server.properties" \
      >"$dir/node$n/format.log" 2>&1
  done
  # Controllers first: a broker that cannot register within 60 s shuts itself down, and on a loaded machine the
  # quorum's JVMs can take that long to start.
  for n in $controllers; do launch $n; done
  if [[ $layout == dedicated ]]; then
    for _ in $(seq 1 120); do
      grep -qs "Becoming the active controller" "$dir"/node*/kafka.log && break
      sleep 1
    done
    for n in 1 2 3; do launch $n; done
  fi
  for _ in $(seq 1 120); do
    if [[ $(kcat -b "$(servers)" -L -J 2>/dev/null | python3 -c "import json,sys; print(len(json.load(sys.stdin)['brokers']))" 2>/dev/null) == 3 ]]; then
      servers; exit 0
    fi
    sleep 1
  done
  echo "cluster did not start; see $dir" >&2; exit 1 ;;
kill) kill -9 "$(cat "$dir/node$3/pid")" 2>/dev/null || true ;;
restart) launch "$3" ;;
leader)
  kcat -b "$(servers)" -L -J -t "$3" 2>/dev/null \
    | python3 -c "import json,sys; t=json.load(sys.stdin)['topics'][0]; print(next(p['leader'] for p in t['partitions'] if p['partition']==$4))" ;;
controller)
  grep -h "Becoming the active controller" "$dir"/node*/kafka.log 2>/dev/null | sort | tail -1 \
    | sed -n 's/.*QuorumController id=\([0-9]*\).*/\1/p' ;;
stop)
  # Brokers first: a broker shuts down through the controllers (controlled shutdown) and waits for them; with the
  # controllers gone first it would hang until killed. The combined layout's nodes are all stopped at once.
  stop_nodes() {
    for n in "$@"; do [[ -f $dir/node$n/pid ]] && kill "$(cat "$dir/node$n/pid")" 2>/dev/null || true; done
    for n in "$@"; do
      [[ -f $dir/node$n/pid ]] || continue
      for _ in $(seq 1 30); do kill -0 "$(cat "$dir/node$n/pid")" 2>/dev/null || break; sleep 1; done
      kill -9 "$(cat "$dir/node$n/pid")" 2>/dev/null || true
    done
  }
  stop_nodes 1 2 3
  stop_nodes $(cat "$dir/nodes" 2>/dev/null | cut -s -d' ' -f4-) ;;
esac
