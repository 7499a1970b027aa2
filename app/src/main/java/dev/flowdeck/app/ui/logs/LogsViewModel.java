package dev.flowdeck.app.ui.logs;

import dev.flowdeck.engine.cdc.RecentEvents;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * The Logs page's state: the application log and a live sample of change events, each bounded, newest first, with
 * filters (level, source, text) and pause. New lines come with frames; the view model acknowledges what it has taken,
 * so a coalesced (skipped) frame loses nothing, and while paused nothing is taken (the ring keeps the newest).
 */
public final class LogsViewModel {
    public static final String ALL_LEVELS = "All levels";
    public static final String ALL_SOURCES = "All sources";
    public static final int MAX_LOG_LINES = 5_000;
    public static final int MAX_EVENTS = 500;
    private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** One sampled change event as the table shows it. */
    public record EventRow(String readAt, long id, String op, String org, String amount, String region, String endToEnd) {
        boolean matches(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            return Long.toString(id).contains(t) || org.toLowerCase(Locale.ROOT).contains(t)
                    || region.toLowerCase(Locale.ROOT).contains(t) || amount.contains(t);
        }
    }

    private final LongConsumer ackLogs;
    private final LongConsumer ackEvents;
    private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> visibleLines = new FilteredList<>(lines, e -> true);
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final FilteredList<EventRow> visibleEvents = new FilteredList<>(events, e -> true);
    private final ObservableList<String> levels = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList(ALL_SOURCES);
    private final ObjectProperty<String> level = new SimpleObjectProperty<>(ALL_LEVELS);
    private final ObjectProperty<String> source = new SimpleObjectProperty<>(ALL_SOURCES);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty eventText = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty eventsPaused = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper lineCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventCount = new ReadOnlyStringWrapper("");
    private long lastLogSeq;
    /** Frames come only when something is new: on resume, take what the last one held. */
    private LogsFrame lastFrame;
    private long lastEventSeq;

    /** @param ackLogs hears the newest log sequence number taken; {@code ackEvents} the same for events */
    public LogsViewModel(LongConsumer ackLogs, LongConsumer ackEvents) {
        this.ackLogs = ackLogs;
        this.ackEvents = ackEvents;
        levels.add(ALL_LEVELS);
        LEVELS.forEach(l -> levels.add(l + " and above"));
        paused.addListener((o, was, now) -> resumeWithLastFrame(now));
        eventsPaused.addListener((o, was, now) -> resumeWithLastFrame(now));
        level.addListener((o, was, now) -> refilter());
        source.addListener((o, was, now) -> refilter());
        text.addListener((o, was, now) -> refilter());
        eventText.addListener((o, was, now) -> visibleEvents.setPredicate(
                now == null || now.isBlank() ? e -> true : e -> e.matches(now.strip())));
        lineCount.bind(Bindings.createStringBinding(() -> counts(visibleLines.size(), lines.size(), "lines"), visibleLines, lines));
        eventCount.bind(Bindings.createStringBinding(() -> counts(visibleEvents.size(), events.size(), "events"), visibleEvents, events));
    }

    private static String counts(int shown, int all, String what) {
        return shown == all ? String.format(Locale.ROOT, "%,d %s", all, what)
                : String.format(Locale.ROOT, "%,d of %,d %s", shown, all, what);
    }

    private void refilter() {
        String lv = level.get();
        int max = lv == null || lv.equals(ALL_LEVELS) ? Integer.MAX_VALUE : LEVELS.indexOf(lv.split(" ")[0]);
        String src = source.get();
        String t = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        visibleLines.setPredicate(e -> {
            int rank = LEVELS.indexOf(e.level());
            return (max == Integer.MAX_VALUE || (rank >= 0 && rank <= max))
                    && (src == null || src.equals(ALL_SOURCES) || src.equals(e.source()))
                    && (t.isEmpty() || e.message().toLowerCase(Locale.ROOT).contains(t) || e.logger().toLowerCase(Locale.ROOT).contains(t));
        });
    }

    /** Takes the frame's new lines and events (FX thread). */
    public void apply(LogsFrame frame) {
        lastFrame = frame;
        if (!paused.get()) {
            List<LogEntry> fresh = frame.newLogs().stream().filter(e -> e.seq() > lastLogSeq).toList();
            if (!fresh.isEmpty()) {
                lastLogSeq = fresh.get(fresh.size() - 1).seq();
                addNewestFirst(lines, fresh, MAX_LOG_LINES);
                for (LogEntry e : fresh) {
                    if (!sources.contains(e.source())) {
                        int at = 1;
                        while (at < sources.size() && sources.get(at).compareToIgnoreCase(e.source()) < 0) {
                            at++;
                        }
                        sources.add(at, e.source());
                    }
                }
                ackLogs.accept(lastLogSeq);
            }
        }
        if (!eventsPaused.get()) {
            List<RecentEvents.Sample> fresh = frame.newEvents().stream().filter(e -> e.seq() > lastEventSeq).toList();
            if (!fresh.isEmpty()) {
                lastEventSeq = fresh.get(fresh.size() - 1).seq();
                List<EventRow> rows = new ArrayList<>(fresh.size());
                for (RecentEvents.Sample s : fresh.subList(Math.max(0, fresh.size() - MAX_EVENTS), fresh.size())) {
                    rows.add(row(s));
                }
                addNewestFirst(events, rows, MAX_EVENTS);
                ackEvents.accept(lastEventSeq);
            }
        }
    }

    private void resumeWithLastFrame(boolean nowPaused) {
        if (!nowPaused && lastFrame != null) {
            apply(lastFrame);
        }
    }

    static EventRow row(RecentEvents.Sample s) {
        var e = s.event();
        return new EventRow(TIME.format(Instant.ofEpochMilli(s.readAtMicros() / 1000)), e.id(), e.op(), e.org(),
                e.amount() == null ? "" : e.amount().toPlainString(), e.region(),
                String.format(Locale.ROOT, "%.1f ms", s.endToEndMs()));
    }

    private static <T> void addNewestFirst(ObservableList<T> list, List<T> oldestFirst, int max) {
        List<T> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        int keep = Math.max(0, Math.min(list.size(), max - newestFirst.size()));
        if (keep < list.size()) {
            list.remove(keep, list.size());
        }
        list.addAll(0, newestFirst.subList(0, Math.min(newestFirst.size(), max)));
    }

    public static String time(LogEntry e) {
        return TIME.format(Instant.ofEpochMilli(e.timeMillis()));
    }

    public void clear() {
        lines.clear();
    }

    public void clearEvents() {
        events.clear();
    }

    public ObservableList<LogEntry> visibleLines() {
        return visibleLines;
    }

    public ObservableList<EventRow> visibleEvents() {
        return visibleEvents;
    }

    public ObservableList<String> levels() {
        return levels;
    }

    public ObservableList<String> sources() {
        return sources;
    }

    public ObjectProperty<String> levelProperty() {
        return level;
    }

    public ObjectProperty<String> sourceProperty() {
        return source;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty eventTextProperty() {
        return eventText;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty eventsPausedProperty() {
        return eventsPaused;
    }

    public ReadOnlyStringProperty lineCountProperty() {
        return lineCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventCountProperty() {
        return eventCount.getReadOnlyProperty();
    }
}
