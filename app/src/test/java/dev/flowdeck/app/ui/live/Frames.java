package dev.flowdeck.app.ui.live;

import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.StageId;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.StageStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made frames for view-model tests. */
public final class Frames {
    private Frames() {
    }

    public static ConsoleSession.Status running() {
        return new ConsoleSession.Status(ConsoleSession.Phase.RUNNING, "Running", Profile.embedded(),
                StageStatus.of(StageState.RUNNING, "embedded KRaft broker at 127.0.0.1:1"),
                StageStatus.of(StageState.RUNNING, "embedded H2"), 5, 5);
    }

    public static StageFrame stage(String id, String stageName, StageState state, double rate, long behind, double behindMs) {
        StageId stage = StageId.DIAGRAM.stream().filter(d -> d.key().equals(id)).findFirst().orElseThrow();
        return new StageFrame(stage, stageName != null, state, id + " is " + state, rate, id.equals("writer") ? "rows/s" : "events/s",
                behind, behindMs, id + " detail");
    }

    public static List<StageFrame> allRunning() {
        List<StageFrame> out = new ArrayList<>();
        out.add(stage("writer", "burst-writer", StageState.RUNNING, 1000, -1, -1));
        out.add(stage("database", null, StageState.RUNNING, 1000, -1, -1));
        out.add(stage("poller", "cdc-poller", StageState.RUNNING, 990, 120, 8.5));
        out.add(stage("kafka", "kafka-reader", StageState.RUNNING, 980, 0, 0));
        out.add(stage("processor", null, StageState.STOPPED, 0, -1, -1));
        out.add(stage("edge", null, StageState.STOPPED, 0, -1, -1));
        out.add(stage("cloud", null, StageState.STOPPED, 0, -1, -1));
        return out;
    }

    public static ConsoleFrame frame(long metricsAt, List<StageFrame> stages, Tiles tiles) {
        return new ConsoleFrame(metricsAt, metricsAt, running(), true, stages, tiles, Hops.EMPTY, Map.of(),
                Optional.empty(), Optional.empty());
    }

}
