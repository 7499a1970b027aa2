package dev.flowdeck.app.session;

import dev.flowdeck.app.session.Profile;
import dev.flowdeck.app.session.ConsoleSession;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Dialect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's session on real infrastructure: it starts the embedded broker, database and every stage; a profile
 * switch restarts the pipeline on the new connections (here: the same embedded broker, a PostgreSQL database) with the
 * slider settings kept; stopping leaves nothing running. The PostgreSQL part needs a server (see .ci/run).
 */
class ConsoleSessionTest {
    private static final String PG_URL = env("FLOWDECK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/flowdeck_test");
    private static final String PG_USER = env("FLOWDECK_TEST_PG_USER", "flowdeck");
    private static final String PG_PASSWORD = env("FLOWDECK_TEST_PG_PASSWORD", "flowdeck");

    @Test
    void startsEverythingThenSwitchesToPostgresKeepingTheSettings(@TempDir Path dir) throws Exception {
        PipelineSettings settings = new PipelineSettings().rowsPerBurst(50).burstIntervalMs(50);
        ConsoleSession session = new ConsoleSession(dir, Profile.embedded(), settings, () -> Seeds.load(null, p -> { }));
        try {
            session.start();
            assertThat(session.status().phase()).isEqualTo(ConsoleSession.Phase.RUNNING);
            assertThat(session.status().broker().state()).isEqualTo(StageState.RUNNING);
            assertThat(session.status().database().message()).startsWith("embedded H2");
            Pipeline first = session.pipeline().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().counters(Pipeline.READER).items() > 0);
            assertThat(session.kafka()).isPresent();
            assertThat(session.database().orElseThrow().dialect()).isEqualTo(Dialect.H2);

            session.setStageRunning(first.writer().id(), false);
            assertThat(first.writer().status().state()).isEqualTo(StageState.STOPPED);
            session.setStageRunning(first.writer().id(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.writer().status().state() == StageState.RUNNING);

            String schema = freshPostgresSchema();
            Profile pg = new Profile("Local PostgreSQL", Profile.Kind.EXTERNAL, "", Map.of(),
                    PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, PG_USER, PG_PASSWORD, false);
            try {
                session.switchTo(pg);
                assertThat(session.status().phase()).as(session.status().message()).isEqualTo(ConsoleSession.Phase.RUNNING);
                assertThat(session.profile().name()).isEqualTo("Local PostgreSQL");
                Pipeline second = session.pipeline().orElseThrow();
                assertThat(second).isNotSameAs(first);
                assertThat(first.writer().status().state()).isEqualTo(StageState.STOPPED);
                assertThat(session.database().orElseThrow().dialect()).isEqualTo(Dialect.POSTGRESQL);
                assertThat(second.settings().rowsPerBurst()).isEqualTo(50);
                await().atMost(Duration.ofSeconds(60)).until(() -> second.metrics().counters(Pipeline.READER).items() > 0);
            } finally {
                session.stop();
                dropSchema(schema);
            }
        } finally {
            session.close();
        }
        assertThat(session.pipeline()).isEmpty();
        assertThat(session.status().phase()).isEqualTo(ConsoleSession.Phase.STOPPED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && (t.getName().startsWith("flowdeck-burst-writer") || t.getName().startsWith("flowdeck-cdc-poller")
                || t.getName().startsWith("flowdeck-kafka-reader")));
    }

    @Test
    void anUnreachableClusterFailsTheStartWithTheReason(@TempDir Path dir) {
        Profile nowhere = new Profile("Nowhere", Profile.Kind.EXTERNAL, "127.0.0.1:1", Map.of(), "", "", "", false);
        ConsoleSession session = new ConsoleSession(dir, nowhere, new PipelineSettings(), () -> Seeds.load(null, p -> { }));
        session.start();
        assertThat(session.status().phase()).isEqualTo(ConsoleSession.Phase.FAILED);
        assertThat(session.status().message()).contains("127.0.0.1:1");
        assertThat(session.status().broker().state()).isEqualTo(StageState.FAILED);
        assertThat(session.pipeline()).isEmpty();
        session.close();
    }

    private static String freshPostgresSchema() {
        String schema = "console_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("FLOWDECK_REQUIRE_POSTGRES"))) {
                throw new AssertionError(reason, e);
            }
            Assumptions.abort(reason);
        }
        return schema;
    }

    private static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // a leftover schema is harmless
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
