package dev.flowdeck.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker + controller) inside this JVM.
 *
 * <p>Storage is formatted on first start and kept in {@code dataDir} between runs. Listeners bind to loopback
 * ports, free ones unless given. Everything Kafka-internal stays in this class: the rest of Flowdeck only ever
 * sees {@link #bootstrapServers()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    /** Segment size of Kafka's internal compacted topics on the embedded broker; see {@link #brokerProperties}. */
    static final int INTERNAL_SEGMENT_BYTES = 8 << 20;

    /** Where and how to run. Ports of 0 mean "pick free ones". */
    public record Options(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        public Options {
            overrides = Map.copyOf(overrides);
        }

        public static Options in(Path dataDir) {
            return new Options(dataDir, 0, 0, Map.of());
        }

        public Options withPorts(int broker, int controller) {
            return new Options(dataDir, broker, controller, overrides);
        }

        public Options withOverride(String key, String value) {
            Map<String, String> copy = new LinkedHashMap<>(overrides);
            copy.put(key, value);
            return new Options(dataDir, brokerPort, controllerPort, copy);
        }
    }

    private final Options options;
    private final KafkaRaftServer server;
    private final Duration startup;
    private volatile boolean running;

    /** Aligns the internal topics of an older data folder; null when there is nothing to align. */
    private final Thread internalSegments;

    private EmbeddedKafka(Options options, KafkaRaftServer server, Duration startup, Thread internalSegments) {
        this.options = options;
        this.server = server;
        this.startup = startup;
        this.internalSegments = internalSegments;
        this.running = true;
    }

    /**
     * Formats the storage if needed and starts the broker. Returns once the broker's listeners are bound; the
     * first produce is accepted a few seconds later, once the controller has elected itself and the broker has
     * registered (clients simply wait for metadata).
     */
    public static EmbeddedKafka start(Options requested) {
        long t0 = System.nanoTime();
        int brokerPort = requested.brokerPort() > 0 ? requested.brokerPort() : FreePorts.pick();
        int controllerPort = requested.controllerPort() > 0 ? requested.controllerPort() : FreePorts.pick();
        while (controllerPort == brokerPort) {
            controllerPort = FreePorts.pick();
        }
        Options options = requested.withPorts(brokerPort, controllerPort);
        Path logDir = options.dataDir().resolve("kafka").toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new InfraException("cannot create the Kafka data folder " + logDir + ": " + e.getMessage()
                    + ". Choose a writable folder with --data-dir.", e);
        }
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        options.overrides().forEach(props::setProperty);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNeeded(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            safeShutdown(server);
            throw new InfraException(startFailureMessage(logDir, e), e);
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - t0);
        log.info("embedded Kafka broker listening on 127.0.0.1:{} (controller {}), data in {}, started in {} ms",
                brokerPort, controllerPort, logDir, startup.toMillis());
        Thread internalSegments = InternalTopicSegments.startIfNeeded("127.0.0.1:" + brokerPort, logDir, props);
        return new EmbeddedKafka(options, server, startup, internalSegments);
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, and fewer partitions start faster.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        // A desktop app must not fill the disk: bounded retention unless a topic says otherwise.
        p.setProperty("log.retention.hours", "24");
        p.setProperty("log.retention.bytes", Long.toString(1L << 30));
        p.setProperty("log.segment.bytes", Integer.toString(64 << 20));
        // Each partition's active segment preallocates its offset and time indexes at this size (10 MB each by
        // default: 1.2 GB over the ~60 partitions here, real bytes on file systems without sparse files). 1 MB
        // indexes 128 k entries, far more than a 64 MB segment needs at one entry per 4 kB.
        p.setProperty("log.index.size.max.bytes", Integer.toString(1 << 20));
        // Kafka's own compacted topics (transactions, consumer offsets, share state) compact only closed segments; at
        // the default 100 MB a segment each of their partitions grows to 100-200 MB before the cleaner touches it
        // (__transaction_state reached 11-17 MB a partition in a 30-minute soak and kept growing). 8 MB segments
        // bound them to a few of those.
        p.setProperty("transaction.state.log.segment.bytes", Integer.toString(INTERNAL_SEGMENT_BYTES));
        p.setProperty("offsets.topic.segment.bytes", Integer.toString(INTERNAL_SEGMENT_BYTES));
        p.setProperty("share.coordinator.state.topic.segment.bytes", Integer.toString(INTERNAL_SEGMENT_BYTES));
        p.setProperty("log.retention.check.interval.ms", "60000");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 << 20));
        return p;
    }

    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new InfraException("cannot format the Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        log.info("formatted new KRaft storage in {}: {}", logDir, sink.toString(StandardCharsets.UTF_8).trim());
    }

    private static String startFailureMessage(Path logDir, RuntimeException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("lock") || reason.contains("Lock")) {
            return "the Kafka data folder " + logDir + " is in use by another Flowdeck (or Kafka) process. "
                    + "Close it, or start this one with another --data-dir.";
        }
        return "the embedded Kafka broker did not start (data in " + logDir + "): " + reason;
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + options.brokerPort();
    }

    /** The options this broker runs with, ports resolved: start a broker on the same ports after {@link #close()}. */
    public Options options() {
        return options;
    }

    /** From the call to {@link #start} until the listeners were bound. */
    public Duration startupDuration() {
        return startup;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the broker and controller and waits for their threads to end. Idempotent. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        long t0 = System.nanoTime();
        if (internalSegments != null) {
            internalSegments.interrupt();
            try {
                internalSegments.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        safeShutdown(server);
        log.info("embedded Kafka broker stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static void safeShutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("embedded Kafka broker shutdown: {}", e.toString());
        }
    }
}
