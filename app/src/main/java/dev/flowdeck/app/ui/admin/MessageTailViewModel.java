package dev.flowdeck.app.ui.admin;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.LiveTail;
import dev.flowdeck.engine.admin.MessageFilter;
import dev.flowdeck.engine.admin.TailBuffer;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Messages page's live tail: follows the chosen topic (partition, filters, isolation of the browse form) into the
 * page's records.
 *
 * <p>The tail runs on its own thread and fills a {@link TailBuffer}; the view calls {@link #drainTail()} once per
 * frame, so the table changes at most 60 times a second however fast records arrive, and never holds more than the
 * page's capacity.
 */
public final class MessageTailViewModel implements AutoCloseable {
    private static final long STATS_EVERY_NS = 500_000_000L;

    private final MessagesViewModel vm;
    private final ReadOnlyBooleanWrapper tailing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper tailStats = new ReadOnlyStringWrapper("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private LiveTail tail;
    private TailBuffer<KafkaMessage> tailBuffer;
    private long evicted;
    private long statsAtNs;
    private long statsReceived;
    private long statsShown;
    private long shownTotal;

    MessageTailViewModel(MessagesViewModel vm) {
        this.vm = vm;
    }

    public ReadOnlyBooleanProperty tailingProperty() {
        return tailing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tailStatsProperty() {
        return tailStats.getReadOnlyProperty();
    }

    /** Keep the newest row in view. */
    public BooleanProperty followProperty() {
        return follow;
    }

    private ObservableList<KafkaMessage> records() {
        return vm.recordsList();
    }

    public void startTail() {
        Optional<KafkaSettings> kafka = vm.context().kafka();
        if (kafka.isEmpty()) {
            vm.page().setError(UserText.NO_KAFKA);
            return;
        }
        String t = vm.topicProperty().get();
        MessageFilter filter;
        try {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("choose a topic to follow");
            }
            filter = vm.filter();
        } catch (IllegalArgumentException e) {
            vm.page().setError(e.getMessage());
            return;
        }
        if (tailing.get()) {
            stopTail();
        }
        vm.page().setError("");
        TailBuffer<KafkaMessage> buffer = new TailBuffer<>(vm.capacity());
        beginDraining(buffer);
        // The view drains the buffer once per frame: no per-batch notification is needed.
        tail = MessageBrowsers.of(vm.context(), kafka.get()).tail(t, vm.selectedPartition(), filter, vm.isolationProperty().get(), buffer, () -> { });
        tail.start();
        tailing.set(true);
        vm.status().set("following " + t + (filter.isEmpty() ? "" : " (" + filter.description() + ")"));
        tailStats.set("waiting for records…");
    }

    /** Stops the tail; its thread ends in the background (a Kafka consumer's close can take a moment). */
    public void stopTail() {
        LiveTail stopping = tail;
        tail = null;
        tailing.set(false);
        if (stopping != null) {
            drainTail();
            vm.context().tasks().run("stop tail", () -> {
                stopping.close();
                return null;
            }, done -> { }, e -> vm.page().setError(UserText.of(e)));
            vm.status().set("tail stopped · " + Human.plural(stopping.received(), "record") + " received, "
                    + Human.count(records().size()) + " shown");
        }
    }

    /** Empties the table and starts taking rows from {@code buffer} on each {@link #drainTail()}. */
    void beginDraining(TailBuffer<KafkaMessage> buffer) {
        records().clear();
        vm.selectedProperty().set(null);
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
            if (batch.size() >= vm.capacity()) {
                evicted += records().size() + batch.size() - vm.capacity();
                records().setAll(batch.subList(batch.size() - vm.capacity(), batch.size()));
            } else {
                records().addAll(batch);
                int excess = records().size() - vm.capacity();
                if (excess > 0) {
                    records().remove(0, excess);
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
            KafkaMessage newest = records().isEmpty() ? null : records().get(records().size() - 1);
            long behindMs = newest == null ? -1 : Math.max(0, System.currentTimeMillis() - newest.timestamp());
            String problem = t.problem();
            tailStats.set(problem != null ? problem : String.format(Locale.ROOT,
                    "tail: %,.0f rec/s in, %,.0f/s shown · %s received · showing the last %s · %s dropped%s",
                    inRate, shownRate, Human.count(received), Human.count(records().size()), Human.count(buffer.dropped()),
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

    @Override
    public void close() {
        LiveTail t = tail;
        tail = null;
        tailing.set(false);
        if (t != null) {
            t.close();
        }
    }
}
