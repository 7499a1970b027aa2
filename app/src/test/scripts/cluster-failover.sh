#!/bin/bash
# The pipeline on a real three-node Kafka cluster and PostgreSQL with the stream processor in two `flowdeck worker`s.
# Mid-run the leader broker of db_live_events-0 and one worker are killed (-9); the broker comes back. Passes when
# nothing was lost or duplicated and the aggregates equal a GROUP BY over livedb; prints the failover's stall and its
# parts (detection, election, transaction recovery) and the recovery time.
# usage: cluster-failover.sh [BASEPORT [WORKDIR [KAFKA_PROPERTIES]]]   (needs kcat, python3, PostgreSQL reachable
#        through `su postgres`); KAFKA_PROPERTIES is handed to every process as --kafka-properties (e.g. to compare
#        client settings: the user's properties win over Flowdeck's)
#        FLOWDECK_CLUSTER_LAYOUT=dedicated (default: three brokers + controller-only node(s), Kafka's layout for
#        production; KAFKA_CLUSTER_CONTROLLERS=3 for three) or combined (three nodes that are each broker +
#        controller; the killed leader is then also the active controller in about one run in three, which adds a
#        controller election to the stall)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
scripts=$root/app/src/test/scripts
base=${1:-19800}
work=${2:-/tmp/flowdeck-cluster-failover}
db=flowdeck_cluster
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work"
su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $db'" >/dev/null
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$db'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE $db LOGIN PASSWORD '$db'\"" >/dev/null
su postgres -c "createdb -O $db $db"
sql() { PGPASSWORD=$db psql -h 127.0.0.1 -U $db -d $db -qtAc "$1"; }

[[ -f app/target/.flowdeck-built ]] || ./flowdeck --version >/dev/null
layout=${FLOWDECK_CLUSTER_LAYOUT:-dedicated}
w1= w2=
# Set before the start: a cluster that starts only partly must not keep its ports for the next run.
trap '"$scripts/kafka-cluster.sh" stop "$work/cluster"; [[ -n $w1 ]] && kill $w1 2>/dev/null; [[ -n $w2 ]] && kill $w2 2>/dev/null; true' EXIT
S=$("$scripts/kafka-cluster.sh" start "$work/cluster" "$base" "$layout") || fail "the three-node cluster did not start"
export FLOWDECK_DB_PASSWORD=$db
args=(--jdbc-url "jdbc:postgresql://127.0.0.1:5432/$db" --db-user $db --bootstrap-servers "$S")
[[ -n ${3:-} ]] && args+=(--kafka-properties "$3")
./flowdeck --headless --duration 45s "${args[@]}" --data-dir "$work/run" >"$work/run.json" 2>"$work/run.err" &
run=$!
./flowdeck worker --processor "${args[@]}" --data-dir "$work/w1" >"$work/w1.json" 2>"$work/w1.err" &
w1=$!
./flowdeck worker --processor "${args[@]}" --data-dir "$work/w2" >"$work/w2.json" 2>"$work/w2.err" &
w2=$!
producing=
for _ in $(seq 1 150); do
  leader=$("$scripts/kafka-cluster.sh" leader "$work/cluster" db_live_events 0 2>/dev/null || true)
  [[ -n $leader ]] && grep -qE "t= +[1-9][0-9]s .*verified=[1-9]" "$work/run.err" && producing=1 && break
  sleep 1
done
[[ -n $leader ]] || fail "no leader for db_live_events-0 (was the topic created?)"
# Killed before the run produced, the broker's absence is no failover: say so rather than report a stall.
[[ -n $producing ]] || echo "WARNING: the run was not producing 150 s after start (machine load?); the stall below is not a failover's" >&2
killed_at=$(date +%s%3N)
"$scripts/kafka-cluster.sh" kill "$work/cluster" "$leader"
kill -9 $w1; w1=
sleep 10
"$scripts/kafka-cluster.sh" restart "$work/cluster" "$leader"
wait $run || fail "the pipeline run failed: $(tail -2 "$work/run.err" | tr '\n' ' ' | cut -c1-200)"
want=$(sql "SELECT count(*) || ' ' || sum(amount) FROM livedb")
got=
for _ in $(seq 1 90); do
  got=$(sql "SELECT coalesce(sum(event_count),0) || ' ' || coalesce(sum(amount_sum),0) FROM livedb_aggregates WHERE dimension = 'region'" 2>/dev/null || true)
  [[ $got == "$want" ]] && break
  sleep 2
