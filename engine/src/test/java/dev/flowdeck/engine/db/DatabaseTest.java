package dev.flowdeck.engine.db;

import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.SettingsException;
import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class DatabaseTest {
    @Test
    void schemaIsCreatedIdempotentlyOnH2(@TempDir Path dir) throws Exception {
        assertSchemaIdempotent(TestDatabases.h2(dir));
    }

    @Test
    void schemaIsCreatedIdempotentlyOnPostgres() throws Exception {
        DbSettings pg = TestDatabases.freshPostgresSchema();
        try {
            assertSchemaIdempotent(pg);
        } finally {
            TestDatabases.dropPostgresSchema(pg);
        }
    }

    /** A run and its workers start at once on a fresh database: every one gets its tables, none fails. */
    @Test
    void programsStartingAtOnceOnAFreshPostgresAllGetTheSchema() throws Exception {
        DbSettings pg = TestDatabases.freshPostgresSchema();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Database>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    Database db = Database.connect(pg);
                    db.execute("CREATE TABLE IF NOT EXISTS sink_like (k VARCHAR(10) PRIMARY KEY)");
                    return db;
                }));
            }
            go.countDown();
            for (Future<Database> f : starts) {
                assertThatCode(() -> f.get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
            }
        } finally {
            pool.shutdownNow();
            TestDatabases.dropPostgresSchema(pg);
        }
    }

    private static void assertSchemaIdempotent(DbSettings settings) throws Exception {
        Database first = Database.connect(settings);
        try (Connection c = first.open(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO livedb (org, amount, region) VALUES ('Acme', 12.34, 'eu-west')");
        }
        Database second = Database.connect(settings);
        try (Connection c = second.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, org, amount, region, created_at FROM livedb")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isPositive();
            assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.34");
            assertThat(rs.getObject("created_at", java.time.OffsetDateTime.class)).as("created_at defaults to now").isNotNull();
            assertThat(rs.next()).as("the second connect kept the data").isFalse();
        }
        try (Connection c = second.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM cdc_offsets")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void unreachablePostgresFailsFastNamingTheServer() {
        DbSettings nowhere = new DbSettings("jdbc:postgresql://127.0.0.1:1/flowdeck", "flowdeck", "secret-pw");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Database.connect(nowhere))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/flowdeck")
                .hasMessageContaining("Check --jdbc-url")
                .hasMessageNotContaining("secret-pw");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aFailureMessageNeverEchoesTheUrlsSecretsOrThePassword() {
        DbSettings s = new DbSettings("jdbc:postgresql://app:in-url-pw@db:5432/x?password=param-pw", "app", "field-pw");
        String m = new Database(s).describeFailure(new java.sql.SQLException("FATAL for jdbc:postgresql://app:in-url-pw@db:5432/x?password=param-pw",
                new java.io.IOException("auth with field-pw failed")));
        assertThat(m).doesNotContain("in-url-pw").doesNotContain("param-pw").doesNotContain("field-pw").contains("FATAL");
    }

    @Test
    void wrongPasswordSaysWhichSettingToCheck() {
        DbSettings pg = TestDatabases.freshPostgresSchema();
        try {
            DbSettings wrong = new DbSettings(pg.jdbcUrl(), pg.user(), "not-the-password");
            assertThatThrownBy(() -> Database.connect(wrong))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("FLOWDECK_DB_PASSWORD")
                    .hasMessageNotContaining("not-the-password");
        } finally {
            TestDatabases.dropPostgresSchema(pg);
        }
    }

    @Test
    void malformedUrlsAreRejectedBeforeConnecting() {
        assertThatThrownBy(() -> new DbSettings("postgres://localhost/db", "u", "p"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("jdbc:postgresql://host:5432/db");
        assertThatThrownBy(() -> new DbSettings(" ", "u", "p")).isInstanceOf(SettingsException.class);
        assertThatCode(() -> new DbSettings("jdbc:postgresql://h/db?sslmode=require", "u", "p")).doesNotThrowAnyException();
        assertThat(new DbSettings("jdbc:postgresql://h/db?password=hunter2", "u", "p").toString()).doesNotContain("hunter2");
    }
}
