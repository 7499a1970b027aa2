#!/bin/bash
# A real three-node Kafka cluster (KRaft; every node broker + controller) in separate JVMs, from the Kafka jars the
# build already has (app/target/lib). Topics get the broker defaults of a production cluster: replication factor 3,
# min.insync.replicas 2.
# usage: kafka-cluster.sh start DIR BASEPORT  -> prints the bootstrap servers (BASEPORT, +10, +20; controllers +1)
#        kafka-cluster.sh kill DIR N | restart DIR N | stop DIR | leader DIR TOPIC PARTITION (-> node id)
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
  voters="1@127.0.0.1:$((base + 1)),2@127.0.0.1:$((base + 11)),3@127.0.0.1:$((base + 21))"
  id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
  for n in 1 2 3; do
    p=$((base + (n - 1) * 10)); mkdir -p "$dir/node$n"
    cat >"$dir/node$n/server.properties" <<P
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$p,CONTROLLER://127.0.0.1:$((p + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$p
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
    launch $n
  done
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
stop)
  for n in 1 2 3; do [[ -f $dir/node$n/pid ]] && kill "$(cat "$dir/node$n/pid")" 2>/dev/null || true; done
  for n in 1 2 3; do
    [[ -f $dir/node$n/pid ]] || continue
    for _ in $(seq 1 30); do kill -0 "$(cat "$dir/node$n/pid")" 2>/dev/null || break; sleep 1; done
    kill -9 "$(cat "$dir/node$n/pid")" 2>/dev/null || true
  done ;;
esac