done
kill -TERM $w2; wrc=0; wait $w2 || wrc=$?; w2=
[[ $got == "$want" ]] || fail "aggregates (count sum) $got != livedb $want"
((wrc == 0 || wrc == 143)) || fail "the surviving worker exited $wrc on SIGTERM"
controller_log=$(cat "$work"/cluster/node*/kafka.log 2>/dev/null | grep "Fencing broker $leader " | head -1 || true)
# The KRaft quorum's leaders over time: if the killed broker was also the active controller, the quorum elects a new
# one first (after controller.quorum.fetch.timeout.ms), and only that one can fence the broker.
activations=$(grep -h "Becoming the active controller" "$work"/cluster/node*/kafka.log 2>/dev/null | sort || true)
python3 - "$work/run.json" "$killed_at" "$leader" "$controller_log" "$activations" "$layout" <<'PY'
import json, re, sys, datetime
run = json.load(open(sys.argv[1])); killed = int(sys.argv[2]); leader = sys.argv[3]; fence_line = sys.argv[4]
assert run["lost"] == 0 and run["duplicated"] == 0 and run["rows_written"] > 0, run
stall = run["stall"]
day = datetime.datetime.fromtimestamp(killed / 1000).date()
def epoch_ms(line):
    return int(datetime.datetime.combine(day, datetime.time.fromisoformat(line.split()[0])).timestamp() * 1000)
fenced = epoch_ms(fence_line) if fence_line else None
active = [(epoch_ms(l), int(re.search(r"QuorumController id=(\d+)", l).group(1))) for l in sys.argv[5].splitlines() if l.strip()]
before = [n for t, n in active if t <= killed]
after = [t for t, n in active if t > killed]
# The watch sees the new leaders in the first reading after fencing whose partitions lost the killed broker from their
# in-sync replicas (a broker may still list it as live for one more reading).
moved = next((c["at_epoch_ms"] for c in run["cluster"]["changes"] if c["at_epoch_ms"] >= killed
              and any(w in c["problem"] for w in ("down", "under-replicated", "moving"))), None)
noticed = next((c["at_epoch_ms"] for c in run["cluster"]["changes"] if c["at_epoch_ms"] >= killed and "not answering" in c["problem"]), None)
parts = {
    "detection_ms": None if fenced is None else fenced - killed,
    "election_ms": None if fenced is None or moved is None else max(0, moved - fenced),
    "transaction_recovery_ms": None if moved is None else stall["to_epoch_ms"] - moved,
}
was_controller = bool(before) and before[-1] == int(leader)
print(json.dumps({"layout": sys.argv[6], "killed_broker": int(leader), "rows_written": run["rows_written"], "lost": run["lost"],
                  "duplicated": run["duplicated"], "stall_ms": stall["longest_gap_ms"],
                  "stall_began_after_kill_ms": stall["from_epoch_ms"] - killed,
                  "killed_was_active_controller": was_controller,
                  "new_controller_after_ms": after[0] - killed if after else None,
                  "not_answering_seen_after_ms": None if noticed is None else noticed - killed,
                  "kill_to_first_event_ms": stall["to_epoch_ms"] - killed,
                  "fencing_to_first_event_ms": None if fenced is None else stall["to_epoch_ms"] - fenced, **parts,
                  "recovery_ms": stall["recovery_ms"], "e2e_p99_ms": run["e2e_latency_ms"]["p99"]}))
s = lambda ms: "?" if ms is None else "%.2f s" % (ms / 1000)
print("%s layout, killed broker %s (%s the active controller): stall %s; kill -> first event %s = detection %s"
      " + election %s + transaction recovery %s" % (sys.argv[6], leader, "was" if was_controller else "not",
      s(stall["longest_gap_ms"]), s(stall["to_epoch_ms"] - killed), s(parts["detection_ms"]), s(parts["election_ms"]),
      s(parts["transaction_recovery_ms"])))
PY
echo "written, nothing lost or duplicated; aggregates equal GROUP BY ($want) after killing broker $leader and a worker"
