package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.cdc.ChangeEvent;
import dev.flowdeck.engine.cdc.RecentEvents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The Logs page's view model without a toolkit: lines arrive with frames, filters narrow them, pause holds them. */
class LogsViewModelTest {
    private final AtomicLong logAck = new AtomicLong();
    private final AtomicLong eventAck = new AtomicLong();
    private final LogsViewModel vm = new LogsViewModel(logAck::set, eventAck::set);

    private static LogEntry line(long seq, String level, String logger, String message) {
        return new LogEntry(seq, 1_000L * seq, level, logger, "t", message);
    }

    private static List<LogEntry> sample() {
        return List.of(
                line(1, "INFO", "dev.flowdeck.engine.cdc.CdcPoller", "publishing to db_live_events"),
                line(2, "WARN", "dev.flowdeck.engine.source.BurstWriter", "database unavailable; retrying"),
                line(3, "ERROR", "dev.flowdeck.engine.cdc.CdcPoller", "Kafka at localhost:9092 is unavailable"),
                line(4, "DEBUG", "dev.flowdeck.app.ui.Console", "page shown"));
    }

    @Test
    void linesArriveNewestFirstAndAreAcknowledged() {
        vm.apply(new LogsFrame(sample(), List.of()));
        assertThat(vm.visibleLines()).extracting(LogEntry::seq).containsExactly(4L, 3L, 2L, 1L);
        assertThat(logAck.get()).isEqualTo(4);
        assertThat(vm.sources()).containsExactly(LogsViewModel.ALL_SOURCES, "BurstWriter", "CdcPoller", "Console");
        assertThat(vm.lineCountProperty().get()).isEqualTo("4 lines");
    }

    @Test
    void aRepeatedFrameAddsNothingTwice() {
        vm.apply(new LogsFrame(sample(), List.of()));
        vm.apply(new LogsFrame(sample(), List.of()));
        assertThat(vm.visibleLines()).hasSize(4);
    }

    @Test
    void filtersByLevelSourceAndText() {
        vm.apply(new LogsFrame(sample(), List.of()));

        vm.levelProperty().set("WARN and above");
        assertThat(vm.visibleLines()).extracting(LogEntry::seq).containsExactly(3L, 2L);

        vm.sourceProperty().set("CdcPoller");
        assertThat(vm.visibleLines()).extracting(LogEntry::seq).containsExactly(3L);

        vm.levelProperty().set(LogsViewModel.ALL_LEVELS);
        vm.textProperty().set("PUBLISHING");
        assertThat(vm.visibleLines()).extracting(LogEntry::seq).containsExactly(1L);
        assertThat(vm.lineCountProperty().get()).isEqualTo("1 of 4 lines");
    }

    @Test
    void pausedTakesNothingAndResumeCatchesUp() {
        vm.pausedProperty().set(true);
        vm.apply(new LogsFrame(sample(), List.of()));
        assertThat(vm.visibleLines()).isEmpty();
        assertThat(logAck.get()).isZero();

        vm.pausedProperty().set(false);
        vm.apply(new LogsFrame(sample(), List.of()));
        assertThat(vm.visibleLines()).hasSize(4);
    }

    @Test
    void theLogStaysBounded() {
        List<LogEntry> many = new ArrayList<>();
        for (long i = 1; i <= LogsViewModel.MAX_LOG_LINES + 700; i++) {
            many.add(line(i, "INFO", "x.Y", "line " + i));
        }
        vm.apply(new LogsFrame(many.subList(0, 3_000), List.of()));
        vm.apply(new LogsFrame(many.subList(3_000, many.size()), List.of()));
        assertThat(vm.visibleLines()).hasSize(LogsViewModel.MAX_LOG_LINES);
        assertThat(vm.visibleLines().get(0).seq()).isEqualTo(LogsViewModel.MAX_LOG_LINES + 700);
    }

    @Test
    void sampledEventsShowTheirRowAndLatency() {
        ChangeEvent e = new ChangeEvent(42, ChangeEvent.CREATE, "Acme", new BigDecimal("12.50"), "eu-west", 1_000_000, 1_002_000);
        vm.apply(new LogsFrame(List.of(), List.of(new RecentEvents.Sample(7, e, 1_004_500))));
        assertThat(vm.visibleEvents()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(42);
            assertThat(r.org()).isEqualTo("Acme");
            assertThat(r.amount()).isEqualTo("12.50");
            assertThat(r.endToEnd()).isEqualTo("4.5 ms");
        });
        assertThat(eventAck.get()).isEqualTo(7);
        vm.eventTextProperty().set("nowhere");
        assertThat(vm.visibleEvents()).isEmpty();
    }
}
