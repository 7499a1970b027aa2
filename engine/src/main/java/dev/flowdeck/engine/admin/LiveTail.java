package dev.flowdeck.engine.admin;

import dev.flowdeck.engine.admin.schema.WireFormat;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Follows a topic from its end as records arrive, on its own thread ({@code flowdeck-tail-<topic>}), and hands
 * matching records to a {@link TailBuffer}. The consumer joins no group (assign + seek). It keeps up with hundreds of
 * thousands of records a second; the buffer keeps memory bounded if the reader does not.
 *
 * <p>Stopping uses {@link KafkaConsumer#wakeup()}, never an interrupt: Kafka clients treat interrupts as fatal.
 */
public final class LiveTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveTail.class);
    private static final long NEW_PARTITION_CHECK_MS = 5_000;

    private final KafkaSettings kafka;
    private final String topic;
    private final OptionalInt partition;
    private final MessageFilter filter;
    private final Masking masking;
    private final WireFormat wire;
    private final IsolationLevel isolation;
    private final TailBuffer<KafkaMessage> buffer;
    private final Runnable onData;
    private final Object lock = new Object();
    private volatile boolean running;
    private volatile long received;
    private volatile long matched;
    private volatile String problem;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    LiveTail(KafkaSettings kafka, String topic, OptionalInt partition, MessageFilter filter, Masking masking,
             WireFormat wire, IsolationLevel isolation, TailBuffer<KafkaMessage> buffer, Runnable onData) {
        this.kafka = kafka;
        this.topic = topic;
        this.partition = partition;
        this.filter = filter == null ? MessageFilter.NONE : filter;
        this.masking = masking == null ? Masking.NONE : masking;
        this.wire = wire;
        this.isolation = isolation == null ? IsolationLevel.READ_COMMITTED : isolation;
        this.buffer = buffer;
        this.onData = onData;
    }

    public void start() {
        synchronized (lock) {
            if (thread != null) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "flowdeck-tail-" + topic);
            thread.setDaemon(true);
            thread.start();
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Records read from the topic since the start. */
    public long received() {
        return received;
    }

    /** Records that matched the filter and went into the buffer. */
    public long matched() {
        return matched;
    }

    /** The last error, e.g. the topic was deleted or Kafka is unreachable; null while all is well. */
    public String problem() {
        return problem;
    }

    public TailBuffer<KafkaMessage> buffer() {
        return buffer;
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try {
                consume();
                backoff = 200;
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (KafkaException | AdminException e) {
                problem = "tail of '" + topic + "' paused: " + e.getMessage() + " Retrying.";
                log.debug("live tail of {} failed", topic, e);
                waitQuietly(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void consume() {
        Map<String, Object> config = MessageBrowser.readerConfig(kafka, "tail", isolation);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            synchronized (lock) {
                if (!running) {
                    return;
                }
                consumer = c;
            }
            Duration timeout = Duration.ofMillis(KafkaClients.REQUEST_TIMEOUT_MS);
            Set<TopicPartition> assigned = new HashSet<>(MessageBrowser.partitions(c, topic, partition, timeout));
            c.assign(assigned);
            c.seekToEnd(assigned);
            assigned.forEach(tp -> c.position(tp, timeout)); // fix "the end" now, not at the first fetch
            problem = null;
            long nextPartitionCheck = System.currentTimeMillis() + NEW_PARTITION_CHECK_MS;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    List<KafkaMessage> batch = new ArrayList<>(records.count());
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        KafkaMessage m = KafkaMessage.of(r, wire);
                        if (filter.matches(m)) {
                            batch.add(masking.apply(m));
                        }
                    }
                    received += records.count();
                    matched += batch.size();
                    if (!batch.isEmpty()) {
                        buffer.addAll(batch);
                        onData.run();
                    }
                }
                if (partition.isEmpty() && System.currentTimeMillis() >= nextPartitionCheck) {
                    nextPartitionCheck = System.currentTimeMillis() + NEW_PARTITION_CHECK_MS;
                    Set<TopicPartition> now = new HashSet<>(MessageBrowser.partitions(c, topic, partition, timeout));
                    if (!now.equals(assigned)) {
                        Set<TopicPartition> added = new HashSet<>(now);
                        added.removeAll(assigned);
                        c.assign(now);
                        c.seekToBeginning(added); // a new partition's first records are new: show them all
                        assigned = now;
                    }
                }
            }
        } finally {
            synchronized (lock) {
                consumer = null;
            }
        }
    }

    private void waitQuietly(long ms) {
        synchronized (lock) {
            long until = System.currentTimeMillis() + ms;
            while (running && System.currentTimeMillis() < until) {
                try {
                    lock.wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the tail and waits (bounded) for its thread to end. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            running = false;
            if (consumer != null) {
                consumer.wakeup();
            }
            lock.notifyAll();
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within 10 s", t.getName());
            }
        }
    }
}
