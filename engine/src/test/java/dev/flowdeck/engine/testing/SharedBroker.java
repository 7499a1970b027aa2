package dev.flowdeck.engine.testing;

import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One embedded broker for all the tests of a class that extends this: starting a broker costs seconds on this
 * machine's two cores, so tests share it and keep apart by topic.
 */
public abstract class SharedBroker {
    protected static EmbeddedKafka broker;
    protected static KafkaSettings kafka;

    @BeforeAll
    static void startSharedBroker(@TempDir Path dir) {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        kafka = KafkaSettings.of(broker.bootstrapServers());
    }

    @AfterAll
    static void stopSharedBroker() {
        broker.close();
    }
}
