package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.ResetChoice;
import dev.flowdeck.engine.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Source resets on a real PostgreSQL server: a schema dropped and made again, a sequence with CACHE above 1. */
class CdcSourceResetPostgresTest extends CdcSourceResetContract {
    @Override
    protected DbSettings freshDatabase(Path dir) {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    protected void recreate(DbSettings settings) throws Exception {
        String url = settings.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    protected void dispose(DbSettings settings) {
        TestDatabases.dropPostgresSchema(settings);
    }

    @Test
    void aSequenceHandingOutSeveralValuesPerSessionIsRefusedUntilFixed(@TempDir Path dir) throws Exception {
        begin(dir, "cache");
        db = dev.flowdeck.engine.db.Database.connect(settings);
        sql("ALTER TABLE livedb ALTER COLUMN id SET CACHE 20");
        CdcPoller poller = startPoller(ResetChoice.ASK);
        await().atMost(Duration.ofSeconds(60)).until(() -> poller.status().state() == StageState.FAILED);
        assertThat(poller.status().message()).contains("CACHE 20").contains("CACHE 1");
        sql("ALTER TABLE livedb ALTER COLUMN id SET CACHE 1");
        await("starts by itself once fixed").atMost(Duration.ofSeconds(30)).until(() -> poller.status().state() == StageState.RUNNING);
        awaitPublished(poller, insert(3));
    }

    @Test
    void localhostAnd127001AreOneSource(@TempDir Path dir) throws Exception {
        begin(dir, "samehost");
        db = dev.flowdeck.engine.db.Database.connect(settings);
        DbSettings other = new DbSettings(settings.jdbcUrl().replace("127.0.0.1", "localhost"), settings.user(), settings.password());
        assertThat(other.jdbcUrl()).isNotEqualTo(settings.jdbcUrl());
        dev.flowdeck.engine.db.Database second = dev.flowdeck.engine.db.Database.connect(other);
        try (Connection a = db.open(); Connection b = second.open()) {
            assertThat(dev.flowdeck.engine.db.SourceIdentity.read(b, second.dialect()))
                    .isEqualTo(dev.flowdeck.engine.db.SourceIdentity.read(a, db.dialect()));
        }
    }
}
