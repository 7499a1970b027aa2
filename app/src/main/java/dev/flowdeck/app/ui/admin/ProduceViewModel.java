package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.MessageExport;
import dev.flowdeck.engine.admin.schema.RegisteredSchema;
import dev.flowdeck.engine.admin.schema.SchemaException;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.admin.ProducedRecord;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Messages page's "produce" form: one record (key, value, headers, partition) to the chosen topic, the value
 * written as typed or, with a Schema Registry in the profile, as JSON encoded with a chosen subject and version
 * (Avro or Protobuf, in the registry's wire format).
 */
public final class ProduceViewModel {
    private final ConsoleContext context;
    private final ObservableStringValue topic;
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty partition = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    /** The value's subject; {@link #NO_SCHEMA} writes the text as it is. */
    private final StringProperty subject = new SimpleStringProperty(NO_SCHEMA);
    private final StringProperty version = new SimpleStringProperty(LATEST);
    private final ObservableList<String> subjects = FXCollections.observableArrayList(NO_SCHEMA);
    private final ObservableList<String> versions = FXCollections.observableArrayList(LATEST);
    private final ReadOnlyStringWrapper schema = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasRegistry = new ReadOnlyBooleanWrapper(false);

    public static final String NO_SCHEMA = "(no schema: text as typed)";
    public static final String LATEST = "latest";

    ProduceViewModel(ConsoleContext context, ObservableStringValue topic) {
        this.context = context;
        this.topic = topic;
        subject.addListener((o, was, now) -> subjectChosen());
        version.addListener((o, was, now) -> showSchema());
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public ObservableList<String> subjects() {
        return subjects;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    /** The chosen schema: what it is and its text, for writing a value that fits. */
    public ReadOnlyStringProperty schemaProperty() {
        return schema.getReadOnlyProperty();
    }

    /** Whether the profile has a Schema Registry (the schema choice shows only then). */
    public ReadOnlyBooleanProperty hasRegistryProperty() {
        return hasRegistry.getReadOnlyProperty();
    }

    /** Reads the registry's subjects; the topic's own value subject ({@code <topic>-value}) is chosen when it exists. */
    public void loadSubjects() {
        Optional<SchemaRegistry> registry = context.schemaRegistry();
        hasRegistry.set(registry.isPresent());
        if (registry.isEmpty()) {
            return;
        }
        context.tasks().run("list subjects", () -> registry.get().subjects(), list -> {
            String keep = subject.get();
            List<String> all = new ArrayList<>();
            all.add(NO_SCHEMA);
            list.stream().sorted().forEach(all::add);
            subjects.setAll(all);
            String own = topic.get() == null ? null : topic.get() + "-value";
            subject.set(all.contains(keep) && !NO_SCHEMA.equals(keep) ? keep : all.contains(own) ? own : NO_SCHEMA);
        }, e -> schema.set("cannot list the registry's subjects: " + UserText.of(e)));
    }

    private boolean withSchema() {
        return subject.get() != null && !subject.get().isBlank() && !subject.get().equals(NO_SCHEMA);
    }

    private void subjectChosen() {
        Optional<SchemaRegistry> registry = context.schemaRegistry();
        versions.setAll(LATEST);
        version.set(LATEST);
        if (!withSchema() || registry.isEmpty()) {
            schema.set("");
            return;
        }
        String s = subject.get();
        context.tasks().run("list versions", () -> registry.get().versions(s), list -> {
            if (s.equals(subject.get())) {
                List<String> all = new ArrayList<>();
                all.add(LATEST);
                list.stream().sorted(Comparator.reverseOrder()).map(String::valueOf).forEach(all::add);
                versions.setAll(all);
                showSchema();
            }
        }, e -> schema.set(UserText.of(e)));
    }

    private void showSchema() {
        Optional<SchemaRegistry> registry = context.schemaRegistry();
        if (!withSchema() || registry.isEmpty()) {
            schema.set("");
            return;
        }
        String s = subject.get();
        String v = version.get();
        context.tasks().run("read schema", () -> chosen(registry.get(), s, v), r -> {
            if (s.equals(subject.get()) && Objects.equals(v, version.get())) {
                schema.set(r.describe() + ":\n" + MessageExport.pretty(r.text()));
            }
        }, e -> schema.set(UserText.of(e)));
    }

    private static RegisteredSchema chosen(SchemaRegistry registry, String subject, String version) {
        return version == null || version.equals(LATEST) ? registry.latest(subject) : registry.version(subject, Integer.parseInt(version));
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** One {@code name=value} (or {@code name: value}) per line. */
    public StringProperty headersProperty() {
        return headers;
    }

    /** Empty: the producer's partitioner chooses. */
    public StringProperty partitionProperty() {
        return partition;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public void produce() {
        Optional<KafkaSettings> kafka = context.kafka();
        String t = topic.get();
        if (kafka.isEmpty() || t == null || t.isBlank()) {
            result.set(kafka.isEmpty() ? UserText.NO_KAFKA : "choose a topic to write to");
            return;
        }
        List<KafkaMessage.MessageHeader> parsed;
        Integer p;
        try {
            parsed = parseHeaders(headers.get());
            String pt = partition.get() == null ? "" : partition.get().trim();
            p = pt.isEmpty() ? null : MessagesViewModel.parseInt(pt, "the partition");
        } catch (IllegalArgumentException e) {
            result.set(e.getMessage());
            return;
        }
        String k = key.get() == null || key.get().isEmpty() ? null : key.get();
        String v = value.get();
        String s = withSchema() ? subject.get() : null;
        String ver = version.get();
        context.tasks().run("produce to " + t, () -> {
            MessageBrowser browser = MessageBrowsers.of(context, kafka.get());
            RegisteredSchema chosen = s == null ? null : chosen(context.schemaRegistry().orElseThrow(() ->
                    new SchemaException("no Schema Registry is configured: add its URL to the connection profile")), s, ver);
            ProducedRecord r = browser.produce(t, p, k, v, parsed, chosen);
            return chosen == null ? "✓ written to " + r.topic() + " partition " + r.partition() + " at offset " + r.offset()
                    : "✓ written with " + chosen.describe() + " to " + r.topic() + " partition " + r.partition() + " at offset " + r.offset();
        }, result::set, e -> result.set(UserText.of(e)));
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
}
