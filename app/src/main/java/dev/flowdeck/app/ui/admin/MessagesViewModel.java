package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.BrowseRequest;
import dev.flowdeck.engine.admin.BrowseResult;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.MessageExport;
import dev.flowdeck.engine.admin.MessageFilter;
import dev.flowdeck.engine.admin.MessageImport;
import dev.flowdeck.engine.admin.StartPosition;
import dev.flowdeck.engine.admin.TimeInput;
import dev.flowdeck.engine.admin.TopicService;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Messages page's browsing state: what to browse (topic, partition, where to start, filters, isolation), the
 * records shown (a bounded list), the selected record's detail, and exporting them. The live tail into the same
 * records is {@link #tail()}, producing a record {@link #producer()}.
 */
public final class MessagesViewModel implements AutoCloseable {
    public static final String ALL_PARTITIONS = "All";

    private final PageStatus page = new PageStatus(UserText::of);
    private final ConsoleContext context;
    private final int capacity;
    private final ConnectionScoped<KafkaSettings, TopicService> topicService = new ConnectionScoped<>(TopicService::new);
    private final MessageTailViewModel tail;
    private final ProduceViewModel producer;

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
    private final StringProperty expressionFilter = new SimpleStringProperty("");

    private final BooleanProperty importKeepPartitions = new SimpleBooleanProperty(false);
    private final StringProperty importSpeed = new SimpleStringProperty("0");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper(0);
    private final AtomicLong importDone = new AtomicLong();
    private final AtomicLong importTotal = new AtomicLong();

    private final ObservableList<KafkaMessage> records = FXCollections.observableArrayList();
    private final ObjectProperty<KafkaMessage> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");




    public MessagesViewModel(ConsoleContext context, int capacity) {
        this.context = context;
        this.capacity = capacity;
        this.tail = new MessageTailViewModel(this);
        this.producer = new ProduceViewModel(context, topic);
        selected.addListener((o, was, now) -> detail.set(now == null ? "" : describe(now)));
        topic.addListener((o, was, now) -> loadPartitions(now));
    }

    public MessagesViewModel(ConsoleContext context) {
        this(context, 10_000);
    }

    // ---- properties

    /** The live tail of the chosen topic, into this page's records. */
    public MessageTailViewModel tail() {
        return tail;
    }

    /** Writing one record to the chosen topic. */
    public ProduceViewModel producer() {
        return producer;
    }

    ConsoleContext context() {
        return context;
    }

    ObservableList<KafkaMessage> recordsList() {
        return records;
    }

    ReadOnlyStringWrapper status() {
        return status;
    }

    PageStatus page() {
        return page;
    }

    MessageFilter filter() {
        return MessageFilter.of(keyFilter.get(), textFilter.get(), jsonFilter.get(), expressionFilter.get());
    }

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

    /** A CEL expression over key, value, headers, partition, offset and timestamp. */
    public StringProperty expressionFilterProperty() {
        return expressionFilter;
    }

    public BooleanProperty importKeepPartitionsProperty() {
        return importKeepPartitions;
    }

    /** 0 for as fast as possible, else the replay speed factor of the file's original gaps. */
    public StringProperty importSpeedProperty() {
        return importSpeed;
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** 0 to 1 while importing. */
    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress.getReadOnlyProperty();
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
        return page.errorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return page.busyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return page.connectedProperty();
    }

    // ---- topics and partitions

    /** Reloads the topic names (on show and on demand). */
    public void loadTopics() {
        Optional<KafkaSettings> kafka = context.kafka();
        page.setConnected(kafka.isPresent());
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
        }, e -> page.setError("cannot list topics: " + UserText.of(e)));
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
        }, e -> page.setError(UserText.of(e)));
    }

    // ---- browse

    public void browse() {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            page.setError(UserText.NO_KAFKA);
            return;
        }
        BrowseRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            page.setError(e.getMessage());
            return;
        }
        if (tail.tailingProperty().get()) {
            tail.stopTail();
        }
        page.setError("");
        page.setBusy(true);
        status.set("reading " + request.topic() + "…");
        context.tasks().run("browse " + request.topic(), () -> MessageBrowsers.of(context, kafka.get()).browse(request), (BrowseResult r) -> {
            page.setBusy(false);
            selected.set(null);
            records.setAll(r.records());
            status.set(r.note() + (r.complete() ? "" : " · more exist: raise the limit or move the start"));
        }, e -> {
            page.setBusy(false);
            status.set("");
            page.setError(UserText.of(e));
        });
    }

    BrowseRequest request() {
        String t = topic.get();
        if (t == null || t.isBlank()) {
            throw new IllegalArgumentException("choose a topic first");
        }
        int max = parseInt(limit.get(), "the number of records to show");
        MessageFilter filter = filter();
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

    OptionalInt selectedPartition() {
        String p = partition.get();
        return p == null || p.equals(ALL_PARTITIONS) || p.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(p));
    }

    // ---- export

    /** Writes the records shown now to {@code file}: CSV if it ends in .csv, else JSON lines. */
    public void export(Path file) {
        List<KafkaMessage> shown = List.copyOf(records);
        if (shown.isEmpty()) {
            page.setError("nothing to export: browse or tail first");
            return;
        }
        context.tasks().run("export records", () -> {
            MessageExport.write(shown, file, MessageExport.formatFor(file));
            return file;
        }, f -> status.set("exported " + Human.plural(shown.size(), "record") + " to " + f), e -> page.setError(UserText.of(e)));
    }

    /**
     * Produces a JSON-lines file (the export format) to the chosen topic in the background; a file with bad lines is
     * refused with their numbers, and nothing is imported.
     */
    public void importFile(Path file) {
        Optional<KafkaSettings> kafka = context.kafka();
        String t = topic.get();
        if (kafka.isEmpty() || t == null || t.isBlank()) {
            page.setError(kafka.isEmpty() ? UserText.NO_KAFKA : "choose the topic to import into");
            return;
        }
        MessageImport.Options options;
        try {
            double speed = Double.parseDouble(importSpeed.get() == null || importSpeed.get().isBlank() ? "0" : importSpeed.get().trim());
            options = new MessageImport.Options(importKeepPartitions.get(), false, speed, false);
        } catch (NumberFormatException e) {
            page.setError("the replay speed '" + importSpeed.get() + "' is not a number: 0 for as fast as possible, 1 for real time, 10 for ten times faster");
            return;
        } catch (IllegalArgumentException e) {
            page.setError(e.getMessage());
            return;
        }
        page.setError("");
        importDone.set(0);
        importTotal.set(0);
        importProgress.set(0);
        importing.set(true);
        status.set("importing " + file.getFileName() + " into " + t + "…");
        context.tasks().run("import " + file.getFileName(), () -> new MessageImport(kafka.get()).run(file, t, options,
                (done, total) -> {
                    importTotal.set(total);
                    importDone.set(done);
                }, () -> !importing.get()), (MessageImport.Summary s) -> {
            importing.set(false);
            importProgress.set(1);
            status.set(s.describe());
        }, e -> {
            importing.set(false);
            status.set("");
            page.setError(UserText.of(e));
        });
    }

    /** Moves the import's progress into its property; the view calls it once per frame while importing. */
    public void refreshImportProgress() {
        long total = importTotal.get();
        importProgress.set(total <= 0 ? -1 /* indeterminate */ : (double) importDone.get() / total);
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
        out.append("value (").append(Human.bytes(m.valueBytes()))
                .append(m.valueSchema() == null ? "" : ", " + m.valueSchema()).append("):\n");
        out.append(m.value() == null ? "(null: a tombstone)" : MessageExport.pretty(m.value()));
        return out.toString();
    }

    static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + (text == null ? "" : text.trim()) + "' is not a whole number");
        }
    }

    @Override
    public void close() {
        tail.close();
        topicService.close();
    }
}
