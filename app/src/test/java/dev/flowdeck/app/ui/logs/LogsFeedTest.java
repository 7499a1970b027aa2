package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.cdc.RecentEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogsFeedTest {
    private final LogRing ring = new LogRing(100);
    private final List<LogsFrame> delivered = new ArrayList<>();
    private final List<Runnable> pendingFx = new ArrayList<>();
    private final LogsFeed feed = new LogsFeed(ring, new RecentEvents(10), pendingFx::add);

    @Test
    void newLinesReachTheViewOnceAndUpdatesCoalesce() {
        feed.start(delivered::add);
        feed.close(); // drive it by hand
        LogsViewModel vm = new LogsViewModel(feed::acknowledgeLogs, feed::acknowledgeEvents);
        ring.add(1, "INFO", "a.B", "t", "one");
        feed.tick();
        ring.add(2, "INFO", "a.B", "t", "two");
        feed.tick();
        assertThat(pendingFx).as("one pending FX update at a time").hasSize(1);
        pendingFx.remove(0).run();
        assertThat(delivered).singleElement().satisfies(f -> assertThat(f.newLogs()).extracting(LogEntry::message)
                .containsExactly("one", "two"));
        vm.apply(delivered.get(0));

        feed.tick();
        assertThat(pendingFx).as("nothing new after the view acknowledged both lines").isEmpty();
        ring.add(3, "WARN", "a.B", "t", "three");
        feed.tick();
        pendingFx.remove(0).run();
        assertThat(delivered.get(1).newLogs()).extracting(LogEntry::message).containsExactly("three");
    }
}
