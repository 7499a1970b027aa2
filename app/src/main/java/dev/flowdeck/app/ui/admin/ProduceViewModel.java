package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.admin.ProducedRecord;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Messages page's "produce" form: one record (key, value, headers, partition) to the chosen topic. */
public final class ProduceViewModel {
    private final ConsoleContext context;
    private final ObservableStringValue topic;
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty partition = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");

    ProduceViewModel(ConsoleContext context, ObservableStringValue topic) {
        this.context = context;
        this.topic = topic;
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
        context.tasks().run("produce to " + t, () -> new MessageBrowser(kafka.get()).produce(t, p, k, v, parsed),
                (ProducedRecord r) -> result.set("✓ written to " + r.topic() + " partition " + r.partition()
                        + " at offset " + r.offset()),
                e -> result.set(UserText.of(e)));
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
