package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.BrowseRequest;
import dev.flowdeck.engine.admin.BrowseResult;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.LiveTail;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.MessageExport;
import dev.flowdeck.engine.admin.MessageFilter;
import dev.flowdeck.engine.admin.ProducedRecord;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.admin.TailBuffer;
import dev.flowdeck.engine.admin.TimeInput;
import dev.flowdeck.engine.admin.TopicService;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.common.IsolationLevel;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Messages page's state: what to browse (topic, partition, where to start, filters, isolation), the records
 * shown (a bounded list), the selected record's detail, a live tail, producing a record and exporting.
 *
 * <p>The live tail runs on its own thread and fills a {@link TailBuffer}; the view calls {@link #drainTail()} once
 * per frame, so the table changes at most 60 times a second however fast records arrive, and never holds more than
 * {@link #capacity()} rows.
 */
public final class MessagesViewModel implements AutoCloseable {
    public static final String ALL_PARTITIONS = "All";
    private static final long STATS_EVERY_NS = 500_000_000L;

    private final ConsoleContext context;
    private final int capacity;
    private final ConnectionScoped<KafkaSettings, TopicService> topicService = new ConnectionScoped<>(TopicService::new);

    private final ObservableList<String> topicNames = FXCollections.observableArrayList();
    private final ObservableList<String> partitions = FXCollections.observableArrayList(ALL_PARTITIONS);
    private final StringProperty topic = new SimpleStringProperty();
    private final StringProperty partition = new SimpleStringProperty(ALL_PARTITIONS);
    private final ObjectProperty<StartPosition> start = new SimpleObjectProperty<>(StartPosition.END);
    private final StringProperty position = new SimpleStringProperty("");
    private final StringProperty limit = new SimpleStringProperty("500");
    private final ObjectProperty<IsolationLevel> isolation = new SimpleObjectProperty<>(IsolationLevel.READ_COMMITTED);
    private final StringProperty keyFilter = new SimpleStringProperty("");
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final StringProperty jsonFilter = new SimpleStringProperty("");

    private final ObservableList<KafkaMessage> records = FXCollections.observableArrayList();
    private final ObjectProperty<KafkaMessage> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper tailing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper tailStats = new ReadOnlyStringWrapper("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);

    private final StringProperty produceKey = new SimpleStringProperty("");
    private final StringProperty produceValue = new SimpleStringProperty("");
    private final StringProperty produceHeaders = new SimpleStringProperty("");
    private final StringProperty producePartition = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper produceResult = new ReadOnlyStringWrapper("");

    private LiveTail tail;
    private TailBuffer<KafkaMessage> tailBuffer;
    private long evicted;
    private long statsAtNs;
    private long statsReceived;
    private long statsShown;
    private long shownTotal;

    public MessagesViewModel(ConsoleContext context, int capacity) {
        this.context = context;
        this.capacity = capacity;
        selected.addListener((o, was, now) -> detail.set(now == null ? "" : describe(now)));
        topic.addListener((o, was, now) -> loadPartitions(now));
    }

    public MessagesViewModel(ConsoleContext context) {
        this(context, 10_000);
    }

    // ---- properties

    public int capacity() {
        return capacity;
    }

    public ObservableList<String> topicNames() {
        return topicNames;
    }

    public ObservableList<String> partitions() {
        return partitions;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public StringProperty partitionProperty() {
        return partition;
    }

    public ObjectProperty<StartPosition> startProperty() {
        return start;
    }

    public StringProperty positionProperty() {
        return position;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public ObjectProperty<IsolationLevel> isolationProperty() {
        return isolation;
    }

    public StringProperty keyFilterProperty() {
        return keyFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public StringProperty jsonFilterProperty() {
        return jsonFilter;
    }

    public ObservableList<KafkaMessage> records() {
        return records;
    }

    public ObjectProperty<KafkaMessage> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tailingProperty() {
        return tailing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tailStatsProperty() {
        return tailStats.getReadOnlyProperty();
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public StringProperty produceKeyProperty() {
        return produceKey;
    }

    public StringProperty produceValueProperty() {
        return produceValue;
    }

    public StringProperty produceHeadersProperty() {
        return produceHeaders;
    }

    public StringProperty producePartitionProperty() {
        return producePartition;
    }

    public ReadOnlyStringProperty produceResultProperty() {
        return produceResult.getReadOnlyProperty();
    }

    // ---- topics and partitions

    /** Reloads the topic names (on show and on demand). */
    public void loadTopics() {
        Optional<KafkaSettings> kafka = context.kafka();
        connected.set(kafka.isPresent());
        if (kafka.isEmpty()) {
            return;
        }
        context.tasks().run("list topic names", () -> topicService.get(kafka.get()).names(false), names -> {
            String keep = topic.get();
            topicNames.setAll(names);
            if (keep == null && !names.isEmpty()) {
                topic.set(names.contains(dev.flowdeck.engine.config.PipelineSettings.DEFAULT_TOPIC)
                        ? dev.flowdeck.engine.config.PipelineSettings.DEFAULT_TOPIC : names.get(0));
            }
        }, e -> error.set("cannot list topics: " + UserText.of(e)));
    }

    private void loadPartitions(String name) {
        Optional<KafkaSettings> kafka = context.kafka();
        partition.set(ALL_PARTITIONS);
        if (kafka.isEmpty() || name == null || name.isBlank()) {
            partitions.setAll(ALL_PARTITIONS);
            return;
        }
        context.tasks().run("count partitions", () -> new MessageBrowser(kafka.get()).partitionCount(name), n -> {
            List<String> items = new ArrayList<>();
            items.add(ALL_PARTITIONS);
            for (int i = 0; i < n; i++) {
                items.add(Integer.toString(i));
            }
            String keep = partition.get();
            partitions.setAll(items);
            partition.set(items.contains(keep) ? keep : ALL_PARTITIONS);
        }, e -> error.set(UserText.of(e)));
    }

    // ---- browse

    public void browse() {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            error.set(UserText.NO_KAFKA);
            return;
        }
        BrowseRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        if (tailing.get()) {
            stopTail();
        }
        error.set("");
        busy.set(true);
        status.set("reading " + request.topic() + "…");
        context.tasks().run("browse " + request.topic(), () -> new MessageBrowser(kafka.get()).browse(request), (BrowseResult r) -> {
            busy.set(false);
            selected.set(null);
            records.setAll(r.records());
            status.set(r.note() + (r.complete() ? "" : " · more exist: raise the limit or move the start"));
        }, e -> {
            busy.set(false);
            status.set("");
            error.set(UserText.of(e));
        });
    }

    BrowseRequest request() {
        String t = topic.get();
        if (t == null || t.isBlank()) {
            throw new IllegalArgumentException("choose a topic first");
        }
        int max = parseInt(limit.get(), "the number of records to show");
        MessageFilter filter = MessageFilter.of(keyFilter.get(), textFilter.get(), jsonFilter.get());
        BrowseRequest r = BrowseRequest.from(t, start.get()).limit(max).filter(filter).isolation(isolation.get());
        OptionalInt p = selectedPartition();
        if (p.isPresent()) {
            r = r.partition(p.getAsInt());
        }
        String pos = position.get() == null ? "" : position.get().trim();
        return switch (start.get()) {
            case OFFSET -> {
                long offset;
                try {
                    offset = Long.parseLong(pos);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the start offset '" + pos + "' is not a number: give e.g. 0 or 1200");
                }
                yield r.atOffset(offset);
            }
            case TIMESTAMP -> r.atTimestamp(TimeInput.parseEpochMillis(pos, ZoneId.systemDefault(), System.currentTimeMillis()));
            default -> r;
        };
    }

    private OptionalInt selectedPartition() {
        String p = partition.get();
        return p == null || p.equals(ALL_PARTITIONS) || p.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(p));
    }

    // ---- live tail

    public void startTail() {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            error.set(UserText.NO_KAFKA);
            return;
        }
        String t = topic.get();
        MessageFilter filter;
        try {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("choose a topic to follow");
            }
            filter = MessageFilter.of(keyFilter.get(), textFilter.get(), jsonFilter.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        if (tailing.get()) {
            stopTail();
        }
        error.set("");
        TailBuffer<KafkaMessage> buffer = new TailBuffer<>(capacity);
        beginDraining(buffer);
        // The view drains the buffer once per frame: no per-batch notification is needed.
        tail = new MessageBrowser(kafka.get()).tail(t, selectedPartition(), filter, isolation.get(), buffer, () -> { });
        tail.start();
        tailing.set(true);
        status.set("following " + t + (filter.isEmpty() ? "" : " (" + filter.description() + ")"));
        tailStats.set("waiting for records…");
    }

    /** Stops the tail; its thread ends in the background (a Kafka consumer's close can take a moment). */
    public void stopTail() {
        LiveTail stopping = tail;
        tail = null;
        tailing.set(false);
        if (stopping != null) {
            drainTail();
            context.tasks().run("stop tail", () -> {
                stopping.close();
                return null;
            }, done -> { }, e -> error.set(UserText.of(e)));
            status.set("tail stopped · " + Human.plural(stopping.received(), "record") + " received, "
                    + Human.count(records.size()) + " shown");
        }
    }

    /** Empties the table and starts taking rows from {@code buffer} on each {@link #drainTail()}. */
    void beginDraining(TailBuffer<KafkaMessage> buffer) {
        records.clear();
        selected.set(null);
        evicted = 0;
        shownTotal = 0;
        statsReceived = 0;
        statsShown = 0;
        statsAtNs = System.nanoTime();
        tailBuffer = buffer;
    }

    /**
     * Moves what the tail received since the last call into the table; called by the view once per frame.
     *
     * @return the number of rows added
     */
    public int drainTail() {
        TailBuffer<KafkaMessage> buffer = tailBuffer;
        if (buffer == null) {
            return 0;
        }
        List<KafkaMessage> batch = buffer.drain();
        if (!batch.isEmpty()) {
            if (batch.size() >= capacity) {
                evicted += records.size() + batch.size() - capacity;
                records.setAll(batch.subList(batch.size() - capacity, batch.size()));
            } else {
                records.addAll(batch);
                int excess = records.size() - capacity;
                if (excess > 0) {
                    records.remove(0, excess);
                    evicted += excess;
                }
            }
            shownTotal += batch.size();
        }
        LiveTail t = tail;
        long now = System.nanoTime();
        if (t != null && now - statsAtNs >= STATS_EVERY_NS) {
            double seconds = (now - statsAtNs) / 1e9;
            long received = t.received();
            double inRate = (received - statsReceived) / seconds;
            double shownRate = (shownTotal - statsShown) / seconds;
            statsReceived = received;
            statsShown = shownTotal;
            statsAtNs = now;
            KafkaMessage newest = records.isEmpty() ? null : records.get(records.size() - 1);
            long behindMs = newest == null ? -1 : Math.max(0, System.currentTimeMillis() - newest.timestamp());
            String problem = t.problem();
            tailStats.set(problem != null ? problem : String.format(Locale.ROOT,
                    "tail: %,.0f rec/s in, %,.0f/s shown · %s received · showing the last %s · %s dropped%s",
                    inRate, shownRate, Human.count(received), Human.count(records.size()), Human.count(buffer.dropped()),
                    behindMs < 0 ? "" : " · newest is " + Human.duration(behindMs) + " old"));
        }
        return batch.size();
    }

    /** Rows that scrolled out of the bounded table to make room for newer ones. */
    public long tailEvicted() {
        return evicted;
    }

    /** Records the tail received but the table never showed (the UI fell behind by more than the capacity). */
    public long tailDropped() {
        return tailBuffer == null ? 0 : tailBuffer.dropped();
    }

    /** Records received by the running tail, or 0. */
    public long tailReceived() {
        LiveTail t = tail;
        return t == null ? 0 : t.received();
    }

    // ---- produce and export

    public void produce() {
        Optional<KafkaSettings> kafka = context.kafka();
        String t = topic.get();
        if (kafka.isEmpty() || t == null || t.isBlank()) {
            produceResult.set(kafka.isEmpty() ? UserText.NO_KAFKA : "choose a topic to write to");
            return;
        }
        List<KafkaMessage.MessageHeader> headers;
        Integer p;
        try {
            headers = parseHeaders(produceHeaders.get());
            String pt = producePartition.get() == null ? "" : producePartition.get().trim();
            p = pt.isEmpty() ? null : parseInt(pt, "the partition");
        } catch (IllegalArgumentException e) {
            produceResult.set(e.getMessage());
            return;
        }
        String key = produceKey.get() == null || produceKey.get().isEmpty() ? null : produceKey.get();
        String value = produceValue.get();
        context.tasks().run("produce to " + t, () -> new MessageBrowser(kafka.get()).produce(t, p, key, value, headers),
                (ProducedRecord r) -> produceResult.set("✓ written to " + r.topic() + " partition " + r.partition()
                        + " at offset " + r.offset()),
                e -> produceResult.set(UserText.of(e)));
    }

    static List<KafkaMessage.MessageHeader> parseHeaders(String text) {
        List<KafkaMessage.MessageHeader> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at <= 0) {
                throw new IllegalArgumentException("the header line '" + line.trim() + "' is not name=value");
            }
            out.add(new KafkaMessage.MessageHeader(line.substring(0, at).trim(), line.substring(at + 1).trim()));
        }
        return out;
    }

    /** Writes the records shown now to {@code file}: CSV if it ends in .csv, else JSON lines. */
    public void export(Path file) {
        List<KafkaMessage> shown = List.copyOf(records);
        if (shown.isEmpty()) {
            error.set("nothing to export: browse or tail first");
            return;
        }
        context.tasks().run("export records", () -> {
            MessageExport.write(shown, file, MessageExport.formatFor(file));
            return file;
        }, f -> status.set("exported " + Human.plural(shown.size(), "record") + " to " + f), e -> error.set(UserText.of(e)));
    }

    // ---- detail

    static String describe(KafkaMessage m) {
        StringBuilder out = new StringBuilder();
        out.append(m.topic()).append(" · partition ").append(m.partition()).append(" · offset ").append(m.offset()).append('\n');
        out.append(Instant.ofEpochMilli(m.timestamp())).append(" (").append(m.timestampType()).append(")\n");
        out.append("key: ").append(m.key() == null ? "(none)" : m.key()).append('\n');
        if (m.headers().isEmpty()) {
            out.append("headers: (none)\n");
        } else {
            out.append("headers:\n");
            m.headers().forEach(h -> out.append("  ").append(h.name()).append(": ").append(h.value()).append('\n'));
        }
        out.append("value (").append(Human.bytes(m.valueBytes())).append("):\n");
        out.append(m.value() == null ? "(null: a tombstone)" : MessageExport.pretty(m.value()));
        return out.toString();
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + (text == null ? "" : text.trim()) + "' is not a whole number");
        }
    }

    @Override
    public void close() {
        LiveTail t = tail;
        tail = null;
        tailing.set(false);
        if (t != null) {
            t.close();
        }
        topicService.close();
    }
}
